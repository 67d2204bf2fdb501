import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyEventRows, isoDaysFromToday, personSeenByEveryAudience, type AudienceScene } from "../../test/support/chronology.ts";
import { auditRows, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
import { insertRisk, riskRows } from "../../test/support/risks.ts";
import { addMonths } from "./schema.ts";

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

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  const response = await client.signInBrowser(user.email, TEST_PASSWORD);
  expect(response.status).toBe(303);
  return client;
}

function reviewFields(iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { "reviewOn-day": String(Number(day)), "reviewOn-month": String(Number(month)), "reviewOn-year": year ?? "" };
}

const LONE_WORKING = {
  category: "to-workers",
  level: "high",
  description: "Has threatened staff with a knife when drinking.",
  safetyPlan: "Visit in pairs, mornings only; call the office before and after.",
};

describe("adding a risk", () => {
  it("offers a review date three months ahead, saves, shows it grouped, and records it on the chronology and audit trail", async () => {
    const { tenant, worker, person } = await scene();
    const client = await browserAs(worker);
    const form = await (await client.get(`/people/${person.id}/risks/new`)).text();
    const [year, month, day] = addMonths(isoDaysFromToday(0), 3).split("-");
    expect(form).toContain(`name="reviewOn-day" type="text" value="${Number(day)}"`);
    expect(form).toContain(`value="${Number(month)}"`);
    expect(form).toContain(`value="${year}"`);
    const response = await client.submitForm(`/people/${person.id}/risks/new`, `/people/${person.id}/risks`, { ...LONE_WORKING, ...reviewFields(isoDaysFromToday(30)) });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/people/${person.id}/risks`);
    const page = textOf(await (await client.get(`/people/${person.id}/risks`)).text());
    expect(page).toContain("Risk to workers added");
    expect(page).toMatch(/Risks to workers .*High risk.*Has threatened staff with a knife/);
    expect(page).toContain("Visit in pairs, mornings only");
    expect(page).toContain("Recorded by Sam Okafor");
    expect(page).not.toContain("Review overdue");
    const events = await chronologyEventRows(testApp.database.db, tenant.tenantId, person.id);
    expect(events).toEqual([expect.objectContaining({ kind: "risk-added", summary: "Risk to workers added (high)", section: "risks", source_type: "risk", actor_user_id: worker.id })]);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "risk.create" })).toHaveLength(1);
  });

  it("explains every problem, keeps what was typed and saves nothing", async () => {
    const { tenant, worker, person } = await scene();
    const client = await browserAs(worker);
    const empty = await client.submitForm(`/people/${person.id}/risks/new`, `/people/${person.id}/risks`, { safetyPlan: "Kept plan", "reviewOn-day": "", "reviewOn-month": "", "reviewOn-year": "" });
    expect(empty.status).toBe(400);
    const page = await empty.text();
    const text = textOf(page);
    for (const message of ["Select who the risk is to", "Select the level of risk", "Describe the risk", "Enter the date the risk should next be reviewed"]) expect(text).toContain(message);
    expect(page).toContain('href="#reviewOn-day"');
    expect(page).toContain("Kept plan");
    const past = await client.submitForm(`/people/${person.id}/risks/new`, `/people/${person.id}/risks`, { ...LONE_WORKING, ...reviewFields(isoDaysFromToday(-1)) });
    expect(past.status).toBe(400);
    expect(textOf(await past.text())).toContain("The review date must be today or in the future");
    expect(await riskRows(testApp.database.db, tenant.tenantId, person.id)).toHaveLength(0);
    expect(await chronologyEventRows(testApp.database.db, tenant.tenantId, person.id)).toHaveLength(0);
  });

  it("is refused to a partner and a peer mentor, and is 404 for an outsider", async () => {
    const { tenant, partner, peerMentor, outsider, person } = await scene();
    for (const user of [partner, peerMentor]) {
      const client = await browserAs(user);
      expect((await client.get(`/people/${person.id}/risks/new`)).status).toBe(403);
      expect((await client.submitForm(`/people/${person.id}/risks`, `/people/${person.id}/risks`, { ...LONE_WORKING, ...reviewFields(isoDaysFromToday(9)) })).status).toBe(403);
    }
    const client = await browserAs(outsider);
    expect((await client.get(`/people/${person.id}/risks/new`)).status).toBe(404);
    expect((await client.get(`/people/${person.id}/risks`)).status).toBe(404);
    expect(await riskRows(testApp.database.db, tenant.tenantId, person.id)).toHaveLength(0);
  });
});

describe("the risks page", () => {
  async function withRisks() {
    const found = await scene();
    const { db } = testApp.database;
    const { tenant, person, worker } = found;
    await insertRisk(db, tenant, person, { category: "to-person", level: "medium", description: "Overdoses after release from prison.", reviewOn: isoDaysFromToday(-3), by: worker });
    await insertRisk(db, tenant, person, { category: "from-person", level: "low", description: "Verbal aggression to neighbours.", reviewOn: isoDaysFromToday(40), by: worker });
    await insertRisk(db, tenant, person, { category: "to-workers", level: "high", description: "Dog in the flat; not to be visited alone.", reviewOn: isoDaysFromToday(20), by: worker });
    await insertRisk(db, tenant, person, { category: "to-person", level: "high", description: "Old exploitation risk, now moved away.", reviewOn: isoDaysFromToday(10), closed: true, by: worker });
    return found;
  }

  it("shows every category, an overdue review in red, and closed risks below, to the worker", async () => {
    const { worker, person } = await withRisks();
    const page = await (await (await browserAs(worker)).get(`/people/${person.id}/risks`)).text();
    const text = textOf(page);
    expect(text.indexOf("Risks to the person")).toBeLessThan(text.indexOf("Risks from the person to others"));
    expect(text.indexOf("Risks from the person to others")).toBeLessThan(text.indexOf("Risks to workers"));
    expect(text).toContain("Overdoses after release from prison.");
    expect(page).toMatch(/keywork-review-overdue[^]*?govuk-tag--red[^]*?Review overdue/);
    expect(text.match(/Review overdue/g)).toHaveLength(1);
    expect(text).toMatch(/Closed risks .*Old exploitation risk/);
    expect(text).toContain("Add a risk");
  });

  it("shows a partner the risks to workers, the others only with health or offending shared, and no way to change them", async () => {
    const { partner, person } = await withRisks();
    const text = textOf(await (await (await browserAs(partner)).get(`/people/${person.id}/risks`)).text());
    expect(text).not.toContain("Overdoses after release from prison.");
    expect(text).toContain("Dog in the flat");
    expect(text).not.toContain("Add a risk");
    expect(text).not.toContain("Change or close");
  });

  it("shows a peer mentor only the risks to workers, and a carer none", async () => {
    const { peerMentor, carer, person } = await withRisks();
    const mentor = textOf(await (await (await browserAs(peerMentor)).get(`/people/${person.id}/risks`)).text());
    expect(mentor).toContain("Dog in the flat");
    expect(mentor).toContain("You see the risks to workers only");
    expect(mentor).not.toContain("Overdoses");
    expect(mentor).not.toContain("neighbours");
    expect(mentor).not.toContain("exploitation");
    const response = await (await browserAs(carer)).get(`/people/${person.id}/risks`);
    expect(response.status).toBe(200);
    const carerText = textOf(await response.text());
    expect(carerText).toContain("Risks are not shared with family members and carers");
    expect(carerText).not.toContain("Dog in the flat");
    expect(carerText).not.toContain("Overdoses");
  });
});

describe("changing, closing and reopening a risk", () => {
  it("saves against the version opened, records each change, and refuses a stale version", async () => {
    const { db } = testApp.database;
    const { tenant, worker, person } = await scene();
    const manager = await createUser(db, tenant, { roles: ["manager"] });
    const riskId = await insertRisk(db, tenant, person, { category: "to-workers", level: "medium", description: "Shouts at visitors.", reviewOn: isoDaysFromToday(5), by: worker });
    const workerClient = await browserAs(worker);
    const managerClient = await browserAs(manager);
    const form = await (await workerClient.get(`/risks/${riskId}/edit`)).text();
    expect(form).toContain('name="version" value="1"');
    const saved = await managerClient.submitForm(`/risks/${riskId}/edit`, `/risks/${riskId}`, {
      action: "save",
      version: "1",
      category: "to-workers",
      level: "high",
      description: "Shouts at visitors; pushed a worker in March.",
      safetyPlan: "Two workers, ground floor room only.",
      ...reviewFields(isoDaysFromToday(5)),
    });
    expect(saved.status).toBe(303);
    const stale = await workerClient.submitForm(`/risks/${riskId}/edit`, `/risks/${riskId}`, {
      action: "save",
      version: "1",
      category: "to-workers",
      level: "low",
      description: "Calmer now.",
      ...reviewFields(isoDaysFromToday(5)),
    });
    expect(stale.status).toBe(409);
    const conflict = textOf(await stale.text());
    expect(conflict).toContain("Someone else changed this risk while you were editing");
    expect(conflict).toContain("pushed a worker in March");
    expect((await riskRows(db, tenant.tenantId, person.id))[0]).toMatchObject({ level: "high", version: 2 });
    const closed = await workerClient.submitForm(`/risks/${riskId}/edit`, `/risks/${riskId}`, { action: "close", version: "2" });
    expect(closed.status).toBe(303);
    expect((await riskRows(db, tenant.tenantId, person.id))[0]?.closed_at).not.toBeNull();
    const closedPage = textOf(await (await workerClient.get(`/people/${person.id}/risks`)).text());
    expect(closedPage).toContain("Risk to workers closed");
    expect(closedPage).toMatch(/Risks to workers .* None recorded/);
    const reopened = await workerClient.submitForm(`/risks/${riskId}/edit`, `/risks/${riskId}`, { action: "reopen", version: "3" });
    expect(reopened.status).toBe(303);
    expect((await riskRows(db, tenant.tenantId, person.id))[0]?.closed_at).toBeNull();
    const summaries = (await chronologyEventRows(db, tenant.tenantId, person.id)).map((row) => row.summary);
    expect(summaries).toEqual(["Risk to workers changed from medium to high", "Risk to workers closed", "Risk to workers reopened (high)"]);
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "risk.update" })).toHaveLength(3);
  });

  it("lets an overdue review date stand while other details change, but not a new date in the past", async () => {
    const { db } = testApp.database;
    const { tenant, worker, person } = await scene();
    const riskId = await insertRisk(db, tenant, person, { category: "to-person", level: "low", description: "Misses meals.", reviewOn: isoDaysFromToday(-10), by: worker });
    const client = await browserAs(worker);
    const kept = await client.submitForm(`/risks/${riskId}/edit`, `/risks/${riskId}`, { action: "save", version: "1", category: "to-person", level: "medium", description: "Misses meals; losing weight.", ...reviewFields(isoDaysFromToday(-10)) });
    expect(kept.status).toBe(303);
    const moved = await client.submitForm(`/risks/${riskId}/edit`, `/risks/${riskId}`, { action: "save", version: "2", category: "to-person", level: "medium", description: "Misses meals.", ...reviewFields(isoDaysFromToday(-2)) });
    expect(moved.status).toBe(400);
    expect(textOf(await moved.text())).toContain("The review date must be today or in the future");
    expect((await riskRows(db, tenant.tenantId, person.id))[0]).toMatchObject({ description: "Misses meals; losing weight.", review_on: isoDaysFromToday(-10), version: 2 });
  });

  it("is 403 for a partner or peer mentor and 404 for an outsider or an unknown risk", async () => {
    const { db } = testApp.database;
    const { tenant, worker, partner, peerMentor, outsider, person } = await scene();
    const riskId = await insertRisk(db, tenant, person, { category: "to-workers", level: "low", description: "Barking dog.", reviewOn: isoDaysFromToday(5), by: worker });
    for (const user of [partner, peerMentor]) {
      const client = await browserAs(user);
      expect((await client.get(`/risks/${riskId}/edit`)).status).toBe(403);
      expect((await client.submitForm(`/people/${person.id}/risks`, `/risks/${riskId}`, { action: "close", version: "1" })).status).toBe(403);
    }
    const client = await browserAs(outsider);
    expect((await client.get(`/risks/${riskId}/edit`)).status).toBe(404);
    expect((await (await browserAs(worker)).get("/risks/0190a000-0000-7000-8000-000000000000/edit")).status).toBe(404);
    expect((await riskRows(db, tenant.tenantId, person.id))[0]).toMatchObject({ closed_at: null, version: 1 });
  });
});
