const LONDON = "Europe/London";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: LONDON });
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  hourCycle: "h12",
  timeZone: LONDON,
});

/** The name a person is known by: their preferred name, if any, and family name. */
export function personName(person: { givenName: string; familyName: string; preferredName: string | null }): string {
  return `${person.preferredName ?? person.givenName} ${person.familyName}`;
}

/** One line of at most `length` characters: whitespace collapsed, and an ellipsis when cut. */
export function shorten(text: string, length: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= length ? line : `${line.slice(0, length - 1).trimEnd()}…`;
}

/** "12 March 1990" from YYYY-MM-DD (a calendar date, no time zone shift). */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [year, month, day] = iso.split("-").map(Number);
  return dateFormat.format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, 12)));
}

/** "3 Mar 2026, 2:15pm" in UK time. */
export function formatDateTime(value: Date | null | undefined): string {
  if (!value) return "";
  return dateTimeFormat.format(value).replace(" am", "am").replace(" pm", "pm");
}

export function formatDate(value: Date | null | undefined): string {
  return value ? dateFormat.format(value) : "";
}

/** Whole years between a date of birth and today. */
export function ageFrom(iso: string | null | undefined, now: Date = new Date()): number | null {
  if (!iso) return null;
  const [year, month, day] = iso.split("-").map(Number);
  if (!year || !month || !day) return null;
  let age = now.getUTCFullYear() - year;
  const beforeBirthday = now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

const londonDay = new Intl.DateTimeFormat("en-CA", { timeZone: LONDON });

/** Calendar days in UK time from `then` to now: 0 is today, 1 yesterday. Null when there is no `then`. */
export function daysSince(then: Date | null | undefined, now: Date = new Date()): number | null {
  if (!then) return null;
  const days = (Date.parse(londonDay.format(now)) - Date.parse(londonDay.format(then))) / 86_400_000;
  return Math.max(0, Math.round(days));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
