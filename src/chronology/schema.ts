import { z } from "zod";
import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts, fieldIssues, isRealIsoDate, optionalText, requiredText, todayIso } from "../platform/http/validation.ts";

export const SIGNIFICANT_EVENT_KINDS = [
  "eviction",
  "moved",
  "arrested",
  "sentenced",
  "released-from-prison",
  "admitted-to-hospital",
  "discharged-from-hospital",
  "crisis",
  "bereavement",
  "achievement",
  "other",
] as const;
export type SignificantEventKind = (typeof SIGNIFICANT_EVENT_KINDS)[number];

export const SIGNIFICANT_EVENT_LABELS: Record<SignificantEventKind, string> = {
  eviction: "Evicted",
  moved: "Moved home",
  arrested: "Arrested",
  sentenced: "Sentenced",
  "released-from-prison": "Released from prison",
  "admitted-to-hospital": "Admitted to hospital",
  "discharged-from-hospital": "Discharged from hospital",
  crisis: "Crisis",
  bereavement: "Bereavement",
  achievement: "Achievement",
  other: "Something else",
};

/** Significant events about offending or health belong to those consent scopes: others see them only when shared. */
export const OFFENDING_EVENT_KINDS: readonly SignificantEventKind[] = ["arrested", "sentenced", "released-from-prison"];
export const HEALTH_EVENT_KINDS: readonly SignificantEventKind[] = ["admitted-to-hospital", "discharged-from-hospital", "crisis"];

/** The section of the record a significant event of this kind belongs to. */
export function significantEventSection(kind: string): "offending" | "health" | "record" {
  if ((OFFENDING_EVENT_KINDS as readonly string[]).includes(kind)) return "offending";
  if ((HEALTH_EVENT_KINDS as readonly string[]).includes(kind)) return "health";
  return "record";
}

export function significantEventLabel(kind: string): string {
  return (SIGNIFICANT_EVENT_KINDS as readonly string[]).includes(kind) ? SIGNIFICANT_EVENT_LABELS[kind as SignificantEventKind] : kind;
}

/** What the chronology can be narrowed to. */
export const CHRONOLOGY_FILTERS = ["contacts", "significant-events", "record", "consent", "risks"] as const;
export type ChronologyFilter = (typeof CHRONOLOGY_FILTERS)[number];

export const CHRONOLOGY_FILTER_LABELS: Record<ChronologyFilter, string> = {
  contacts: "Contacts",
  "significant-events": "Significant events",
  record: "Changes to the record",
  consent: "Consent",
  risks: "Risks",
};

export const CHRONOLOGY_PAGE_SIZE = 50;

/** A significant event as the service takes it. */
export interface SignificantEventInput {
  kind: SignificantEventKind;
  title: string;
  occurredAt: Date;
  note: string | null;
}

