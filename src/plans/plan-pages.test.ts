import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { isoDaysFromToday } from "../../test/support/chronology.ts";
import { auditRows, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { planChronology, planScene, type PlanScene } from "../../test/support/plans.ts";
import { addMonths } from "../platform/clock.ts";
import { formatIsoDate } from "../platform/views/format.ts";

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

async function apiAs(user: TestUser) {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? "" };
}

async function followed(client: Awaited<ReturnType<typeof browserAs>>, response: Response): Promise<string> {
  expect(response.status).toBe(303);
  return textOf(await (await client.get(response.headers.get("location") ?? "")).text());
}

async function addGoalByApi(scene: PlanScene, description: string): Promise<string> {
  return (await (await apiAs(scene.worker)).sendJson<{ id: string }>("POST", `/api/v1/people/${scene.person.id}/goals`, { description })).body.id;
}

describe("the plan page", () => {
  it("starts empty, saying what goes in it, with the first review to come", async () => {
    const { worker, person } = await planScene(testApp.database.db);
    const response = await (await browserAs(worker)).get(`/people/${person.id}/plan`);
    expect(response.status).toBe(200);
    const text = textOf(await response.text());
    expect(text).toContain("No goals yet. Goals are written in Dean's own words");
    expect(text).toContain("Set when the first goal or action is added");
    expect(text).toContain("Add a goal");
    expect(text).toContain("Add an action");
    expect(text).toContain("Change review schedule");
  });

  it("adds a goal in the person's words; an empty one is explained and what was typed is kept", async () => {
    const { tenant, worker, person } = await planScene(testApp.database.db);
    const client = await browserAs(worker);
    const refused = await client.submitForm(`/people/${person.id}/plan/goals/new`, `/people/${person.id}/plan/goals`, { description: "  ", workerNote: "Band C on the register" });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain("There is a problem");
    expect(textOf(page)).toContain("Write the goal in the person's own words");
    expect(page).toContain("Band C on the register");

    const added = await client.submitForm(`/people/${person.id}/plan/goals/new`, `/people/${person.id}/plan/goals`, { description: "I want my own flat near my daughter", workerNote: "Band C on the register" });
    const plan = await followed(client, added);
    expect(plan).toContain("Goal added");
    expect(plan).toContain("I want my own flat near my daughter");
    expect(plan).toContain("Band C on the register");
    expect(plan).toContain(formatIsoDate(addMonths(isoDaysFromToday(0), 3)));
    expect((await planChronology(testApp.database.db, tenant.tenantId, person.id)).map((row) => row.summary)).toEqual(["Goal added: I want my own flat near my daughter"]);
  });

  it("groups actions under their goals, then the ones not linked to a goal, with owner, due date, status and evidence", async () => {
    const scene = await planScene(testApp.database.db);
    const goalId = await addGoalByApi(scene, "Get my teeth sorted");
    const api = await apiAs(scene.worker);
    const add = (body: Record<string, unknown>) => api.sendJson("POST", `/api/v1/people/${scene.person.id}/actions`, { dueDate: isoDaysFromToday(5), ownerOrganisationId: scene.tenant.serviceOrganisationId, ...body });
    await add({ description: "Register with the dental practice", goalId, ownerUserId: scene.worker.id, evidence: "Form filled in" });
    await add({ description: "Check the tenancy agreement", ownerOrganisationId: scene.probationOrganisationId, ownerName: "Claire Dunn" });
    const text = textOf(await (await (await browserAs(scene.worker)).get(`/people/${scene.person.id}/plan`)).text());
    const goalAt = text.indexOf("Get my teeth sorted");
    const linkedAt = text.indexOf("Register with the dental practice");
    const unlinkedHeading = text.indexOf("Actions not linked to a goal");
    expect(goalAt).toBeGreaterThan(-1);
    expect(linkedAt).toBeGreaterThan(goalAt);
    expect(unlinkedHeading).toBeGreaterThan(linkedAt);
    expect(text.indexOf("Check the tenancy agreement")).toBeGreaterThan(unlinkedHeading);
    expect(text).toContain("Sam Okafor, Test key-worker service");
    expect(text).toContain("Claire Dunn, Test probation service");
    expect(text).toContain("Form filled in");
    expect(text).toContain("1 goal being worked on; 2 open actions");
  });
});

