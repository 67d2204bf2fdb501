import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyEventRows, isoDaysFromToday, personSeenByEveryAudience, type AudienceScene } from "../../test/support/chronology.ts";
import { createPerson, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { insertRisk, riskRows } from "../../test/support/risks.ts";
import type { Actor } from "../platform/access/index.ts";
import { addMonths } from "./schema.ts";
import { activeRiskFlags, risksForHandover } from "./service.ts";
import { riskFlagTags, riskSummary } from "./views.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function scene(): Promise<AudienceScene> {
  return personSeenByEveryAudience(testApp.database.db);
}

async function apiAs(user: TestUser) {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

interface ApiRisk {
  id: string;
  category: string;
  level: string;
  reviewOn: string;
  reviewOverdue: boolean;
  status: string;
  version: number;
  createdBy: { id: string; name: string } | null;
}

describe("POST /api/v1/people/{id}/risks", () => {
  it("adds a risk reviewed in three months unless told otherwise, on the chronology", async () => {
    const { tenant, worker, person } = await scene();
    const client = await apiAs(worker);
    const { status, body } = await client.sendJson<ApiRisk>("POST", `/api/v1/people/${person.id}/risks`, {
      category: "to-workers",
      level: "high",
      description: "Lives with a partner who has assaulted staff.",
      safetyPlan: "Meet at the café on Tanner Row, never at home.",
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ category: "to-workers", level: "high", status: "current", reviewOverdue: false, version: 1, createdBy: { id: worker.id, name: "Sam Okafor" } });
    expect(body.reviewOn).toBe(addMonths(isoDaysFromToday(0), 3));
    expect((await chronologyEventRows(testApp.database.db, tenant.tenantId, person.id)).map((row) => row.summary)).toEqual(["Risk to workers added (high)"]);
  });

  it("refuses a past review date, unknown fields and missing ones, saving nothing", async () => {
    const { tenant, worker, person } = await scene();
    const client = await apiAs(worker);
    const bodies = [
      { category: "to-person", level: "low", description: "x", reviewOn: isoDaysFromToday(-1) },
      { category: "to-person", level: "low", description: "x", colour: "red" },
      { category: "to-everyone", level: "severe", description: "" },
      { category: "to-person", level: "low", description: "x", reviewOn: "2026-02-30" },
    ];
    for (const body of bodies) {
      const response = await client.sendJson<{ error: { issues: Array<{ field: string }> } }>("POST", `/api/v1/people/${person.id}/risks`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.issues.length).toBeGreaterThan(0);
    }
    expect(await riskRows(testApp.database.db, tenant.tenantId, person.id)).toHaveLength(0);
  });

  it("is 403 for a partner and 404 for an outsider", async () => {
    const { partner, outsider, person } = await scene();
    const body = { category: "to-person", level: "low", description: "x" };
    expect((await (await apiAs(partner)).sendJson("POST", `/api/v1/people/${person.id}/risks`, body)).status).toBe(403);
    expect((await (await apiAs(outsider)).sendJson("POST", `/api/v1/people/${person.id}/risks`, body)).status).toBe(404);
  });
});

describe("GET /api/v1/people/{id}/risks", () => {
  it("gives each audience what it may see", async () => {
    const { db } = testApp.database;
    const { tenant, worker, partner, peerMentor, carer, outsider, person } = await scene();
    await insertRisk(db, tenant, person, { category: "to-person", level: "medium", description: "Self-harm when alone.", reviewOn: isoDaysFromToday(-1), by: worker });
    await insertRisk(db, tenant, person, { category: "to-workers", level: "high", description: "Dog.", reviewOn: isoDaysFromToday(9), by: worker });
    await insertRisk(db, tenant, person, { category: "from-person", level: "low", description: "Old.", reviewOn: isoDaysFromToday(9), closed: true, by: worker });
    const itemsOf = async (user: TestUser) => (await (await apiAs(user)).getJson<{ items: ApiRisk[] }>(`/api/v1/people/${person.id}/risks`)).body.items;
    const all = await itemsOf(worker);
    expect(all.map((risk) => [risk.category, risk.status, risk.reviewOverdue])).toEqual([
      ["to-workers", "current", false],
      ["to-person", "current", true],
      ["from-person", "closed", false],
    ]);
    // Without consent to share health or offending information, partners see the risks to workers only.
    expect((await itemsOf(partner)).map((risk) => risk.category)).toEqual(["to-workers"]);
    expect((await itemsOf(peerMentor)).map((risk) => risk.category)).toEqual(["to-workers"]);
    expect((await (await apiAs(carer)).getJson(`/api/v1/people/${person.id}/risks`)).status).toBe(403);
    expect((await (await apiAs(outsider)).getJson(`/api/v1/people/${person.id}/risks`)).status).toBe(404);
  });
});

describe("PATCH /api/v1/risks/{id}", () => {
  it("changes, closes and reopens against the version read; a stale version is 409 with what is stored", async () => {
    const { db } = testApp.database;
    const { tenant, worker, person } = await scene();
    const riskId = await insertRisk(db, tenant, person, { category: "from-person", level: "low", description: "Shouting.", reviewOn: isoDaysFromToday(9), by: worker });
    const client = await apiAs(worker);
    const changed = await client.sendJson<ApiRisk>("PATCH", `/api/v1/risks/${riskId}`, { level: "medium", version: 1 });
    expect(changed).toMatchObject({ status: 200, body: { level: "medium", version: 2 } });
    const stale = await client.sendJson<{ error: { current: ApiRisk } }>("PATCH", `/api/v1/risks/${riskId}`, { level: "high", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ level: "medium", version: 2 });
    const closed = await client.sendJson<ApiRisk>("PATCH", `/api/v1/risks/${riskId}`, { status: "closed", version: 2 });
    expect(closed.body).toMatchObject({ status: "closed", version: 3 });
    const reopened = await client.sendJson<ApiRisk>("PATCH", `/api/v1/risks/${riskId}`, { status: "current", version: 3 });
    expect(reopened.body).toMatchObject({ status: "current", version: 4 });
    expect((await client.sendJson("PATCH", `/api/v1/risks/${riskId}`, { reviewOn: isoDaysFromToday(-5), version: 4 })).status).toBe(400);
    expect((await client.sendJson("PATCH", `/api/v1/risks/${riskId}`, { level: "high" })).status).toBe(400);
    expect((await chronologyEventRows(db, tenant.tenantId, person.id)).map((row) => row.summary)).toEqual([
      "Risk from the person changed from low to medium",
      "Risk from the person closed",
      "Risk from the person reopened (medium)",
    ]);
  });

  it("is 403 for a partner, 404 for an outsider and for an unknown risk", async () => {
    const { db } = testApp.database;
    const { tenant, worker, partner, outsider, person } = await scene();
    const riskId = await insertRisk(db, tenant, person, { category: "to-workers", level: "low", description: "x", reviewOn: isoDaysFromToday(9), by: worker });
    expect((await (await apiAs(partner)).sendJson("PATCH", `/api/v1/risks/${riskId}`, { level: "high", version: 1 })).status).toBe(403);
    expect((await (await apiAs(outsider)).sendJson("PATCH", `/api/v1/risks/${riskId}`, { level: "high", version: 1 })).status).toBe(404);
    expect((await (await apiAs(worker)).sendJson("PATCH", "/api/v1/risks/not-a-risk", { level: "high", version: 1 })).status).toBe(404);
    expect((await riskRows(db, tenant.tenantId, person.id))[0]).toMatchObject({ level: "low", version: 1 });
  });
});

function actorFor(user: TestUser, tenant: TestTenant, roles: Actor["roles"], options: { partner?: boolean; team?: boolean } = {}): Actor {
  return {
    userId: user.id,
    tenantId: tenant.tenantId,
    organisationId: options.partner ? tenant.partnerOrganisationId : tenant.serviceOrganisationId,
    teamId: options.team === false ? null : tenant.teamId,
    email: user.email,
    displayName: user.displayName,
    roles,
    ip: "127.0.0.1",
  };
}

describe("risk flags for the caseload, overview and handover", () => {
  it("sum up current risks per person, as far as the reader may see them", async () => {
    const { db } = testApp.database;
    const { tenant, worker, peerMentor, carer, outsider, person } = await scene();
    const calm = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }] });
    await insertRisk(db, tenant, person, { category: "to-person", level: "medium", description: "Overdose.", reviewOn: isoDaysFromToday(-2), by: worker });
    await insertRisk(db, tenant, person, { category: "to-workers", level: "low", description: "Dog.", reviewOn: isoDaysFromToday(9), by: worker });
    await insertRisk(db, tenant, person, { category: "from-person", level: "high", description: "Closed.", reviewOn: isoDaysFromToday(9), closed: true, by: worker });
    const ids = [person.id, calm.id];
    expect((await activeRiskFlags(db, actorFor(worker, tenant, ["key-worker"]), ids)).get(person.id)).toEqual({ highest: "medium", toWorkers: true, reviewOverdue: true, count: 2 });
    expect((await activeRiskFlags(db, actorFor(worker, tenant, ["key-worker"]), ids)).has(calm.id)).toBe(false);
    expect((await activeRiskFlags(db, actorFor(peerMentor, tenant, ["peer-mentor"]), ids)).get(person.id)).toEqual({ highest: "low", toWorkers: true, reviewOverdue: false, count: 1 });
    expect((await activeRiskFlags(db, actorFor(carer, tenant, ["carer"], { team: false }), ids)).size).toBe(0);
    expect((await activeRiskFlags(db, { ...actorFor(outsider, tenant, ["key-worker"]), teamId: tenant.otherTeamId }, ids)).size).toBe(0);
    expect(riskFlagTags(undefined).value).toBe("");
    expect(riskFlagTags({ highest: "high", toWorkers: true, reviewOverdue: false, count: 1 }).value).toContain("Risk to workers");
  });

  it("give the handover the current risks, with a warning for workers before visiting alone", async () => {
    const { db } = testApp.database;
    const { tenant, worker, peerMentor, outsider, person } = await scene();
    await insertRisk(db, tenant, person, { category: "to-workers", level: "high", description: "Knife kept by the door.", safetyPlan: "Visit in pairs.", reviewOn: isoDaysFromToday(9), by: worker });
    await insertRisk(db, tenant, person, { category: "to-person", level: "medium", description: "Exploited by a dealer.", reviewOn: isoDaysFromToday(9), by: worker });
    await insertRisk(db, tenant, person, { category: "to-person", level: "high", description: "Closed risk.", reviewOn: isoDaysFromToday(9), closed: true, by: worker });
    const risks = await risksForHandover(db, actorFor(worker, tenant, ["key-worker"]), person.id);
    expect(risks.map((risk) => risk.description)).toEqual(["Knife kept by the door.", "Exploited by a dealer."]);
    const summary = riskSummary(risks, { personId: person.id }).value;
    expect(summary).toMatch(/govuk-warning-text[^]*Before visiting alone \(high risk to workers\): Knife kept by the door\.[^]*Stay safe: Visit in pairs\./);
    expect(summary).toContain("Exploited by a dealer.");
    expect(summary).toContain(`href="/people/${person.id}/risks"`);
    expect((await risksForHandover(db, actorFor(peerMentor, tenant, ["peer-mentor"]), person.id)).map((risk) => risk.category)).toEqual(["to-workers"]);
    await expect(risksForHandover(db, { ...actorFor(outsider, tenant, ["key-worker"]), teamId: tenant.otherTeamId }, person.id)).rejects.toThrow("Person not found");
  });
});
