import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClients, startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { fixedClock } from "../platform/clock.ts";
import type { Db } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";
import { goals } from "../plans/tables.ts";
import { BUDGET_CATEGORIES } from "./schema.ts";

/** 15 April 2026: the 2026 to 2027 budget year (1 April to 31 March) is open; spends may be dated from 1 April 2025. */
const clock = fixedClock("2026-04-15");

type Json = Record<string, unknown>;
interface ApiError {
  error: { status: number; message: string; code?: string; issues?: Array<{ field: string; message: string }> };
}

const SPEND_KEYS = [
  "id",
  "goalId",
  "category",
  "amountPence",
  "spentOn",
  "note",
  "status",
  "exceptionRequested",
  "exceptionReason",
  "requestedBy",
  "requestedAt",
  "decidedBy",
  "decidedAt",
  "decisionNote",
  "approvedAsException",
  "cancelledAt",
  "cancelReason",
  "receiptCount",
  "version",
];
const LEDGER_KEYS = ["id", "kind", "spendId", "category", "goalId", "spentOn", "amountPence", "balanceAfterPence", "description", "recordedAt", "recordedBy"];
const BUDGET_KEYS = [
  "personId",
  "year",
  "allocation",
  "spent",
  "balance",
  "awaitingApproval",
  "allocationPence",
  "spentPence",
  "balancePence",
  "awaitingApprovalPence",
  "approvalThresholdPence",
  "currency",
  "ledger",
  "spends",
  "byCategory",
  "categories",
];

let testApp: TestApp;
let tenant: TestTenant;
let worker: TestUser;
let manager: TestUser;
let partner: TestUser;
let peerMentor: TestUser;
let carer: TestUser;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock });
  const { db } = testApp.database;
  tenant = await createTenant(db);
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
  carer = await createUser(db, tenant, { roles: ["carer"], team: "none" });
});
afterAll(async () => {
  await testApp.close();
});

const as = signedInClients(() => testApp, "api");

async function person(): Promise<{ person: TestPerson; goalId: string; stoppedGoalId: string }> {
  const { db } = testApp.database;
  const created = await createPerson(db, tenant, {
    givenName: "Dean",
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
      { user: peerMentor, role: "peer-mentor" },
    ],
  });
  const goalId = newId();
  const stoppedGoalId = newId();
  await db.insert(goals).values([
    { id: goalId, tenantId: tenant.tenantId, personId: created.id, description: "Get my own flat", status: "active", createdBy: worker.id },
    { id: stoppedGoalId, tenantId: tenant.tenantId, personId: created.id, description: "Learn to drive", status: "stopped", createdBy: worker.id },
  ]);
  return { person: created, goalId, stoppedGoalId };
}

