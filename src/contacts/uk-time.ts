import { addDays } from "../platform/clock.ts";
/** Wall-clock times in the UK (Europe/London) to and from instants, for forms that ask "when?". */

const LONDON = "Europe/London";

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

const dayHeadingFormat = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, weekday: "long", day: "numeric", month: "long" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, hour: "numeric", minute: "2-digit", hourCycle: "h12" });

function londonFields(instant: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const values: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(instant))) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** Minutes the UK clock is ahead of UTC at this instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: number): number {
  const fields = londonFields(instant);
  const asUtc = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The UK date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function londonDateAndTime(instant: Date): { date: string; time: string } {
  const fields = londonFields(instant.getTime());
  const pad = (value: number) => String(value).padStart(2, "0");
  return { date: `${fields.year}-${pad(fields.month)}-${pad(fields.day)}`, time: `${pad(fields.hour)}:${pad(fields.minute)}` };
}

/** The instant a UK wall-clock date (YYYY-MM-DD) and time (HH:MM) stand for. */
export function londonInstant(date: string, time: string): Date {
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const asUtc = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  const first = asUtc - londonOffsetMinutes(asUtc) * 60_000;
  // Near a clock change the offset at the guess can differ from the offset at the answer.
  return new Date(asUtc - londonOffsetMinutes(first) * 60_000);
}

/**
 * Reads a time typed by a person: "14:30", "14.30", "9:05", "2:30pm", "2pm". Returns HH:MM, or
 * null when it is not a time.
 */
export function parseTime(text: string): string | null {
  const value = text.trim().toLowerCase().replace(/\s+/g, "");
  const twentyFour = /^(\d{1,2})[:.](\d{2})$/.exec(value);
  const twelve = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm)$/.exec(value);
  let hour: number;
  let minute: number;
  if (twentyFour) {
    hour = Number(twentyFour[1]);
    minute = Number(twentyFour[2]);
  } else if (twelve) {
    hour = Number(twelve[1]);
    minute = Number(twelve[2] ?? "0");
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (twelve[3] === "pm" ? 12 : 0);
  } else {
    return null;
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** "Tuesday 3 March" in UK time. */
export function formatDayHeading(instant: Date): string {
  return dayHeadingFormat.format(instant);
}

/** "2:30pm" in UK time. */
export function formatTime(instant: Date): string {
  return timeFormat.format(instant).replace(/\s?(am|pm)$/i, (suffix) => suffix.trim().toLowerCase());
}

export { addDays };
