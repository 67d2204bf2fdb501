import { conflictSummary } from "../platform/views/conflict.ts";
/** Pieces the contact and appointment pages share: the error summary, the conflict box, labels. */
import type { FieldIssue } from "../platform/http/errors.ts";
import { govukErrorSummary } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, plural } from "../platform/views/format.ts";
import {
  CONTACT_LOCATION_LABELS,
  CONTACT_PURPOSE_LABELS,
  CONTACT_TYPE_LABELS,
  WORK_KIND_LABELS,
  labelOf,
  type ContactLocation,
  type ContactPurpose,
  type ContactType,
  type WorkKind,
} from "./schema.ts";

/** Where each field's error link points: the first input of a date, the first radio. */
const ERROR_TARGETS: Record<string, string> = {
  occurredOn: "#occurredOn-day",
  occurredAt: "#occurredOn-day",
  startsOn: "#startsOn-day",
  startsAt: "#startsOn-day",
  form: "#main-content",
  status: "#status-actions",
};

/** Field -> message for one form. */
export type Errors = Record<string, string>;

/** The errorMessage parameter of a GOV.UK field, when that field has an error. */
export const errorFor = (errors: Errors, field: string) => (errors[field] ? { errorMessage: { text: errors[field] } } : {});

export function errorSummary(issues: FieldIssue[]): SafeHtml | string {
  if (issues.length === 0) return "";
  return govukErrorSummary({
    titleText: "There is a problem",
    errorList: issues.map((issue) => ({ text: issue.message, href: ERROR_TARGETS[issue.field] ?? `#${issue.field}` })),
  });
}

/** Shown when someone else saved first: what is saved now, then the user's version in the form to save again. */
export function conflictBox(what: string, rows: Array<{ label: string; stored: string }>): SafeHtml {
  return conflictSummary(`Someone else changed this ${what} while you were editing`, rows.map((row) => ({ key: { text: row.label }, value: { text: row.stored || "(blank)" } })));
}

export const typeLabel = (value: string | null) => labelOf<ContactType>(CONTACT_TYPE_LABELS, value);
export const locationLabel = (value: string | null) => labelOf<ContactLocation>(CONTACT_LOCATION_LABELS, value);
export const workKindLabel = (value: string | null) => labelOf<WorkKind>(WORK_KIND_LABELS, value);
export const purposeLabel = (value: string | null) => labelOf<ContactPurpose>(CONTACT_PURPOSE_LABELS, value);

export function durationText(minutes: number | null): string | null {
  if (minutes === null) return null;
  if (minutes < 60) return plural(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, "hour") : `${plural(hours, "hour")} ${plural(rest, "minute")}`;
}

/** What a contact says, as summary list rows; blank fields are left out. */
export function contactRows(contact: {
  workerName: string;
  occurredAt: Date;
  location: string | null;
  workKind: string | null;
  purpose: string | null;
  durationMinutes: number | null;
  note: string | null;
}) {
  const row = (key: string, value: string | null) => (value ? { key: { text: key }, value: { text: value } } : undefined);
  return [
    row("When", formatDateTime(contact.occurredAt)),
    row("Who", contact.workerName),
    row("Where", locationLabel(contact.location)),
    row("Work", workKindLabel(contact.workKind)),
    row("Purpose", purposeLabel(contact.purpose)),
    row("How long", durationText(contact.durationMinutes)),
    contact.note ? { key: { text: "Note" }, value: { html: html`<span class="keywork-note">${contact.note}</span>` } } : undefined,
  ];
}
