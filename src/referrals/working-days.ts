import { addDays } from "../platform/clock.ts";

/**
 * Bank holidays in England and Wales (published by the UK government), for counting working days.
 * Extend the list each year; a year missing from it counts only weekends.
 */
const BANK_HOLIDAYS = new Set([
  "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
  "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
  "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
  "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
]);

export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !BANK_HOLIDAYS.has(isoDate);
}

/**
 * The date `workingDays` working days after `isoDate`: a referral received on a Friday with two
 * working days to acknowledge it is due by the Tuesday. Received at a weekend, counting starts on
 * the next working day.
 */
export function addWorkingDays(isoDate: string, workingDays: number): string {
  let date = isoDate;
  let remaining = workingDays;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) remaining -= 1;
  }
  return date;
}

/** Working days from `from` to `to` (positive when `to` is later): how overdue a referral is. */
export function workingDaysBetween(from: string, to: string): number {
  if (from === to) return 0;
  const forward = from < to;
  let date = from;
  let count = 0;
  while (date !== to) {
    date = addDays(date, forward ? 1 : -1);
    if (isWorkingDay(date)) count += 1;
  }
  return forward ? count : -count;
}