const LONDON_PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** The UK calendar date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function londonParts(value: Date): { date: string; time: string } {
  const parts = Object.fromEntries(LONDON_PARTS.formatToParts(value).map((part) => [part.type, part.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The instant a UK date and wall-clock time name (British Summer Time included). */
export function fromLondon(date: string, time: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const wall = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  const offsetAt = (instant: number): number => {
    const local = londonParts(new Date(instant));
    const [y, m, d] = local.date.split("-").map(Number);
    const [h, mi] = local.time.split(":").map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0) - instant;
  };
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

/** "14:30", "9:05", "2:30pm", "11am" -> "HH:MM"; null when it is not a time. */
export function parseTime(text: string): string | null {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem === undefined && match[2] === undefined) return null;
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  } else if (hour > 23) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** An event with no time of day is kept at midnight UK time and shown as a date alone. */
export function hasTimeOfDay(value: Date): boolean {
  return londonParts(value).time !== "00:00";
}

export interface SignificantEventFormValues {
  kind?: string;
  title?: string;
  "occurredOn-day"?: string;
  "occurredOn-month"?: string;
  "occurredOn-year"?: string;
  time?: string;
  note?: string;
  version?: string;
}

const eventText = z.strictObject({
  kind: z.enum(SIGNIFICANT_EVENT_KINDS, { error: "Select what happened" }),
  title: requiredText("Title", 200, "Enter a title, like “Evicted from St Anne's Hostel”"),
  note: optionalText("Note", 5000),
});

const FIELD_ORDER = ["kind", "title", "occurredOn", "time", "note"];

/** Reads the significant event form, or says what is wrong beside each field. */
export function significantEventFromForm(values: SignificantEventFormValues, now: Date = new Date()): { input: SignificantEventInput } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const parsed = eventText.safeParse({ kind: values.kind || undefined, title: values.title ?? "", note: values.note });
  if (!parsed.success) issues.push(...fieldIssues(parsed.error));
  const date = dateFromParts("Date", { day: values["occurredOn-day"], month: values["occurredOn-month"], year: values["occurredOn-year"] });
  let occurredOn: string | null = null;
  if ("error" in date) issues.push({ field: "occurredOn", message: date.error });
  else if (date.value === null) issues.push({ field: "occurredOn", message: "Enter the date it happened" });
  else if (date.value > todayIso(now)) issues.push({ field: "occurredOn", message: "The date must be today or in the past" });
  else if (date.value < "1900-01-01") issues.push({ field: "occurredOn", message: "The date must be after 1900" });
  else occurredOn = date.value;
  const timeText = (values.time ?? "").trim();
  const time = timeText ? parseTime(timeText) : "00:00";
  if (time === null) issues.push({ field: "time", message: "Enter a time like 14:30 or 2:30pm, or leave it blank" });
  let occurredAt: Date | null = null;
  if (occurredOn && time) {
    occurredAt = fromLondon(occurredOn, time);
    if (occurredAt.getTime() > now.getTime()) {
      issues.push({ field: "time", message: "The time must be in the past" });
      occurredAt = null;
    }
  }
  issues.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  if (issues.length > 0 || !parsed.success || !occurredAt) return { issues };
  return { input: { ...parsed.data, occurredAt } };
}

/** The form's values for a stored event. */
export function formValuesFromEvent(event: { kind: string; title: string; occurredAt: Date; note: string | null; version: number }): SignificantEventFormValues {
  const { date, time } = londonParts(event.occurredAt);
  const [year, month, day] = date.split("-");
  return {
    kind: event.kind,
    title: event.title,
    "occurredOn-day": String(Number(day)),
    "occurredOn-month": String(Number(month)),
    "occurredOn-year": year ?? "",
    time: time === "00:00" ? "" : time,
    note: event.note ?? "",
    version: String(event.version),
  };
}

export interface ChronologyOptions {
  filter: ChronologyFilter | null;
  from: string | null;
  to: string | null;
}

/** The page's filters, from `kind`, and `from`/`to` as YYYY-MM-DD or as GOV.UK date parts. */
export function chronologyOptionsFromQuery(query: Record<string, string>): { options: ChronologyOptions; page: number; print: boolean; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const filter = (CHRONOLOGY_FILTERS as readonly string[]).includes(query.kind ?? "") ? (query.kind as ChronologyFilter) : null;
  if (query.kind && !filter) issues.push({ field: "kind", message: "Select what to show from the list" });
  const dateOf = (name: "from" | "to", label: string): string | null => {
    const iso = query[name];
    if (iso) {
      if (isRealIsoDate(iso)) return iso;
      issues.push({ field: name, message: `${label} must be a real date` });
      return null;
    }
    const parts = dateFromParts(label, { day: query[`${name}-day`], month: query[`${name}-month`], year: query[`${name}-year`] });
    if ("error" in parts) {
      issues.push({ field: name, message: parts.error });
      return null;
    }
    return parts.value;
  };
  const from = dateOf("from", "The ‘from’ date");
  const to = dateOf("to", "The ‘to’ date");
  if (from && to && to < from) issues.push({ field: "to", message: "The ‘to’ date must be the same as or after the ‘from’ date" });
  const page = Number.parseInt(query.page ?? "1", 10);
  return {
    options: { filter, from: issues.length > 0 ? null : from, to: issues.length > 0 ? null : to },
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    print: query.print === "1",
    issues,
  };
}

/** API query for the chronology. */
export const chronologyApiQuery = z
  .strictObject({
    kind: z.enum(CHRONOLOGY_FILTERS, { error: `kind must be one of: ${CHRONOLOGY_FILTERS.join(", ")}` }).optional(),
    from: z.string().refine(isRealIsoDate, { error: "from must be a date, YYYY-MM-DD" }).optional().describe("First UK calendar day, YYYY-MM-DD"),
    to: z.string().refine(isRealIsoDate, { error: "to must be a date, YYYY-MM-DD" }).optional().describe("Last UK calendar day, YYYY-MM-DD"),
    before: z
      .string()
      .max(100)
      .refine((value) => parseCursor(value) !== null, { error: "before must be an ISO date-time or the `next` value of the previous page" })
      .optional()
      .describe("Items that happened before this: the previous page's `next`, or an ISO date-time"),
    limit: z.coerce.number().int().min(1).max(200).optional().describe("Items per page, 50 unless given (at most 200)"),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { error: "to must be the same as or after from", path: ["to"] });

/** A position on the timeline: the time of the last item seen, and its id to break ties. */
export interface TimelineCursor {
  at: string;
  id: string | null;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function parseCursor(value: string): TimelineCursor | null {
  const cursor = CURSOR.exec(value);
  if (cursor?.[1] && cursor[2]) return { at: cursor[1], id: cursor[2] };
  if (!/^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : { at: at.toISOString(), id: null };
}
