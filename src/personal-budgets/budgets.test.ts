import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../../test/support/accountability.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import type { HttpClient } from "../../test/support/http.ts";
import { fixedClock, systemClock } from "../platform/clock.ts";
import type { Db } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { Conflict } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { goals } from "../plans/tables.ts";
import { cancelSpend, decideSpend, saveSettings } from "./service.ts";

/** Every rule here is checked on 15 April 2026: the 2026 to 2027 budget year is a fortnight old. */
const TODAY = "2026-04-15";
const clock = fixedClock(TODAY);

interface ApiSpend {
  id: string;
  goalId: string;
  category: string;
  amountPence: number;
  spentOn: string;
  status: string;
  exceptionRequested: boolean;
  approvedAsException: boolean;
  decidedBy: { id: string; name: string } | null;
  decisionNote: string | null;
  version: number;
  balancePence: number;
  year: { startsOn: string; endsOn: string; label: string; key: string };
}
interface ApiBudget {
  year: { startsOn: string; endsOn: string; label: string; key: string };
  allocationPence: number;
  spentPence: number;
  balancePence: number;
  awaitingApprovalPence: number;
  approvalThresholdPence: number;
  ledger: Array<{ kind: string; spendId: string | null; amountPence: number; balanceAfterPence: number }>;
  spends: ApiSpend[];
  byCategory: Array<{ category: string; spentPence: number }>;
}
interface ApiError {
  error: { status: number; message: string; code?: string; issues?: Array<{ field: string; message: string }> };
}

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock });
});
afterAll(async () => {
  await testApp.close();
});

interface Scene {
  tenant: TestTenant;
  worker: TestUser;
  coWorker: TestUser;
  manager: TestUser;
  secondManager: TestUser;
  psychologist: TestUser;
  partner: TestUser;
  person: TestPerson;
  goalId: string;
}

/** A partnership of its own for each test, so team settings never leak between tests. */
async function scene(db: Db): Promise<Scene> {
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const coWorker = await createUser(db, tenant, { roles: ["co-worker"], name: "Priya Shah" });
  const manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  const secondManager = await createUser(db, tenant, { roles: ["manager"], name: "Kofi Mensah" });
  const psychologist = await createUser(db, tenant, { roles: ["psychologist"] });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const s = { tenant, worker, coWorker, manager, secondManager, psychologist, partner };
  const { person, goalId } = await personWithGoal(db, s);
  return { ...s, person, goalId };
}

async function personWithGoal(db: Db, s: Pick<Scene, "tenant" | "worker" | "coWorker" | "partner">): Promise<{ person: TestPerson; goalId: string }> {
  const person = await createPerson(db, s.tenant, {
    givenName: "Dean",
    members: [
      { user: s.worker, role: "lead" },
      { user: s.coWorker, role: "co-worker" },
      { user: s.partner, role: "partner" },
    ],
  });
  const goalId = newId();
  await db.insert(goals).values({ id: goalId, tenantId: s.tenant.tenantId, personId: person.id, description: "Get my own flat", status: "active", createdBy: s.worker.id });
  return { person, goalId };
}

const clients = new Map<string, HttpClient>();
async function as(user: TestUser, app: TestApp = testApp): Promise<HttpClient> {
  const key = `${app.baseUrl} ${user.id}`;
  const known = clients.get(key);
  if (known) return known;
  const client = app.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  clients.set(key, client);
  return client;
}

async function budget(user: TestUser, personId: string, year?: string, app: TestApp = testApp) {
  return (await as(user, app)).getJson<ApiBudget>(paths.api.personBudget(personId) + (year ? `?year=${year}` : ""));
}

async function spend(user: TestUser, personId: string, body: Record<string, unknown>, app: TestApp = testApp) {
  return (await as(user, app)).sendJson<ApiSpend & ApiError>("POST", paths.api.personBudgetSpends(personId), body);
}

async function decide(user: TestUser, personId: string, spendId: string, body: Record<string, unknown>) {
  return (await as(user)).sendJson<ApiSpend & ApiError>("POST", paths.api.personBudgetSpendDecision(personId, spendId), body);
}

