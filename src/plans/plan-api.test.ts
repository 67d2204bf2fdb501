import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { isoDaysFromToday } from "../../test/support/chronology.ts";
import { auditRows, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { actionRevisionRows, countPlanRows, planChronology, planScene, type PlanScene } from "../../test/support/plans.ts";
import { addMonths, fixedClock } from "../platform/clock.ts";

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

interface ApiGoal {
  id: string;
  description: string;
  workerNote: string | null;
  status: string;
  latestProgress: { rating: number | null; note: string | null } | null;
  progress: Array<{ rating: number | null; note: string | null }>;
  version: number;
}

interface ApiAction {
  id: string;
  personId: string;
  goalId: string | null;
  description: string;
  dueDate: string;
  status: string;
  overdue: boolean;
  evidence: string | null;
  ownerOrganisation: { id: string; name: string };
  ownerOrganisationId: string;
  owner: { id: string; name: string } | null;
  ownerName: string | null;
  completedAt: string | null;
  version: number;
}

interface ApiPlan {
  personId: string;
  view: string;
  nextReviewOn: string | null;
  reviewIntervalMonths: number;
  lastReviewedOn: string | null;
  goals: ApiGoal[];
  actions: ApiAction[];
}

type ErrorBody = { error: { message: string; issues?: Array<{ field: string; message: string }>; current?: { version: number; status?: string } } };

async function addAction(scene: PlanScene, body: Record<string, unknown>): Promise<ApiAction> {
  const { status, body: action } = await (await apiAs(scene.worker)).sendJson<ApiAction>("POST", `/api/v1/people/${scene.person.id}/actions`, {
    description: "Chase the housing benefit claim",
    dueDate: isoDaysFromToday(14),
    ownerOrganisationId: scene.tenant.serviceOrganisationId,
    ...body,
  });
  expect(status, JSON.stringify(action)).toBe(201);
  return action;
}

describe("goals through the API", () => {
  it("adds a goal in the person's words, records progress and changes it, each on the chronology and in the audit trail", async () => {
    const scene = await planScene(testApp.database.db);
    const { tenant, worker, person } = scene;
    const client = await apiAs(worker);

    const created = await client.request("POST", `/api/v1/people/${person.id}/goals`, { json: { description: "I want my own flat near my daughter", workerNote: "Housing register band C" } });
    expect(created.status).toBe(201);
    const goal = (await created.json()) as ApiGoal;
    expect(created.headers.get("location")).toBe(`/api/v1/goals/${goal.id}`);
    expect(goal).toMatchObject({ description: "I want my own flat near my daughter", workerNote: "Housing register band C", status: "active", latestProgress: null, progress: [], version: 1 });

    const progress = await client.sendJson<ApiGoal>("POST", `/api/v1/goals/${goal.id}/progress`, { note: "Viewed a flat on Tanner Row", rating: 6 });
    expect(progress.status).toBe(201);
    expect(progress.body.latestProgress).toMatchObject({ rating: 6, note: "Viewed a flat on Tanner Row" });
    await client.sendJson("POST", `/api/v1/goals/${goal.id}/progress`, { note: "Bidding every week" });

    const achieved = await client.sendJson<ApiGoal>("PATCH", `/api/v1/goals/${goal.id}`, { status: "achieved", version: 1 });
    expect(achieved.status).toBe(200);
    expect(achieved.body).toMatchObject({ status: "achieved", version: 2 });
    expect(achieved.body.progress.map((item) => item.rating)).toEqual([6, null]);

    const stale = await client.sendJson<ErrorBody>("PATCH", `/api/v1/goals/${goal.id}`, { description: "Something else", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ version: 2, status: "achieved" });

    const fetched = await client.getJson<ApiGoal>(`/api/v1/goals/${goal.id}`);
    expect(fetched.body.description).toBe("I want my own flat near my daughter");

    expect((await planChronology(testApp.database.db, tenant.tenantId, person.id)).map((row) => row.summary)).toEqual([
      "Goal added: I want my own flat near my daughter",
      "Progress on goal (6 out of 10): I want my own flat near my daughter",
      "Progress on goal: I want my own flat near my daughter",
      "Goal achieved: I want my own flat near my daughter",
    ]);
    const actions = (await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id })).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["goal.create", "goal-progress.create", "goal.update", "goal.read"]));
    expect(JSON.stringify(await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id }))).not.toContain("Tanner Row");
  });

  it("refuses an empty goal, a rating out of range and unknown fields, saving nothing", async () => {
    const { tenant, worker, person } = await planScene(testApp.database.db);
    const client = await apiAs(worker);
    for (const body of [{}, { description: "   " }, { description: "x", colour: "red" }]) {
      const response = await client.sendJson<ErrorBody>("POST", `/api/v1/people/${person.id}/goals`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.issues?.length).toBeGreaterThan(0);
    }
    const goal = (await client.sendJson<ApiGoal>("POST", `/api/v1/people/${person.id}/goals`, { description: "Get my teeth sorted" })).body;
    for (const body of [{ note: "x", rating: 11 }, { note: "x", rating: 2.5 }, { note: "" }]) {
      expect((await client.sendJson("POST", `/api/v1/goals/${goal.id}/progress`, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await countPlanRows(testApp.database.db, "goal_progress", tenant.tenantId)).toBe(0);
  });
});

describe("actions through the API", () => {
  it("adds an action owned by an organisation and a named person, in the plan's shape, with a Location", async () => {
    const scene = await planScene(testApp.database.db);
    const { tenant, worker, partner, person } = scene;
    const response = await (await apiAs(worker)).request("POST", `/api/v1/people/${person.id}/actions`, {
      json: { description: "Book a viewing of the flat", dueDate: isoDaysFromToday(0), ownerOrganisationId: tenant.partnerOrganisationId, ownerUserId: partner.id },
    });
    expect(response.status).toBe(201);
    const action = (await response.json()) as ApiAction;
    expect(response.headers.get("location")).toBe(`/api/v1/actions/${action.id}`);
    expect(Object.keys(action).sort()).toEqual(
      ["id", "personId", "goalId", "meetingId", "description", "dueDate", "status", "overdue", "evidence", "ownerOrganisation", "ownerOrganisationId", "owner", "ownerName", "completedAt", "createdAt", "updatedAt", "version"].sort(),
    );
    expect(action).toMatchObject({
      personId: person.id,
      dueDate: isoDaysFromToday(0),
      status: "open",
      overdue: false,
      ownerOrganisation: { id: tenant.partnerOrganisationId, name: "Test housing association" },
      ownerOrganisationId: tenant.partnerOrganisationId,
      owner: { id: partner.id, name: "Marcus Bell" },
      ownerName: "Marcus Bell",
      version: 1,
    });
    const plan = await (await apiAs(worker)).getJson<ApiPlan>(`/api/v1/people/${person.id}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ personId: person.id, view: "whole-plan", reviewIntervalMonths: 3, lastReviewedOn: null, nextReviewOn: addMonths(isoDaysFromToday(0), 3), goals: [] });
    expect(plan.body.actions.map((item) => item.id)).toEqual([action.id]);
    expect((await planChronology(testApp.database.db, tenant.tenantId, person.id)).map((row) => row.summary)[0]).toMatch(/^Action added: Book a viewing of the flat – due /);
  });

  it("keeps a named owner without an account, and links the action to one of the person's goals", async () => {
    const scene = await planScene(testApp.database.db);
    const goal = (await (await apiAs(scene.worker)).sendJson<ApiGoal>("POST", `/api/v1/people/${scene.person.id}/goals`, { description: "Get my teeth sorted" })).body;
    const action = await addAction(scene, { ownerOrganisationId: scene.probationOrganisationId, ownerName: "Dr Shah, dentist", goalId: goal.id, evidence: "Letter sent" });
    expect(action).toMatchObject({ owner: null, ownerName: "Dr Shah, dentist", goalId: goal.id, evidence: "Letter sent", ownerOrganisation: { name: "Test probation service" } });
  });

  it("names the field it cannot accept: an unknown organisation, an owner from elsewhere, another person's goal, a date that does not exist", async () => {
    const scene = await planScene(testApp.database.db);
    const other = await planScene(testApp.database.db);
    const otherGoal = (await (await apiAs(other.worker)).sendJson<ApiGoal>("POST", `/api/v1/people/${other.person.id}/goals`, { description: "Someone else's" })).body;
    const client = await apiAs(scene.worker);
    const base = { description: "Chase the claim", dueDate: isoDaysFromToday(3), ownerOrganisationId: scene.tenant.serviceOrganisationId };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, ownerOrganisationId: other.tenant.partnerOrganisationId }, "ownerOrganisationId"],
      [{ ...base, ownerOrganisationId: "not-an-id" }, "ownerOrganisationId"],
      [{ ...base, ownerUserId: scene.partner.id }, "ownerUserId"],
      [{ ...base, goalId: otherGoal.id }, "goalId"],
      [{ ...base, dueDate: "2026-02-30" }, "dueDate"],
      [{ description: "x", ownerOrganisationId: scene.tenant.serviceOrganisationId }, "dueDate"],
      [{ description: "x", dueDate: isoDaysFromToday(1) }, "ownerOrganisationId"],
      [{ ...base, description: "" }, "description"],
    ];
    for (const [body, field] of cases) {
      const response = await client.sendJson<ErrorBody>("POST", `/api/v1/people/${scene.person.id}/actions`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.issues?.map((issue) => issue.field), JSON.stringify(body)).toContain(field);
    }
    expect(await countPlanRows(testApp.database.db, "plan_actions", scene.tenant.tenantId)).toBe(0);
    const refused = await auditRows(testApp.database.db, scene.tenant.tenantId, { personId: scene.person.id, action: "plan-action.create-refused" });
    expect(refused.length).toBeGreaterThanOrEqual(3);
  });

  it("marks an action done with the version last read, keeps every version, and answers 409 to a stale one", async () => {
    const scene = await planScene(testApp.database.db);
    const { tenant, worker, person } = scene;
    const action = await addAction(scene, { ownerOrganisationId: tenant.partnerOrganisationId });
    const client = await apiAs(worker);
    const done = await client.sendJson<ApiAction>("PATCH", `/api/v1/actions/${action.id}`, { status: "done", evidence: "Claim reinstated from 3 March", version: 1 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "done", evidence: "Claim reinstated from 3 March", version: 2, overdue: false });
    expect(done.body.completedAt).not.toBeNull();

    const stale = await client.sendJson<ErrorBody>("PATCH", `/api/v1/actions/${action.id}`, { status: "cancelled", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ version: 2, status: "done" });

    const reopened = await client.sendJson<ApiAction>("PATCH", `/api/v1/actions/${action.id}`, { status: "open", dueDate: isoDaysFromToday(7), version: 2 });
    expect(reopened.body).toMatchObject({ status: "open", completedAt: null, dueDate: isoDaysFromToday(7), version: 3 });

    expect((await actionRevisionRows(testApp.database.db, tenant.tenantId, action.id)).map((row) => [row.version, row.snapshot.status, row.changed_by])).toEqual([
      [1, "open", worker.id],
      [2, "done", worker.id],
      [3, "open", worker.id],
    ]);
    const history = await client.getJson<{ items: Array<{ version: number; changedBy: { name: string }; changes: Array<{ field: string; from: string | null; to: string | null }> }> }>(
      `/api/v1/actions/${action.id}/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.items.map((item) => item.version)).toEqual([1, 2, 3]);
    expect(history.body.items[1]?.changes).toEqual(
      expect.arrayContaining([
        { field: "status", from: "open", to: "done" },
        { field: "evidence", from: null, to: "Claim reinstated from 3 March" },
      ]),
    );
    expect(history.body.items[1]?.changedBy.name).toBe("Sam Okafor");
    const summaries = (await planChronology(testApp.database.db, tenant.tenantId, person.id)).map((row) => row.summary);
    expect(summaries).toContain("Action done: Chase the housing benefit claim (Test housing association)");
    expect(summaries).toContain("Action reopened: Chase the housing benefit claim (Test housing association)");
    const audit = (await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id })).map((row) => row.action);
    expect(audit.filter((name) => name === "plan-action.update")).toHaveLength(2);
  });

  it("takes a due date already past, and the action is overdue at once", async () => {
    const scene = await planScene(testApp.database.db);
    const client = await apiAs(scene.worker);
    const late = await client.sendJson<ApiAction>("POST", `/api/v1/people/${scene.person.id}/actions`, {
      description: "Send the CETR minutes to the family",
      dueDate: isoDaysFromToday(-3),
      ownerOrganisationId: scene.tenant.serviceOrganisationId,
    });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ dueDate: isoDaysFromToday(-3), status: "open", overdue: true });
    const action = await addAction(scene, {});
    const moved = await client.sendJson<ApiAction>("PATCH", `/api/v1/actions/${action.id}`, { dueDate: isoDaysFromToday(-2), version: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ dueDate: isoDaysFromToday(-2), overdue: true });
  });

  it("answers 404 for an action or goal that does not exist, and to people outside the team", async () => {
    const scene = await planScene(testApp.database.db);
    const action = await addAction(scene, {});
    const worker = await apiAs(scene.worker);
    expect((await worker.sendJson("PATCH", "/api/v1/actions/0190a000-0000-7000-8000-000000000000", { status: "done", version: 1 })).status).toBe(404);
    expect((await worker.sendJson("PATCH", "/api/v1/actions/nonsense", { status: "done", version: 1 })).status).toBe(404);
    expect((await worker.getJson("/api/v1/goals/0190a000-0000-7000-8000-000000000000")).status).toBe(404);
    for (const user of [scene.outsider, scene.partnerOutside]) {
      const client = await apiAs(user);
      expect((await client.getJson(`/api/v1/people/${scene.person.id}/plan`)).status).toBe(404);
      expect((await client.getJson(`/api/v1/actions/${action.id}`)).status).toBe(404);
      expect((await client.sendJson("PATCH", `/api/v1/actions/${action.id}`, { status: "done", version: 1 })).status).toBe(404);
      expect((await client.sendJson("POST", `/api/v1/people/${scene.person.id}/goals`, { description: "x" })).status).toBe(404);
    }
  });

  it("lets the team's manager change the plan, and the psychologist read it only", async () => {
    const scene = await planScene(testApp.database.db);
    const action = await addAction(scene, {});
    const manager = await apiAs(scene.manager);
    expect((await manager.sendJson("PATCH", `/api/v1/actions/${action.id}`, { status: "done", version: 1 })).status).toBe(200);
    expect((await manager.sendJson("POST", `/api/v1/people/${scene.person.id}/goals`, { description: "Stay in my flat" })).status).toBe(201);
    const psychologist = await apiAs(scene.psychologist);
    const plan = await psychologist.getJson<ApiPlan>(`/api/v1/people/${scene.person.id}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.body.goals).toHaveLength(1);
    expect((await psychologist.sendJson("PATCH", `/api/v1/actions/${action.id}`, { status: "open", version: 2 })).status).toBe(403);
    expect((await psychologist.sendJson("POST", `/api/v1/people/${scene.person.id}/goals`, { description: "x" })).status).toBe(403);
  });

  it("reads every person's plan in the audit trail", async () => {
    const scene = await planScene(testApp.database.db);
    await (await apiAs(scene.worker)).getJson(`/api/v1/people/${scene.person.id}/plan`);
    const reads = await auditRows(testApp.database.db, scene.tenant.tenantId, { personId: scene.person.id, action: "plan.read" });
    expect(reads.map((row) => row.actor_user_id)).toEqual([scene.worker.id]);
  });
});

describe("the plan's first review", () => {
  it("falls three months after the app clock's today, not the real date", async () => {
    const clockApp = await startTestApp({}, { clock: fixedClock("2026-02-10") });
    try {
      const { worker, person, tenant } = await planScene(clockApp.database.db);
      const client = clockApp.client();
      await client.signInApi(worker.email, TEST_PASSWORD);
      const added = await client.sendJson("POST", `/api/v1/people/${person.id}/actions`, { description: "Book the GP appointment", dueDate: "2026-03-01", ownerOrganisationId: tenant.serviceOrganisationId });
      expect(added.status).toBe(201);
      const plan = await client.getJson<ApiPlan>(`/api/v1/people/${person.id}/plan`);
      expect(plan.body.nextReviewOn).toBe("2026-05-10");
    } finally {
      await clockApp.close();
    }
  });
});
