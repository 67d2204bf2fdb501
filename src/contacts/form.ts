/** Reading the contact and appointment forms into what the services take, or the issues to show. */
import type { FieldIssue } from "../platform/http/errors.ts";
import { dateFromParts } from "../platform/http/validation.ts";
import {
  CONTACT_LOCATIONS,
  CONTACT_PURPOSES,
  CONTACT_TYPES,
  MAX_APPOINTMENT_MINUTES,
  MAX_DURATION_MINUTES,
  WORK_KINDS,
  type AppointmentDetails,
  type ContactDetails,
} from "./schema.ts";
import { londonDateAndTime, londonInstant, parseTime } from "./uk-time.ts";

export type FormValues = Record<string, string | undefined>;

export const CONTACT_FIELD_ORDER = ["form", "type", "occurredOn", "occurredTime", "location", "workKind", "purpose", "durationMinutes", "note"];
export const APPOINTMENT_FIELD_ORDER = ["form", "startsOn", "startsTime", "durationMinutes", "place", "purpose", "status"];

function sortIssues(issues: FieldIssue[], order: string[]): FieldIssue[] {
  return [...issues].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

function choice<Value extends string>(values: readonly Value[], raw: string | undefined): Value | null | undefined {
  const value = (raw ?? "").trim();
  if (value === "") return null;
  return (values as readonly string[]).includes(value) ? (value as Value) : undefined;
}

function wholeMinutes(raw: string | undefined, min: number, max: number): number | null | undefined {
  const value = (raw ?? "").trim();
  if (value === "") return null;
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const minutes = Number(value);
  return minutes >= min && minutes <= max ? minutes : undefined;
}

/** A date input plus a time field, read as one UK wall-clock time. */
function whenFromForm(
  values: FormValues,
  names: { date: string; time: string },
  options: { label: string; blankMeansNow: boolean; now: Date },
): { at: Date; dateIsToday: boolean } | { issues: FieldIssue[] } {
  const date = dateFromParts("Date", { day: values[`${names.date}-day`], month: values[`${names.date}-month`], year: values[`${names.date}-year`] });
  const timeText = (values[names.time] ?? "").trim();
  const today = londonDateAndTime(options.now).date;
  if ("error" in date) return { issues: [{ field: names.date, message: date.error }] };
  if (date.value === null && timeText === "") {
    if (options.blankMeansNow) return { at: options.now, dateIsToday: true };
    return { issues: [{ field: names.date, message: `Enter the date of the ${options.label}` }] };
  }
  const day = date.value ?? today;
  if (timeText === "") {
    if (options.blankMeansNow && day === today) return { at: options.now, dateIsToday: true };
    return { issues: [{ field: names.time, message: `Enter the time of the ${options.label}, like 14:30` }] };
  }
  const time = parseTime(timeText);
  if (!time) return { issues: [{ field: names.time, message: "Enter a time like 14:30" }] };
  return { at: londonInstant(day, time), dateIsToday: day === today };
}

/**
 * Reads the contact form. Only the type is needed: a blank date and time mean now, a time alone
 * means today. `mode: "edit"` needs the date and time (they are filled in from what is saved).
 */
export function contactFromForm(values: FormValues, mode: "new" | "edit", now: Date = new Date()): { details: ContactDetails } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const type = choice(CONTACT_TYPES, values.type);
  if (!type) issues.push({ field: "type", message: "Select what kind of contact it was" });
  const when = whenFromForm(values, { date: "occurredOn", time: "occurredTime" }, { label: "contact", blankMeansNow: mode === "new", now });
  if ("issues" in when) issues.push(...when.issues);
  else if (when.at.getTime() > now.getTime() + 60_000) {
    issues.push({ field: when.dateIsToday ? "occurredTime" : "occurredOn", message: "A contact cannot be in the future — add an appointment instead" });
  } else if (when.at.getUTCFullYear() < 2000) {
    issues.push({ field: "occurredOn", message: "Enter a date after 1 January 2000" });
  }
  const location = choice(CONTACT_LOCATIONS, values.location);
  if (location === undefined) issues.push({ field: "location", message: "Select where it happened from the list" });
  const workKind = choice(WORK_KINDS, values.workKind);
  if (workKind === undefined) issues.push({ field: "workKind", message: "Select support work or co-ordination" });
  const purpose = choice(CONTACT_PURPOSES, values.purpose);
  if (purpose === undefined) issues.push({ field: "purpose", message: "Select a purpose from the list" });
  const durationMinutes = wholeMinutes(values.durationMinutes, 1, MAX_DURATION_MINUTES);
  if (durationMinutes === undefined) issues.push({ field: "durationMinutes", message: "Enter how long it took in whole minutes, like 30" });
  const note = (values.note ?? "").trim();
  if (note.length > 10_000) issues.push({ field: "note", message: "The note must be 10,000 characters or fewer" });
  if (issues.length > 0 || !type || "issues" in when || location === undefined || workKind === undefined || purpose === undefined || durationMinutes === undefined) {
    return { issues: sortIssues(issues, CONTACT_FIELD_ORDER) };
  }
  return { details: { type, occurredAt: when.at, durationMinutes, location, workKind, purpose, note: note || null } };
}

/**
 * Reads the appointment form: date, time and place are needed; the length defaults to an hour.
 * A time already past is refused here only when `mustBeFuture` (a kept time may stay as it is).
 */
export function appointmentFromForm(values: FormValues, options: { mustBeFuture: boolean; now?: Date } = { mustBeFuture: true }): { details: AppointmentDetails } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const now = options.now ?? new Date();
  const when = whenFromForm(values, { date: "startsOn", time: "startsTime" }, { label: "appointment", blankMeansNow: false, now });
  if ("issues" in when) issues.push(...when.issues);
  else if (options.mustBeFuture && when.at.getTime() <= now.getTime()) {
    issues.push({ field: when.dateIsToday ? "startsTime" : "startsOn", message: "An appointment must be in the future — record a contact for something that has happened" });
  }
  const durationMinutes = wholeMinutes(values.durationMinutes, 5, MAX_APPOINTMENT_MINUTES);
  if (durationMinutes === undefined) issues.push({ field: "durationMinutes", message: `Enter how long it will take in minutes, from 5 to ${MAX_APPOINTMENT_MINUTES}` });
  const place = (values.place ?? "").trim();
  if (place === "") issues.push({ field: "place", message: "Enter where you will meet" });
  else if (place.length > 200) issues.push({ field: "place", message: "The place must be 200 characters or fewer" });
  const purpose = (values.purpose ?? "").trim();
  if (purpose.length > 200) issues.push({ field: "purpose", message: "What it is for must be 200 characters or fewer" });
  if (issues.length > 0 || "issues" in when || durationMinutes === undefined) return { issues: sortIssues(issues, APPOINTMENT_FIELD_ORDER) };
  return { details: { startsAt: when.at, durationMinutes: durationMinutes ?? 60, place, purpose: purpose || null } };
}

/** The date input and time field values that show an instant in UK time. */
export function whenValues(prefix: string, timeName: string, instant: Date): FormValues {
  const { date, time } = londonDateAndTime(instant);
  const [year, month, day] = date.split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year, [timeName]: time };
}