describe("goals and their progress", () => {
  it("records progress with a rating, draws it over time, and explains a missing note keeping the rating", async () => {
    const scene = await planScene(testApp.database.db);
    const goalId = await addGoalByApi(scene, "Stay off the drink on weekdays");
    const client = await browserAs(scene.worker);
    const refused = await client.submitForm(`/goals/${goalId}`, `/goals/${goalId}/progress`, { note: "", rating: "4" });
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(textOf(refusedPage)).toContain("Say how it is going");
    expect(refusedPage).toMatch(/value="4" checked/);

    await followed(client, await client.submitForm(`/goals/${goalId}`, `/goals/${goalId}/progress`, { note: "Three dry days this week", rating: "4" }));
    const page = await followed(client, await client.submitForm(`/goals/${goalId}`, `/goals/${goalId}/progress`, { note: "Five dry days", rating: "7" }));
    expect(page).toContain("Progress saved");
    expect(page).toContain("Five dry days");
    expect(page).toContain("7 out of 10");
    const html = await (await client.get(`/goals/${goalId}`)).text();
    expect(html).toContain('aria-label="Ratings over time: 4, 7 out of 10"');
    const reads = await auditRows(testApp.database.db, scene.tenant.tenantId, { personId: scene.person.id, action: "goal.read" });
    expect(reads.length).toBeGreaterThan(0);
  });

  it("marks a goal achieved, and says so when someone else changed it first, keeping what was typed", async () => {
    const scene = await planScene(testApp.database.db);
    const goalId = await addGoalByApi(scene, "Get back in touch with my daughter");
    const client = await browserAs(scene.worker);
    const edit = await client.get(`/goals/${goalId}/edit`);
    expect(edit.status).toBe(200);
    await (await apiAs(scene.manager)).sendJson("PATCH", `/api/v1/goals/${goalId}`, { workerNote: "Letter sent via family mediation", version: 1 });
    const stale = await client.submitForm(`/goals/${goalId}/edit`, `/goals/${goalId}`, { description: "See my daughter at Christmas", workerNote: "", status: "active", version: "1" });
    expect(stale.status).toBe(409);
    const stalePage = textOf(await stale.text());
    expect(stalePage).toContain("Someone else changed this goal while you were editing");
    expect(stalePage).toContain("Letter sent via family mediation");
    const saved = await client.submitForm(`/goals/${goalId}/edit`, `/goals/${goalId}`, { description: "Get back in touch with my daughter", workerNote: "Letter sent via family mediation", status: "achieved", version: "2" });
    expect(await followed(client, saved)).toContain("Goal marked “Achieved”");
    expect((await planChronology(testApp.database.db, scene.tenant.tenantId, scene.person.id)).map((row) => row.summary)).toContain("Goal achieved: Get back in touch with my daughter");
  });
});

