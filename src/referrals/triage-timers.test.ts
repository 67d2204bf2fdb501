import { describe, expect, it } from "vitest";
import { rankWorkers } from "./allocation.ts";
import { matchReasons } from "./matching.ts";
import { overdueText, overdueThreshold, timersFor } from "./triage-timers.ts";
import { addWorkingDays, workingDaysBetween } from "./working-days.ts";

describe("timers in working days", () => {
  it("skips the weekend: received on a Friday with two working days, it is due on the Tuesday", () => {
    expect(addWorkingDays("2026-03-06", 2)).toBe("2026-03-10");
    expect(workingDaysBetween("2026-03-06", "2026-03-09")).toBe(1);
  });

  it("skips bank holidays: over Easter 2026 (Good Friday 3 April, Easter Monday 6 April)", () => {
    expect(addWorkingDays("2026-04-02", 2)).toBe("2026-04-08");
    expect(workingDaysBetween("2026-04-02", "2026-04-07")).toBe(1);
  });

  it("is not overdue over a weekend, and overdue by whole working days from the next working day", () => {
    const referral = { status: "awaiting-acknowledgement", acknowledgeBy: "2026-03-06", decideBy: "2026-03-20" };
    expect(timersFor(referral, "2026-03-06").acknowledgementOverdueBy).toBe(0);
    expect(timersFor(referral, "2026-03-07").acknowledgementOverdueBy).toBe(0);
    expect(timersFor(referral, "2026-03-08").acknowledgementOverdueBy).toBe(0);
    expect(timersFor(referral, "2026-03-09").acknowledgementOverdueBy).toBe(1);
    expect(timersFor(referral, "2026-03-11").acknowledgementOverdueBy).toBe(3);
    expect(overdueText(timersFor(referral, "2026-03-09"))).toEqual(["Acknowledgement overdue by 1 working day"]);
    expect(overdueText(timersFor(referral, "2026-03-24"))).toEqual(["Acknowledgement overdue by 12 working days", "Decision overdue by 2 working days"]);
    // The SQL threshold agrees: due before the latest working day on or before today.
    expect(overdueThreshold("2026-03-08")).toBe("2026-03-06");
    expect(overdueThreshold("2026-04-06")).toBe("2026-04-02");
    expect(overdueThreshold("2026-03-09")).toBe("2026-03-09");
  });

  it("stops each timer once its step is taken", () => {
    const base = { acknowledgeBy: "2026-03-02", decideBy: "2026-03-04" };
    expect(timersFor({ ...base, status: "screening" }, "2026-03-10")).toMatchObject({ acknowledgementOverdueBy: 0, decisionOverdueBy: 4 });
    expect(timersFor({ ...base, status: "accepted" }, "2026-03-10")).toMatchObject({ acknowledgementOverdueBy: 0, decisionOverdueBy: 0 });
    expect(timersFor({ ...base, status: "declined" }, "2026-03-10")).toMatchObject({ acknowledgementOverdueBy: 0, decisionOverdueBy: 0 });
  });
});

describe("matching reasons", () => {
  it("names the date of birth and each name in common, whichever way round", () => {
    const person = { id: "p", givenName: "Gary", familyName: "Whitlock", preferredName: null, aliases: ["Gaz"], dateOfBirth: "1971-11-02", closed: false };
    expect(matchReasons({ givenName: "gaz", familyName: "WHITLOCK", aliases: ["Gary W"], dateOfBirth: "1971-11-02" }, person)).toEqual([
      "Same date of birth, 2 November 1971",
      "The referral's given name “gaz” is their alias",
      "Same family name, Whitlock",
    ]);
    const known = { ...person, givenName: "Deborah", familyName: "Smith", preferredName: "Debbie", aliases: [] };
    expect(matchReasons({ givenName: "Deb", familyName: "Jones", aliases: ["Debbie"], dateOfBirth: "1971-11-02" }, known)).toEqual([
      "Same date of birth, 2 November 1971",
      "The referral's alias “Debbie” is their preferred name",
    ]);
  });
});

describe("ranking workers for an allocation", () => {
  it("puts room on the caseload first, lifts matching specialisms, and says why", () => {
    const ranked = rankWorkers(
      [
        { id: "a", displayName: "Ann", weightedLoad: 8, capacity: 20, specialisms: [] },
        { id: "b", displayName: "Bea", weightedLoad: 10, capacity: 20, specialisms: ["housing", "substance-use"] },
        { id: "c", displayName: "Cal", weightedLoad: 21, capacity: 20, specialisms: ["housing"] },
        { id: "d", displayName: "Dev", weightedLoad: 4, capacity: 10, specialisms: ["autism"] },
      ],
      ["housing", "substance-use", "mental-health"],
    );
    expect(ranked.map((worker) => worker.id)).toEqual(["b", "a", "d", "c"]);
    expect(ranked[0]?.reasons).toBe("10 of 20 weighted caseload; specialises in housing or homelessness and drugs or alcohol");
    expect(ranked[1]?.reasons).toBe("8 of 20 weighted caseload");
    expect(ranked[3]).toMatchObject({ overCapacity: true, reasons: "21 of 20 weighted caseload; specialises in housing or homelessness; at or over capacity" });
  });
});
