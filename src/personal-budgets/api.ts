import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { BUDGET_CATEGORIES, SPEND_STATUSES, postSpendBody, spendDecisionBody, type BudgetYear } from "./schema.ts";
import * as budgets from "./service.ts";

// Any text: an id that is not a UUID is simply a person (or spend) who is not found.
const personIdParams = z.object({ id: z.string().max(100) });
const spendParams = z.object({ id: z.string().max(100), spendId: z.string().max(100) });
const budgetQuery = z.object({ year: z.string().max(20, "Choose a budget year, such as 2026").optional().describe("The budget year by the year it starts in, YYYY; the current year when left out") });

const who = z.object({ id: z.string(), name: z.string() }).nullable();

const yearSchema = z.object({
  startsOn: z.string().describe("YYYY-MM-DD, the 1st of the team's start month"),
  endsOn: z.string().describe("YYYY-MM-DD, the year's last day"),
  label: z.string().describe('"2026 to 2027", or "2026" for a year starting in January'),
  key: z.string().describe("The year it starts in, for ?year="),
});

const spendSchema = z.object({
  id: z.string(),
  goalId: z.string(),
  category: z.string(),
  amountPence: z.number().int(),
  spentOn: z.string().describe("YYYY-MM-DD; decides the budget year charged"),
  note: z.string().nullable(),
  status: z.enum(SPEND_STATUSES),
  exceptionRequested: z.boolean().describe("The worker asked for the balance to go below zero"),
  exceptionReason: z.string().nullable(),
  requestedBy: who,
  requestedAt: z.string(),
  decidedBy: who,
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  approvedAsException: z.boolean().describe("Approved although it took the balance below zero"),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  receiptCount: z.number().int(),
  version: z.number().int(),
});

const ledgerEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(["allocation", "spend", "reversal"]),
  spendId: z.string().nullable(),
  category: z.string().nullable(),
  goalId: z.string().nullable(),
  spentOn: z.string().nullable(),
  amountPence: z.number().int().describe("A credit is positive, a debit negative"),
  balanceAfterPence: z.number().int().describe("The running balance after this entry"),
  description: z.string(),
  recordedAt: z.string(),
  recordedBy: who,
});

const budgetResponse = z.object({
  personId: z.string(),
  year: yearSchema,
  allocation: z.number().int().describe("Pence: the same as allocationPence"),
  spent: z.number().int().describe("Pence: the same as spentPence"),
  balance: z.number().int().describe("Pence: the same as balancePence"),
  awaitingApproval: z.number().int().describe("Pence: the same as awaitingApprovalPence"),
  allocationPence: z.number().int().describe("The year's allocation, fixed when the year was opened"),
  spentPence: z.number().int().describe("Approved spends net of reversals"),
  balancePence: z.number().int().describe("What is left; below zero only after a spend approved as an exception"),
  awaitingApprovalPence: z.number().int().describe("Spends waiting for a manager, not yet taken from the balance"),
  approvalThresholdPence: z.number().int().describe("Spends above this wait for a manager's approval"),
  currency: z.literal("GBP"),
  ledger: z.array(ledgerEntrySchema).describe("Oldest first; the allocation is the first entry"),
  spends: z.array(spendSchema).describe("Newest first, in every status"),
  byCategory: z.array(z.object({ category: z.string(), label: z.string(), spentPence: z.number().int() })).describe("Approved spending per category, largest first"),
  categories: z.array(z.object({ key: z.string(), label: z.string() })),
});

const spendResultSchema = spendSchema.extend({
  balancePence: z.number().int().describe("The year's balance afterwards (unchanged while a spend awaits approval)"),
  year: yearSchema,
});

const decisionResultSchema = spendSchema.extend({ balancePence: z.number().int().describe("The year's balance after the decision") });

function presentYear(year: BudgetYear): z.infer<typeof yearSchema> {
  return { startsOn: year.startsOn, endsOn: year.endsOn, label: year.label, key: year.key };
}

function presentSpend(spend: budgets.SpendRow): z.infer<typeof spendSchema> {
  return {
    id: spend.id,
    goalId: spend.goal.id,
    category: spend.category,
    amountPence: spend.amountPence,
    spentOn: spend.spentOn,
    note: spend.note,
    status: spend.status,
    exceptionRequested: spend.exceptionRequested,
    exceptionReason: spend.exceptionReason,
    requestedBy: spend.requestedBy,
    requestedAt: spend.requestedAt.toISOString(),
    decidedBy: spend.decidedBy,
    decidedAt: spend.decidedAt?.toISOString() ?? null,
    decisionNote: spend.decisionNote,
    approvedAsException: spend.approvedAsException,
    cancelledAt: spend.cancelledAt?.toISOString() ?? null,
    cancelReason: spend.cancelReason,
    receiptCount: spend.receiptCount,
    version: spend.version,
  };
}

