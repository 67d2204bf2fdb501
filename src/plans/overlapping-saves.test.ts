import { describe, expect, it } from "vitest";
import { addMonths } from "../platform/clock.ts";
import { todayIso } from "../platform/http/validation.ts";
import { conflictOf, overlappingSaves, useTestDatabase } from "../../test/support/overlapping-saves.ts";
import { actorFor } from "../../test/support/accountability.ts";
import { createPerson, createTenant, createUser } from "../../test/support/factories.ts";
import { changeSchedule, readScheduleForm } from "./service.ts";
import { readPlanSettings, updatePlanSettings } from "./settings.ts";

/**
 * Two people saving the same plan settings or review schedule against the version they both read,
 * the loser reading before the winner commits (on PostgreSQL; on the embedded database they queue):
 * the loser gets Conflict with what is stored now, the winner's change and its version, and the
 * winner's change is what stays stored.
 */

const testDatabase = useTestDatabase();

describe("two managers saving when to chase overdue actions at once", () => {
  for (const firstVersion of [0, 1]) {
    it(`against version ${firstVersion}: the loser is shown the winner's number of days`, async () => {
      const { db } = testDatabase();
      const tenant = await createTenant(db);
      const first = await actorFor(db, await createUser(db, tenant, { roles: ["manager"] }));
      const second = await actorFor(db, await createUser(db, tenant, { roles: ["manager"] }));
      if (firstVersion === 1) await updatePlanSettings(db, first, 0, 10);
      const { won, refused, overlapped } = await overlappingSaves(
        testDatabase(),
        (held) => updatePlanSettings(held, first, firstVersion, 5),
        () => updatePlanSettings(db, second, firstVersion, 20),
      );
      expect(overlapped).toBe(testDatabase().kind === "postgresql");
      expect(won).toMatchObject({ chaseAfterDays: 5, version: firstVersion + 1 });
      expect(conflictOf(refused).current).toMatchObject({ chaseAfterDays: 5, version: firstVersion + 1 });
      expect(await readPlanSettings(db, tenant.tenantId)).toMatchObject({ chaseAfterDays: 5, version: firstVersion + 1 });
    });
  }
});

describe("two workers changing a plan's review schedule at once", () => {
  async function scene() {
    const { db } = testDatabase();
    const tenant = await createTenant(db);
    const workerUser = await createUser(db, tenant, { roles: ["key-worker"] });
    const worker = await actorFor(db, workerUser);
    const manager = await actorFor(db, await createUser(db, tenant, { roles: ["manager"] }));
    const person = await createPerson(db, tenant, { members: [{ user: workerUser, role: "lead" }] });
    return { worker, manager, person };
  }
  const today = todayIso();
  const schedule = (months: number) => ({ reviewIntervalMonths: months, nextReviewOn: addMonths(today, months) });

  it("both opened before there was a plan: the loser is shown the winner's schedule, which is not saved over", async () => {
    const { db } = testDatabase();
    const { worker, manager, person } = await scene();
    const { refused, overlapped } = await overlappingSaves(
      testDatabase(),
      (held) => changeSchedule(held, worker, person.id, null, schedule(6), today),
      () => changeSchedule(db, manager, person.id, null, schedule(12), today),
    );
    expect(overlapped).toBe(testDatabase().kind === "postgresql");
    expect(conflictOf(refused).current).toMatchObject({ exists: true, reviewIntervalMonths: 6, version: 2 });
    expect((await readScheduleForm(db, worker, person.id, today)).schedule).toMatchObject({ reviewIntervalMonths: 6, nextReviewOn: addMonths(today, 6), version: 2 });
  });

  it("both opened the same version: the loser is shown the winner's schedule, and it stays", async () => {
    const { db } = testDatabase();
    const { worker, manager, person } = await scene();
    await changeSchedule(db, worker, person.id, null, schedule(6), today);
    const { refused, overlapped } = await overlappingSaves(
      testDatabase(),
      (held) => changeSchedule(held, manager, person.id, 2, schedule(1), today),
      () => changeSchedule(db, worker, person.id, 2, schedule(12), today),
    );
    expect(overlapped).toBe(testDatabase().kind === "postgresql");
    expect(conflictOf(refused).current).toMatchObject({ reviewIntervalMonths: 1, nextReviewOn: addMonths(today, 1), version: 3 });
    expect((await readScheduleForm(db, worker, person.id, today)).schedule).toMatchObject({ reviewIntervalMonths: 1, version: 3 });
  });
});
