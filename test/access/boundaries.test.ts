import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/platform/database/ids.ts";
import { todayIso } from "../../src/platform/http/validation.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../support/factories.ts";

/** The edges of what partners, carers, peer mentors, managers and covering workers may see and do. */

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function apiAs(user: TestUser) {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

async function setting() {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const mentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
  const carer = await createUser(db, tenant, { roles: ["carer"], team: "none" });
  const person = await createPerson(db, tenant, {
    givenName: "Edge",
    familyName: "Case",
    aliases: ["Razor"],
    dateOfBirth: "1988-04-12",
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
      { user: mentor, role: "peer-mentor" },
    ],
  });
  await db.execute(sql`INSERT INTO family_members (id, tenant_id, person_id, user_id, name, relationship, is_carer)
    VALUES (${newId()}, ${tenant.tenantId}, ${person.id}, ${carer.id}, 'Carol Case', 'Mum', TRUE)`);
  await db.execute(sql`INSERT INTO significant_events (id, tenant_id, person_id, occurred_at, kind, title, note)
    VALUES (${newId()}, ${tenant.tenantId}, ${person.id}, now() - interval '3 days', 'arrested', 'Arrested for assault on partner', 'Bail to mum''s address')`);
  await db.execute(sql`INSERT INTO services_involved (id, tenant_id, person_id, organisation_name, service_name, note)
    VALUES (${newId()}, ${tenant.tenantId}, ${person.id}, 'National Probation Service', 'MAPPA level 2', 'On licence for GBH')`);
  return { tenant, worker, partner, mentor, carer, person };
}

async function shareWithPartner(tenantId: string, personId: string, organisationId: string, scopes: string) {
  await testApp.database.db.execute(sql`INSERT INTO consents (id, tenant_id, person_id, type, party_organisation_id, scopes, how_given, given_on)
    VALUES (${newId()}, ${tenantId}, ${personId}, 'share-with', ${organisationId}, ${scopes}, 'verbal', ${todayIso()})`);
}

describe("significant events follow consent", () => {
  it("are hidden from partners, carers and peer mentors without consent, and never show the worker's words", async () => {
    const { tenant, worker, partner, mentor, carer, person } = await setting();
    for (const reader of [partner, mentor, carer]) {
      const { body } = await (await apiAs(reader)).getJson<{ items: Array<{ summary: string }> }>(`/api/v1/people/${person.id}/chronology`);
      expect(JSON.stringify(body), reader.email).not.toMatch(/Arrested|assault/i);
    }
    const full = await (await apiAs(worker)).getJson<{ items: Array<{ summary: string }> }>(`/api/v1/people/${person.id}/chronology`);
    expect(full.body.items.map((item) => item.summary)).toContain("Arrested for assault on partner");
    await shareWithPartner(tenant.tenantId, person.id, tenant.partnerOrganisationId, "{offending}");
    const shared = await (await apiAs(partner)).getJson<{ items: Array<{ summary: string; section: string }> }>(`/api/v1/people/${person.id}/chronology`);
    const offending = shared.body.items.filter((item) => item.section === "offending");
    expect(offending).toHaveLength(1);
    expect(JSON.stringify(shared.body)).not.toContain("assault on partner");
  });
});

describe("the team around the person", () => {
  it("shows carers and peer mentors the Keywork workers only, and partners the agencies without notes", async () => {
    const { partner, mentor, carer, person } = await setting();
    for (const reader of [mentor, carer]) {
      const { status, body } = await (await apiAs(reader)).getJson<{ servicesInvolved: unknown[]; externalProfessionals: unknown[] }>(`/api/v1/people/${person.id}/team`);
      expect(status).toBe(200);
      expect(body.servicesInvolved, reader.email).toEqual([]);
      expect(JSON.stringify(body)).not.toContain("Probation");
    }
    const asPartner = await (await apiAs(partner)).getJson<Record<string, unknown>>(`/api/v1/people/${person.id}/team`);
    expect(JSON.stringify(asPartner.body)).toContain("National Probation Service");
    expect(JSON.stringify(asPartner.body)).not.toContain("On licence for GBH");
  });
});

describe("search", () => {
  it("does not find people by an alias or date of birth the searcher would not be shown", async () => {
    const { partner, mentor, worker } = await setting();
    expect((await (await apiAs(partner)).getJson<{ items: unknown[] }>("/api/v1/people?q=Razor")).body.items).toEqual([]);
    expect((await (await apiAs(mentor)).getJson<{ items: unknown[] }>("/api/v1/people?q=12/04/1988")).body.items).toEqual([]);
    expect((await (await apiAs(worker)).getJson<{ items: unknown[] }>("/api/v1/people?q=Razor")).body.items).toHaveLength(1);
  });
});

