/** Just enough of iCalendar (RFC 5545) to publish a worker's appointments to their own calendar app. */

export interface CalendarEvent {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  location: string | null;
  /** Bumped on every change, so calendar apps take the newer copy. */
  sequence: number;
  lastModified: Date;
}

const MAX_OCTETS = 75;

/** A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * Folds a content line at 75 octets (RFC 5545 3.1): each continuation starts with a space, and a
 * multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const character of line) {
    const size = Buffer.byteLength(character, "utf8");
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      // The space that starts a continuation line is one of its 75 octets.
      limit = MAX_OCTETS - 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** 20260303T143000Z */
export function formatUtc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** Initials of a name for places where the full name must not go: "Dean Holloway" -> "DH". */
export function initialsOf(givenName: string, familyName: string): string {
  const first = (name: string) => [...name.trim()][0]?.toUpperCase() ?? "";
  return `${first(givenName)}${first(familyName)}`;
}

/** A whole calendar: CRLF line endings, folded lines, escaped text. */
export function buildCalendar(events: CalendarEvent[], options: { name: string; now: Date }): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Keywork//Keywork appointments//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
    "X-PUBLISHED-TTL:PT1H",
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
  ];
  for (const event of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${formatUtc(options.now)}`,
      `LAST-MODIFIED:${formatUtc(event.lastModified)}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTART:${formatUtc(event.startsAt)}`,
      `DTEND:${formatUtc(event.endsAt)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      "STATUS:CONFIRMED",
      "TRANSP:OPAQUE",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