async function written(db: Db, personId: string): Promise<{ budgets: number; spends: number; entries: number }> {
  const [row] = await queryRows<{ budgets: number; spends: number; entries: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM personal_budgets WHERE tenant_id = ${tenant.tenantId} AND person_id = ${personId}) AS budgets,
               (SELECT count(*)::int FROM budget_spends WHERE tenant_id = ${tenant.tenantId} AND person_id = ${personId}) AS spends,
               (SELECT count(*)::int FROM budget_ledger_entries WHERE tenant_id = ${tenant.tenantId} AND person_id = ${personId}) AS entries`,
  );
  if (!row) throw new Error("no counts");
  return row;
}

describe("GET /api/v1/people/{id}/budget", () => {
  it("answers the contract's shape, with allocation, spent, balance and awaiting approval in pence under both names", async () => {
    const { person: dean, goalId } = await person();
    const client = await as(worker);
    await client.sendJson("POST", paths.api.personBudgetSpends(dean.id), { amountPence: 2550, category: "travel", goalId, note: "Bus pass" });
    await client.sendJson("POST", paths.api.personBudgetSpends(dean.id), { amountPence: 15_000, category: "housing", goalId });

    const { status, body } = await client.getJson<Json & { ledger: Json[]; spends: Json[]; byCategory: Json[]; categories: Json[] }>(paths.api.personBudget(dean.id));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual([...BUDGET_KEYS].sort());
    expect(body).toMatchObject({
      personId: dean.id,
      year: { startsOn: "2026-04-01", endsOn: "2027-03-31", label: "2026 to 2027", key: "2026" },
      allocation: 100_000,
      spent: 2550,
      balance: 97_450,
      awaitingApproval: 15_000,
      allocationPence: 100_000,
      spentPence: 2550,
      balancePence: 97_450,
      awaitingApprovalPence: 15_000,
      approvalThresholdPence: 10_000,
      currency: "GBP",
      byCategory: [{ category: "travel", label: "Travel", spentPence: 2550 }],
    });
    expect(body.categories).toEqual(BUDGET_CATEGORIES.map((category) => ({ key: category.key, label: category.label })));

    expect(body.ledger).toHaveLength(2);
    for (const entry of body.ledger) expect(Object.keys(entry).sort()).toEqual([...LEDGER_KEYS].sort());
    expect(body.ledger[0]).toMatchObject({ kind: "allocation", spendId: null, category: null, amountPence: 100_000, balanceAfterPence: 100_000, description: "Allocation for 2026 to 2027" });
    expect(body.ledger[1]).toMatchObject({ kind: "spend", category: "travel", goalId, spentOn: "2026-04-15", amountPence: -2550, balanceAfterPence: 97_450, recordedBy: { id: worker.id, name: "Sam Okafor" } });
    expect(Date.parse(String(body.ledger[1]?.recordedAt))).toBe(clock.now().getTime());

    expect(body.spends).toHaveLength(2);
    for (const spend of body.spends) expect(Object.keys(spend).sort()).toEqual([...SPEND_KEYS].sort());
    const bus = body.spends.find((spend) => spend.category === "travel");
    expect(bus).toMatchObject({
      goalId,
      amountPence: 2550,
      spentOn: "2026-04-15",
      note: "Bus pass",
      status: "approved",
      exceptionRequested: false,
      exceptionReason: null,
      requestedBy: { id: worker.id, name: "Sam Okafor" },
      decidedBy: { id: worker.id, name: "Sam Okafor" },
      decisionNote: "Within the £100.00 approval threshold",
      approvedAsException: false,
      cancelledAt: null,
      cancelReason: null,
      receiptCount: 0,
      version: 1,
    });
  });

  it("answers 404 to partners, peer mentors, carers, other teams, unknown ids and ids that are not UUIDs, and 400 to a year that is not YYYY", async () => {
    const { person: dean } = await person();
    const otherTeamWorker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"], team: "other" });
    for (const user of [partner, peerMentor, carer, otherTeamWorker]) {
      const answer = await (await as(user)).getJson<ApiError>(paths.api.personBudget(dean.id));
      expect(answer.status).toBe(404);
      expect(Object.keys(answer.body)).toEqual(["error"]);
      expect(answer.body.error.message).toMatch(/^(Budget|Person) not found$/);
    }
    const client = await as(worker);
    expect((await client.getJson(paths.api.personBudget(newId()))).status).toBe(404);
    expect((await client.getJson(paths.api.personBudget("not-a-uuid"))).status).toBe(404);
    expect((await client.getJson(paths.api.personBudget("1 OR 1=1"))).status).toBe(404);
    for (const year of ["abc", "26", "20266", "1800", "2026-04"]) {
      const answer = await client.getJson<ApiError>(`${paths.api.personBudget(dean.id)}?year=${year}`);
      expect(answer.status, year).toBe(400);
      expect(answer.body.error.issues).toEqual([{ field: "year", message: "Choose a budget year, such as 2026" }]);
    }
    expect((await testApp.client().getJson(paths.api.personBudget(dean.id))).status).toBe(401);
  });
});

describe("POST /api/v1/people/{id}/budget/spends", () => {
  it("answers 201 with the spend, the balance after it and the year charged", async () => {
    const { person: dean, goalId } = await person();
    const { status, body } = await (await as(worker)).sendJson<Json>("POST", paths.api.personBudgetSpends(dean.id), {
      amountPence: 4999,
      category: "clothing",
      goalId,
      note: "  Work boots ",
      spentOn: "2026-04-10",
    });
    expect(status).toBe(201);
    expect(Object.keys(body).sort()).toEqual([...SPEND_KEYS, "balancePence", "year"].sort());
    expect(body).toMatchObject({ amountPence: 4999, category: "clothing", note: "Work boots", spentOn: "2026-04-10", status: "approved", balancePence: 95_001, year: { key: "2026", label: "2026 to 2027" } });
  });

  it("answers 409 with code would-overspend and a message saying what is left, writing nothing", async () => {
    const { person: dean, goalId } = await person();
    const before = await written(testApp.database.db, dean.id);
    const { status, body } = await (await as(worker)).sendJson<ApiError>("POST", paths.api.personBudgetSpends(dean.id), { amountPence: 100_001, category: "housing", goalId });
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ status: 409, code: "would-overspend" });
    expect(body.error.message).toContain("would take the 2026 to 2027 balance below zero: £1,000.00 is left");
    // The refused spend opened nothing either: the year's budget was not open before it.
    expect(await written(testApp.database.db, dean.id)).toEqual(before);
  });

  it("refuses bad input with 400 and a message about the field, writing nothing", async () => {
    const { person: dean, goalId, stoppedGoalId } = await person();
    const { goalId: someoneElsesGoal } = await person();
    const client = await as(worker);
    await client.getJson(paths.api.personBudget(dean.id));
    const before = await written(testApp.database.db, dean.id);
    expect(before).toEqual({ budgets: 1, spends: 0, entries: 1 });
    const good = { amountPence: 1000, category: "travel", goalId };
    const cases: Array<[string, unknown, string]> = [
      ["an unknown category", { ...good, category: "holiday" }, "category"],
      ["another person's goal", { ...good, goalId: someoneElsesGoal }, "goalId"],
      ["a stopped goal", { ...good, goalId: stoppedGoalId }, "goalId"],
      ["a goal id that is not a UUID", { ...good, goalId: "not-a-goal" }, "goalId"],
      ["no goal", { amountPence: 1000, category: "travel" }, "goalId"],
      ["an amount of 0", { ...good, amountPence: 0 }, "amountPence"],
      ["a negative amount", { ...good, amountPence: -500 }, "amountPence"],
      ["a fraction of a penny", { ...good, amountPence: 10.5 }, "amountPence"],
      ["an amount as text", { ...good, amountPence: "1000" }, "amountPence"],
      ["an amount too large", { ...good, amountPence: 10_000_001 }, "amountPence"],
      ["no amount", { category: "travel", goalId }, "amountPence"],
      ["an unknown field", { ...good, approved: true }, "body"],
      ["a date after the budget year", { ...good, spentOn: "2027-04-01" }, "spentOn"],
      ["a date before last year", { ...good, spentOn: "2025-03-31" }, "spentOn"],
      ["a date that does not exist", { ...good, spentOn: "2026-02-30" }, "spentOn"],
      ["a date not written YYYY-MM-DD", { ...good, spentOn: "15/04/2026" }, "spentOn"],
      ["a note too long", { ...good, note: "x".repeat(1001) }, "note"],
      ["a huge note", { ...good, note: "x".repeat(200_000) }, "note"],
      ["an exception asked for without a reason", { ...good, amountPence: 200_000, requestException: true }, "exceptionReason"],
      ["requestException as text", { ...good, requestException: "yes" }, "requestException"],
      ["a JSON array", [good], "body"],
    ];
    for (const [what, body, field] of cases) {
      const answer = await client.sendJson<ApiError>("POST", paths.api.personBudgetSpends(dean.id), body);
      expect(answer.status, what).toBe(400);
      expect(answer.body.error.issues?.map((issue) => issue.field), what).toContain(field);
    }
    const stopped = await client.sendJson<ApiError>("POST", paths.api.personBudgetSpends(dean.id), { ...good, goalId: stoppedGoalId });
    expect(stopped.body.error.issues).toEqual([{ field: "goalId", message: "Choose a goal that is still being worked on" }]);
    const late = await client.sendJson<ApiError>("POST", paths.api.personBudgetSpends(dean.id), { ...good, spentOn: "2027-04-01" });
    expect(late.body.error.issues).toEqual([{ field: "spentOn", message: "The date must be in this budget year or the last one" }]);
    const nul = await client.sendJson<ApiError>("POST", paths.api.personBudgetSpends(dean.id), { ...good, note: "Bus\u0000pass" });
    expect(nul.status).toBe(400);
    const notJson = await client.request("POST", paths.api.personBudgetSpends(dean.id), { body: "{amountPence: 10", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(await written(testApp.database.db, dean.id)).toEqual(before);
  });

  it("answers 404 for a person who is not a UUID, not known or not the caller's, and 403 to a psychologist who sees the budget but may not spend", async () => {
    const { person: dean, goalId } = await person();
    const psychologist = await createUser(testApp.database.db, tenant, { roles: ["psychologist"] });
    const body = { amountPence: 1000, category: "travel", goalId };
    expect((await (await as(worker)).sendJson("POST", paths.api.personBudgetSpends("not-a-uuid"), body)).status).toBe(404);
    expect((await (await as(worker)).sendJson("POST", paths.api.personBudgetSpends(newId()), body)).status).toBe(404);
    expect((await (await as(partner)).sendJson("POST", paths.api.personBudgetSpends(dean.id), body)).status).toBe(404);
    expect((await (await as(psychologist)).getJson(paths.api.personBudget(dean.id))).status).toBe(200);
    const refused = await (await as(psychologist)).sendJson<ApiError>("POST", paths.api.personBudgetSpends(dean.id), body);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("Only the person's key workers and their manager can record spends from their budget");
    expect((await written(testApp.database.db, dean.id)).spends).toBe(0);
  });
});

describe("POST /api/v1/people/{id}/budget/spends/{spendId}/decision", () => {
  it("answers 200 with the decided spend and the balance; 404 for an unknown or malformed spend id; 400 for a bad body", async () => {
    const { person: dean, goalId } = await person();
    const asked = await (await as(worker)).sendJson<Json & { id: string }>("POST", paths.api.personBudgetSpends(dean.id), { amountPence: 30_000, category: "housing", goalId });
    expect(asked.body.status).toBe("awaiting-approval");
    const client = await as(manager);
    const decision = (spendId: string, body: unknown) => client.sendJson<Json & ApiError>("POST", paths.api.personBudgetSpendDecision(dean.id, spendId), body);
    expect((await decision(newId(), { decision: "approve" })).status).toBe(404);
    expect((await decision("not-a-uuid", { decision: "approve" })).status).toBe(404);
    expect((await client.sendJson("POST", paths.api.personBudgetSpendDecision("not-a-uuid", asked.body.id), { decision: "approve" })).status).toBe(404);
    for (const body of [{ decision: "maybe" }, {}, { decision: "approve", expectedVersion: 1 }, { decision: "approve", approveAsException: "yes" }, { decision: "decline", note: "x".repeat(1001) }]) {
      expect((await decision(asked.body.id, body)).status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    const approved = await decision(asked.body.id, { decision: "approve", note: "Deposit for the flat on Mill Road" });
    expect(approved.status).toBe(200);
    expect(Object.keys(approved.body).sort()).toEqual([...SPEND_KEYS, "balancePence"].sort());
    expect(approved.body).toMatchObject({ status: "approved", balancePence: 70_000, decidedBy: { id: manager.id, name: "Helen Marsh" }, decisionNote: "Deposit for the flat on Mill Road", version: 2 });
    const again = await decision(asked.body.id, { decision: "decline", note: "Too late" });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("This spend has already been approved by Helen Marsh. Nothing was changed.");
  });
});

describe("the audit trail", () => {
  it("records reading the budget and each spend and decision against the person", async () => {
    const { person: dean, goalId } = await person();
    const { db } = testApp.database;
    await (await as(worker)).getJson(paths.api.personBudget(dean.id));
    await (await as(worker)).getJson(`${paths.api.personBudget(dean.id)}?year=2025`);
    const small = await (await as(worker)).sendJson<{ id: string }>("POST", paths.api.personBudgetSpends(dean.id), { amountPence: 500, category: "travel", goalId });
    const large = await (await as(worker)).sendJson<{ id: string }>("POST", paths.api.personBudgetSpends(dean.id), { amountPence: 50_000, category: "housing", goalId });
    await (await as(manager)).sendJson("POST", paths.api.personBudgetSpendDecision(dean.id, large.body.id), { decision: "decline", note: "Ask the council first" });

    const reads = await auditRows(db, tenant.tenantId, { personId: dean.id, action: "budget.read" });
    expect(reads.map((row) => [row.actor_user_id, (row.detail as { purpose: string; year: string }).year, (row.detail as { purpose: string }).purpose])).toEqual([
      [worker.id, "2026", "api"],
      [worker.id, "2025", "api"],
    ]);
    const requests = await auditRows(db, tenant.tenantId, { personId: dean.id, action: "budget.spend.request" });
    expect(requests.map((row) => [row.actor_user_id, row.person_id, (row.detail as { status: string }).status])).toEqual([
      [worker.id, dean.id, "approved"],
      [worker.id, dean.id, "awaiting-approval"],
    ]);
    const [subject] = await queryRows<{ subject_id: string }>(db, sql`SELECT subject_id FROM audit_events WHERE tenant_id = ${tenant.tenantId} AND action = 'budget.spend.request' AND person_id = ${dean.id} ORDER BY id LIMIT 1`);
    expect(subject?.subject_id).toBe(small.body.id);
    const declines = await auditRows(db, tenant.tenantId, { personId: dean.id, action: "budget.spend.decline" });
    expect(declines.map((row) => row.actor_user_id)).toEqual([manager.id]);
    // A refused look leaves no trace of the person's budget being read.
    await (await as(partner)).getJson(paths.api.personBudget(dean.id));
    expect((await auditRows(db, tenant.tenantId, { personId: dean.id, action: "budget.read" })).filter((row) => row.actor_user_id === partner.id)).toEqual([]);
  });
});

describe("the OpenAPI document", () => {
  it("describes the three routes under Personal budgets, with the 409 of an overspend", async () => {
    type Operation = { tags: string[]; parameters: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, unknown> };
    const { body } = await testApp.client().getJson<{ paths: Record<string, Record<string, Operation>> }>("/openapi.json");
    const read = body.paths["/api/v1/people/{id}/budget"]?.get;
    const post = body.paths["/api/v1/people/{id}/budget/spends"]?.post;
    const decide = body.paths["/api/v1/people/{id}/budget/spends/{spendId}/decision"]?.post;
    for (const operation of [read, post, decide]) expect(operation?.tags).toEqual(["Personal budgets"]);
    expect(read?.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(["path:id", "query:year"]);
    expect(Object.keys(read?.responses ?? {})).toEqual(["200", "400", "404"]);
    expect(Object.keys(post?.responses ?? {})).toEqual(["201", "400", "403", "404", "409"]);
    expect(Object.keys(decide?.responses ?? {})).toEqual(["200", "400", "403", "404", "409"]);
    expect(JSON.stringify(post?.requestBody)).toContain("amountPence");
    expect(JSON.stringify(decide?.requestBody)).toContain("approveAsException");
  });
});
