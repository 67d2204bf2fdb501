import { describe, expect, it } from "vitest";
import { fixedClock } from "../platform/clock.ts";
import { conflictOf, overlappingSaves, useTestDatabase } from "../../test/support/overlapping-saves.ts";
import { actorFor } from "../../test/support/accountability.ts";
import { createPerson, createTenant, createUser } from "../../test/support/factories.ts";
import { createScale, readScale, updateScale } from "./scales.ts";
import { DEFAULT_SCALE_DOMAINS } from "./schema.ts";
import { editReading, readingForEdit, recordReading } from "./service.ts";

/**
 * Two corrections of the same outcome reading, or two saves of the same scale, against the version
 * both editors read, the loser reading before the winner commits (on PostgreSQL; on the embedded
 * database they queue): the loser gets Conflict with what is stored now, the winner's change and its
 * version, and the winner's change is what stays stored.
 */

const clock = fixedClock("2026-06-15");

const testDatabase = useTestDatabase();

describe("two workers correcting the same reading at once", () => {
  it("the loser is shown the reading as the winner corrected it, and it stays", async () => {
    const { db } = testDatabase();
    const tenant = await createTenant(db);
    const workerUser = await createUser(db, tenant, { roles: ["key-worker"] });
    const worker = await actorFor(db, workerUser);
    const manager = await actorFor(db, await createUser(db, tenant, { roles: ["manager"] }));
    const person = await createPerson(db, tenant, { members: [{ user: workerUser, role: "lead" }] });
    const scores = Object.fromEntries(DEFAULT_SCALE_DOMAINS.map((domain) => [domain.key, domain.minimum]));
    const reading = await recordReading(db, worker, clock, person.id, { takenOn: "2026-06-10", scores, note: "First one together" });
    const { refused, overlapped } = await overlappingSaves(
      testDatabase(),
      (held) => editReading(held, worker, clock, person.id, reading.id, reading.version, { takenOn: "2026-06-10", scores, note: "The worker's correction" }),
      () => editReading(db, manager, clock, person.id, reading.id, reading.version, { takenOn: "2026-06-10", scores, note: "The manager's correction" }),
    );
    expect(overlapped).toBe(testDatabase().kind === "postgresql");
    expect(conflictOf(refused).current).toMatchObject({ id: reading.id, note: "The worker's correction", version: reading.version + 1 });
    expect((await readingForEdit(db, manager, person.id, reading.id)).reading).toMatchObject({ note: "The worker's correction", version: reading.version + 1 });
  });
});

describe("two administrators saving the same scale at once", () => {
  it("the loser is shown the scale as the winner saved it, and it stays", async () => {
    const { db } = testDatabase();
    const tenant = await createTenant(db);
    const first = await actorFor(db, await createUser(db, tenant, { roles: ["admin"] }));
    const second = await actorFor(db, await createUser(db, tenant, { roles: ["admin"] }));
    const domains = ["getting-out", "sleep"].map((key) => ({ key, name: key, minimum: 1, maximum: 3, points: [1, 2, 3].map((score) => ({ score, description: `${key} ${score}` })) }));
    const scaleId = await createScale(db, first, { name: "Short scale", description: null, domains });
    const { refused, overlapped } = await overlappingSaves(
      testDatabase(),
      (held) => updateScale(held, first, scaleId, 1, { name: "Short scale", description: "The first administrator's words", domains }),
      () => updateScale(db, second, scaleId, 1, { name: "Short scale", description: "The second administrator's words", domains }),
    );
    expect(overlapped).toBe(testDatabase().kind === "postgresql");
    expect(conflictOf(refused).current).toMatchObject({ id: scaleId, description: "The first administrator's words", version: 2 });
    expect(await readScale(db, second, scaleId)).toMatchObject({ description: "The first administrator's words", version: 2 });
  });
});
