import { check, date, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "../platform/auth/tables.ts";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { organisations, tenants } from "../platform/tenancy/tables.ts";
import { people } from "../people/tables.ts";
import { meetings } from "../meetings/tables.ts";

/** One plan per person: when it is next reviewed and how often (PRODUCT.md, C5: every 3 months by default). */
export const plans = pgTable(
  "plans",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    reviewIntervalMonths: integer("review_interval_months").notNull().default(3),
    nextReviewOn: date("next_review_on", { mode: "string" }).notNull(),
    lastReviewedOn: date("last_reviewed_on", { mode: "string" }),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    unique("plans_tenant_person_key").on(table.tenantId, table.personId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
  ],
);

/** A goal in the person's own words, with an optional worker's note. */
export const goals = pgTable(
  "goals",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    description: text("description").notNull(),
    workerNote: text("worker_note"),
    /** active, achieved, stopped */
    status: text("status").notNull().default("active"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    unique("goals_tenant_id_id_key").on(table.tenantId, table.id),
    index("goals_tenant_person_idx").on(table.tenantId, table.personId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    check("goals_status_check", sql`${table.status} IN ('active', 'achieved', 'stopped')`),
  ],
);

/** Progress towards a goal over time: a note and, when the person gives one, a 0–10 rating. Append-only. */
export const goalProgress = pgTable(
  "goal_progress",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    goalId: uuid("goal_id").notNull(),
    personId: uuid("person_id").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    rating: integer("rating"),
    note: text("note").notNull(),
    recordedBy: uuid("recorded_by"),
  },
  (table) => [
    index("goal_progress_tenant_goal_idx").on(table.tenantId, table.goalId, table.recordedAt),
    index("goal_progress_tenant_person_idx").on(table.tenantId, table.personId, table.recordedAt),
    foreignKey({ columns: [table.tenantId, table.goalId], foreignColumns: [goals.tenantId, goals.id] }),
    check("goal_progress_rating_check", sql`${table.rating} IS NULL OR ${table.rating} BETWEEN 0 AND 10`),
  ],
);

/**
 * An action in the plan, owned by an organisation (our own team or a partner agency) and, when
 * known, a named person there. Actions agreed at a meeting carry the meeting.
 */
export const planActions = pgTable(
  "plan_actions",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    goalId: uuid("goal_id"),
    meetingId: uuid("meeting_id"),
    description: text("description").notNull(),
    ownerOrganisationId: uuid("owner_organisation_id").notNull(),
    ownerUserId: uuid("owner_user_id"),
    /** A named owner without a Keywork account ("Dr Shah, GP"). */
    ownerName: text("owner_name"),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    /** open, done, cancelled */
    status: text("status").notNull().default("open"),
    evidence: text("evidence"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    unique("plan_actions_tenant_id_id_key").on(table.tenantId, table.id),
    index("plan_actions_tenant_person_idx").on(table.tenantId, table.personId),
    // Overdue actions per person (the caseload, the overdue-actions view): about a quarter of a
    // city's actions are open, and this finds those past their date without reading the rest.
    index("plan_actions_tenant_person_open_due_idx").on(table.tenantId, table.personId, table.dueOn).where(sql`status = 'open'`),
    index("plan_actions_tenant_owner_due_idx").on(table.tenantId, table.ownerOrganisationId, table.status, table.dueOn),
    index("plan_actions_tenant_meeting_idx").on(table.tenantId, table.meetingId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.goalId], foreignColumns: [goals.tenantId, goals.id] }),
    foreignKey({ columns: [table.tenantId, table.ownerOrganisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [table.tenantId, table.ownerUserId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [table.tenantId, table.meetingId], foreignColumns: [meetings.tenantId, meetings.id] }),
    check("plan_actions_status_check", sql`${table.status} IN ('open', 'done', 'cancelled')`),
  ],
);

/** Every saved version of an action: who changed what and when. Append-only. */
export const planActionRevisions = pgTable(
  "plan_action_revisions",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    actionId: uuid("action_id").notNull(),
    personId: uuid("person_id").notNull(),
    version: integer("version").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
    changedBy: uuid("changed_by"),
    /** The action as it was after this change. */
    snapshot: jsonb("snapshot").notNull(),
  },
  (table) => [
    index("plan_action_revisions_tenant_action_idx").on(table.tenantId, table.actionId, table.version),
    foreignKey({ columns: [table.tenantId, table.actionId], foreignColumns: [planActions.tenantId, planActions.id] }),
  ],
);

/** Per-partnership settings for accountability: when an overdue action is chased. */
export const planSettings = pgTable(
  "plan_settings",
  {
    tenantId: uuid("tenant_id").primaryKey(),
    /** Days overdue after which an action goes on the key worker's chase list and the manager's view. */
    chaseAfterDays: integer("chase_after_days").notNull().default(7),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by"),
    ...versionColumn,
  },
  (table) => [foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id] })],
);
