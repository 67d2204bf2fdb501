import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { isoDaysFromToday } from "../../test/support/chronology.ts";
import { TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { planChronology, planScene, sharePlanWithCarer, sharePlanWithPartner, type PlanScene } from "../../test/support/plans.ts";

/**
 * Who sees and changes what in a person's plan: partners by consent and by the actions their agency
 * owns, carers read-only by consent, peer mentors not at all.
 */

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function apiAs(user: TestUser, app: TestApp = testApp) {
  const client = app.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

async function browserAs(user: TestUser) {
  const client = testApp.client();
  await client.signInBrowser(user.email, TEST_PASSWORD);
  return client;
}

interface ApiAction {
  id: string;
  description: string;
  status: string;
  evidence: string | null;
  overdue: boolean;
  ownerOrganisationId: string;
  version: number;
}
interface ApiPlan {
  view: string;
  goals: Array<{ id: string; workerNote: string | null; progress: Array<{ note: string | null; rating: number | null }> }>;
  actions: ApiAction[];
}

/** A plan with a goal (with progress) and three actions: ours, the partner's agency's, probation's. */
async function planWithThreeAgencies(scene: PlanScene) {
  const worker = await apiAs(scene.worker);
  const goal = (await worker.sendJson<{ id: string }>("POST", `/api/v1/people/${scene.person.id}/goals`, { description: "Keep my flat", workerNote: "Two tenancies lost before" })).body;
  await worker.sendJson("POST", `/api/v1/goals/${goal.id}/progress`, { note: "Rent paid on time since March", rating: 7 });
  const add = async (description: string, ownerOrganisationId: string) =>
    (
      await worker.sendJson<ApiAction>("POST", `/api/v1/people/${scene.person.id}/actions`, {
        description,
        dueDate: isoDaysFromToday(10),
        ownerOrganisationId,
        goalId: goal.id,
        evidence: `${description}: started`,
      })
    ).body;
  return {
    goal,
    ours: await add("Open the post together on Thursdays", scene.tenant.serviceOrganisationId),
    theirs: await add("Set up direct payment of rent", scene.tenant.partnerOrganisationId),
    probation: await add("Agree reporting times around work", scene.probationOrganisationId),
  };
}

describe("a partner professional in the team", () => {
  it("without the plan shared, sees only the actions their agency owns, and no goals", async () => {
    const scene = await planScene(testApp.database.db);
    const { theirs, ours, goal } = await planWithThreeAgencies(scene);
    const partner = await apiAs(scene.partner);
    const plan = await partner.getJson<ApiPlan>(`/api/v1/people/${scene.person.id}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.body.view).toBe("own-organisation-actions");
    expect(plan.body.goals).toEqual([]);
    expect(plan.body.actions.map((action) => action.id)).toEqual([theirs.id]);
    expect((await partner.getJson(`/api/v1/actions/${ours.id}`)).status).toBe(404);
    expect((await partner.getJson(`/api/v1/actions/${ours.id}/history`)).status).toBe(404);
    expect((await partner.sendJson("PATCH", `/api/v1/actions/${ours.id}`, { status: "done", version: 1 })).status).toBe(404);
    expect((await partner.getJson(`/api/v1/goals/${goal.id}`)).status).toBe(404);

    const page = await (await browserAs(scene.partner)).get(`/people/${scene.person.id}/plan`);
    expect(page.status).toBe(200);
    const text = textOf(await page.text());
    expect(text).toContain("Set up direct payment of rent");
    expect(text).not.toContain("Open the post together");
    expect(text).not.toContain("Keep my flat");
    expect(text).toContain("has not agreed to share their whole plan with Test housing association");

    const history = await partner.getJson(`/api/v1/actions/${theirs.id}/history`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).not.toContain("Keep my flat");
    const actionPage = await (await browserAs(scene.partner)).get(`/actions/${theirs.id}`);
    expect(actionPage.status).toBe(200);
    expect(textOf(await actionPage.text())).not.toContain("Keep my flat");
  });

  it("updates the status and evidence of their agency's actions, and nothing else", async () => {
    const scene = await planScene(testApp.database.db);
    const { theirs } = await planWithThreeAgencies(scene);
    const partner = await apiAs(scene.partner);
    const done = await partner.sendJson<ApiAction>("PATCH", `/api/v1/actions/${theirs.id}`, { status: "done", evidence: "Direct payment starts 1 June", version: 1 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "done", evidence: "Direct payment starts 1 June", version: 2 });
    for (const body of [{ dueDate: isoDaysFromToday(30), version: 2 }, { ownerOrganisationId: scene.tenant.serviceOrganisationId, version: 2 }, { description: "Something easier", version: 2 }]) {
      const refused = await partner.sendJson<{ error: { message: string } }>("PATCH", `/api/v1/actions/${theirs.id}`, body);
      expect(refused.status, JSON.stringify(body)).toBe(403);
      expect(refused.body.error.message).toContain("status and evidence");
    }
    expect((await partner.sendJson("POST", `/api/v1/people/${scene.person.id}/actions`, { description: "x", dueDate: isoDaysFromToday(1), ownerOrganisationId: scene.tenant.partnerOrganisationId })).status).toBe(403);
    expect((await partner.sendJson("POST", `/api/v1/people/${scene.person.id}/goals`, { description: "x" })).status).toBe(403);
    const summaries = (await planChronology(testApp.database.db, scene.tenant.tenantId, scene.person.id)).map((row) => row.summary);
    expect(summaries).toContain("Action done: Set up direct payment of rent (Test housing association)");
  });

  it("with the plan shared, sees every goal and action, but may change only their agency's", async () => {
    const scene = await planScene(testApp.database.db);
    const { ours, probation, theirs } = await planWithThreeAgencies(scene);
    await sharePlanWithPartner(testApp.database.db, scene);
    const partner = await apiAs(scene.partner);
    const plan = await partner.getJson<ApiPlan>(`/api/v1/people/${scene.person.id}/plan`);
    expect(plan.body.view).toBe("whole-plan");
    expect(plan.body.goals).toHaveLength(1);
    expect(plan.body.goals[0]?.workerNote).toBe("Two tenancies lost before");
    expect(plan.body.actions.map((action) => action.id).sort()).toEqual([ours.id, theirs.id, probation.id].sort());
    expect((await partner.getJson(`/api/v1/actions/${ours.id}`)).status).toBe(200);
    expect((await partner.sendJson("PATCH", `/api/v1/actions/${ours.id}`, { status: "done", version: 1 })).status).toBe(403);
    expect((await partner.sendJson("PATCH", `/api/v1/actions/${probation.id}`, { evidence: "x", version: 1 })).status).toBe(403);
    expect((await partner.sendJson("PATCH", `/api/v1/actions/${theirs.id}`, { status: "cancelled", version: 1 })).status).toBe(200);
    const page = await (await browserAs(scene.partner)).get(`/actions/${ours.id}/edit`);
    expect(page.status).toBe(403);
  });
});

describe("family members and carers", () => {
  it("do not see the plan unless the person shares it with them", async () => {
    const scene = await planScene(testApp.database.db);
    const { ours } = await planWithThreeAgencies(scene);
    const carer = await apiAs(scene.carer);
    expect((await carer.getJson(`/api/v1/people/${scene.person.id}/plan`)).status).toBe(403);
    expect((await carer.getJson(`/api/v1/actions/${ours.id}`)).status).toBe(403);
    const page = await (await browserAs(scene.carer)).get(`/people/${scene.person.id}/plan`);
    expect(page.status).toBe(403);
    expect(textOf(await page.text())).toContain("has not agreed to share their plan with you");
  });

  it("read goals and actions when it is shared, without workers' notes, progress notes or evidence, and change nothing", async () => {
    const scene = await planScene(testApp.database.db);
    const { ours, goal } = await planWithThreeAgencies(scene);
    await sharePlanWithCarer(testApp.database.db, scene);
    const carer = await apiAs(scene.carer);
    const plan = await carer.getJson<ApiPlan>(`/api/v1/people/${scene.person.id}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.body.goals[0]).toMatchObject({ workerNote: null, progress: [{ note: null, rating: 7 }] });
    expect(plan.body.actions).toHaveLength(3);
    expect(plan.body.actions.every((action) => action.evidence === null)).toBe(true);
    expect((await carer.sendJson("PATCH", `/api/v1/actions/${ours.id}`, { status: "done", version: 1 })).status).toBe(403);
    expect((await carer.sendJson("POST", `/api/v1/goals/${goal.id}/progress`, { note: "x" })).status).toBe(403);
    const page = textOf(await (await (await browserAs(scene.carer)).get(`/people/${scene.person.id}/plan`)).text());
    expect(page).toContain("Keep my flat");
    expect(page).not.toContain("Two tenancies lost before");
    expect(page).not.toContain("started");
    expect(page).not.toContain("Add a goal");
  });
});

describe("peer mentors", () => {
  it("are told plainly that the plan is not shared with them", async () => {
    const scene = await planScene(testApp.database.db);
    const { ours, goal } = await planWithThreeAgencies(scene);
    const mentor = await apiAs(scene.peerMentor);
    expect((await mentor.getJson(`/api/v1/people/${scene.person.id}/plan`)).status).toBe(403);
    expect((await mentor.getJson(`/api/v1/actions/${ours.id}`)).status).toBe(403);
    expect((await mentor.getJson(`/api/v1/goals/${goal.id}`)).status).toBe(403);
    const page = await (await browserAs(scene.peerMentor)).get(`/people/${scene.person.id}/plan`);
    expect(page.status).toBe(403);
    expect(textOf(await page.text())).toContain("The plan is not shared with peer mentors");
  });
});

describe("overdue actions", () => {
  it("are overdue by the app's clock once their due date has passed while open", async () => {
    // The app's clock is injectable: move it on eleven days after the actions are added.
    let now = new Date();
    const later = await startTestApp({}, { clock: { now: () => new Date(now) } });
    try {
      const scene = await planScene(later.database.db);
      const worker = await apiAs(scene.worker, later);
      const add = async (description: string) =>
        (await worker.sendJson<ApiAction>("POST", `/api/v1/people/${scene.person.id}/actions`, { description, dueDate: isoDaysFromToday(10), ownerOrganisationId: scene.tenant.partnerOrganisationId })).body;
      const open = await add("Still to do");
      const done = await add("Done in time");
      await worker.sendJson("PATCH", `/api/v1/actions/${done.id}`, { status: "done", version: 1 });
      expect((await worker.getJson<ApiPlan>(`/api/v1/people/${scene.person.id}/plan`)).body.actions.some((action) => action.overdue)).toBe(false);
      now = new Date(Date.now() + 11 * 86_400_000);
      const plan = await worker.getJson<ApiPlan>(`/api/v1/people/${scene.person.id}/plan`);
      const overdue = Object.fromEntries(plan.body.actions.map((action) => [action.id, action.overdue]));
      expect(overdue).toEqual({ [open.id]: true, [done.id]: false });
      expect(plan.body.actions[0]?.id).toBe(open.id);
      // Due before the clock's today: overdue from the moment it is recorded.
      const late = await worker.sendJson<ApiAction>("POST", `/api/v1/people/${scene.person.id}/actions`, { description: "Agreed last week", dueDate: isoDaysFromToday(5), ownerOrganisationId: scene.tenant.partnerOrganisationId });
      expect(late.status).toBe(201);
      expect(late.body.overdue).toBe(true);
    } finally {
      await later.close();
    }
  });
});
