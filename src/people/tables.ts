import { date, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "../platform/auth/tables.ts";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { teams } from "../platform/tenancy/tables.ts";

export const people = pgTable(
  "people",
  {
    ...baseColumns,
    ...versionColumn,
    /** The key-worker team whose service the person is with. */
    teamId: uuid("team_id").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    preferredName: text("preferred_name"),
    aliases: text("aliases").array().notNull().default([]),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    pronouns: text("pronouns"),
    phone: text("phone"),
    email: text("email"),
    address: text("address"),
    communicationNeeds: text("communication_needs"),
    engagementStatus: text("engagement_status").notNull(),
    story: text("story"),
    /** How often they should be seen: high (weekly), medium (fortnightly), low (monthly). */
    contactIntensity: text("contact_intensity").notNull().default("medium"),
    /** Closure is a decision, never automatic: who, when, why, and the handover checklist. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by"),
    closureReason: text("closure_reason"),
    closureChecklist: jsonb("closure_checklist"),
    createdBy: uuid("created_by"),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    unique("people_tenant_id_id_key").on(table.tenantId, table.id),
    index("people_tenant_family_name_idx").on(table.tenantId, table.familyName),
    index("people_tenant_date_of_birth_idx").on(table.tenantId, table.dateOfBirth),
    index("people_tenant_team_idx").on(table.tenantId, table.teamId),
    foreignKey({ columns: [table.tenantId, table.teamId], foreignColumns: [teams.tenantId, teams.id] }),
  ],
);

/** A snapshot of the person record as it was after each saved change. */
export const personRevisions = pgTable(
  "person_revisions",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    personId: uuid("person_id").notNull(),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    changedBy: uuid("changed_by"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("person_revisions_person_version_key").on(table.tenantId, table.personId, table.version),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
  ],
);

/** Who is in the team around the person: lead worker, co-workers, peer mentor, partner professionals. */
export const careTeamMembers = pgTable(
  "care_team_members",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    userId: uuid("user_id").notNull(),
    role: text("role").notNull(),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    endedOn: date("ended_on", { mode: "string" }),
  },
  (table) => [
    index("care_team_members_tenant_user_idx").on(table.tenantId, table.userId, table.personId),
    index("care_team_members_tenant_person_idx").on(table.tenantId, table.personId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.userId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
