import { describe, expect, it } from "vitest";
import { ageFrom, daysSince, formatDateTime, formatIsoDate } from "./format.ts";

describe("dates as people in the UK read them", () => {
  it("counts calendar days in UK time, so last night is yesterday", () => {
    const now = new Date("2026-11-22T00:40:00Z");
    expect(daysSince(new Date("2026-11-21T16:40:00Z"), now)).toBe(1);
    expect(daysSince(new Date("2026-11-22T00:05:00Z"), now)).toBe(0);
    expect(daysSince(new Date("2026-10-05T12:00:00Z"), now)).toBe(48);
    expect(daysSince(null, now)).toBeNull();
    // British Summer Time: 23:30 UTC on 30 June is already 1 July in London.
    expect(daysSince(new Date("2026-06-30T23:30:00Z"), new Date("2026-07-01T09:00:00Z"))).toBe(0);
  });

  it("writes times around midnight and midday as 12, not 0", () => {
    expect(formatDateTime(new Date("2026-11-22T00:32:00Z"))).toBe("22 Nov 2026, 12:32am");
    expect(formatDateTime(new Date("2026-11-22T12:05:00Z"))).toBe("22 Nov 2026, 12:05pm");
    expect(formatDateTime(new Date("2026-07-01T13:15:00Z"))).toBe("1 Jul 2026, 2:15pm");
  });

  it("writes a date of birth without shifting it and works out age", () => {
    expect(formatIsoDate("1984-11-03")).toBe("3 November 1984");
    expect(ageFrom("1984-11-23", new Date("2026-11-22T12:00:00Z"))).toBe(41);
    expect(ageFrom("1984-11-22", new Date("2026-11-22T12:00:00Z"))).toBe(42);
  });
});
