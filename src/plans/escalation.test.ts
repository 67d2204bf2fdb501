import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { readConfig } from "../config.ts";
import { fixedClock } from "../platform/clock.ts";
import type { Database } from "../platform/database/open.ts";
import { openTestDatabase } from "../../test/support/app.ts";
import { insertAction, insertOrganisation, moveDueDate, notificationRows, setActionStatus } from "../../test/support/accountability.ts";
import { createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { ACTION_CHASE, ACTION_DUE, runActionEscalation } from "./escalation.ts";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

interface Scene {
  tenant: TestTenant;
  worker: TestUser;
  manager: TestUser;
  otherManager: TestUser;
  partner: TestUser;
  person: TestPerson;
}

async function scene(): Promise<Scene> {
  const db = database.db;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  const manager = await createUser(db, tenant, { roles: ["manager"] });
  const otherManager = await createUser(db, tenant, { roles: ["manager"], team: "other" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const person = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }] });
  return { tenant, worker, manager, otherManager, partner, person };
}

const sweep = (day: string) => runActionEscalation(database.db, fixedClock(day));
const rows = (tenantId: string, kind?: string) => notificationRows(database.db, tenantId, kind ? { kind } : {});

describe("the escalation sweep", () => {
  it("reminds the owner on the due date and not before, then raises a chase to the lead worker and the team's managers once it is 7 days overdue", async () => {
    const { tenant, worker, manager, otherManager, partner, person } = await scene();
    const actionId = await insertAction(database.db, tenant, person, { dueOn: "2026-05-10" });

    await sweep("2026-05-09");
    expect(await rows(tenant.tenantId)).toEqual([]);

    await sweep("2026-05-10");
    expect(await rows(tenant.tenantId)).toEqual([
      expect.objectContaining({ user_id: partner.id, person_id: person.id, kind: ACTION_DUE, subject_type: "plan-action", subject_id: actionId, dedupe_key: `due:${actionId}:2026-05-10` }),
    ]);
    const [reminder] = await rows(tenant.tenantId);
    // The message names no person and quotes no action: the reminders page shows those to whoever may still see them.
    expect(reminder?.message).toBe("An action owned by Test housing association fell due on 10 May 2026");

    await sweep("2026-05-16");
    expect(await rows(tenant.tenantId, ACTION_CHASE)).toEqual([]);

    await sweep("2026-05-17");
    const chases = await rows(tenant.tenantId, ACTION_CHASE);
    expect(chases.map((row) => row.user_id).sort()).toEqual([worker.id, manager.id].sort());
    expect(chases.map((row) => row.user_id)).not.toContain(otherManager.id);
    expect(chases.every((row) => row.dedupe_key === `chase:${actionId}:2026-05-10` && row.subject_id === actionId)).toBe(true);
    expect(chases[0]?.message).toBe("Chase Test housing association: an action due on 10 May 2026 is 7 days or more overdue");
  });

  it("raises nothing twice, however often it runs", async () => {
    const { tenant, person } = await scene();
    await insertAction(database.db, tenant, person, { dueOn: "2026-04-01" });
    await sweep("2026-05-01");
    const first = await rows(tenant.tenantId);
    expect(first.map((row) => row.kind).sort()).toEqual([ACTION_CHASE, ACTION_CHASE, ACTION_DUE]);
    await Promise.all([sweep("2026-05-01"), sweep("2026-05-01")]);
    await sweep("2026-05-02");
    expect(await rows(tenant.tenantId)).toHaveLength(first.length);
  });

  it("leaves done and cancelled actions, and people whose case is closed, alone", async () => {
    const { tenant, person, worker } = await scene();
    const done = await insertAction(database.db, tenant, person, { dueOn: "2026-04-01", status: "done" });
    await insertAction(database.db, tenant, person, { dueOn: "2026-04-01", status: "cancelled" });
    const closedCase = await createPerson(database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    await database.db.execute(sql`UPDATE people SET closed_at = now() WHERE id = ${closedCase.id}`);
    await insertAction(database.db, tenant, closedCase, { dueOn: "2026-04-01" });
    await sweep("2026-05-01");
    expect(await rows(tenant.tenantId)).toEqual([]);
    // Reopened, a done action is an open one again and is reminded.
    await setActionStatus(database.db, tenant.tenantId, done, "open");
    await sweep("2026-05-01");
    expect((await rows(tenant.tenantId, ACTION_DUE)).map((row) => row.subject_id)).toEqual([done]);
  });

  it("reminds again, and chases again, when the due date is moved", async () => {
    const { tenant, partner, person } = await scene();
    const actionId = await insertAction(database.db, tenant, person, { dueOn: "2026-05-10" });
    await sweep("2026-05-17");
    expect(await rows(tenant.tenantId)).toHaveLength(3);
    await moveDueDate(database.db, tenant.tenantId, actionId, "2026-05-20");
    await sweep("2026-05-19");
    expect(await rows(tenant.tenantId)).toHaveLength(3);
    await sweep("2026-05-20");
    const due = await rows(tenant.tenantId, ACTION_DUE);
    expect(due.map((row) => [row.user_id, row.dedupe_key])).toEqual([
      [partner.id, `due:${actionId}:2026-05-10`],
      [partner.id, `due:${actionId}:2026-05-20`],
    ]);
    await sweep("2026-05-27");
    expect(await rows(tenant.tenantId, ACTION_CHASE)).toHaveLength(4);
  });

  it("reminds the named owner alone; the person's lead worker when the owning agency has nobody in the team", async () => {
    const { tenant, worker, partner, person } = await scene();
    const colleague = await createUser(database.db, tenant, { roles: ["partner"], partner: true });
    const named = await insertAction(database.db, tenant, person, { dueOn: "2026-05-01", ownerUserId: colleague.id });
    const probation = await insertOrganisation(database.db, tenant, { name: "Test probation service" });
    const nobodyInTeam = await insertAction(database.db, tenant, person, { dueOn: "2026-05-01", ownerOrganisationId: probation, ownerName: "Officer on duty" });
    const leaver = await createUser(database.db, tenant, { roles: ["partner"], partner: true, active: false });
    const ownerLeft = await insertAction(database.db, tenant, person, { dueOn: "2026-05-01", ownerUserId: leaver.id });
    await sweep("2026-05-01");
    const due = await rows(tenant.tenantId, ACTION_DUE);
    const recipients = (actionId: string) => due.filter((row) => row.subject_id === actionId).map((row) => row.user_id);
    expect(recipients(named)).toEqual([colleague.id]);
    expect(recipients(nobodyInTeam)).toEqual([worker.id]);
    // A named owner who has left: their organisation's people in the team are reminded instead.
    expect(recipients(ownerLeft)).toEqual([partner.id]);
  });

  it("does not remind a peer mentor of the owning organisation", async () => {
    const { tenant, worker } = await scene();
    const mentor = await createUser(database.db, tenant, { roles: ["peer-mentor"] });
    const coWorker = await createUser(database.db, tenant, { roles: ["key-worker"] });
    const person = await createPerson(database.db, tenant, {
      members: [
        { user: worker, role: "lead" },
        { user: coWorker, role: "co-worker" },
        { user: mentor, role: "peer-mentor" },
      ],
    });
    const actionId = await insertAction(database.db, tenant, person, { dueOn: "2026-05-01", ownerOrganisationId: tenant.serviceOrganisationId });
    await sweep("2026-05-01");
    const recipients = (await rows(tenant.tenantId, ACTION_DUE)).filter((row) => row.subject_id === actionId).map((row) => row.user_id);
    expect(recipients.sort()).toEqual([worker.id, coWorker.id].sort());
    expect(recipients).not.toContain(mentor.id);
  });

  it("chases after the partnership's own number of days", async () => {
    const { tenant, worker, person } = await scene();
    await database.db.execute(sql`INSERT INTO plan_settings (tenant_id, chase_after_days) VALUES (${tenant.tenantId}, 3)`);
    await insertAction(database.db, tenant, person, { dueOn: "2026-05-10" });
    await sweep("2026-05-12");
    expect(await rows(tenant.tenantId, ACTION_CHASE)).toEqual([]);
    await sweep("2026-05-13");
    const chases = await rows(tenant.tenantId, ACTION_CHASE);
    expect(chases.map((row) => row.user_id)).toContain(worker.id);
    expect(chases[0]?.message).toContain("3 days or more overdue");
  });
});

describe("the schedule", () => {
  it("sweeps when the app starts listening, and stops when it closes", async () => {
    const db = database.db;
    const tenant = await createTenant(db);
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    const person = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }] });
    await insertAction(db, tenant, person, { dueOn: "2026-05-01", ownerOrganisationId: tenant.serviceOrganisationId, ownerUserId: worker.id });
    const config = { ...readConfig({ LOG_LEVEL: "silent" }), demo: false, escalationMinutes: 15 };
    const app = await createApp({ config, database, clock: fixedClock("2026-05-01") });
    await app.listen({ port: 0, host: "127.0.0.1" });
    let raised: Awaited<ReturnType<typeof rows>> = [];
    for (let attempt = 0; attempt < 50 && raised.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      raised = await rows(tenant.tenantId);
    }
    await app.close();
    expect(raised).toEqual([expect.objectContaining({ user_id: worker.id, kind: ACTION_DUE })]);
  });

  it("runs every 15 minutes unless KEYWORK_ESCALATION_MINUTES says otherwise", () => {
    expect(readConfig({}).escalationMinutes).toBe(15);
    expect(readConfig({ KEYWORK_ESCALATION_MINUTES: "5" }).escalationMinutes).toBe(5);
    expect(() => readConfig({ KEYWORK_ESCALATION_MINUTES: "-1" })).toThrow(/KEYWORK_ESCALATION_MINUTES/);
  });

  it("does not sweep when turned off", async () => {
    const db = database.db;
    const tenant = await createTenant(db);
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    const person = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }] });
    await insertAction(db, tenant, person, { dueOn: "2026-05-01", ownerOrganisationId: tenant.serviceOrganisationId });
    const config = { ...readConfig({ LOG_LEVEL: "silent", KEYWORK_ESCALATION_MINUTES: "0" }), demo: false };
    expect(config.escalationMinutes).toBe(0);
    const app = await createApp({ config, database, clock: fixedClock("2026-05-01") });
    await app.listen({ port: 0, host: "127.0.0.1" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.close();
    expect(await rows(tenant.tenantId)).toEqual([]);
  });
});
