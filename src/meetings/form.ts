import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts } from "../platform/http/validation.ts";
import { isMeetingKind, type AttendeeInput, type AttendeeKind, type MeetingInput, type MeetingKind, type RecommendationInput } from "./schema.ts";

/**
 * The meeting forms without JavaScript: attendees ticked from the team around the person, a few
 * rows for anyone else, and a few rows of recommendations. Empty rows are ignored; a row filled in
 * part says what is missing, row by row.
 */

/** Someone in the team around the person who can be ticked as an attendee. */
export interface Candidate {
  /** "user:<id>", "professional:<id>", "family:<id>" or "the-person". */
  key: string;
  kind: AttendeeKind;
  userId: string | null;
  name: string;
  role: string | null;
}

export interface MeetingFormValues {
  /** Every single-valued field as it was typed. */
  fields: Record<string, string>;
  /** Candidates ticked as there (or invited), and as having sent apologies. */
  attendees: string[];
  apologies: string[];
}

/** Rows offered for other attendees and for recommendations before anything is typed. */
export const EMPTY_ROWS = 3;
/** No form may carry more rows than this. */
export const MAX_ROWS = 30;
/** Other attendees: the API records up to 60 attendees, so an edit shows and keeps every one (and a row to spare). */
export const MAX_OTHER_ROWS = 61;

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

/** The posted form: repeated checkboxes as lists, everything else as text. */
export function readMeetingForm(body: unknown): MeetingFormValues {
  const fields: Record<string, string> = {};
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "attendees" || key === "apologies") continue;
    const [first] = strings(value);
    if (first !== undefined) fields[key] = first;
  }
  return { fields, attendees: strings(record.attendees), apologies: strings(record.apologies) };
}

const OTHER_FIELDS = ["name", "role", "apologies"] as const;
const RECOMMENDATION_FIELDS = ["description", "ownerOrganisationId", "ownerUserId", "ownerName", "dueOn-day", "dueOn-month", "dueOn-year"] as const;

function rowIsEmpty(fields: Record<string, string>, prefix: string, names: readonly string[]): boolean {
  return names.every((name) => !(fields[`${prefix}${name}`] ?? "").trim());
}

/** How many rows of a kind to show: every row typed in, then one empty one, and at least `minimum`. */
export function rowsToShow(fields: Record<string, string>, kind: "other" | "rec", minimum = EMPTY_ROWS): number {
  const names = kind === "other" ? OTHER_FIELDS : RECOMMENDATION_FIELDS;
  const max = kind === "other" ? MAX_OTHER_ROWS : MAX_ROWS;
  let last = -1;
  for (let index = 0; index < max; index++) if (!rowIsEmpty(fields, `${kind}-${index}-`, names)) last = index;
  return Math.min(max, Math.max(minimum, last + 2));
}

function trimmed(fields: Record<string, string>, name: string): string | null {
  const value = (fields[name] ?? "").trim();
  return value === "" ? null : value;
}

function tooLong(issues: FieldIssue[], field: string, value: string | null, label: string, max: number): void {
  if (value !== null && value.length > max) issues.push({ field, message: `${label} must be ${max} characters or fewer` });
}

/**
 * One recommendation row (`rec-<index>-…`): null when it is empty. `label` names the row in messages
 * ("Recommendation 2"); without it the messages speak of the one recommendation on the form.
 */
export function readRecommendationRow(
  fields: Record<string, string>,
  index: number,
  label: string | null,
): { input: RecommendationInput } | { issues: FieldIssue[] } | null {
  const prefix = `rec-${index}-`;
  if (rowIsEmpty(fields, prefix, RECOMMENDATION_FIELDS)) return null;
  const say = (message: string) => (label ? `${label}: ${message}` : message.charAt(0).toUpperCase() + message.slice(1));
  const issues: FieldIssue[] = [];
  const description = trimmed(fields, `${prefix}description`);
  if (description === null) issues.push({ field: `${prefix}description`, message: say("describe what will be done") });
  tooLong(issues, `${prefix}description`, description, say("the description"), 2000);
  const ownerOrganisationId = trimmed(fields, `${prefix}ownerOrganisationId`);
  if (ownerOrganisationId === null) issues.push({ field: `${prefix}ownerOrganisationId`, message: say("choose the organisation that owns it") });
  const ownerName = trimmed(fields, `${prefix}ownerName`);
  tooLong(issues, `${prefix}ownerName`, ownerName, say("the named owner"), 200);
  const due = dateFromParts(say("the due date"), { day: fields[`${prefix}dueOn-day`], month: fields[`${prefix}dueOn-month`], year: fields[`${prefix}dueOn-year`] });
  if ("error" in due) issues.push({ field: `${prefix}dueOn`, message: due.error });
  else if (due.value === null) issues.push({ field: `${prefix}dueOn`, message: say("enter the date it is due by") });
  if (issues.length > 0 || description === null || ownerOrganisationId === null || !("value" in due) || due.value === null) return { issues };
  return { input: { description, dueOn: due.value, ownerOrganisationId, ownerUserId: trimmed(fields, `${prefix}ownerUserId`), ownerName } };
}

export interface ParsedMeetingForm {
  meeting: MeetingInput;
  recommendations: RecommendationInput[];
  /** The form row of each recommendation, to put the service's messages beside the right row. */
  rows: number[];
}

