import { describe, expect, it } from "vitest";
import { fixedClock } from "../platform/clock.ts";
import { conflictOf, overlappingSaves, useTestDatabase } from "../../test/support/overlapping-saves.ts";
import { actorFor } from "../../test/support/accountability.ts";
import { createPerson, createTenant, createUser } from "../../test/support/factories.ts";
import { crisisContactsForManager, readWellnessPlan, saveCrisisContacts, saveSections, type PlanConflict } from "./service.ts";

/**
 * Two saves of the same wellness plan section, or of a team's crisis contacts, against the version
 * both editors read, the loser reading before the winner commits (on PostgreSQL; on the embedded
 * database they queue): the loser gets Conflict with what is stored now, the winner's change and its
 * version, and the winner's change is what stays stored.
 */

const clock = fixedClock("2026-06-15");

const testDatabase = useTestDatabase();

describe("two workers saving the same section of a wellness plan at once", () => {
  for (const firstVersion of [0, 1]) {
    it(`against version ${firstVersion}: the loser is shown the winner's words, which stay saved`, async () => {
      const { db } = testDatabase();
      const tenant = await createTenant(db);
      const workerUser = await createUser(db, tenant, { roles: ["key-worker"] });
      const worker = await actorFor(db, workerUser);
      const manager = await actorFor(db, await createUser(db, tenant, { roles: ["manager"] }));
      const person = await createPerson(db, tenant, { members: [{ user: workerUser, role: "lead" }] });
      const section = (text: string, version: number) => [{ key: "crisis-what-helps" as const, text, writtenBy: "together" as const, version }];
      if (firstVersion === 1) await saveSections(db, worker, person.id, section("A quiet room", 0), clock);
      const { refused, overlapped } = await overlappingSaves(
        testDatabase(),
        (held) => saveSections(held, worker, person.id, section("Music and a walk", firstVersion), clock),
        () => saveSections(db, manager, person.id, section("Ringing my sister", firstVersion), clock),
      );
      expect(overlapped).toBe(testDatabase().kind === "postgresql");
      const current = conflictOf(refused).current as PlanConflict;
      expect(current.stale).toEqual(["crisis-what-helps"]);
      expect(current.sections.find((saved) => saved.key === "crisis-what-helps")).toMatchObject({ text: "Music and a walk", version: firstVersion + 1 });
      const stored = (await readWellnessPlan(db, manager, person.id, "page")).sections.find((saved) => saved.key === "crisis-what-helps");
      expect(stored).toMatchObject({ text: "Music and a walk", version: firstVersion + 1 });
    });
  }
});

describe("two managers saving their team's crisis contacts at once", () => {
  for (const firstVersion of [0, 1]) {
    it(`against version ${firstVersion}: the loser is shown the winner's contacts, which stay saved`, async () => {
      const { db } = testDatabase();
      const tenant = await createTenant(db);
      const first = await actorFor(db, await createUser(db, tenant, { roles: ["manager"] }));
      const second = await actorFor(db, await createUser(db, tenant, { roles: ["manager"] }));
      const contacts = (serviceHours: string) => ({ serviceHours, serviceContact: "01632 960000", outOfHours: "NHS 111, option 2" });
      if (firstVersion === 1) await saveCrisisContacts(db, first, 0, contacts("Weekdays 9 to 5"));
      const { refused, overlapped } = await overlappingSaves(
        testDatabase(),
        (held) => saveCrisisContacts(held, first, firstVersion, contacts("Every day 8 to 8")),
        () => saveCrisisContacts(db, second, firstVersion, contacts("Weekdays 10 to 4")),
      );
      expect(overlapped).toBe(testDatabase().kind === "postgresql");
      expect(conflictOf(refused).current).toMatchObject({ serviceHours: "Every day 8 to 8", version: firstVersion + 1 });
      expect(await crisisContactsForManager(db, second)).toMatchObject({ serviceHours: "Every day 8 to 8", version: firstVersion + 1 });
    });
  }
});
