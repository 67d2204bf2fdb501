import { describe, expect, it } from "vitest";
import { todayIso } from "../platform/http/validation.ts";
import { conflictOf, overlappingSaves, useTestDatabase } from "../../test/support/overlapping-saves.ts";
import { actorFor } from "../../test/support/accountability.ts";
import { createTenant, createUser } from "../../test/support/factories.ts";
import { insertNote } from "../../test/support/supervision.ts";
import { readSupervisionNote, updateSupervisionNote } from "./note-service.ts";
import { DEFAULT_STUCK_RULES } from "./schema.ts";
import { readStuckRules, saveStuckRules } from "./service.ts";

/**
 * Two saves of the stuck-case rules or of a supervision note against the version both editors read,
 * the loser reading before the winner commits (on PostgreSQL; on the embedded database they queue):
 * the loser gets Conflict with what is stored now, the winner's change and its version, and the
 * winner's change is what stays stored.
 */

const testDatabase = useTestDatabase();

describe("two managers saving the stuck-case rules at once", () => {
  for (const firstVersion of [0, 1]) {
    it(`against version ${firstVersion}: the loser is shown the winner's rules`, async () => {
      const { db } = testDatabase();
      const tenant = await createTenant(db);
      const first = await actorFor(db, await createUser(db, tenant, { roles: ["manager"] }));
      const second = await actorFor(db, await createUser(db, tenant, { roles: ["manager"] }));
      if (firstVersion === 1) await saveStuckRules(db, first, 0, { ...DEFAULT_STUCK_RULES, overdueActionDays: 30 });
      const { refused, overlapped } = await overlappingSaves(
        testDatabase(),
        (held) => saveStuckRules(held, first, firstVersion, { ...DEFAULT_STUCK_RULES, overdueActionDays: 14 }),
        () => saveStuckRules(db, second, firstVersion, { ...DEFAULT_STUCK_RULES, overdueActionDays: 60 }),
      );
      expect(overlapped).toBe(testDatabase().kind === "postgresql");
      expect(conflictOf(refused).current).toMatchObject({ overdueActionDays: 14, version: firstVersion + 1 });
      expect(await readStuckRules(db, second)).toMatchObject({ overdueActionDays: 14, version: firstVersion + 1 });
    });
  }
});

describe("a supervisor saving the same note from two tabs at once", () => {
  it("the loser is shown the note as the winner saved it, and it stays", async () => {
    const { db } = testDatabase();
    const tenant = await createTenant(db);
    const workerUser = await createUser(db, tenant, { roles: ["key-worker"] });
    const supervisorUser = await createUser(db, tenant, { roles: ["manager"] });
    const supervisor = await actorFor(db, supervisorUser);
    const noteId = await insertNote(db, tenant, { worker: workerUser, supervisor: supervisorUser, heldOn: "2026-01-05" });
    const input = (note: string) => ({ heldOn: "2026-01-05", note, agreedActions: null });
    const { refused, overlapped } = await overlappingSaves(
      testDatabase(),
      (held) => updateSupervisionNote(held, supervisor, noteId, 1, input("The first tab's words"), todayIso()),
      () => updateSupervisionNote(db, supervisor, noteId, 1, input("The second tab's words"), todayIso()),
    );
    expect(overlapped).toBe(testDatabase().kind === "postgresql");
    expect(conflictOf(refused).current).toMatchObject({ note: "The first tab's words", version: 2 });
    expect((await readSupervisionNote(db, supervisor, noteId)).note).toMatchObject({ note: "The first tab's words", version: 2 });
  });
});
