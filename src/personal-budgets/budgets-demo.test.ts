import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import type { Actor } from "../platform/access/index.ts";
import { isRole } from "../platform/access/roles.ts";
import { users } from "../platform/auth/tables.ts";
import { addDays, systemClock, ukToday } from "../platform/clock.ts";
import { queryRows } from "../platform/database/query.ts";
import { demoPeople } from "../demo/people.ts";
import { DEMO_PARTNERSHIP, DEMO_USERS, demoEmail, seedDemo } from "../demo/seed.ts";
import type { DemoContext, DemoPerson, DemoUserKey } from "../demo/types.ts";
import { DEMO_SPENDS, loadPersonalBudgetsDemo } from "./demo.ts";
import { receiptMediaType } from "./receipt-files.ts";
import { budgetYearOf, budgetYearStarting } from "./schema.ts";
import { countApprovals, downloadReceipt, readApprovals, readBudget, readSpend, type PersonBudget } from "./service.ts";
import * as store from "./store.ts";

let testApp: TestApp;
let tenantId = "";
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, DEMO_TEST_PASSWORD);
  const [tenant] = await queryRows<{ id: string }>(testApp.database.db, sql`SELECT id FROM tenants WHERE name = ${DEMO_PARTNERSHIP}`);
  if (!tenant) throw new Error("the demo partnership did not load");
  tenantId = tenant.id;
});
afterAll(async () => {
  await testApp.close();
});

async function demoActor(key: DemoUserKey): Promise<Actor> {
  const [row] = await testApp.database.db.select().from(users).where(and(eq(users.tenantId, tenantId), eq(users.email, demoEmail(key))));
  if (!row) throw new Error(`no demo user ${key}`);
  return { userId: row.id, tenantId, organisationId: row.organisationId, teamId: row.teamId, email: row.email, displayName: row.displayName, roles: row.roles.filter(isRole), ip: "test" };
}

function demoPerson(key: string): DemoPerson {
  const person = demoPeople.find((candidate) => candidate.key === key);
  if (!person) throw new Error(`no demo person ${key}`);
  return person;
}

async function demoPersonId(key: string): Promise<string> {
  const person = demoPerson(key);
  const [row] = await queryRows<{ id: string }>(
    testApp.database.db,
    sql`SELECT id FROM people WHERE tenant_id = ${tenantId} AND given_name = ${person.givenName} AND family_name = ${person.familyName}`,
  );
  if (!row) throw new Error(`${key} is not in the demo`);
  return row.id;
}

const PEOPLE_WITH_SPENDS = [...new Set(DEMO_SPENDS.map((spend) => spend.person))];

/** The ledger runs from the allocation to the balance without a gap, and the balance is the allocation less what was approved. */
function expectBalanced(read: PersonBudget): void {
  const [opening, ...entries] = read.ledger;
  expect(opening).toMatchObject({ kind: "allocation", amountPence: read.summary.allocationPence, balanceAfterPence: read.summary.allocationPence });
  let running = opening?.balanceAfterPence ?? 0;
  for (const entry of entries) {
    running += entry.amountPence;
    expect(entry.balanceAfterPence).toBe(running);
  }
  const approved = read.spends.filter((spend) => spend.status === "approved").reduce((total, spend) => total + spend.amountPence, 0);
  expect(read.summary.balancePence).toBe(running);
  expect(read.summary.balancePence).toBe(read.summary.allocationPence - approved);
  expect(read.summary.spentPence).toBe(approved);
  expect(read.summary.balancePence).toBeGreaterThanOrEqual(0);
}

