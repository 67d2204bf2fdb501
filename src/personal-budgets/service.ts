import type { PersonHeading } from "../people/person-layout.ts";
import { personHeading } from "../people/service.ts";
import type { Actor, Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { REASON_MAX, budgetYearOf, categoryLabel, formatPence, type BudgetYear } from "./schema.ts";
import { MANAGERS_DECIDE, MAY_NOT_SPEND, auditedEvenIfRefused, mayDecide, relationshipToBudget, settingsForPerson, spendToChange } from "./budget-access.ts";
import { spendDateRange, spendIssues, WouldOverspend, type SpendInput } from "./spend-rules.ts";
import { lockChargedBudget, openAndLock, yearFromKey } from "./budget-years.ts";
import * as store from "./store.ts";

export type { AwaitingApprovalRow, BudgetRow, GoalChoice, LedgerEntryRow, ReceiptRow, SettingsRow, SpendRow } from "./store.ts";
export { addReceipt, downloadReceipt, removeReceipt, type ReceiptUpload } from "./receipts.ts";
export { countApprovals, readApprovals, readSettings, saveSettings, settingsIssues, type SettingsInput } from "./team-budgets.ts";
export { csvFileName, ledgerCsv } from "./ledger-csv.ts";
export { spendDateRange, spendIssues, WouldOverspend, type SpendInput } from "./spend-rules.ts";

export interface BudgetSummary {
  allocationPence: number;
  spentPence: number;
  balancePence: number;
  awaitingApprovalPence: number;
}

export interface PersonBudget {
  person: PersonHeading;
  relationship: Relationship;
  settings: store.SettingsRow;
  year: BudgetYear;
  currentYear: BudgetYear;
  /** Budget years with a ledger, newest first, for the year picker. */
  years: BudgetYear[];
  /** Null for a year the person had no budget open. */
  budget: store.BudgetRow | null;
  summary: BudgetSummary;
  ledger: store.LedgerEntryRow[];
  spends: store.SpendRow[];
  byCategory: Array<{ category: string; label: string; spentPence: number }>;
  goals: store.GoalChoice[];
  mayRequest: boolean;
  mayDecide: boolean;
}

export type BudgetPurpose = "page" | "api" | "csv" | "spend-form" | "spend";

/**
 * The person's budget for a year (the current one by default), opening the current year's with
 * its allocation the first time anyone looks. NotFound unless the actor is in the full audience. Audited.
 */
export async function readBudget(db: Db, actor: Actor, clock: Clock, personId: string, options: { year?: string; purpose: BudgetPurpose }): Promise<PersonBudget> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipToBudget(tx, actor, personId);
    if (options.purpose === "spend-form" && !relationship.mayEdit) throw new Forbidden(MAY_NOT_SPEND);
    const person = await personHeading(tx, actor.tenantId, personId);
    const settings = await settingsForPerson(tx, actor.tenantId, personId);
    const currentYear = budgetYearOf(ukToday(clock), settings.yearStartMonth);
    const year = options.year ? yearFromKey(options.year, settings.yearStartMonth) : currentYear;
    let budget = await store.findBudget(tx, actor.tenantId, personId, year.startsOn);
    if (!budget && year.startsOn === currentYear.startsOn && relationship.mayEdit) budget = await openAndLock(tx, actor, clock, personId, year, settings);
    const ledger = budget ? await store.listLedger(tx, actor.tenantId, budget.id) : [];
    const spends = budget ? await store.listSpends(tx, actor.tenantId, budget.id) : [];
    const byCategory = budget ? (await store.spentByCategory(tx, actor.tenantId, budget.id)).map((row) => ({ ...row, label: categoryLabel(row.category) })) : [];
    const allocationPence = budget?.allocationPence ?? (year.startsOn === currentYear.startsOn ? settings.yearlyAllocationPence : 0);
    const balancePence = budget?.balancePence ?? allocationPence;
    const summary: BudgetSummary = {
      allocationPence,
      spentPence: allocationPence - balancePence,
      balancePence,
      awaitingApprovalPence: spends.filter((spend) => spend.status === "awaiting-approval").reduce((total, spend) => total + spend.amountPence, 0),
    };
    const opened = await store.listBudgets(tx, actor.tenantId, personId);
    const years = opened.map((row) => budgetYearOf(row.startsOn, settings.yearStartMonth));
    if (!years.some((known) => known.startsOn === currentYear.startsOn)) years.unshift(currentYear);
    const goals = await store.listGoals(tx, actor.tenantId, personId);
    await audit(tx, actor, { action: "budget.read", personId, detail: { purpose: options.purpose, year: year.key, audience: relationship.audience } });
    return {
      person,
      relationship,
      settings,
      year,
      currentYear,
      years,
      budget,
      summary,
      ledger,
      spends,
      byCategory,
      goals,
      mayRequest: relationship.mayEdit,
      mayDecide: mayDecide(actor, relationship),
    };
  });
}