/** Reads the meeting form against the people who may be ticked; recommendations only on the new-meeting form. */
export function parseMeetingForm(
  values: MeetingFormValues,
  candidates: Candidate[],
  options: { withRecommendations: boolean },
): { parsed: ParsedMeetingForm } | { issues: FieldIssue[] } {
  const { fields } = values;
  const issues: FieldIssue[] = [];
  const kind = fields.kind ?? "";
  if (!isMeetingKind(kind)) issues.push({ field: "kind", message: "Select the kind of meeting" });
  const date = dateFromParts("The date of the meeting", { day: fields["heldOn-day"], month: fields["heldOn-month"], year: fields["heldOn-year"] });
  if ("error" in date) issues.push({ field: "heldOn", message: date.error });
  else if (date.value === null) issues.push({ field: "heldOn", message: "Enter the date of the meeting" });
  const location = trimmed(fields, "location");
  tooLong(issues, "location", location, "Where the meeting is", 200);
  const notes = trimmed(fields, "notes");
  tooLong(issues, "notes", notes, "The notes", 20000);

  const byKey = new Map(candidates.map((candidate) => [candidate.key, candidate]));
  const ticked = [...new Set([...values.attendees, ...values.apologies])];
  if (ticked.some((key) => !byKey.has(key))) issues.push({ field: "attendees", message: "Choose attendees from the team around the person" });
  const attendees: AttendeeInput[] = ticked.flatMap((key) => {
    const candidate = byKey.get(key);
    if (!candidate) return [];
    return [{ kind: candidate.kind, userId: candidate.userId, name: candidate.name, role: candidate.role, sentApologies: values.apologies.includes(key) }];
  });
  for (let index = 0; index < MAX_OTHER_ROWS; index++) {
    const prefix = `other-${index}-`;
    if (rowIsEmpty(fields, prefix, ["name", "role"])) continue;
    const name = trimmed(fields, `${prefix}name`);
    const role = trimmed(fields, `${prefix}role`);
    if (name === null) issues.push({ field: `${prefix}name`, message: `Other attendee ${index + 1}: enter their name` });
    tooLong(issues, `${prefix}name`, name, `Other attendee ${index + 1}: the name`, 200);
    tooLong(issues, `${prefix}role`, role, `Other attendee ${index + 1}: the role or agency`, 200);
    if (name !== null) attendees.push({ kind: "other", userId: null, name, role, sentApologies: fields[`${prefix}apologies`] === "yes" });
  }

  const recommendations: RecommendationInput[] = [];
  const rows: number[] = [];
  if (options.withRecommendations) {
    for (let index = 0; index < MAX_ROWS; index++) {
      const row = readRecommendationRow(fields, index, `Recommendation ${index + 1}`);
      if (row === null) continue;
      if ("issues" in row) issues.push(...row.issues);
      else {
        recommendations.push(row.input);
        rows.push(index);
      }
    }
  }
  if (issues.length > 0 || !isMeetingKind(kind) || !("value" in date) || date.value === null) return { issues };
  return { parsed: { meeting: { kind, heldOn: date.value, location, notes, attendees }, recommendations, rows } };
}

/**
 * The service names a recommendation's field `recommendations.<n>.<field>`; on the form it is
 * `rec-<row>-<field>`. Other fields keep their names.
 */
export function formIssues(issues: FieldIssue[], rows: number[]): FieldIssue[] {
  return issues.map((issue) => {
    const match = /^recommendations\.(\d+)\.(\w+)$/.exec(issue.field);
    if (!match) return issue.field === "recommendations" ? { ...issue, field: `rec-${rows[0] ?? 0}-description` } : issue;
    const row = rows[Number(match[1])] ?? 0;
    return { ...issue, field: `rec-${row}-${match[2]}`, message: `Recommendation ${row + 1}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` };
  });
}

function dateFields(prefix: string, iso: string | null): Record<string, string> {
  if (!iso) return {};
  const [year, month, day] = iso.split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? "" };
}

/** The edit form filled from a stored meeting: ticked candidates, and anyone else in the "other" rows. */
export function formValuesFromMeeting(
  meeting: { kind: MeetingKind; heldOn: string; location: string | null; notes: string | null; version: number },
  attendees: AttendeeInput[],
  candidates: Candidate[],
): MeetingFormValues {
  const fields: Record<string, string> = {
    kind: meeting.kind,
    ...dateFields("heldOn", meeting.heldOn),
    location: meeting.location ?? "",
    notes: meeting.notes ?? "",
    version: String(meeting.version),
  };
  const values: MeetingFormValues = { fields, attendees: [], apologies: [] };
  let other = 0;
  for (const attendee of attendees) {
    const candidate = candidates.find((found) =>
      found.kind === attendee.kind && (attendee.kind === "the-person" || (attendee.userId ? found.userId === attendee.userId : found.name === attendee.name)),
    );
    if (candidate) {
      (attendee.sentApologies ? values.apologies : values.attendees).push(candidate.key);
      continue;
    }
    fields[`other-${other}-name`] = attendee.name;
    fields[`other-${other}-role`] = attendee.role ?? "";
    if (attendee.sentApologies) fields[`other-${other}-apologies`] = "yes";
    other++;
  }
  return values;
}

/** A new meeting's form: the kind asked for in the address, today's date when it is not known yet. */
export function formValuesForNewMeeting(kind: string | undefined): MeetingFormValues {
  return { fields: kind && isMeetingKind(kind) ? { kind } : {}, attendees: [], apologies: [] };
}