/** The team's settings, saved by its manager through the service as the settings page does. */
async function teamSettings(s: Scene, values: { yearlyAllocationPence?: number; approvalThresholdPence?: number; yearStartMonth?: number }, expectedVersion = 0): Promise<void> {
  await saveSettings(testApp.database.db, await actorFor(testApp.database.db, s.manager), clock, {
    yearlyAllocationPence: values.yearlyAllocationPence ?? 100_000,
    approvalThresholdPence: values.approvalThresholdPence ?? 10_000,
    yearStartMonth: values.yearStartMonth ?? 4,
    expectedVersion,
  });
}

async function ledgerRows(db: Db, tenantId: string, personId: string) {
  return queryRows<{ budget_id: string; kind: string; amount_pence: number; balance_after_pence: number; sequence: number }>(
    db,
    sql`SELECT budget_id, kind, amount_pence, balance_after_pence, sequence FROM budget_ledger_entries WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY budget_id, sequence`,
  );
}

async function written(db: Db, tenantId: string, personId: string): Promise<{ budgets: number; spends: number; entries: number }> {
  const [row] = await queryRows<{ budgets: number; spends: number; entries: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM personal_budgets WHERE tenant_id = ${tenantId} AND person_id = ${personId}) AS budgets,
               (SELECT count(*)::int FROM budget_spends WHERE tenant_id = ${tenantId} AND person_id = ${personId}) AS spends,
               (SELECT count(*)::int FROM budget_ledger_entries WHERE tenant_id = ${tenantId} AND person_id = ${personId}) AS entries`,
  );
  if (!row) throw new Error("no counts");
  return row;
}

/** The ledger adds up: each entry's balance is the one before plus its amount, from the allocation on. */
function expectLedgerBalances(entries: Array<{ kind: string; amount_pence: number; balance_after_pence: number; sequence: number }>): void {
  let running = 0;
  entries.forEach((entry, index) => {
    expect(entry.sequence).toBe(index + 1);
    expect(entry.kind).toBe(index === 0 ? "allocation" : entry.kind);
    running += entry.amount_pence;
    expect(entry.balance_after_pence).toBe(running);
  });
}

describe("the allocation and the budget year", () => {
  it("opens a new budget with £1,000 and charges 31 March to the year before and 1 April to the new year, each with its own allocation", async () => {
    const s = await scene(testApp.database.db);
    const opened = await budget(s.worker, s.person.id);
    expect(opened.status).toBe(200);
    expect(opened.body.year).toEqual({ startsOn: "2026-04-01", endsOn: "2027-03-31", label: "2026 to 2027", key: "2026" });
    expect(opened.body).toMatchObject({ allocationPence: 100_000, spentPence: 0, balancePence: 100_000, awaitingApprovalPence: 0, approvalThresholdPence: 10_000 });
    expect(opened.body.ledger).toMatchObject([{ kind: "allocation", amountPence: 100_000, balanceAfterPence: 100_000 }]);

    const march = await spend(s.worker, s.person.id, { amountPence: 4000, category: "travel", goalId: s.goalId, spentOn: "2026-03-31" });
    expect(march.status).toBe(201);
    expect(march.body).toMatchObject({ status: "approved", spentOn: "2026-03-31", balancePence: 96_000, year: { key: "2025", startsOn: "2025-04-01", endsOn: "2026-03-31" } });
    const april = await spend(s.worker, s.person.id, { amountPence: 2500, category: "clothing", goalId: s.goalId, spentOn: "2026-04-01" });
    expect(april.status).toBe(201);
    expect(april.body).toMatchObject({ status: "approved", balancePence: 97_500, year: { key: "2026" } });

    const last = await budget(s.worker, s.person.id, "2025");
    expect(last.body).toMatchObject({ year: { key: "2025", label: "2025 to 2026" }, allocationPence: 100_000, spentPence: 4000, balancePence: 96_000 });
    expect(last.body.spends.map((row) => row.id)).toEqual([march.body.id]);
    expect(last.body.ledger.map((entry) => [entry.kind, entry.amountPence, entry.balanceAfterPence])).toEqual([["allocation", 100_000, 100_000], ["spend", -4000, 96_000]]);
    const current = await budget(s.worker, s.person.id, "2026");
    expect(current.body).toMatchObject({ year: { key: "2026" }, allocationPence: 100_000, spentPence: 2500, balancePence: 97_500 });
    expect(current.body.spends.map((row) => row.id)).toEqual([april.body.id]);
    expect((await budget(s.worker, s.person.id)).body.balancePence).toBe(97_500);

    // A year nobody opened has nothing in it, and reading it opens nothing.
    const older = await budget(s.worker, s.person.id, "2024");
    expect(older.body).toMatchObject({ allocationPence: 0, balancePence: 0, ledger: [], spends: [] });
    expect((await written(testApp.database.db, s.tenant.tenantId, s.person.id)).budgets).toBe(2);
  });

  it("gives years opened after the team changes its allocation the new amount, and leaves a year already open as it was", async () => {
    const s = await scene(testApp.database.db);
    expect((await budget(s.worker, s.person.id)).body.allocationPence).toBe(100_000);
    await teamSettings(s, { yearlyAllocationPence: 60_000 });

    const stillOpen = await budget(s.worker, s.person.id);
    expect(stillOpen.body.allocationPence).toBe(100_000);
    expect(stillOpen.body.ledger).toHaveLength(1);
    // Last year is opened now, by a spend dated in it: with the new allocation.
    const march = await spend(s.worker, s.person.id, { amountPence: 1000, category: "travel", goalId: s.goalId, spentOn: "2026-03-20" });
    expect(march.body.balancePence).toBe(59_000);
    expect((await budget(s.worker, s.person.id, "2025")).body.allocationPence).toBe(60_000);
    // Someone new to the team starts on the new allocation.
    const { person: newcomer } = await personWithGoal(testApp.database.db, s);
    expect((await budget(s.worker, newcomer.id)).body.allocationPence).toBe(60_000);
  });

  it("follows a team whose year starts in January: 31 December and 1 January fall in different years", async () => {
    const s = await scene(testApp.database.db);
    await teamSettings(s, { yearStartMonth: 1 });
    const read = await budget(s.worker, s.person.id);
    expect(read.body.year).toEqual({ startsOn: "2026-01-01", endsOn: "2026-12-31", label: "2026", key: "2026" });
    // Last year's budget only for someone the service worked with last year.
    const tooEarly = await spend(s.worker, s.person.id, { amountPence: 3000, category: "travel", goalId: s.goalId, spentOn: "2025-12-31" });
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.error.issues).toEqual([{ field: "spentOn", message: "They had no budget in 2025: they have been with the service since 5 January 2026. Date the spend in this budget year" }]);
    await testApp.database.db.execute(sql`UPDATE care_team_members SET started_on = '2025-06-02' WHERE tenant_id = ${s.tenant.tenantId} AND person_id = ${s.person.id}`);
    const december = await spend(s.worker, s.person.id, { amountPence: 3000, category: "travel", goalId: s.goalId, spentOn: "2025-12-31" });
    expect(december.body.year).toMatchObject({ key: "2025", startsOn: "2025-01-01", endsOn: "2025-12-31" });
    const january = await spend(s.worker, s.person.id, { amountPence: 2000, category: "travel", goalId: s.goalId, spentOn: "2026-01-01" });
    expect(january.body).toMatchObject({ balancePence: 98_000, year: { key: "2026" } });
    expect((await budget(s.worker, s.person.id, "2025")).body.balancePence).toBe(97_000);
    // The year before last is closed to new spends.
    const tooOld = await spend(s.worker, s.person.id, { amountPence: 2000, category: "travel", goalId: s.goalId, spentOn: "2024-12-31" });
    expect(tooOld.status).toBe(400);
    expect(tooOld.body.error.issues).toEqual([{ field: "spentOn", message: "The date must be in this budget year or the last one" }]);
  });
});

describe("approval above the team's threshold", () => {
  it("approves a spend at the threshold at once; 1p more waits for a manager, who approves it into the ledger or declines it with a reason", async () => {
    const s = await scene(testApp.database.db);
    const atThreshold = await spend(s.worker, s.person.id, { amountPence: 10_000, category: "housing", goalId: s.goalId });
    expect(atThreshold.status).toBe(201);
    expect(atThreshold.body).toMatchObject({ status: "approved", balancePence: 90_000, spentOn: TODAY });

    const above = await spend(s.worker, s.person.id, { amountPence: 10_001, category: "furniture-household", goalId: s.goalId, note: "Bed and mattress" });
    expect(above.status).toBe(201);
    expect(above.body).toMatchObject({ status: "awaiting-approval", balancePence: 90_000, exceptionRequested: false, decidedBy: null });
    const waiting = await budget(s.worker, s.person.id);
    expect(waiting.body).toMatchObject({ balancePence: 90_000, spentPence: 10_000, awaitingApprovalPence: 10_001 });
    expect(waiting.body.ledger.map((entry) => entry.amountPence)).toEqual([100_000, -10_000]);

    // Only a manager of the person's team decides; a partner does not even see the budget.
    expect((await decide(s.worker, s.person.id, above.body.id, { decision: "approve" })).status).toBe(403);
    expect((await decide(s.coWorker, s.person.id, above.body.id, { decision: "approve" })).status).toBe(403);
    expect((await decide(s.psychologist, s.person.id, above.body.id, { decision: "approve" })).status).toBe(403);
    expect((await decide(s.partner, s.person.id, above.body.id, { decision: "approve" })).status).toBe(404);
    expect((await budget(s.partner, s.person.id)).status).toBe(404);

    const approved = await decide(s.manager, s.person.id, above.body.id, { decision: "approve" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", balancePence: 79_999, approvedAsException: false, decidedBy: { id: s.manager.id, name: "Helen Marsh" } });
    const after = await budget(s.worker, s.person.id);
    expect(after.body).toMatchObject({ balancePence: 79_999, awaitingApprovalPence: 0 });
    expect(after.body.ledger.at(-1)).toMatchObject({ kind: "spend", spendId: above.body.id, amountPence: -10_001, balanceAfterPence: 79_999 });
    expect((await decide(s.manager, s.person.id, above.body.id, { decision: "decline", note: "Changed my mind" })).status).toBe(409);

    const toDecline = await spend(s.worker, s.person.id, { amountPence: 25_000, category: "activities", goalId: s.goalId });
    const noReason = await decide(s.manager, s.person.id, toDecline.body.id, { decision: "decline" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues).toEqual([{ field: "note", message: "Give the reason for declining, so the worker can explain it to the person" }]);
    const declined = await decide(s.manager, s.person.id, toDecline.body.id, { decision: "decline", note: "A cheaper course is free at the college" });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: "declined", balancePence: 79_999, decisionNote: "A cheaper course is free at the college" });
    expect((await budget(s.worker, s.person.id)).body.ledger).toHaveLength(3);
  });

  it("does not let a manager approve a spend they asked for; a second manager can", async () => {
    const s = await scene(testApp.database.db);
    const asked = await spend(s.manager, s.person.id, { amountPence: 20_000, category: "housing", goalId: s.goalId });
    expect(asked.body.status).toBe("awaiting-approval");
    const own = await decide(s.manager, s.person.id, asked.body.id, { decision: "approve" });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe("You asked for this spend, so another manager must approve it");
    expect((await budget(s.manager, s.person.id)).body.balancePence).toBe(100_000);
    const second = await decide(s.secondManager, s.person.id, asked.body.id, { decision: "approve" });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: "approved", balancePence: 80_000, decidedBy: { id: s.secondManager.id } });
  });

  it("hides the budget from a manager of another team, and from people who are not the person's workers", async () => {
    const s = await scene(testApp.database.db);
    const otherManager = await createUser(testApp.database.db, s.tenant, { roles: ["manager"], team: "other" });
    const otherWorker = await createUser(testApp.database.db, s.tenant, { roles: ["key-worker"] });
    const asked = await spend(s.worker, s.person.id, { amountPence: 20_000, category: "housing", goalId: s.goalId });
    for (const user of [otherManager, otherWorker]) {
      expect((await budget(user, s.person.id)).status).toBe(404);
      expect((await spend(user, s.person.id, { amountPence: 100, category: "travel", goalId: s.goalId })).status).toBe(404);
      expect((await decide(user, s.person.id, asked.body.id, { decision: "approve" })).status).toBe(404);
    }
    expect((await written(testApp.database.db, s.tenant.tenantId, s.person.id)).spends).toBe(1);
  });
});

describe("the balance never goes below zero without an exception", () => {
  it("refuses a spend beyond the balance and writes nothing; with a reason it waits, and a manager must approve it as an exception", async () => {
    const s = await scene(testApp.database.db);
    await teamSettings(s, { yearlyAllocationPence: 20_000, approvalThresholdPence: 50_000 });
    expect((await spend(s.worker, s.person.id, { amountPence: 15_000, category: "housing", goalId: s.goalId })).body.balancePence).toBe(5000);
    const before = await written(testApp.database.db, s.tenant.tenantId, s.person.id);

    const over = await spend(s.worker, s.person.id, { amountPence: 6000, category: "furniture-household", goalId: s.goalId });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("would-overspend");
    expect(over.body.error.message).toBe(
      "This spend of £60.00 would take the 2026 to 2027 balance below zero: £50.00 is left. Ask a manager for an exception, with a reason, or spend less.",
    );
    const noReason = await spend(s.worker, s.person.id, { amountPence: 6000, category: "furniture-household", goalId: s.goalId, requestException: true, exceptionReason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues).toEqual([{ field: "exceptionReason", message: "Say why the balance should go below zero" }]);
    expect(await written(testApp.database.db, s.tenant.tenantId, s.person.id)).toEqual(before);

    const exception = await spend(s.worker, s.person.id, {
      amountPence: 6000,
      category: "furniture-household",
      goalId: s.goalId,
      requestException: true,
      exceptionReason: "The cooker broke and he moves in on Friday",
    });
    expect(exception.status).toBe(201);
    expect(exception.body).toMatchObject({ status: "awaiting-approval", exceptionRequested: true, balancePence: 5000 });

    const plain = await decide(s.manager, s.person.id, exception.body.id, { decision: "approve" });
    expect(plain.status).toBe(409);
    expect(plain.body.error.code).toBe("would-overspend");
    expect((await decide(s.manager, s.person.id, exception.body.id, { decision: "approve", approveAsException: true })).status).toBe(400);
    expect((await budget(s.worker, s.person.id)).body).toMatchObject({ balancePence: 5000, awaitingApprovalPence: 6000 });

    const approved = await decide(s.manager, s.person.id, exception.body.id, { decision: "approve", approveAsException: true, note: "Agreed: he cannot move in without a cooker" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", approvedAsException: true, balancePence: -1000 });
    const after = await budget(s.worker, s.person.id);
    expect(after.body).toMatchObject({ balancePence: -1000, spentPence: 21_000 });
    expectLedgerBalances(await ledgerRows(testApp.database.db, s.tenant.tenantId, s.person.id));
  });

  it("checks the balance again when approving: two waiting spends that each fit but together overspend cannot both be approved", async () => {
    const s = await scene(testApp.database.db);
    const first = await spend(s.worker, s.person.id, { amountPence: 60_000, category: "housing", goalId: s.goalId });
    const second = await spend(s.worker, s.person.id, { amountPence: 60_000, category: "furniture-household", goalId: s.goalId });
    expect([first.body.status, second.body.status]).toEqual(["awaiting-approval", "awaiting-approval"]);
    expect((await budget(s.worker, s.person.id)).body.awaitingApprovalPence).toBe(120_000);
    expect((await decide(s.manager, s.person.id, first.body.id, { decision: "approve" })).body.balancePence).toBe(40_000);
    const refused = await decide(s.manager, s.person.id, second.body.id, { decision: "approve" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("would-overspend");
    const read = await budget(s.worker, s.person.id);
    expect(read.body).toMatchObject({ balancePence: 40_000, awaitingApprovalPence: 60_000 });
    expect(read.body.spends.find((row) => row.id === second.body.id)?.status).toBe("awaiting-approval");
  });

  it("lets only one of two managers approving at the same moment take the last of the balance", async () => {
    const s = await scene(testApp.database.db);
    const first = await spend(s.worker, s.person.id, { amountPence: 60_000, category: "housing", goalId: s.goalId });
    const second = await spend(s.worker, s.person.id, { amountPence: 60_000, category: "furniture-household", goalId: s.goalId });
    const answers = await Promise.all([
      decide(s.manager, s.person.id, first.body.id, { decision: "approve" }),
      decide(s.secondManager, s.person.id, second.body.id, { decision: "approve" }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect((await budget(s.worker, s.person.id)).body.balancePence).toBe(40_000);
    expectLedgerBalances(await ledgerRows(testApp.database.db, s.tenant.tenantId, s.person.id));
  });
});

describe("spends at the same moment", () => {
  async function race(s: Scene, personId: string, count: number): Promise<number[]> {
    const spenders = [s.worker, s.coWorker, s.manager];
    const clientsInRace = await Promise.all(spenders.map((user) => as(user)));
    const answers = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        clientsInRace[index % clientsInRace.length]!.sendJson<ApiSpend & ApiError>("POST", paths.api.personBudgetSpends(personId), { amountPence: 15_000, category: "food-essentials", goalId: s.goalId }),
      ),
    );
    for (const answer of answers) if (answer.status === 409) expect(answer.body.error.code).toBe("would-overspend");
    return answers.map((answer) => answer.status);
  }

  async function expectSixSpends(s: Scene, personId: string, statuses: number[]): Promise<void> {
    expect(statuses.filter((status) => status === 201)).toHaveLength(6);
    expect(statuses.filter((status) => status === 409)).toHaveLength(statuses.length - 6);
    const read = await budget(s.worker, personId);
    expect(read.body.balancePence).toBe(100_000 - 6 * 15_000);
    expect(read.body.spends).toHaveLength(6);
    const entries = await ledgerRows(testApp.database.db, s.tenant.tenantId, personId);
    expect(new Set(entries.map((entry) => entry.budget_id)).size).toBe(1);
    expect(entries).toHaveLength(7);
    expect(entries.reduce((total, entry) => total + entry.amount_pence, 0)).toBe(10_000);
    expect(entries.every((entry) => entry.balance_after_pence >= 0)).toBe(true);
    expectLedgerBalances(entries);
  }

  it("never together overspend, even when the first spends race to open the year's budget", async () => {
    const s = await scene(testApp.database.db);
    await teamSettings(s, { approvalThresholdPence: 20_000 });
    const statuses = await race(s, s.person.id, 10);
    expect((await written(testApp.database.db, s.tenant.tenantId, s.person.id)).budgets).toBe(1);
    await expectSixSpends(s, s.person.id, statuses);
  });

  it("never together overspend a budget already open", async () => {
    const s = await scene(testApp.database.db);
    await teamSettings(s, { approvalThresholdPence: 20_000 });
    expect((await budget(s.worker, s.person.id)).body.balancePence).toBe(100_000);
    await expectSixSpends(s, s.person.id, await race(s, s.person.id, 12));
  });
});

describe("cancelling a spend", () => {
  it("reverses an approved spend with a credit, withdraws one awaiting approval, refuses to cancel twice or from a stale version", async () => {
    const s = await scene(testApp.database.db);
    const db = testApp.database.db;
    const worker = await actorFor(db, s.worker);
    const travel = await spend(s.worker, s.person.id, { amountPence: 3000, category: "travel", goalId: s.goalId });
    const clothing = await spend(s.worker, s.person.id, { amountPence: 2000, category: "clothing", goalId: s.goalId });
    const food = await spend(s.worker, s.person.id, { amountPence: 15_000, category: "food-essentials", goalId: s.goalId });
    const course = await spend(s.worker, s.person.id, { amountPence: 12_000, category: "education-training", goalId: s.goalId });
    expect((await decide(s.manager, s.person.id, food.body.id, { decision: "decline", note: "The food bank can help this week" })).status).toBe(200);
    expect((await budget(s.worker, s.person.id)).body).toMatchObject({ balancePence: 95_000, awaitingApprovalPence: 12_000 });

    await expect(cancelSpend(db, worker, clock, s.person.id, clothing.body.id, { reason: "Returned: wrong size", expectedVersion: clothing.body.version + 1 })).rejects.toBeInstanceOf(Conflict);
    const cancelled = await cancelSpend(db, worker, clock, s.person.id, clothing.body.id, { reason: "Returned: wrong size", expectedVersion: clothing.body.version });
    expect(cancelled.spend).toMatchObject({ status: "cancelled", cancelReason: "Returned: wrong size" });
    expect(cancelled.balancePence).toBe(97_000);
    await expect(cancelSpend(db, worker, clock, s.person.id, clothing.body.id, { reason: "Again" })).rejects.toBeInstanceOf(Conflict);
    await expect(cancelSpend(db, worker, clock, s.person.id, food.body.id, { reason: "Declined already" })).rejects.toBeInstanceOf(Conflict);
    expect((await cancelSpend(db, worker, clock, s.person.id, course.body.id, { reason: "He found a free course" })).balancePence).toBe(97_000);
    // Once withdrawn, a manager can no longer decide it.
    expect((await decide(s.manager, s.person.id, course.body.id, { decision: "approve" })).status).toBe(409);
    await expect(decideSpend(db, await actorFor(db, s.manager), clock, s.person.id, course.body.id, { decision: "approve" })).rejects.toBeInstanceOf(Conflict);

    const read = await budget(s.worker, s.person.id);
    expect(read.body).toMatchObject({ balancePence: 97_000, spentPence: 3000, awaitingApprovalPence: 0 });
    expect(read.body.byCategory).toEqual([{ category: "travel", label: "Travel", spentPence: 3000 }]);
    expect(read.body.ledger.map((entry) => [entry.kind, entry.spendId, entry.amountPence, entry.balanceAfterPence])).toEqual([
      ["allocation", null, 100_000, 100_000],
      ["spend", travel.body.id, -3000, 97_000],
      ["spend", clothing.body.id, -2000, 95_000],
      ["reversal", clothing.body.id, 2000, 97_000],
    ]);
    expect(read.body.spends.find((row) => row.id === course.body.id)?.status).toBe("cancelled");
    expectLedgerBalances(await ledgerRows(db, s.tenant.tenantId, s.person.id));
  });

  it("will not move the month the year starts once the team's budgets are open, so no year is split in two", async () => {
    const s = await scene(testApp.database.db);
    const db = testApp.database.db;
    const approvedAtOnce = await spend(s.worker, s.person.id, { amountPence: 5000, category: "travel", goalId: s.goalId });
    await expect(teamSettings(s, { yearStartMonth: 1 })).rejects.toThrow("cannot change once the team's budgets are in use");
    // The allocation and threshold can still change; the month stays.
    await teamSettings(s, { yearlyAllocationPence: 120_000, yearStartMonth: 4 });
    const reversed = await cancelSpend(db, await actorFor(db, s.worker), clock, s.person.id, approvedAtOnce.body.id, { reason: "Refunded" });
    expect(reversed).toMatchObject({ balancePence: 100_000, year: { startsOn: "2026-04-01", label: "2026 to 2027" } });
    const entries = await ledgerRows(db, s.tenant.tenantId, s.person.id);
    expect(entries.map((entry) => entry.amount_pence)).toEqual([100_000, -5000, 5000]);
    expectLedgerBalances(entries);
  });
});

describe("reading with break-glass access", () => {
  it("shows the budget to a worker who opened the record in an emergency, but does not let them spend or decide", async () => {
    const liveApp = await startTestApp({}, { clock: systemClock });
    try {
      const db = liveApp.database.db;
      const s = await scene(db);
      const outsider = await createUser(db, s.tenant, { roles: ["key-worker"], name: "Jo Whitfield" });
      const waiting = await spend(s.worker, s.person.id, { amountPence: 20_000, category: "housing", goalId: s.goalId }, liveApp);
      expect(waiting.body.status).toBe("awaiting-approval");
      expect((await budget(outsider, s.person.id, undefined, liveApp)).status).toBe(404);

      const glass = await (await as(outsider, liveApp)).sendJson("POST", paths.api.breakGlass(), {
        personId: s.person.id,
        givenName: s.person.givenName,
        familyName: s.person.familyName,
        dateOfBirth: "1988-04-12",
        reason: "Police called at 2am: Dean is missing",
        hours: 1,
      });
      expect(glass.status).toBe(201);
      const read = await budget(outsider, s.person.id, undefined, liveApp);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ balancePence: 100_000, awaitingApprovalPence: 20_000 });
      const before = await written(db, s.tenant.tenantId, s.person.id);
      const refused = await spend(outsider, s.person.id, { amountPence: 100, category: "travel", goalId: s.goalId }, liveApp);
      expect(refused.status).toBe(403);
      const decision = await (await as(outsider, liveApp)).sendJson<ApiError>("POST", paths.api.personBudgetSpendDecision(s.person.id, waiting.body.id), { decision: "decline", note: "No" });
      expect(decision.status).toBe(403);
      expect(await written(db, s.tenant.tenantId, s.person.id)).toEqual(before);
      const reads = await auditRows(db, s.tenant.tenantId, { personId: s.person.id, action: "budget.read" });
      expect(reads.some((row) => row.actor_user_id === outsider.id)).toBe(true);
      expect((await auditRows(db, s.tenant.tenantId, { personId: s.person.id, action: "break-glass.access" })).some((row) => row.actor_user_id === outsider.id)).toBe(true);
    } finally {
      await liveApp.close();
    }
  });
});