describe("risks", () => {
  it("show partners risks to workers always and other risks only with health or offending consent", async () => {
    const { tenant, partner, mentor, person } = await setting();
    const selfHarm = newId();
    await testApp.database.db.execute(sql`INSERT INTO risks (id, tenant_id, person_id, category, level, description, review_on) VALUES
      (${selfHarm}, ${tenant.tenantId}, ${person.id}, 'to-person', 'high', 'Two overdoses this year', ${todayIso()}::date + 30),
      (${newId()}, ${tenant.tenantId}, ${person.id}, 'to-workers', 'medium', 'Large dog at the flat', ${todayIso()}::date + 30)`);
    const before = await (await apiAs(partner)).getJson<Record<string, unknown>>(`/api/v1/people/${person.id}/risks`);
    expect(JSON.stringify(before.body)).toContain("Large dog");
    expect(JSON.stringify(before.body)).not.toContain("overdoses");
    const mentorPatch = await (await apiAs(mentor)).sendJson("PATCH", `/api/v1/risks/${selfHarm}`, { status: "closed", version: 1 });
    expect(mentorPatch.status).toBe(404);
    await shareWithPartner(tenant.tenantId, person.id, tenant.partnerOrganisationId, "{health}");
    const after = await (await apiAs(partner)).getJson<Record<string, unknown>>(`/api/v1/people/${person.id}/risks`);
    expect(JSON.stringify(after.body)).toContain("overdoses");
  });

  it("shown on the person's overview are audited", async () => {
    const { tenant, worker, person } = await setting();
    await testApp.database.db.execute(sql`INSERT INTO risks (id, tenant_id, person_id, category, level, description, review_on)
      VALUES (${newId()}, ${tenant.tenantId}, ${person.id}, 'to-workers', 'high', 'Threatened staff', ${todayIso()}::date + 30)`);
    const browser = testApp.client();
    await browser.signInBrowser(worker.email, TEST_PASSWORD);
    expect((await browser.get(`/people/${person.id}`)).status).toBe(200);
    const reads = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "risks.read" });
    expect(reads.map((row) => row.actor_user_id)).toEqual([worker.id]);
  });
});

describe("managers and covering workers", () => {
  it("a manager reading a worker's caseload sees only people the manager may see", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const manager = await createUser(db, tenant, { roles: ["manager"] });
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    const otherLead = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
    const elsewhere = await createPerson(db, tenant, { team: "other", familyName: "Elsewhere", members: [{ user: otherLead, role: "lead" }, { user: worker, role: "co-worker" }] });
    const ours = await createPerson(db, tenant, { familyName: "Ours", members: [{ user: worker, role: "lead" }] });
    const browser = testApp.client();
    await browser.signInBrowser(manager.email, TEST_PASSWORD);
    const page = await (await browser.get(`/caseload?worker=${worker.id}`)).text();
    expect(page).toContain(ours.familyName);
    expect(page).not.toContain(elsewhere.familyName);
  });

  it("a covering worker cannot make their access permanent by joining the team", async () => {
    const { tenant, worker, person } = await setting();
    const covering = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    await testApp.database.db.execute(sql`INSERT INTO covers (id, tenant_id, absent_user_id, covering_user_id, starts_on, ends_on)
      VALUES (${newId()}, ${tenant.tenantId}, ${worker.id}, ${covering.id}, ${todayIso()}, ${todayIso()})`);
    const client = await apiAs(covering);
    const joined = await client.sendJson("POST", `/api/v1/people/${person.id}/team`, { kind: "member", userId: covering.id, role: "co-worker" });
    expect(joined.status).toBe(403);
  });
});

describe("bad input", () => {
  it("a NUL character or a huge version is a clear 400 that writes nothing", async () => {
    const { tenant, worker, person } = await setting();
    const client = await apiAs(worker);
    const nul = await client.sendJson<{ error: { message: string } }>("POST", `/api/v1/people/${person.id}/contacts`, { type: "phone", note: "hello\u0000world" });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toMatch(/cannot be stored|not allowed/);
    const [contacts] = await testApp.database.db.execute(sql`SELECT count(*)::int AS count FROM contacts WHERE tenant_id = ${tenant.tenantId}`).then((result) => (result as unknown as { rows: Array<{ count: number }> }).rows);
    expect(contacts?.count).toBe(0);
    const huge = await client.sendJson("PATCH", `/api/v1/people/${person.id}`, { pronouns: "they/them", version: 99_999_999_999 });
    expect(huge.status).toBe(400);
  });

  it("changing one field of a person leaves how often they are seen alone", async () => {
    const { worker, person } = await setting();
    const client = await apiAs(worker);
    const high = await client.sendJson<{ version: number; contactIntensity: string }>("PATCH", `/api/v1/people/${person.id}`, { contactIntensity: "high", version: 1 });
    expect(high.body.contactIntensity).toBe("high");
    const phone = await client.sendJson<{ contactIntensity: string }>("PATCH", `/api/v1/people/${person.id}`, { phone: "07700 900222", version: high.body.version });
    expect(phone.body.contactIntensity).toBe("high");
  });
});
