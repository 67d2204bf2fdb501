import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyFor, daysFromToday, insertConsent, insertFamilyMember, storedConsents } from "../../test/support/consent.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import type { HttpClient } from "../../test/support/http.ts";
import { addMonths } from "./schema.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function apiAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

async function setting() {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const person = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }] });
  return { tenant, worker, partner, person };
}

interface ApiConsent {
  id: string;
  type: string;
  party: { organisationId: string | null; organisationName: string | null; familyMemberId: string | null; familyMemberName: string | null; description: string | null };
  scopes: string[];
  howGiven: string;
  givenOn: string;
  reviewOn: string | null;
  withdrawnOn: string | null;
  status: string;
  recordedBy: { id: string; name: string | null } | null;
  version: number;
}

interface ApiError {
  error: { status: number; message: string; issues?: Array<{ field: string; message: string }>; current?: ApiConsent };
}

describe("GET /api/v1/people/{id}/consents", () => {
  it("lists every consent with its party, scopes and status today", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const maureen = await insertFamilyMember(db, tenant, person, { name: "Maureen Holloway", relationship: "Mum" });
    await insertConsent(db, tenant, person, { type: "work-with-service", givenOn: daysFromToday(-400), reviewOn: daysFromToday(20), recordedBy: worker });
    await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["contacts", "story"], givenOn: daysFromToday(-100), reviewOn: daysFromToday(-1) });
    await insertConsent(db, tenant, person, { familyMemberId: maureen, scopes: ["wellness-plan"], givenOn: daysFromToday(-50), withdrawnOn: daysFromToday(0) });
    await insertConsent(db, tenant, person, { type: "contact-agencies", description: "Citizens Advice", givenOn: daysFromToday(4) });
    const { status, body } = await (await apiAs(worker)).getJson<{ items: ApiConsent[] }>(`/api/v1/people/${person.id}/consents`);
    expect(status).toBe(200);
    expect(body.items.map((item) => [item.type, item.status])).toEqual([
      ["contact-agencies", "not-yet-started"],
      ["share-with", "withdrawn"],
      ["share-with", "review-due"],
      ["work-with-service", "current"],
    ]);
    expect(body.items[2]).toMatchObject({
      party: { organisationId: tenant.partnerOrganisationId, organisationName: "Test housing association", familyMemberId: null, familyMemberName: null, description: null },
      scopes: ["story", "contacts"],
      howGiven: "verbal",
      reviewOn: daysFromToday(-1),
      withdrawnOn: null,
      version: 1,
    });
    expect(body.items[1]?.party).toMatchObject({ familyMemberId: maureen, familyMemberName: "Maureen Holloway" });
    expect(body.items[0]?.party.description).toBe("Citizens Advice");
    expect(body.items[3]?.recordedBy).toEqual({ id: worker.id, name: "Sam Okafor" });
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "consent.list" })).toHaveLength(1);
  });

  it("answers 403 to a partner or carer who sees the person, 404 to anyone else", async () => {
    const { tenant, partner, person } = await setting();
    const { db } = testApp.database;
    const carer = await createUser(db, tenant, { roles: ["carer"], team: "none" });
    await insertFamilyMember(db, tenant, person, { user: carer });
    const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
    const otherTenant = await createTenant(db);
    const stranger = await createUser(db, otherTenant, { roles: ["manager"] });
    for (const user of [partner, carer]) {
      const response = await (await apiAs(user)).getJson<ApiError>(`/api/v1/people/${person.id}/consents`);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain("Consent records are seen only by");
    }
    for (const user of [outsider, stranger]) expect((await (await apiAs(user)).getJson(`/api/v1/people/${person.id}/consents`)).status).toBe(404);
    expect((await (await apiAs(outsider)).getJson(`/api/v1/people/nobody/consents`)).status).toBe(404);
  });
});

