import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, formatUtc, initialsOf } from "./icalendar.ts";
import { londonDateAndTime, londonInstant, parseTime } from "./uk-time.ts";

describe("iCalendar text", () => {
  it("escapes backslashes, semicolons, commas and line breaks", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds at 75 octets with a leading space, never splitting a character", () => {
    const line = `LOCATION:${"é".repeat(60)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
    expect(foldLine(`X:${"a".repeat(73)}`)).toBe(`X:${"a".repeat(73)}`);
    expect(foldLine(`X:${"a".repeat(74)}`)).toBe(`X:${"a".repeat(73)}\r\n a`);
  });

  it("writes times in UTC and people as initials", () => {
    expect(formatUtc(new Date("2026-07-01T13:05:09.123Z"))).toBe("20260701T130509Z");
    expect(initialsOf("dean", "Holloway")).toBe("DH");
  });

  it("builds a calendar with CRLF endings and one event per appointment", () => {
    const body = buildCalendar(
      [{ uid: "a@keywork", startsAt: new Date("2026-07-01T13:00:00Z"), endsAt: new Date("2026-07-01T14:00:00Z"), summary: "Keywork appointment – DH", location: null, sequence: 0, lastModified: new Date("2026-06-01T00:00:00Z") }],
      { name: "Keywork appointments", now: new Date("2026-06-02T00:00:00Z") },
    );
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(body).toContain("\r\nDTSTART:20260701T130000Z\r\nDTEND:20260701T140000Z\r\n");
    expect(body).not.toContain("LOCATION");
    expect(body.split("\r\n").filter((line) => line === "END:VEVENT")).toHaveLength(1);
  });
});

describe("UK time", () => {
  it("reads wall-clock times in GMT and in British Summer Time", () => {
    expect(londonInstant("2026-01-15", "14:30").toISOString()).toBe("2026-01-15T14:30:00.000Z");
    expect(londonInstant("2026-07-15", "14:30").toISOString()).toBe("2026-07-15T13:30:00.000Z");
    expect(londonDateAndTime(new Date("2026-07-15T23:30:00Z"))).toEqual({ date: "2026-07-16", time: "00:30" });
  });

  it("understands the ways people type a time", () => {
    expect(parseTime("14:30")).toBe("14:30");
    expect(parseTime("9.05")).toBe("09:05");
    expect(parseTime("2:30pm")).toBe("14:30");
    expect(parseTime("12am")).toBe("00:00");
    expect(parseTime("25:00")).toBeNull();
    expect(parseTime("half two")).toBeNull();
  });
});
