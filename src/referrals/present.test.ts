import { describe, expect, it } from "vitest";
import { presentForReferrer } from "./present.ts";
import type { ReferralRow } from "./store.ts";

const service = { id: "service", name: "Key work", phone: null, email: null, website: null, active: true };

function referrerNext(status: string, today: string) {
  // Due on Friday 6 March 2026 (acknowledge) and Friday 20 March 2026 (decide).
  const referral = { status, givenName: "Jo", familyName: "Bloggs", acknowledgeBy: "2026-03-06", decideBy: "2026-03-20" } as ReferralRow;
  return presentForReferrer({ referral, service, steps: [], suggestedServices: [], allocatedWorkerName: null, today }).next;
}

describe("the referrer's view of what happens next", () => {
  it("counts overdue in working days, as the managers' views do: not over the weekend after the date", () => {
    expect(referrerNext("awaiting-acknowledgement", "2026-03-06").overdue).toBe(false);
    expect(referrerNext("awaiting-acknowledgement", "2026-03-07").overdue).toBe(false);
    expect(referrerNext("awaiting-acknowledgement", "2026-03-08").overdue).toBe(false);
    expect(referrerNext("awaiting-acknowledgement", "2026-03-09").overdue).toBe(true);
    expect(referrerNext("screening", "2026-03-21").overdue).toBe(false);
    expect(referrerNext("screening", "2026-03-23").overdue).toBe(true);
    // Good Friday and Easter Monday 2026 are bank holidays: due on Thursday 2 April, overdue on Tuesday 7 April.
    const easter = { status: "acknowledged", givenName: "Jo", familyName: "Bloggs", acknowledgeBy: "2026-03-31", decideBy: "2026-04-02" } as ReferralRow;
    const on = (today: string) => presentForReferrer({ referral: easter, service, steps: [], suggestedServices: [], allocatedWorkerName: null, today }).next.overdue;
    expect(on("2026-04-06")).toBe(false);
    expect(on("2026-04-07")).toBe(true);
  });
});
