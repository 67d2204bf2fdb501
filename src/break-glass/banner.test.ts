import { describe, expect, it } from "vitest";
import { breakGlassBanner, untilText } from "./banner.ts";

describe("the break-glass banner", () => {
  it("gives the time the access ends in UK time, with the day when it is not today", () => {
    const now = new Date("2026-03-03T09:00:00Z");
    expect(untilText(new Date("2026-03-03T13:30:00Z"), now)).toBe("13:30");
    expect(untilText(new Date("2026-03-04T01:05:00Z"), now)).toBe("01:05 on Wednesday 4 March");
    // British Summer Time: 13:30 UTC is 14:30 in London.
    expect(untilText(new Date("2026-07-01T13:30:00Z"), new Date("2026-07-01T08:00:00Z"))).toBe("14:30");
  });

  it("says why, that everything is recorded, and offers to end the access, escaping the reason", () => {
    const banner = breakGlassBanner({ id: "0190a000-0000-7000-8000-000000000001", reason: "Police <b>called</b>", expiresAt: new Date("2026-03-03T13:30:00Z") }, "token", new Date("2026-03-03T09:00:00Z")).value;
    expect(banner).toContain("You are using break-glass access to this record until 13:30. Reason: Police &lt;b&gt;called&lt;/b&gt;. Everything you open is recorded.");
    expect(banner).toContain('class="govuk-warning-text"');
    expect(banner).toContain('action="/break-glass/0190a000-0000-7000-8000-000000000001/end"');
    expect(banner).toContain('name="_csrf" value="token"');
  });
});