describe("the demo personal budgets", () => {
  it("gives four of Sam Okafor's people this year's £1,000 with spends towards their goals, and every budget balances", async () => {
    expect(PEOPLE_WITH_SPENDS).toHaveLength(4);
    const manager = await demoActor("manager");
    const today = ukToday(systemClock);
    const spends = [];
    for (const key of PEOPLE_WITH_SPENDS) {
      const read = await readBudget(testApp.database.db, manager, systemClock, await demoPersonId(key), { purpose: "api" });
      expect(read.person.givenName).toBe(demoPerson(key).givenName);
      expect(demoPerson(key).lead).toBe("worker");
      expect(read.year.startsOn).toBe(read.currentYear.startsOn);
      expect(read.summary.allocationPence).toBe(100_000);
      expect(read.spends).toHaveLength(DEMO_SPENDS.filter((spend) => spend.person === key).length);
      expectBalanced(read);
      for (const spend of read.spends) {
        expect(spend.goal.status, spend.note ?? "").toBe("active");
        expect(spend.spentOn >= read.year.startsOn && spend.spentOn <= today, spend.spentOn).toBe(true);
      }
      spends.push(...read.spends);
    }

    const approved = spends.filter((spend) => spend.status === "approved");
    expect(approved.length).toBeGreaterThanOrEqual(12);
    expect(new Set(approved.map((spend) => spend.category))).toEqual(new Set(["phone-internet", "travel", "clothing", "education-training", "furniture-household", "family-connections", "id-documents"]));
    const byManager = approved.filter((spend) => spend.decidedBy?.name === DEMO_USERS.manager.name);
    expect(byManager).toHaveLength(1);
    expect(byManager[0]).toMatchObject({ category: "education-training", amountPence: 39_500, approvedAsException: false });
    expect(byManager[0]?.decisionNote).toMatch(/forklift/);
    expect(byManager[0]?.requestedBy?.name).toBe(DEMO_USERS.worker.name);

    const waiting = spends.filter((spend) => spend.status === "awaiting-approval");
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ category: "housing", amountPence: 37_500, decidedBy: null });

    const cancelled = spends.filter((spend) => spend.status === "cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]?.cancelReason).toMatch(/Entered twice/);
    expect(cancelled[0]?.cancelledBy?.name).toBe(DEMO_USERS.coworker.name);
    expect(spends.filter((spend) => spend.status === "declined")).toEqual([]);
  });

  it("reverses the cancelled top-up in Dean Holloway's ledger, after the spend it cancels", async () => {
    const read = await readBudget(testApp.database.db, await demoActor("worker"), systemClock, await demoPersonId("dean-holloway"), { purpose: "api" });
    const cancelled = read.spends.find((spend) => spend.status === "cancelled");
    const entries = read.ledger.filter((entry) => entry.spendId === cancelled?.id);
    expect(entries.map((entry) => [entry.kind, entry.amountPence])).toEqual([
      ["spend", -1_000],
      ["reversal", 1_000],
    ]);
    expect(entries[1]?.description).toMatch(/^Cancelled: /);
    // The ledger is in the order things happened.
    const times = read.ledger.map((entry) => entry.recordedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("puts Kyle Bennett's rent deposit on Helen Marsh's approvals list", async () => {
    const manager = await demoActor("manager");
    const rows = await readApprovals(testApp.database.db, manager);
    const kyle = await demoPersonId("kyle-bennett");
    expect(rows.filter((row) => row.person.id === kyle)).toHaveLength(1);
    expect(await countApprovals(testApp.database.db, manager)).toBeGreaterThanOrEqual(1);
    // The children's team has none of the multiple-needs team's spends to approve.
    expect(await readApprovals(testApp.database.db, await demoActor("children-manager"))).toEqual([]);
  });

  it("keeps a real PDF receipt for Dean Holloway's things for his flat", async () => {
    const worker = await demoActor("worker");
    const dean = await demoPersonId("dean-holloway");
    const read = await readBudget(testApp.database.db, worker, systemClock, dean, { purpose: "api" });
    const withReceipt = read.spends.filter((spend) => spend.receiptCount > 0);
    expect(withReceipt.map((spend) => [spend.category, spend.amountPence, spend.receiptCount])).toEqual([["furniture-household", 8_640, 1]]);
    const detail = await readSpend(testApp.database.db, worker, dean, withReceipt[0]?.id ?? "");
    const [receipt] = detail.receipts;
    expect(receipt?.fileName).toMatch(/\.pdf$/);
    const { content } = await downloadReceipt(testApp.database.db, worker, dean, receipt?.id ?? "");
    expect(receiptMediaType(content)).toBe("application/pdf");
    const text = content.toString("latin1");
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    // Every offset in the cross-reference table points at its object, and startxref at the table.
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe("xref");
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, index) => expect(text.slice(offset, offset + 8)).toBe(`${index + 1} 0 obj\n`));
    const length = Number(/\/Length (\d+) >>\nstream\n/.exec(text)?.[1]);
    const streamStart = text.indexOf("stream\n") + "stream\n".length;
    expect(text.slice(streamStart + length, streamStart + length + 9)).toBe("endstream");
    expect(text).toContain("(Total  \\24386.40) Tj");
  });

  it("loads once: a second load adds no spends", async () => {
    const count = async () => (await queryRows<{ spends: number }>(testApp.database.db, sql`SELECT count(*)::int AS spends FROM budget_spends WHERE tenant_id = ${tenantId}`))[0]?.spends;
    const before = await count();
    expect(before).toBe(DEMO_SPENDS.length);
    expect(await seedDemo(testApp.database.db, DEMO_TEST_PASSWORD)).toBe(false);
    expect(await count()).toBe(before);
  });

  it("keeps every spend inside the budget year when the demo loads on the year's second day", async () => {
    const { db } = testApp.database;
    const userIds = {} as Record<DemoUserKey, string>;
    for (const key of Object.keys(DEMO_USERS) as DemoUserKey[]) userIds[key] = (await demoActor(key)).userId;
    const people: DemoContext["people"] = [];
    for (const key of PEOPLE_WITH_SPENDS) people.push({ id: await demoPersonId(key), demo: demoPerson(key) });
    const nextYear = budgetYearStarting(Number(budgetYearOf(ukToday(systemClock), 4).key) + 1, 4);
    const now = new Date(`${addDays(nextYear.startsOn, 1)}T08:00:00Z`);
    const rolledBack = new Error("roll back the trial load");
    const seen: Array<{ spentOn: string[]; balancePence: number; approvedPence: number }> = [];
    await expect(
      db.transaction(async (tx) => {
        await loadPersonalBudgetsDemo(tx, { tenantId, now, userIds, organisationIds: {}, people });
        for (const person of people) {
          const budget = await store.findBudget(tx, tenantId, person.id, nextYear.startsOn);
          if (!budget) throw new Error("no budget opened for the new year");
          const spends = await store.listSpends(tx, tenantId, budget.id);
          const approvedPence = spends.filter((spend) => spend.status === "approved").reduce((total, spend) => total + spend.amountPence, 0);
          seen.push({ spentOn: [...new Set(spends.map((spend) => spend.spentOn))], balancePence: budget.balancePence, approvedPence });
        }
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(seen).toHaveLength(4);
    for (const budget of seen) {
      expect(budget.spentOn).toEqual([nextYear.startsOn]);
      expect(budget.balancePence).toBe(100_000 - budget.approvedPence);
    }
    const [left] = await queryRows<{ budgets: number }>(db, sql`SELECT count(*)::int AS budgets FROM personal_budgets WHERE tenant_id = ${tenantId} AND starts_on = ${nextYear.startsOn}`);
    expect(left?.budgets).toBe(0);
  });
});
