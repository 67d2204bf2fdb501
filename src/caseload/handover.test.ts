import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { newId } from "../platform/database/ids.ts";
import { todayIso } from "../platform/http/validation.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser) {
  const client = testApp.client();
  await client.signInBrowser(user.email, TEST_PASSWORD);
  return client;
}

async function setting() {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Lead Worker" });
  const covering = await createUser(db, tenant, { roles: ["key-worker"], name: "Cover Worker" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Housing Officer" });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const person = await createPerson(db, tenant, {
    givenName: "Handed",
    familyName: "Over",
    story: "Please do not make me tell it all again. I want a flat near my daughter.",
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
    ],
    lastContactDaysAgo: 3,
  });
  const today = todayIso();
  await db.execute(sql`INSERT INTO risks (id, tenant_id, person_id, category, level, description, safety_plan, review_on)
    VALUES (${newId()}, ${tenant.tenantId}, ${person.id}, 'to-workers', 'high', 'Has threatened staff when drunk', 'Visit in pairs; meet in the day centre', ${today}::date + 30)`);
  await db.execute(sql`INSERT INTO consents (id, tenant_id, person_id, type, party_organisation_id, scopes, how_given, given_on, review_on)
    VALUES (${newId()}, ${tenant.tenantId}, ${person.id}, 'share-with', ${tenant.partnerOrganisationId}, '{story,contacts}', 'written', ${today}::date - 10, ${today}::date + 170)`);
  await db.execute(sql`INSERT INTO appointments (id, tenant_id, person_id, worker_id, starts_at, place, purpose)
    VALUES (${newId()}, ${tenant.tenantId}, ${person.id}, ${worker.id}, now() + interval '2 days', 'Job Centre, Market Street', 'Sanctions appeal')`);
  return { tenant, worker, covering, partner, outsider, person, today };
}

describe("the handover summary", () => {
  it("puts story, risks, consent, team, next appointments and recent contacts on one page, and audits the read", async () => {
    const { tenant, worker, person } = await setting();
    const response = await (await browserAs(worker)).get(`/people/${person.id}/handover`);
    expect(response.status).toBe(200);
    const page = textOf(await response.text());
    expect(page).toContain("Please do not make me tell it all again");
    expect(page).toContain("Has threatened staff when drunk");
    expect(page).toContain("Visit in pairs");
    expect(page).toContain("Test housing association");
    expect(page).toContain("Housing Officer");
    expect(page).toContain("Job Centre, Market Street");
    const reads = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "handover.read" });
    expect(reads.map((row) => row.actor_user_id)).toEqual([worker.id]);
  });

  it("is open to a covering worker only during the cover", async () => {
    const { tenant, worker, covering, person, today } = await setting();
    const client = await browserAs(covering);
    expect((await client.get(`/people/${person.id}/handover`)).status).toBe(404);
    await testApp.database.db.execute(sql`INSERT INTO covers (id, tenant_id, absent_user_id, covering_user_id, starts_on, ends_on)
      VALUES (${newId()}, ${tenant.tenantId}, ${worker.id}, ${covering.id}, ${today}, ${today}::date + 7)`);
    const during = await client.get(`/people/${person.id}/handover`);
    expect(during.status).toBe(200);
    expect(textOf(await during.text())).toContain("I want a flat near my daughter");
  });

  it("is for the person's workers: a partner is refused, an outsider told it does not exist", async () => {
    const { partner, outsider, person } = await setting();
    expect((await (await browserAs(partner)).get(`/people/${person.id}/handover`)).status).toBe(403);
    expect((await (await browserAs(outsider)).get(`/people/${person.id}/handover`)).status).toBe(404);
  });
});