describe("POST /api/v1/people/{id}/consents", () => {
  it("records a consent (201), given today and reviewed in six months unless told otherwise", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const response = await (await apiAs(worker)).request("POST", `/api/v1/people/${person.id}/consents`, {
      json: { type: "share-with", party: { organisationId: tenant.partnerOrganisationId }, scopes: ["contacts", "story", "story"], howGiven: "electronic" },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as ApiConsent;
    expect(response.headers.get("location")).toBe(`/api/v1/consents/${body.id}`);
    const today = daysFromToday(0);
    expect(body).toMatchObject({ type: "share-with", scopes: ["story", "contacts"], howGiven: "electronic", givenOn: today, reviewOn: addMonths(today, 6), withdrawnOn: null, status: "current", version: 1 });
    expect(body.recordedBy).toEqual({ id: worker.id, name: "Sam Okafor" });
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "consent.create" })).toHaveLength(1);
    expect((await chronologyFor(db, tenant.tenantId, person.id)).map((event) => event.summary)).toEqual([
      "Consent to share with Test housing association given (story, contacts)",
    ]);
  });

  it("refuses what breaks the rules with a 400 naming each field, and saves nothing", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const other = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }] });
    const othersMum = await insertFamilyMember(db, tenant, other);
    const foreign = await createTenant(db);
    const client = await apiAs(worker);
    const attempts: Array<[unknown, string]> = [
      [{ type: "share-with", scopes: ["story"], howGiven: "verbal" }, "party"],
      [{ type: "share-with", party: { description: "Her GP" }, howGiven: "verbal" }, "scopes"],
      [{ type: "contact-agencies", howGiven: "verbal" }, "party"],
      [{ type: "share-with", party: { organisationId: tenant.partnerOrganisationId, description: "Also them" }, scopes: ["story"], howGiven: "verbal" }, "party"],
      [{ type: "work-with-service", howGiven: "verbal", givenOn: daysFromToday(1) }, "givenOn"],
      [{ type: "work-with-service", howGiven: "verbal", givenOn: daysFromToday(-10), reviewOn: daysFromToday(-10) }, "reviewOn"],
      [{ type: "work-with-service", howGiven: "verbal", givenOn: "2026-02-30" }, "givenOn"],
      [{ type: "share-with", party: { organisationId: foreign.partnerOrganisationId }, scopes: ["story"], howGiven: "verbal" }, "party.organisationId"],
      [{ type: "share-with", party: { familyMemberId: othersMum }, scopes: ["story"], howGiven: "verbal" }, "party.familyMemberId"],
      [{ type: "share-with", party: { description: "Her GP" }, scopes: ["bank-details"], howGiven: "verbal" }, "scopes.0"],
      [{ type: "everything", howGiven: "verbal" }, "type"],
      [{ type: "work-with-service", howGiven: "verbal", sealed: true }, "body"],
    ];
    for (const [json, field] of attempts) {
      const { status, body } = await client.sendJson<ApiError>("POST", `/api/v1/people/${person.id}/consents`, json);
      expect(status, JSON.stringify(json)).toBe(400);
      expect(body.error.issues?.map((issue) => issue.field), JSON.stringify(json)).toContain(field);
    }
    expect(await storedConsents(db, tenant.tenantId, person.id)).toEqual([]);
  });

  it("answers 403 to a partner and 404 to an outsider, and saves nothing", async () => {
    const { tenant, partner, person } = await setting();
    const { db } = testApp.database;
    const outsider = await createUser(db, tenant, { roles: ["manager"], team: "other" });
    const json = { type: "work-with-service", howGiven: "verbal" };
    expect((await (await apiAs(partner)).sendJson("POST", `/api/v1/people/${person.id}/consents`, json)).status).toBe(403);
    expect((await (await apiAs(outsider)).sendJson("POST", `/api/v1/people/${person.id}/consents`, json)).status).toBe(404);
    expect(await storedConsents(db, tenant.tenantId, person.id)).toEqual([]);
  });
});

