import { sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { SpendStatus } from "./schema.ts";

import { isoDate, who, type Who } from "./row-values.ts";

// Settings and receipts have their own files; everything SQL of personal budgets is reached from here.
export * from "./settings-store.ts";
export * from "./receipt-store.ts";
export * from "./person-store.ts";

export interface BudgetRow {
  id: string;
  personId: string;
  startsOn: string;
  endsOn: string;
  allocationPence: number;
  /** The running balance after the ledger's last entry. */
  balancePence: number;
}

interface BudgetRaw {
  id: string;
  person_id: string;
  starts_on: string | Date;
  ends_on: string | Date;
  allocation_pence: number;
  balance_pence: number | null;
}

function toBudget(row: BudgetRaw): BudgetRow {
  return {
    id: row.id,
    personId: row.person_id,
    startsOn: isoDate(row.starts_on),
    endsOn: isoDate(row.ends_on),
    allocationPence: Number(row.allocation_pence),
    balancePence: Number(row.balance_pence ?? 0),
  };
}

const lastBalance = sql`(SELECT entry.balance_after_pence FROM budget_ledger_entries entry
   WHERE entry.tenant_id = budget.tenant_id AND entry.budget_id = budget.id ORDER BY entry.sequence DESC LIMIT 1)`;

/** The person's budget for the year starting on `startsOn`; with `lock`, held until the transaction ends. */
export async function findBudget(tx: Db | Tx, tenantId: string, personId: string, startsOn: string, options: { lock?: boolean } = {}): Promise<BudgetRow | null> {
  if (options.lock) {
    // Lock first, then read the balance: a spend waiting on the lock sees every entry written before it.
    await tx.execute(sql`SELECT id FROM personal_budgets WHERE tenant_id = ${tenantId} AND person_id = ${personId} AND starts_on = ${startsOn} FOR UPDATE`);
  }
  const [row] = await queryRows<BudgetRaw>(
    tx,
    sql`SELECT budget.id, budget.person_id, budget.starts_on, budget.ends_on, budget.allocation_pence, ${lastBalance} AS balance_pence
        FROM personal_budgets budget
        WHERE budget.tenant_id = ${tenantId} AND budget.person_id = ${personId} AND budget.starts_on = ${startsOn}`,
  );
  return row ? toBudget(row) : null;
}

/** Every budget year the person has had, newest first. */
export async function listBudgets(tx: Db | Tx, tenantId: string, personId: string): Promise<BudgetRow[]> {
  const rows = await queryRows<BudgetRaw>(
    tx,
    sql`SELECT budget.id, budget.person_id, budget.starts_on, budget.ends_on, budget.allocation_pence, ${lastBalance} AS balance_pence
        FROM personal_budgets budget
        WHERE budget.tenant_id = ${tenantId} AND budget.person_id = ${personId}
        ORDER BY budget.starts_on DESC`,
  );
  return rows.map(toBudget);
}

/**
 * Opens the person's budget for a year with its allocation as the ledger's first entry. Does
 * nothing when it is open already (two requests may race to open it; one wins).
 */
export async function openBudgetOnce(
  tx: Db | Tx,
  values: { tenantId: string; personId: string; startsOn: string; endsOn: string; allocationPence: number; description: string; openedBy: string | null; openedAt: Date },
): Promise<void> {
  const id = newId();
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO personal_budgets (id, tenant_id, person_id, starts_on, ends_on, allocation_pence, created_at, updated_at)
        VALUES (${id}, ${values.tenantId}, ${values.personId}, ${values.startsOn}, ${values.endsOn}, ${values.allocationPence}, ${values.openedAt}, ${values.openedAt})
        ON CONFLICT (tenant_id, person_id, starts_on) DO NOTHING RETURNING id`,
  );
  if (inserted.length === 0) return;
  await tx.execute(
    sql`INSERT INTO budget_ledger_entries (id, tenant_id, budget_id, person_id, kind, spend_id, amount_pence, balance_after_pence, description, recorded_by, recorded_at, sequence)
        VALUES (${newId()}, ${values.tenantId}, ${id}, ${values.personId}, 'allocation', NULL, ${values.allocationPence}, ${values.allocationPence}, ${values.description}, ${values.openedBy}, ${values.openedAt}, 1)`,
  );
}

/** Adds an entry after the ledger's last one. Call it holding the budget's lock (findBudget with `lock`). */
export async function appendLedgerEntry(
  tx: Db | Tx,
  values: { tenantId: string; budgetId: string; personId: string; kind: "spend" | "reversal"; spendId: string; amountPence: number; description: string; recordedBy: string; recordedAt: Date },
): Promise<number> {
  const [row] = await queryRows<{ balance_after_pence: number }>(
    tx,
    sql`INSERT INTO budget_ledger_entries (id, tenant_id, budget_id, person_id, kind, spend_id, amount_pence, balance_after_pence, description, recorded_by, recorded_at, sequence)
        SELECT ${newId()}, ${values.tenantId}, ${values.budgetId}, ${values.personId}, ${values.kind}, ${values.spendId}, ${values.amountPence},
               last.balance_after_pence + ${values.amountPence}, ${values.description}, ${values.recordedBy}, ${values.recordedAt}, last.sequence + 1
        FROM (SELECT balance_after_pence, sequence FROM budget_ledger_entries
              WHERE tenant_id = ${values.tenantId} AND budget_id = ${values.budgetId} ORDER BY sequence DESC LIMIT 1) last
        RETURNING balance_after_pence`,
  );
  if (!row) throw new Error("The budget has no opening entry");
  return Number(row.balance_after_pence);
}

export interface LedgerEntryRow {
  id: string;
  kind: "allocation" | "spend" | "reversal";
  spendId: string | null;
  category: string | null;
  goalId: string | null;
  spentOn: string | null;
  amountPence: number;
  balanceAfterPence: number;
  description: string;
  recordedBy: Who;
  recordedAt: Date;
  sequence: number;
}

/** The year's ledger, in the order it was written. */
export async function listLedger(tx: Db | Tx, tenantId: string, budgetId: string): Promise<LedgerEntryRow[]> {
  const rows = await queryRows<{
    id: string;
    kind: LedgerEntryRow["kind"];
    spend_id: string | null;
    category: string | null;
    goal_id: string | null;
    spent_on: string | Date | null;
    amount_pence: number;
    balance_after_pence: number;
    description: string;
    recorded_by: string | null;
    recorded_by_name: string | null;
    recorded_at: Date | string;
    sequence: number;
  }>(
    tx,
    sql`SELECT entry.id, entry.kind, entry.spend_id, spend.category, spend.goal_id, spend.spent_on, entry.amount_pence, entry.balance_after_pence, entry.description,
               entry.recorded_by, recorder.display_name AS recorded_by_name, entry.recorded_at, entry.sequence
        FROM budget_ledger_entries entry
        LEFT JOIN budget_spends spend ON spend.tenant_id = entry.tenant_id AND spend.id = entry.spend_id
        LEFT JOIN users recorder ON recorder.tenant_id = entry.tenant_id AND recorder.id = entry.recorded_by
        WHERE entry.tenant_id = ${tenantId} AND entry.budget_id = ${budgetId}
        ORDER BY entry.sequence`,
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    spendId: row.spend_id,
    category: row.category,
    goalId: row.goal_id,
    spentOn: row.spent_on ? isoDate(row.spent_on) : null,
    amountPence: Number(row.amount_pence),
    balanceAfterPence: Number(row.balance_after_pence),
    description: row.description,
    recordedBy: who(row.recorded_by, row.recorded_by_name),
    recordedAt: new Date(row.recorded_at),
    sequence: Number(row.sequence),
  }));
}

export interface SpendRow {
  id: string;
  personId: string;
  budgetId: string;
  goal: { id: string; description: string; status: string };
  category: string;
  amountPence: number;
  spentOn: string;
  note: string | null;
  status: SpendStatus;
  exceptionRequested: boolean;
  exceptionReason: string | null;
  requestedBy: Who;
  requestedAt: Date;
  decidedBy: Who;
  decidedAt: Date | null;
  decisionNote: string | null;
  approvedAsException: boolean;
  cancelledBy: Who;
  cancelledAt: Date | null;
  cancelReason: string | null;
  receiptCount: number;
  version: number;
}

interface SpendRaw {
  id: string;
  person_id: string;
  budget_id: string;
  goal_id: string;
  goal_description: string;
  goal_status: string;
  category: string;
  amount_pence: number;
  spent_on: string | Date;
  note: string | null;
  status: SpendStatus;
  exception_requested: boolean;
  exception_reason: string | null;
  requested_by: string | null;
  requested_by_name: string | null;
  requested_at: Date | string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | string | null;
  decision_note: string | null;
  approved_as_exception: boolean;
  cancelled_by: string | null;
  cancelled_by_name: string | null;
  cancelled_at: Date | string | null;
  cancel_reason: string | null;
  receipt_count: number | string;
  version: number;
}

function toSpend(row: SpendRaw): SpendRow {
  return {
    id: row.id,
    personId: row.person_id,
    budgetId: row.budget_id,
    goal: { id: row.goal_id, description: row.goal_description, status: row.goal_status },
    category: row.category,
    amountPence: Number(row.amount_pence),
    spentOn: isoDate(row.spent_on),
    note: row.note,
    status: row.status,
    exceptionRequested: row.exception_requested,
    exceptionReason: row.exception_reason,
    requestedBy: who(row.requested_by, row.requested_by_name),
    requestedAt: new Date(row.requested_at),
    decidedBy: who(row.decided_by, row.decided_by_name),
    decidedAt: row.decided_at ? new Date(row.decided_at) : null,
    decisionNote: row.decision_note,
    approvedAsException: row.approved_as_exception,
    cancelledBy: who(row.cancelled_by, row.cancelled_by_name),
    cancelledAt: row.cancelled_at ? new Date(row.cancelled_at) : null,
    cancelReason: row.cancel_reason,
    receiptCount: Number(row.receipt_count),
    version: Number(row.version),
  };
}

const spendSelect = sql`SELECT spend.id, spend.person_id, spend.budget_id, spend.goal_id, goal.description AS goal_description, goal.status AS goal_status,
       spend.category, spend.amount_pence, spend.spent_on, spend.note, spend.status, spend.exception_requested, spend.exception_reason,
       spend.requested_by, requester.display_name AS requested_by_name, spend.requested_at,
       spend.decided_by, decider.display_name AS decided_by_name, spend.decided_at, spend.decision_note, spend.approved_as_exception,
       spend.cancelled_by, canceller.display_name AS cancelled_by_name, spend.cancelled_at, spend.cancel_reason,
       (SELECT count(*) FROM budget_receipts receipt WHERE receipt.tenant_id = spend.tenant_id AND receipt.spend_id = spend.id) AS receipt_count,
       spend.version
  FROM budget_spends spend
  JOIN goals goal ON goal.tenant_id = spend.tenant_id AND goal.id = spend.goal_id
  LEFT JOIN users requester ON requester.tenant_id = spend.tenant_id AND requester.id = spend.requested_by
  LEFT JOIN users decider ON decider.tenant_id = spend.tenant_id AND decider.id = spend.decided_by
  LEFT JOIN users canceller ON canceller.tenant_id = spend.tenant_id AND canceller.id = spend.cancelled_by`;

export async function findSpend(tx: Db | Tx, tenantId: string, personId: string, spendId: string): Promise<SpendRow | null> {
  const [row] = await queryRows<SpendRaw>(tx, sql`${spendSelect} WHERE spend.tenant_id = ${tenantId} AND spend.person_id = ${personId} AND spend.id = ${spendId}`);
  return row ? toSpend(row) : null;
}

/** The spends charged to one budget year, newest first. */
export async function listSpends(tx: Db | Tx, tenantId: string, budgetId: string): Promise<SpendRow[]> {
  const rows = await queryRows<SpendRaw>(tx, sql`${spendSelect} WHERE spend.tenant_id = ${tenantId} AND spend.budget_id = ${budgetId} ORDER BY spend.spent_on DESC, spend.requested_at DESC`);
  return rows.map(toSpend);
}

export async function insertSpend(
  tx: Db | Tx,
  values: {
    tenantId: string;
    personId: string;
    budgetId: string;
    goalId: string;
    category: string;
    amountPence: number;
    spentOn: string;
    note: string | null;
    status: "approved" | "awaiting-approval";
    exceptionRequested: boolean;
    exceptionReason: string | null;
    requestedBy: string;
    requestedAt: Date;
    decisionNote: string | null;
  },
): Promise<string> {
  const id = newId();
  const approvedNow = values.status === "approved";
  await tx.execute(
    sql`INSERT INTO budget_spends (id, tenant_id, person_id, budget_id, goal_id, category, amount_pence, spent_on, note, status, exception_requested, exception_reason,
                                   requested_by, requested_at, decided_by, decided_at, decision_note, created_at, updated_at)
        VALUES (${id}, ${values.tenantId}, ${values.personId}, ${values.budgetId}, ${values.goalId}, ${values.category}, ${values.amountPence}, ${values.spentOn}, ${values.note},
                ${values.status}, ${values.exceptionRequested}, ${values.exceptionReason}, ${values.requestedBy}, ${values.requestedAt},
                ${approvedNow ? values.requestedBy : null}, ${approvedNow ? values.requestedAt : null}, ${values.decisionNote}, ${values.requestedAt}, ${values.requestedAt})`,
  );
  return id;
}

/** Moves a spend on from `fromStatus` at `expectedVersion`; false when it has moved on already. */
export async function decideSpend(
  tx: Db | Tx,
  values: { tenantId: string; spendId: string; fromStatus: SpendStatus; expectedVersion: number; status: SpendStatus; decidedBy: string; decidedAt: Date; decisionNote: string | null; approvedAsException: boolean },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE budget_spends SET status = ${values.status}, decided_by = ${values.decidedBy}, decided_at = ${values.decidedAt}, decision_note = ${values.decisionNote},
               approved_as_exception = ${values.approvedAsException}, version = version + 1, updated_at = ${values.decidedAt}
        WHERE tenant_id = ${values.tenantId} AND id = ${values.spendId} AND status = ${values.fromStatus} AND version = ${values.expectedVersion}
        RETURNING id`,
  );
  return rows.length === 1;
}

