import { todayIso } from "./http/validation.ts";

/**
 * Where Keywork reads the time for rules that depend on it (actions falling due, escalation,
 * stuck cases, length of stay). The app takes one in its dependencies so tests can fix the date.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant; `at` is an ISO date (noon UK time that day) or a full timestamp. */
export function fixedClock(at: string): Clock {
  const instant = new Date(/^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T12:00:00Z` : at);
  return { now: () => new Date(instant) };
}

/** Today's UK calendar date on the clock, YYYY-MM-DD. */
export function ukToday(clock: Clock): string {
  return todayIso(clock.now());
}

/** Whole days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An ISO date moved by whole days. */
export function addDays(isoDate: string, days: number): string {
  const moved = new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000);
  return moved.toISOString().slice(0, 10);
}

/** An ISO date moved by whole calendar months, kept to the last day of a shorter month. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}
