import { sql } from "drizzle-orm";
import { boolean, check, customType, date, foreignKey, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { teams } from "../platform/tenancy/tables.ts";
import { people } from "../people/tables.ts";
import { goals } from "../plans/tables.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** How a key-worker team runs personal budgets (C9): the yearly allocation, the approval threshold and when the year starts. */
export const personalBudgetSettings = pgTable(
  "personal_budget_settings",
  {
    ...baseColumns,
    ...versionColumn,
    teamId: uuid("team_id").notNull(),
    yearlyAllocationPence: integer("yearly_allocation_pence").notNull().default(100000),
    /** Spends above this need a manager's approval; at or below it they are approved when recorded. */
    approvalThresholdPence: integer("approval_threshold_pence").notNull().default(10000),
    /** The month (1–12) a budget year starts on the 1st of: 4 is the UK financial year. */
    yearStartMonth: integer("year_start_month").notNull().default(4),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    uniqueIndex("personal_budget_settings_tenant_team_key").on(table.tenantId, table.teamId),
    foreignKey({ columns: [table.tenantId, table.teamId], foreignColumns: [teams.tenantId, teams.id] }),
    check("personal_budget_settings_amounts_check", sql`${table.yearlyAllocationPence} >= 0 AND ${table.approvalThresholdPence} >= 0 AND ${table.yearStartMonth} BETWEEN 1 AND 12`),
  ],
);

/**
 * One person's budget for one budget year. The allocation is fixed from the team's setting when the
 * year is first opened; the row is also what concurrent spends lock, so together they never overspend.
 */
export const personalBudgets = pgTable(
  "personal_budgets",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    allocationPence: integer("allocation_pence").notNull(),
  },
  (table) => [
    unique("personal_budgets_tenant_id_id_key").on(table.tenantId, table.id),
    uniqueIndex("personal_budgets_tenant_person_starts_key").on(table.tenantId, table.personId, table.startsOn),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    check("personal_budgets_allocation_check", sql`${table.allocationPence} >= 0 AND ${table.endsOn} > ${table.startsOn}`),
  ],
);

/**
 * A spend from a person's budget, linked to one of their goals. `status`: awaiting-approval,
 * approved, declined, cancelled. Only approved spends reach the ledger.
 */
export const budgetSpends = pgTable(
  "budget_spends",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    budgetId: uuid("budget_id").notNull(),
    goalId: uuid("goal_id").notNull(),
    category: text("category").notNull(),
    amountPence: integer("amount_pence").notNull(),
    spentOn: date("spent_on", { mode: "string" }).notNull(),
    note: text("note"),
    status: text("status").notNull(),
    /** The requester asked for the balance to go below zero, with a reason. */
    exceptionRequested: boolean("exception_requested").notNull().default(false),
    exceptionReason: text("exception_reason"),
    requestedBy: uuid("requested_by"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
    /** Approved although it took the balance below zero. */
    approvedAsException: boolean("approved_as_exception").notNull().default(false),
    cancelledBy: uuid("cancelled_by"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
  },
  (table) => [
    unique("budget_spends_tenant_id_id_key").on(table.tenantId, table.id),
    index("budget_spends_tenant_person_idx").on(table.tenantId, table.personId, table.spentOn),
    index("budget_spends_tenant_status_idx").on(table.tenantId, table.status),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.budgetId], foreignColumns: [personalBudgets.tenantId, personalBudgets.id] }),
    foreignKey({ columns: [table.tenantId, table.goalId], foreignColumns: [goals.tenantId, goals.id] }),
    check("budget_spends_amount_check", sql`${table.amountPence} > 0`),
    check("budget_spends_status_check", sql`${table.status} IN ('awaiting-approval', 'approved', 'declined', 'cancelled')`),
  ],
);

/**
 * The ledger: append-only. The allocation is a credit, an approved spend a debit, a cancelled
 * approved spend a credit back. `balance_after_pence` is the running balance, written under the
 * budget's row lock, so the ledger always adds up to the balance.
 */
export const budgetLedgerEntries = pgTable(
  "budget_ledger_entries",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    budgetId: uuid("budget_id").notNull(),
    personId: uuid("person_id").notNull(),
    /** allocation, spend, reversal */
    kind: text("kind").notNull(),
    spendId: uuid("spend_id"),
    amountPence: integer("amount_pence").notNull(),
    balanceAfterPence: integer("balance_after_pence").notNull(),
    description: text("description").notNull(),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    sequence: integer("sequence").notNull(),
  },
  (table) => [
    uniqueIndex("budget_ledger_entries_budget_sequence_key").on(table.tenantId, table.budgetId, table.sequence),
    index("budget_ledger_entries_tenant_person_idx").on(table.tenantId, table.personId),
    foreignKey({ columns: [table.tenantId, table.budgetId], foreignColumns: [personalBudgets.tenantId, personalBudgets.id] }),
    check("budget_ledger_entries_kind_check", sql`${table.kind} IN ('allocation', 'spend', 'reversal')`),
  ],
);

/** A receipt for a spend: the file itself, checked for its type by its first bytes, kept in the database. */
export const budgetReceipts = pgTable(
  "budget_receipts",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    spendId: uuid("spend_id").notNull(),
    personId: uuid("person_id").notNull(),
    fileName: text("file_name").notNull(),
    mediaType: text("media_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by"),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("budget_receipts_tenant_spend_idx").on(table.tenantId, table.spendId),
    foreignKey({ columns: [table.tenantId, table.spendId], foreignColumns: [budgetSpends.tenantId, budgetSpends.id] }),
    check("budget_receipts_media_type_check", sql`${table.mediaType} IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')`),
  ],
);