export interface SpendResult {
  spend: store.SpendRow;
  /** The year's balance after this request (unchanged while it awaits approval). */
  balancePence: number;
  year: BudgetYear;
}

/**
 * Records a spend from the person's budget. Within the balance and at or under the team's
 * threshold it is approved at once; above the threshold it waits for a manager. A spend beyond the
 * balance is refused (WouldOverspend) unless the worker asks for an exception, which then waits for
 * a manager. The budget's row is locked, so concurrent spends can never together overspend. Audited.
 */
export async function requestSpend(db: Db, actor: Actor, clock: Clock, personId: string, input: SpendInput): Promise<SpendResult> {
  return auditedEvenIfRefused(db, actor, personId, "budget.spend.request", () =>
    db.transaction(async (tx) => {
      const relationship = await relationshipToBudget(tx, actor, personId);
      if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_SPEND);
      const settings = await settingsForPerson(tx, actor.tenantId, personId);
      const today = ukToday(clock);
      const goals = await store.listGoals(tx, actor.tenantId, personId);
      const issues = spendIssues(input, goals, spendDateRange(today, settings.yearStartMonth));
      if (issues.length > 0) throw new Invalid(issues);
      const spentOn = input.spentOn || today;
      const year = budgetYearOf(spentOn, settings.yearStartMonth);
      // Last year's budget is opened by a late receipt only for someone the service worked with then.
      if (year.startsOn < budgetYearOf(today, settings.yearStartMonth).startsOn && !(await store.findBudget(tx, actor.tenantId, personId, year.startsOn))) {
        const since = await store.withTheServiceSince(tx, actor.tenantId, personId);
        if (!since || since > year.endsOn) {
          throw new Invalid([{ field: "spentOn", message: `They had no budget in ${year.label}: they have been with the service since ${since ? formatIsoDate(since) : "this year"}. Date the spend in this budget year` }]);
        }
      }
      const budget = await openAndLock(tx, actor, clock, personId, year, settings);
      const note = input.note?.trim() || null;
      const overspends = input.amountPence > budget.balancePence;
      if (overspends && !input.requestException) {
        throw new WouldOverspend(
          `This spend of ${formatPence(input.amountPence)} would take the ${year.label} balance below zero: ${formatPence(budget.balancePence)} is left. Ask a manager for an exception, with a reason, or spend less.`,
          budget.balancePence,
        );
      }
      const needsApproval = overspends || input.amountPence > settings.approvalThresholdPence;
      const now = clock.now();
      const spendId = await store.insertSpend(tx, {
        tenantId: actor.tenantId,
        personId,
        budgetId: budget.id,
        goalId: input.goalId,
        category: input.category,
        amountPence: input.amountPence,
        spentOn,
        note,
        status: needsApproval ? "awaiting-approval" : "approved",
        exceptionRequested: overspends,
        exceptionReason: overspends ? (input.exceptionReason?.trim() ?? null) : null,
        requestedBy: actor.userId,
        requestedAt: now,
        decisionNote: needsApproval ? null : `Within the ${formatPence(settings.approvalThresholdPence)} approval threshold`,
      });
      let balancePence = budget.balancePence;
      if (!needsApproval) {
        balancePence = await store.appendLedgerEntry(tx, {
          tenantId: actor.tenantId,
          budgetId: budget.id,
          personId,
          kind: "spend",
          spendId,
          amountPence: -input.amountPence,
          description: `${categoryLabel(input.category)}${note ? `: ${note}` : ""}`,
          recordedBy: actor.userId,
          recordedAt: now,
        });
      }
      await audit(tx, actor, {
        action: "budget.spend.request",
        personId,
        subjectType: "budget-spend",
        subjectId: spendId,
        detail: { amountPence: input.amountPence, category: input.category, status: needsApproval ? "awaiting-approval" : "approved", exceptionRequested: overspends, year: year.key },
      });
      const spend = await store.findSpend(tx, actor.tenantId, personId, spendId);
      if (!spend) throw new Error("The spend was not saved");
      return { spend, balancePence, year };
    }),
  );
}

export interface SpendDetail {
  person: PersonHeading;
  relationship: Relationship;
  spend: store.SpendRow;
  receipts: store.ReceiptRow[];
  year: BudgetYear;
  balancePence: number;
  mayRequest: boolean;
  mayDecide: boolean;
  /** Asked for by this actor: a manager may not approve their own request. */
  requestedByActor: boolean;
}