export async function cancelSpend(
  tx: Db | Tx,
  values: { tenantId: string; spendId: string; fromStatus: SpendStatus; expectedVersion: number; cancelledBy: string; cancelledAt: Date; reason: string },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE budget_spends SET status = 'cancelled', cancelled_by = ${values.cancelledBy}, cancelled_at = ${values.cancelledAt}, cancel_reason = ${values.reason},
               version = version + 1, updated_at = ${values.cancelledAt}
        WHERE tenant_id = ${values.tenantId} AND id = ${values.spendId} AND status = ${values.fromStatus} AND version = ${values.expectedVersion}
        RETURNING id`,
  );
  return rows.length === 1;
}

/** Approved spending per category in a budget year, net of reversals; largest first. */
export async function spentByCategory(tx: Db | Tx, tenantId: string, budgetId: string): Promise<Array<{ category: string; spentPence: number }>> {
  const rows = await queryRows<{ category: string; spent_pence: number | string }>(
    tx,
    sql`SELECT spend.category, -sum(entry.amount_pence) AS spent_pence
        FROM budget_ledger_entries entry
        JOIN budget_spends spend ON spend.tenant_id = entry.tenant_id AND spend.id = entry.spend_id
        WHERE entry.tenant_id = ${tenantId} AND entry.budget_id = ${budgetId} AND entry.kind IN ('spend', 'reversal')
        GROUP BY spend.category
        HAVING sum(entry.amount_pence) <> 0
        ORDER BY spent_pence DESC, spend.category`,
  );
  return rows.map((row) => ({ category: row.category, spentPence: Number(row.spent_pence) }));
}

export interface AwaitingApprovalRow {
  spend: SpendRow;
  person: { id: string; givenName: string; familyName: string; preferredName: string | null };
  balancePence: number;
}

/** Spends awaiting approval for the people with a team, oldest request first. */
export async function listAwaitingApproval(tx: Db | Tx, tenantId: string, teamId: string): Promise<AwaitingApprovalRow[]> {
  const rows = await queryRows<SpendRaw & { given_name: string; family_name: string; preferred_name: string | null; balance_pence: number | null }>(
    tx,
    sql`SELECT inner_spend.*, person.given_name, person.family_name, person.preferred_name,
               (SELECT entry.balance_after_pence FROM budget_ledger_entries entry
                 WHERE entry.tenant_id = ${tenantId} AND entry.budget_id = inner_spend.budget_id ORDER BY entry.sequence DESC LIMIT 1) AS balance_pence
        FROM (${spendSelect} WHERE spend.tenant_id = ${tenantId} AND spend.status = 'awaiting-approval') inner_spend
        JOIN people person ON person.tenant_id = ${tenantId} AND person.id = inner_spend.person_id
        WHERE person.team_id = ${teamId}
        ORDER BY inner_spend.requested_at`,
  );
  return rows.map((row) => ({
    spend: toSpend(row),
    person: { id: row.person_id, givenName: row.given_name, familyName: row.family_name, preferredName: row.preferred_name },
    balancePence: Number(row.balance_pence ?? 0),
  }));
}

export async function countAwaitingApproval(tx: Db | Tx, tenantId: string, teamId: string): Promise<number> {
  const [row] = await queryRows<{ count: number | string }>(
    tx,
    sql`SELECT count(*) AS count FROM budget_spends spend JOIN people person ON person.tenant_id = spend.tenant_id AND person.id = spend.person_id
        WHERE spend.tenant_id = ${tenantId} AND spend.status = 'awaiting-approval' AND person.team_id = ${teamId}`,
  );
  return Number(row?.count ?? 0);
}