describe("PATCH /api/v1/consents/{id}", () => {
  it("changes scopes, review date and note, and answers 409 with what is stored to a stale version", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const consentId = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"] });
    const client = await apiAs(worker);
    const saved = await client.sendJson<ApiConsent>("PATCH", `/api/v1/consents/${consentId}`, { version: 1, scopes: ["story", "plan"], reviewOn: daysFromToday(30), note: "Plan too, from now" });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ scopes: ["story", "plan"], reviewOn: daysFromToday(30), version: 2, status: "current" });
    const stale = await client.sendJson<ApiError>("PATCH", `/api/v1/consents/${consentId}`, { version: 1, scopes: ["health"] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id: consentId, scopes: ["story", "plan"], version: 2 });
    const [stored] = await storedConsents(db, tenant.tenantId, person.id);
    expect(stored).toMatchObject({ scopes: ["story", "plan"], version: 2, note: "Plan too, from now" });
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "consent.update" })).toHaveLength(1);
    expect((await chronologyFor(db, tenant.tenantId, person.id)).map((event) => event.summary)).toEqual([
      "Consent to share with Test housing association changed (now story, plan)",
    ]);
  });

  it("withdraws with withdrawnOn, then refuses any further change", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const consentId = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"], givenOn: daysFromToday(-30) });
    const client = await apiAs(worker);
    const early = await client.sendJson<ApiError>("PATCH", `/api/v1/consents/${consentId}`, { version: 1, withdrawnOn: daysFromToday(-31) });
    expect(early.status).toBe(400);
    const withdrawn = await client.sendJson<ApiConsent>("PATCH", `/api/v1/consents/${consentId}`, { version: 1, withdrawnOn: daysFromToday(0) });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ withdrawnOn: daysFromToday(0), status: "withdrawn", version: 2 });
    const again = await client.sendJson<ApiError>("PATCH", `/api/v1/consents/${consentId}`, { version: 2, scopes: ["story", "contacts"] });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toContain("cannot be changed");
    expect((await chronologyFor(db, tenant.tenantId, person.id)).map((event) => event.summary)).toEqual(["Consent to share with Test housing association withdrawn"]);
  });

  it("refuses a review date before the consent was given, empty scopes on sharing, and unknown fields", async () => {
    const { tenant, worker, person } = await setting();
    const consentId = await insertConsent(testApp.database.db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"], givenOn: daysFromToday(-30) });
    const client = await apiAs(worker);
    for (const [json, field] of [
      [{ version: 1, reviewOn: daysFromToday(-40) }, "reviewOn"],
      [{ version: 1, scopes: [] }, "scopes"],
      [{ version: 1, type: "work-with-service" }, "body"],
      [{ scopes: ["story"] }, "version"],
    ] as const) {
      const { status, body } = await client.sendJson<ApiError>("PATCH", `/api/v1/consents/${consentId}`, json);
      expect(status).toBe(400);
      expect(body.error.issues?.map((issue) => issue.field)).toContain(field);
    }
    expect((await storedConsents(testApp.database.db, tenant.tenantId, person.id))[0]?.version).toBe(1);
  });

  it("answers 403 to a partner in the team, 404 to an outsider or an unknown consent", async () => {
    const { tenant, partner, person } = await setting();
    const { db } = testApp.database;
    const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
    const consentId = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"] });
    const json = { version: 1, scopes: ["story", "contacts"] };
    expect((await (await apiAs(partner)).sendJson("PATCH", `/api/v1/consents/${consentId}`, json)).status).toBe(403);
    expect((await (await apiAs(outsider)).sendJson("PATCH", `/api/v1/consents/${consentId}`, json)).status).toBe(404);
    expect((await (await apiAs(outsider)).sendJson("PATCH", "/api/v1/consents/0190a000-0000-7000-8000-000000000000", json)).status).toBe(404);
    expect((await (await apiAs(outsider)).sendJson("PATCH", "/api/v1/consents/nope", json)).status).toBe(404);
    expect((await storedConsents(db, tenant.tenantId, person.id))[0]).toMatchObject({ scopes: ["story"], version: 1 });
  });
});

describe("the API description", () => {
  it("documents the consent routes with their bodies and answers", async () => {
    const { status, body } = await testApp.client().getJson<{ paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> }>("/openapi.json");
    expect(status).toBe(200);
    expect(Object.keys(body.paths["/api/v1/people/{id}/consents"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(body.paths["/api/v1/people/{id}/consents"]?.post?.responses).toHaveProperty("201");
    expect(body.paths["/api/v1/consents/{consentId}"]?.patch?.responses).toHaveProperty("409");
    expect(JSON.stringify(body.paths["/api/v1/consents/{consentId}"]?.patch?.requestBody)).toContain("withdrawnOn");
  });
});