/** One spend with its receipts; NotFound unless the actor sees the budget. Audited. */
export async function readSpend(db: Db, actor: Actor, personId: string, spendId: string): Promise<SpendDetail> {
  return auditedEvenIfRefused(db, actor, personId, "budget.spend.read", () =>
    db.transaction(async (tx) => {
      const relationship = await relationshipToBudget(tx, actor, personId);
      const spend = isUuid(spendId) ? await store.findSpend(tx, actor.tenantId, personId, spendId) : null;
      if (!spend) throw new NotFound("Spend not found");
      await audit(tx, actor, { action: "budget.spend.read", personId, subjectType: "budget-spend", subjectId: spend.id });
      const person = await personHeading(tx, actor.tenantId, personId);
      const settings = await settingsForPerson(tx, actor.tenantId, personId);
      const receipts = await store.listReceipts(tx, actor.tenantId, personId, spend.id);
      const year = budgetYearOf(spend.spentOn, settings.yearStartMonth);
      const budget = await store.findBudget(tx, actor.tenantId, personId, year.startsOn);
      return {
        person,
        relationship,
        spend,
        receipts,
        year,
        balancePence: budget?.balancePence ?? 0,
        mayRequest: relationship.mayEdit,
        mayDecide: mayDecide(actor, relationship),
        requestedByActor: spend.requestedBy?.id === actor.userId,
      };
    }),
  );
}

function alreadyDecided(spend: store.SpendRow): Conflict {
  const by = spend.status === "cancelled" ? spend.cancelledBy : spend.decidedBy;
  const what = spend.status === "awaiting-approval" ? "changed" : spend.status;
  return new Conflict(`This spend has already been ${what}${by ? ` by ${by.name}` : ""}. Nothing was changed.`, spend);
}

export interface DecisionInput {
  decision: "approve" | "decline";
  note?: string | null;
  approveAsException?: boolean;
  /** The version the manager saw; left out by the API, which decides on what is saved now. */
  expectedVersion?: number;
}

/**
 * A manager approves or declines a spend awaiting approval. Approving checks the balance again,
 * under the budget's lock: a spend beyond it needs `approveAsException` and a reason. A manager
 * cannot approve a spend they asked for. Audited.
 */
export async function decideSpend(db: Db, actor: Actor, clock: Clock, personId: string, spendId: string, input: DecisionInput): Promise<SpendResult> {
  return auditedEvenIfRefused(db, actor, personId, "budget.spend.decide", () =>
    db.transaction(async (tx) => {
      const { relationship, spend } = await spendToChange(tx, actor, personId, spendId);
      if (!mayDecide(actor, relationship)) throw new Forbidden(MANAGERS_DECIDE);
      if (spend.status !== "awaiting-approval" || (input.expectedVersion !== undefined && input.expectedVersion !== spend.version)) throw alreadyDecided(spend);
      const note = input.note?.trim() || null;
      if ((note ?? "").length > REASON_MAX) throw new Invalid([{ field: "note", message: `The reason must be ${REASON_MAX} characters or fewer` }]);
      if (input.decision === "decline" && !note) throw new Invalid([{ field: "note", message: "Give the reason for declining, so the worker can explain it to the person" }]);
      if (input.decision === "approve" && spend.requestedBy?.id === actor.userId) throw new Forbidden("You asked for this spend, so another manager must approve it");
      const { budget, year } = await lockChargedBudget(tx, actor.tenantId, personId, spend);
      const now = clock.now();
      let balancePence = budget.balancePence;
      const overspends = spend.amountPence > budget.balancePence;
      if (input.decision === "approve") {
        if (overspends && !input.approveAsException) {
          throw new WouldOverspend(
            `Approving this spend of ${formatPence(spend.amountPence)} would take the ${year.label} balance below zero: ${formatPence(budget.balancePence)} is left. Approve it as an exception, with a reason, or decline it.`,
            budget.balancePence,
          );
        }
        if (overspends && !note) throw new Invalid([{ field: "note", message: "Give the reason for letting the balance go below zero" }]);
      }
      const moved = await store.decideSpend(tx, {
        tenantId: actor.tenantId,
        spendId: spend.id,
        fromStatus: "awaiting-approval",
        expectedVersion: spend.version,
        status: input.decision === "approve" ? "approved" : "declined",
        decidedBy: actor.userId,
        decidedAt: now,
        decisionNote: note,
        approvedAsException: input.decision === "approve" && overspends,
      });
      if (!moved) {
        const current = await store.findSpend(tx, actor.tenantId, personId, spend.id);
        throw alreadyDecided(current ?? spend);
      }
      if (input.decision === "approve") {
        balancePence = await store.appendLedgerEntry(tx, {
          tenantId: actor.tenantId,
          budgetId: budget.id,
          personId,
          kind: "spend",
          spendId: spend.id,
          amountPence: -spend.amountPence,
          description: `${categoryLabel(spend.category)}${spend.note ? `: ${spend.note}` : ""}${overspends ? " (approved as an exception)" : ""}`,
          recordedBy: actor.userId,
          recordedAt: now,
        });
      }
      await audit(tx, actor, { action: `budget.spend.${input.decision}`, personId, subjectType: "budget-spend", subjectId: spend.id, detail: { amountPence: spend.amountPence, asException: input.decision === "approve" && overspends } });
      const saved = await store.findSpend(tx, actor.tenantId, personId, spend.id);
      if (!saved) throw new Error("The spend disappeared");
      return { spend: saved, balancePence, year };
    }),
  );
}