function presentLedgerEntry(entry: budgets.LedgerEntryRow): z.infer<typeof ledgerEntrySchema> {
  return {
    id: entry.id,
    kind: entry.kind,
    spendId: entry.spendId,
    category: entry.category,
    goalId: entry.goalId,
    spentOn: entry.spentOn,
    amountPence: entry.amountPence,
    balanceAfterPence: entry.balanceAfterPence,
    description: entry.description,
    recordedAt: entry.recordedAt.toISOString(),
    recordedBy: entry.recordedBy,
  };
}

function presentBudget(read: budgets.PersonBudget): z.infer<typeof budgetResponse> {
  const { summary } = read;
  return {
    personId: read.person.id,
    year: presentYear(read.year),
    allocation: summary.allocationPence,
    spent: summary.spentPence,
    balance: summary.balancePence,
    awaitingApproval: summary.awaitingApprovalPence,
    allocationPence: summary.allocationPence,
    spentPence: summary.spentPence,
    balancePence: summary.balancePence,
    awaitingApprovalPence: summary.awaitingApprovalPence,
    approvalThresholdPence: read.settings.approvalThresholdPence,
    currency: "GBP",
    ledger: read.ledger.map(presentLedgerEntry),
    spends: read.spends.map(presentSpend),
    byCategory: read.byCategory,
    categories: BUDGET_CATEGORIES.map((category) => ({ key: category.key, label: category.label })),
  };
}

export const budgetsApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;
  const { clock } = deps;

  api.add(app, {
    method: "GET",
    url: paths.api.personBudget(":id"),
    summary: "The person's personal budget for a budget year (the current one unless ?year=YYYY): allocation, spent, balance and awaiting approval in pence, the ledger with its running balance, the spends and the spending by category",
    tags: ["Personal budgets"],
    access: "signed-in",
    params: personIdParams,
    query: budgetQuery,
    responses: {
      200: { description: "The budget year", schema: budgetResponse },
      400: { description: "A year that is not YYYY", schema: apiErrorSchema },
      404: { description: "No such person, or their budget is not yours to see (partners, carers and peer mentors do not see it)", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, query }) => {
      const read = await budgets.readBudget(db, actor, clock, params.id, { purpose: "api", ...(query.year ? { year: query.year } : {}) });
      return presentBudget(read);
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personBudgetSpends(":id"),
    summary:
      "Record a spend from the person's budget towards one of their active goals. At or under the team's approval threshold and within the balance it is approved at once; above the threshold it waits for a manager. A spend beyond the balance is refused (409, code would-overspend) unless requestException is true with an exceptionReason, when it waits for a manager",
    tags: ["Personal budgets"],
    access: "signed-in",
    params: personIdParams,
    body: postSpendBody,
    responses: {
      201: { description: 'The spend as saved, status "approved" or "awaiting-approval", with the year\'s balance afterwards', schema: spendResultSchema },
      400: { description: "An amount that is not a whole number of pence above 0, an unknown category, a goal that is not the person's or not active, a date outside this budget year or the last, a note too long or an unknown field: nothing saved", schema: apiErrorSchema },
      403: { description: "You may see the budget but not spend from it", schema: apiErrorSchema },
      404: { description: "No such person, or their budget is not yours to see", schema: apiErrorSchema },
      409: { description: 'It would take the balance below zero (error.code "would-overspend"): nothing saved', schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body, reply }) => {
      const result = await budgets.requestSpend(db, actor, clock, params.id, {
        amountPence: body.amountPence,
        category: body.category,
        goalId: body.goalId,
        note: body.note ?? null,
        spentOn: body.spentOn ?? null,
        requestException: body.requestException ?? false,
        exceptionReason: body.exceptionReason ?? null,
      });
      reply.status(201);
      return { ...presentSpend(result.spend), balancePence: result.balancePence, year: presentYear(result.year) };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personBudgetSpendDecision(":id", ":spendId"),
    summary:
      "A manager of the person's team approves or declines a spend awaiting approval. Declining needs a note. Approving a spend beyond the balance needs approveAsException with a note; nobody approves a spend they asked for",
    tags: ["Personal budgets"],
    access: "signed-in",
    params: spendParams,
    body: spendDecisionBody,
    responses: {
      200: { description: "The spend as decided, with the year's balance afterwards", schema: decisionResultSchema },
      400: { description: "No reason for declining or for an exception, or an unknown field: nothing changed", schema: apiErrorSchema },
      403: { description: "You are not a manager of the person's team, or you asked for this spend", schema: apiErrorSchema },
      404: { description: "No such person or spend, or the budget is not yours to see", schema: apiErrorSchema },
      409: { description: 'Already decided or cancelled, or approving would take the balance below zero without approveAsException (error.code "would-overspend")', schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body }) => {
      const result = await budgets.decideSpend(db, actor, clock, params.id, params.spendId, {
        decision: body.decision,
        note: body.note ?? null,
        approveAsException: body.approveAsException ?? false,
      });
      return { ...presentSpend(result.spend), balancePence: result.balancePence };
    },
  });
};
