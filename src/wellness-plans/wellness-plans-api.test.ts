import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { insertConsent } from "../../test/support/consent.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import type { HttpClient } from "../../test/support/http.ts";
import { paths } from "../platform/http/paths.ts";

interface ApiPlan {
  personId: string;
  sections: Array<{ key: string; title: string; text: string; writtenBy: string | null; savedBy: { id: string; name: string } | null; savedAt: string | null; version: number }>;
  serviceHours: string | null;
  serviceContact: string | null;
  outOfHours: string | null;
}

let testApp: TestApp;
let tenant: TestTenant;
let worker: TestUser;
let partner: TestUser;
let peerMentor: TestUser;

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
});
afterAll(async () => {
  await testApp.close();
});

const clients = new Map<string, HttpClient>();
async function api(user: TestUser): Promise<HttpClient> {
  const known = clients.get(user.id);
  if (known) return known;
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  clients.set(user.id, client);
  return client;
}

async function person(): Promise<TestPerson> {
  return createPerson(testApp.database.db, tenant, {
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
      { user: peerMentor, role: "peer-mentor" },
    ],
  });
}

describe("GET and PUT /api/v1/people/{id}/wellness-plan", () => {
  it("answers every section in order, with who saved it and when, and the team's contacts (null until added)", async () => {
    const someone = await person();
    const client = await api(worker);
    const empty = await client.getJson<ApiPlan>(paths.api.personWellnessPlan(someone.id));
    expect(empty.status).toBe(200);
    expect(empty.body.personId).toBe(someone.id);
    expect(empty.body.sections.map((section) => section.key)).toEqual([
      "what-keeps-me-well",
      "triggers",
      "early-warning-signs",
      "breaking-down",
      "crisis-who-to-contact",
      "crisis-what-helps",
      "crisis-what-does-not-help",
      "crisis-preferences",
      "after-a-crisis",
    ]);
    expect(empty.body.sections[0]).toEqual({ key: "what-keeps-me-well", title: "What keeps me well", text: "", writtenBy: null, savedBy: null, savedAt: null, version: 0 });
    expect(empty.body.serviceHours).toBeNull();
    expect(empty.body.outOfHours).toBeNull();

    const saved = await client.sendJson<ApiPlan>("PUT", paths.api.personWellnessPlan(someone.id), {
      sections: [
        { key: "triggers", text: "  Brown envelopes.  ", writtenBy: "the-person" },
        { key: "crisis-what-helps", text: "Tea and quiet.", writtenBy: "together", version: 0 },
      ],
    });
    expect(saved.status).toBe(200);
    const triggers = saved.body.sections.find((section) => section.key === "triggers");
    expect(triggers).toMatchObject({ text: "Brown envelopes.", writtenBy: "the-person", savedBy: { id: worker.id, name: "Sam Okafor" }, version: 1 });
    expect(Number.isNaN(Date.parse(triggers?.savedAt ?? ""))).toBe(false);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: someone.id, action: "wellness-plan.update" })).toHaveLength(1);
    expect((await auditRows(testApp.database.db, tenant.tenantId, { personId: someone.id, action: "wellness-plan.read" })).length).toBeGreaterThanOrEqual(1);
  });

  it("saves all or nothing: one stale version answers 409 and no section is saved", async () => {
    const someone = await person();
    const client = await api(worker);
    await client.sendJson("PUT", paths.api.personWellnessPlan(someone.id), { sections: [{ key: "triggers", text: "First", writtenBy: "worker" }] });
    const conflict = await client.sendJson<{ error: { status: number; message: string; current?: { stale: string[] } } }>("PUT", paths.api.personWellnessPlan(someone.id), {
      sections: [
        { key: "what-keeps-me-well", text: "Walking", writtenBy: "the-person", version: 0 },
        { key: "triggers", text: "Second", writtenBy: "worker", version: 0 },
      ],
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain("Someone else changed the wellness plan");
    const after = await client.getJson<ApiPlan>(paths.api.personWellnessPlan(someone.id));
    expect(after.body.sections.find((section) => section.key === "what-keeps-me-well")?.text).toBe("");
    expect(after.body.sections.find((section) => section.key === "triggers")).toMatchObject({ text: "First", version: 1 });
    const next = await client.sendJson<ApiPlan>("PUT", paths.api.personWellnessPlan(someone.id), { sections: [{ key: "triggers", text: "Second", writtenBy: "worker", version: 1 }] });
    expect(next.body.sections.find((section) => section.key === "triggers")).toMatchObject({ text: "Second", version: 2 });
  });

  it("answers 400 for unknown sections, extra fields, over-long text and duplicates, saving nothing", async () => {
    const someone = await person();
    const client = await api(worker);
    const url = paths.api.personWellnessPlan(someone.id);
    const cases: unknown[] = [
      { sections: [{ key: "my-secrets", text: "x", writtenBy: "worker" }] },
      { sections: [{ key: "triggers", text: "x", writtenBy: "worker", colour: "red" }] },
      { sections: [{ key: "triggers", text: "x", writtenBy: "worker" }], extra: true },
      { sections: [{ key: "triggers", text: "x".repeat(5001), writtenBy: "worker" }] },
      { sections: [{ key: "triggers", text: "x", writtenBy: "the-cat" }] },
      { sections: [] },
      {
        sections: [
          { key: "triggers", text: "x", writtenBy: "worker" },
          { key: "triggers", text: "y", writtenBy: "worker" },
        ],
      },
    ];
    for (const body of cases) {
      const response = await client.sendJson<{ error: { status: number; issues: unknown[] } }>("PUT", url, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.body.error.issues.length).toBeGreaterThan(0);
    }
    const after = await client.getJson<ApiPlan>(url);
    expect(after.body.sections.every((section) => section.version === 0)).toBe(true);
  });

  it("answers 404 to those the plan is not shared with, and 403 to a partner it is shared with who tries to change it", async () => {
    const someone = await person();
    const url = paths.api.personWellnessPlan(someone.id);
    expect((await (await api(partner)).getJson(url)).status).toBe(404);
    expect((await (await api(peerMentor)).getJson(url)).status).toBe(404);
    expect((await (await api(partner)).sendJson("PUT", url, { sections: [{ key: "triggers", text: "x", writtenBy: "worker" }] })).status).toBe(404);
    await insertConsent(testApp.database.db, tenant, someone, { organisationId: tenant.partnerOrganisationId, scopes: ["wellness-plan"] });
    expect((await (await api(partner)).getJson(url)).status).toBe(200);
    expect((await (await api(partner)).sendJson("PUT", url, { sections: [{ key: "triggers", text: "x", writtenBy: "worker" }] })).status).toBe(403);
    expect((await (await api(worker)).getJson(paths.api.personWellnessPlan("not-a-uuid"))).status).toBe(404);
  });
});