/**
 * Cancels a spend: one awaiting approval is withdrawn; an approved one is reversed with a credit
 * in the ledger (bought by mistake, refunded, never spent). A reason is required. Audited.
 */
export async function cancelSpend(db: Db, actor: Actor, clock: Clock, personId: string, spendId: string, input: { reason: string; expectedVersion?: number }): Promise<SpendResult> {
  return auditedEvenIfRefused(db, actor, personId, "budget.spend.cancel", () =>
    db.transaction(async (tx) => {
      const { relationship, spend } = await spendToChange(tx, actor, personId, spendId);
      if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_SPEND);
      const reason = input.reason.trim();
      if (!reason) throw new Invalid([{ field: "reason", message: "Say why the spend is being cancelled" }]);
      if (reason.length > REASON_MAX) throw new Invalid([{ field: "reason", message: `The reason must be ${REASON_MAX} characters or fewer` }]);
      if ((spend.status !== "awaiting-approval" && spend.status !== "approved") || (input.expectedVersion !== undefined && input.expectedVersion !== spend.version)) throw alreadyDecided(spend);
      const { budget, year } = await lockChargedBudget(tx, actor.tenantId, personId, spend);
      const now = clock.now();
      const moved = await store.cancelSpend(tx, { tenantId: actor.tenantId, spendId: spend.id, fromStatus: spend.status, expectedVersion: spend.version, cancelledBy: actor.userId, cancelledAt: now, reason });
      if (!moved) {
        const current = await store.findSpend(tx, actor.tenantId, personId, spend.id);
        throw alreadyDecided(current ?? spend);
      }
      let balancePence = budget.balancePence;
      if (spend.status === "approved") {
        balancePence = await store.appendLedgerEntry(tx, {
          tenantId: actor.tenantId,
          budgetId: budget.id,
          personId,
          kind: "reversal",
          spendId: spend.id,
          amountPence: spend.amountPence,
          description: `Cancelled: ${categoryLabel(spend.category)} (${reason})`,
          recordedBy: actor.userId,
          recordedAt: now,
        });
      }
      await audit(tx, actor, { action: "budget.spend.cancel", personId, subjectType: "budget-spend", subjectId: spend.id, detail: { amountPence: spend.amountPence, wasApproved: spend.status === "approved" } });
      const saved = await store.findSpend(tx, actor.tenantId, personId, spend.id);
      if (!saved) throw new Error("The spend disappeared");
      return { spend: saved, balancePence, year };
    }),
  );
}


export interface BudgetAtAGlance {
  year: BudgetYear;
  summary: BudgetSummary;
  awaitingCount: number;
}

/**
 * This year's balance, spent and awaiting approval, for the handover summary. Reads only (a year not
 * opened yet shows the team's allocation) inside the caller's transaction, which audits the handover.
 */
export async function budgetForHandover(tx: Db | Tx, actor: Actor, personId: string, today: string): Promise<BudgetAtAGlance> {
  await relationshipToBudget(tx, actor, personId);
  const settings = await settingsForPerson(tx, actor.tenantId, personId);
  const year = budgetYearOf(today, settings.yearStartMonth);
  const budget = await store.findBudget(tx, actor.tenantId, personId, year.startsOn);
  const awaiting = budget ? (await store.listSpends(tx, actor.tenantId, budget.id)).filter((spend) => spend.status === "awaiting-approval") : [];
  const allocationPence = budget?.allocationPence ?? settings.yearlyAllocationPence;
  const balancePence = budget?.balancePence ?? allocationPence;
  return {
    year,
    summary: { allocationPence, spentPence: allocationPence - balancePence, balancePence, awaitingApprovalPence: awaiting.reduce((total, spend) => total + spend.amountPence, 0) },
    awaitingCount: awaiting.length,
  };
}
