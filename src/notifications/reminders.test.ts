import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../platform/clock.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { runActionEscalation } from "../plans/escalation.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { insertAction, notificationRows } from "../../test/support/accountability.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";
import { notify } from "./service.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

/** A person whose housing action fell due on 1 May 2026 and was chased a week later. */
async function scene() {
  const db = testApp.database.db;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const person = await createPerson(db, tenant, { givenName: "Dean", familyName: "Holloway", members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }] });
  const actionId = await insertAction(db, tenant, person, { description: "Complete the housing needs assessment", dueOn: "2026-05-01" });
  await runActionEscalation(db, fixedClock("2026-05-01"));
  await runActionEscalation(db, fixedClock("2026-05-08"));
  return { tenant, worker, partner, person, actionId };
}

describe("reminders", () => {
  it("shows the user's reminders, newest first and unread marked, each linking to its action; the people named are audited", async () => {
    const { tenant, worker, person, actionId } = await scene();
    const client = await browserAs(worker);
    const page = await (await client.get("/reminders")).text();
    const text = textOf(page);
    expect(text).toMatch(/Reminders .*1 unread reminder\..*Unread Chase .*Chase Test housing association: an action due on 1 May 2026 is 7 days or more overdue Dean Holloway : Complete the housing needs assessment \(due 1 May 2026\)/);
    expect(page).toContain(`href="/actions/${actionId}"`);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "reminders.read" })).toHaveLength(1);
  });

  it("marks one reminder read, then all of them; nobody can mark another's", async () => {
    const { tenant, worker, partner } = await scene();
    const client = await browserAs(worker);
    const [mine] = await queryRows<{ id: string; read_at: Date | null }>(testApp.database.db, sql`SELECT id, read_at FROM notifications WHERE user_id = ${worker.id}`);
    const notificationId = mine?.id ?? "";
    expect(mine?.read_at).toBeNull();
    const other = await browserAs(partner);
    const form = await (await other.get("/reminders")).text();
    expect((await other.request("POST", `/reminders/${notificationId}/read`, { form: { _csrf: csrfTokenIn(form) } })).status).toBe(404);
    const response = await client.submitForm("/reminders", `/reminders/${notificationId}/read`, {});
    expect(response.status).toBe(303);
    const after = textOf(await (await client.get("/reminders")).text());
    expect(after).toContain("Reminder marked as read");
    expect(after).toContain("Nothing unread.");
    expect(after).not.toContain("Mark all as read");
    // The partner's reminder, marked along with any others.
    expect((await other.submitForm("/reminders", "/reminders/read", {})).status).toBe(303);
    expect(textOf(await (await other.get("/reminders")).text())).toContain("1 reminder marked as read");
    expect((await notificationRows(testApp.database.db, tenant.tenantId)).every((row) => row.read_at !== null)).toBe(true);
  });

  it("stops naming the person and the action once the user may no longer see them", async () => {
    const { tenant, partner, person } = await scene();
    await testApp.database.db.execute(sql`UPDATE care_team_members SET ended_on = '2026-01-06' WHERE tenant_id = ${tenant.tenantId} AND user_id = ${partner.id} AND person_id = ${person.id}`);
    const client = await browserAs(partner);
    const page = await (await client.get("/reminders")).text();
    const text = textOf(page);
    expect(text).toContain("An action owned by Test housing association fell due on 1 May 2026");
    expect(text).not.toContain("Dean Holloway");
    expect(text).not.toContain("Complete the housing needs assessment");
    expect(page).not.toContain("/actions/");
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "reminders.read" })).toHaveLength(0);
  });

  it("links prompts about the register to the register entry, and pages through many", async () => {
    const db = testApp.database.db;
    const tenant = await createTenant(db);
    const owner = await createUser(db, tenant, { roles: ["manager"] });
    const entryId = newId();
    await notify(
      db,
      Array.from({ length: 55 }, (_, index) => ({
        tenantId: tenant.tenantId,
        userId: owner.id,
        personId: null,
        kind: "register-take-on",
        message: `Prompt ${index + 1}`,
        subjectType: "register-entry",
        subjectId: entryId,
        dedupeKey: `test:${index}`,
      })),
    );
    const client = await browserAs(owner);
    const first = await (await client.get("/reminders")).text();
    expect(first).toContain(`href="/register/${entryId}"`);
    expect(textOf(first)).toContain("Register take on");
    expect(first).toContain('href="/reminders?page=2"');
    const second = await (await client.get("/reminders?page=2")).text();
    expect(textOf(second)).toContain("Reminders (page 2 of 2)");
  });

  it("answers the API with the same reminders", async () => {
    const { worker, person, actionId } = await scene();
    const client = testApp.client();
    await client.signInApi(worker.email, TEST_PASSWORD);
    const { status, body } = await client.getJson<{ items: unknown[]; unread: number; total: number }>("/api/v1/reminders");
    expect(status).toBe(200);
    expect(body.unread).toBe(1);
    expect(body.items).toEqual([
      expect.objectContaining({
        kind: "action-chase",
        read: false,
        readAt: null,
        subject: { type: "plan-action", id: actionId },
        person: { id: person.id, name: "Dean Holloway" },
        action: { id: actionId, description: "Complete the housing needs assessment", dueDate: "2026-05-01", status: "open" },
        href: `/actions/${actionId}`,
      }),
    ]);
    expect((await client.getJson<{ items: unknown[] }>("/api/v1/reminders?unread=1")).body.items).toHaveLength(1);
  });
});