describe("actions", () => {
  it("offers our organisation first and the team around the person first, and explains a date that does not exist, keeping the input", async () => {
    const scene = await planScene(testApp.database.db);
    const goalId = await addGoalByApi(scene, "Keep my flat");
    const client = await browserAs(scene.worker);
    const form = await client.get(`/people/${scene.person.id}/plan/actions/new?goal=${goalId}`);
    const html = await form.text();
    const options = [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((match) => match[2]?.trim());
    expect(options.indexOf("Test key-worker service (yours)")).toBeLessThan(options.indexOf("Test housing association"));
    expect(options.find((text) => text?.startsWith("Marcus Bell"))).toBe("Marcus Bell, Test housing association (in their team)");
    expect(html).toMatch(new RegExp(`<option value="${goalId}" selected`));

    const refused = await client.submitForm(`/people/${scene.person.id}/plan/actions/new`, `/people/${scene.person.id}/plan/actions`, {
      description: "Set up direct payment of rent",
      "dueDate-day": "31",
      "dueDate-month": "2",
      "dueDate-year": "2027",
      ownerOrganisationId: scene.tenant.partnerOrganisationId,
      ownerUserId: scene.worker.id,
      goalId,
    });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(textOf(refusedHtml)).toMatch(/due date must be a real date/i);
    expect(refusedHtml).toContain("Set up direct payment of rent");

    const wrongOwner = await client.submitForm(`/people/${scene.person.id}/plan/actions/new`, `/people/${scene.person.id}/plan/actions`, {
      description: "Set up direct payment of rent",
      ...dateFields("dueDate", isoDaysFromToday(3)),
      ownerOrganisationId: scene.tenant.partnerOrganisationId,
      ownerUserId: scene.worker.id,
    });
    expect(wrongOwner.status).toBe(400);
    expect(textOf(await wrongOwner.text())).toContain("The named owner must work for the organisation that owns the action");

    const added = await client.submitForm(`/people/${scene.person.id}/plan/actions/new`, `/people/${scene.person.id}/plan/actions`, {
      description: "Set up direct payment of rent",
      ...dateFields("dueDate", isoDaysFromToday(3)),
      ownerOrganisationId: scene.tenant.partnerOrganisationId,
      ownerUserId: scene.partner.id,
      goalId,
    });
    const plan = await followed(client, added);
    expect(plan).toContain("Action added");
    expect(plan).toContain("Set up direct payment of rent – Marcus Bell, Test housing association");
  });

  it("shows an action's history, marks it done with evidence, and handles a stale version", async () => {
    const scene = await planScene(testApp.database.db);
    const api = await apiAs(scene.worker);
    const action = (await api.sendJson<{ id: string }>("POST", `/api/v1/people/${scene.person.id}/actions`, { description: "Apply for a birth certificate", dueDate: isoDaysFromToday(10), ownerOrganisationId: scene.tenant.serviceOrganisationId })).body;
    const client = await browserAs(scene.worker);
    const edit = await client.get(`/actions/${action.id}/edit`);
    expect(edit.status).toBe(200);
    const fields = { description: "Apply for a birth certificate", ...dateFields("dueDate", isoDaysFromToday(10)), ownerOrganisationId: scene.tenant.serviceOrganisationId, ownerUserId: "", ownerName: "", goalId: "" };
    const done = await client.submitForm(`/actions/${action.id}/edit`, `/actions/${action.id}`, { ...fields, status: "done", evidence: "Certificate arrived 3 May", version: "1" });
    const page = await followed(client, done);
    expect(page).toContain("Action marked “done”");
    expect(page).toContain("Certificate arrived 3 May");
    expect(page).toContain("Status: Open → Done");
    expect(page).toContain("Evidence: None → Certificate arrived 3 May");
    expect(page).toContain("Added: due");

    const stale = await client.submitForm(`/actions/${action.id}/edit`, `/actions/${action.id}`, { ...fields, status: "cancelled", evidence: "Not needed", version: "1" });
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(textOf(staleHtml)).toContain("Someone else changed this action while you were editing");
    expect(staleHtml).toContain("Not needed");
    expect(staleHtml).toContain('name="version" value="2"');
    expect((await planChronology(testApp.database.db, scene.tenant.tenantId, scene.person.id)).map((row) => row.summary)).toContain("Action done: Apply for a birth certificate (Test key-worker service)");
  });

  it("gives a partner the status and evidence of their agency's action only", async () => {
    const scene = await planScene(testApp.database.db);
    const api = await apiAs(scene.worker);
    const action = (await api.sendJson<{ id: string }>("POST", `/api/v1/people/${scene.person.id}/actions`, { description: "Repair the boiler", dueDate: isoDaysFromToday(2), ownerOrganisationId: scene.tenant.partnerOrganisationId })).body;
    const client = await browserAs(scene.partner);
    const form = await (await client.get(`/actions/${action.id}/edit`)).text();
    expect(form).toContain('name="status"');
    expect(form).toContain('name="evidence"');
    expect(form).not.toContain('name="description"');
    expect(form).not.toContain('name="dueDate-day"');
    const saved = await client.submitForm(`/actions/${action.id}/edit`, `/actions/${action.id}`, { status: "done", evidence: "Engineer visited", version: "1" });
    expect(await followed(client, saved)).toContain("Engineer visited");
    const missing = await client.submitForm(`/actions/${action.id}/edit`, `/actions/${action.id}`, { status: "", evidence: "x", version: "2" });
    expect(missing.status).toBe(400);
  });
});

describe("the review schedule", () => {
  it("sets how often and when next; refuses a past date keeping the input; says when someone saved first", async () => {
    const scene = await planScene(testApp.database.db);
    await addGoalByApi(scene, "Keep my flat");
    const client = await browserAs(scene.worker);
    const form = await client.get(`/people/${scene.person.id}/plan/schedule`);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/value="3" checked/);
    const refused = await client.submitForm(`/people/${scene.person.id}/plan/schedule`, `/people/${scene.person.id}/plan/schedule`, { reviewIntervalMonths: "6", ...dateFields("nextReviewOn", isoDaysFromToday(-1)), version: "1" });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(textOf(refusedHtml)).toContain("The next review must be today or in the future");
    expect(refusedHtml).toMatch(/value="6" checked/);

    const next = isoDaysFromToday(40);
    const saved = await client.submitForm(`/people/${scene.person.id}/plan/schedule`, `/people/${scene.person.id}/plan/schedule`, { reviewIntervalMonths: "6", ...dateFields("nextReviewOn", next), version: "1" });
    const plan = await followed(client, saved);
    expect(plan).toContain("Review schedule saved");
    expect(plan).toContain(`Next review by ${formatIsoDate(next)}`);
    expect(plan).toContain("Every 6 months");
    const stale = await client.submitForm(`/people/${scene.person.id}/plan/schedule`, `/people/${scene.person.id}/plan/schedule`, { reviewIntervalMonths: "1", ...dateFields("nextReviewOn", next), version: "1" });
    expect(stale.status).toBe(409);
    expect((await planChronology(testApp.database.db, scene.tenant.tenantId, scene.person.id)).map((row) => row.summary)).toContain(`Plan reviews every 6 months; next review by ${formatIsoDate(next)}`);
  });

  it("is for the person's workers and manager: a partner is refused", async () => {
    const scene = await planScene(testApp.database.db);
    expect((await (await browserAs(scene.partner)).get(`/people/${scene.person.id}/plan/schedule`)).status).toBe(403);
    expect((await (await browserAs(scene.manager)).get(`/people/${scene.person.id}/plan/schedule`)).status).toBe(200);
  });
});
