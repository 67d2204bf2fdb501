import { describe, expect, it } from "vitest";
import { fixedClock } from "../platform/clock.ts";
import { conflictOf, overlappingSaves, useTestDatabase } from "../../test/support/overlapping-saves.ts";
import { actorFor } from "../../test/support/accountability.ts";
import { createTenant, createUser } from "../../test/support/factories.ts";
import { admit, changeEpisode, readEpisodeForEdit } from "./episodes.ts";
import { createEntry, readEntry, removeEntry } from "./service.ts";

/**
 * Two register owners changing the same entry or stay in hospital against the version both read,
 * the loser reading before the winner commits (on PostgreSQL; on the embedded database they queue):
 * the loser gets Conflict with what is stored now, the winner's change and its version, and the
 * winner's change is what stays stored.
 */

const clock = fixedClock("2026-06-15");

const testDatabase = useTestDatabase();

async function scene() {
  const { db } = testDatabase();
  const tenant = await createTenant(db);
  const first = await actorFor(db, await createUser(db, tenant, { roles: ["register-owner"], partner: true }));
  const second = await actorFor(db, await createUser(db, tenant, { roles: ["register-owner"], partner: true }));
  const { entry } = await createEntry(
    db,
    first,
    clock,
    { personId: null, givenName: "Kai", familyName: "Brennan", dateOfBirth: "2010-03-02", rating: "amber", reason: "Placement at risk", nextReviewOn: null },
    { linkAnyPerson: false },
  );
  return { first, second, entry };
}

describe("two owners taking the same young person off the register at once", () => {
  it("the loser is shown that they are off the register already, with the winner's reason", async () => {
    const { db } = testDatabase();
    const { first, second, entry } = await scene();
    const { refused, overlapped } = await overlappingSaves(
      testDatabase(),
      (held) => removeEntry(held, first, clock, entry.id, entry.version, "Moved out of the area"),
      () => removeEntry(db, second, clock, entry.id, entry.version, "Entered twice"),
    );
    expect(overlapped).toBe(testDatabase().kind === "postgresql");
    const current = conflictOf(refused).current;
    expect(current).toMatchObject({ removalReason: "Moved out of the area", version: entry.version + 1 });
    expect(current).toHaveProperty("removedAt", expect.any(Date));
    expect((await readEntry(db, second, clock, entry.id)).entry).toMatchObject({ removalReason: "Moved out of the area", version: entry.version + 1 });
  });
});

describe("two owners correcting the same stay in hospital at once", () => {
  it("the loser is shown the stay as the winner saved it, and it stays", async () => {
    const { db } = testDatabase();
    const { first, second, entry } = await scene();
    const { episode } = await admit(db, first, clock, entry.id, { admittedOn: "2026-06-01", setting: "Ward 3" });
    const changes = (setting: string) => ({ admittedOn: "2026-06-01", setting, dischargedOn: null, dischargePlan: null, afterDischarge: null });
    const { refused, overlapped } = await overlappingSaves(
      testDatabase(),
      (held) => changeEpisode(held, first, clock, episode.id, episode.version, changes("Ward 7, Riverside")),
      () => changeEpisode(db, second, clock, episode.id, episode.version, changes("Oak Lodge")),
    );
    expect(overlapped).toBe(testDatabase().kind === "postgresql");
    expect(conflictOf(refused).current).toMatchObject({ id: episode.id, setting: "Ward 7, Riverside", version: episode.version + 1 });
    expect((await readEpisodeForEdit(db, second, clock, episode.id)).episode).toMatchObject({ setting: "Ward 7, Riverside", version: episode.version + 1 });
  });
});
