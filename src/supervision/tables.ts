import { boolean, date, foreignKey, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../platform/auth/tables.ts";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { tenants } from "../platform/tenancy/tables.ts";
import { people } from "../people/tables.ts";

/** The partnership's stuck-case rules (PRODUCT.md, C11); a manager can change the thresholds or turn a rule off. */
export const stuckCaseRules = pgTable(
  "stuck_case_rules",
  {
    tenantId: uuid("tenant_id").primaryKey(),
    noGoalsEnabled: boolean("no_goals_enabled").notNull().default(true),
    noProgressEnabled: boolean("no_progress_enabled").notNull().default(true),
    noProgressWeeks: integer("no_progress_weeks").notNull().default(12),
    noContactEnabled: boolean("no_contact_enabled").notNull().default(true),
    /** No contact for this many times the person's contact target interval. */
    noContactMultiple: integer("no_contact_multiple").notNull().default(2),
    crisesEnabled: boolean("crises_enabled").notNull().default(true),
    crisesCount: integer("crises_count").notNull().default(3),
    crisesWeeks: integer("crises_weeks").notNull().default(8),
    overdueActionsEnabled: boolean("overdue_actions_enabled").notNull().default(true),
    overdueActionDays: integer("overdue_action_days").notNull().default(28),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by"),
    ...versionColumn,
  },
  (table) => [foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id] })],
);

/** A reflective case review: what is stuck, the honest conversation held, and the refocused goals. */
export const caseReviews = pgTable(
  "case_reviews",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    whatIsStuck: text("what_is_stuck").notNull(),
    conversation: text("conversation").notNull(),
    refocusedGoals: text("refocused_goals"),
    outcome: text("outcome").notNull(),
    createdBy: uuid("created_by"),
  },
  (table) => [
    index("case_reviews_tenant_person_idx").on(table.tenantId, table.personId, table.heldOn),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
  ],
);

/** Private supervision notes: only the worker and their supervisor read them. */
export const supervisionNotes = pgTable(
  "supervision_notes",
  {
    ...baseColumns,
    ...versionColumn,
    workerId: uuid("worker_id").notNull(),
    supervisorId: uuid("supervisor_id").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    note: text("note").notNull(),
    agreedActions: text("agreed_actions"),
    createdBy: uuid("created_by"),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    index("supervision_notes_tenant_worker_idx").on(table.tenantId, table.workerId, table.heldOn),
    index("supervision_notes_tenant_supervisor_idx").on(table.tenantId, table.supervisorId, table.heldOn),
    foreignKey({ columns: [table.tenantId, table.workerId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [table.tenantId, table.supervisorId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
