import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { teams } from "../platform/tenancy/tables.ts";
import { people } from "../people/tables.ts";

/**
 * One section of a person's wellness and crisis plan (C7): what keeps them well, triggers, early
 * warning signs, when things are breaking down, the crisis plan's parts, and after a crisis.
 * Written with the person, in their words; each section says who wrote it and when. Every saved
 * version is kept in `wellness_plan_section_revisions`.
 */
export const wellnessPlanSections = pgTable(
  "wellness_plan_sections",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    /** See src/wellness-plans/schema.ts WELLNESS_PLAN_SECTIONS. */
    section: text("section").notNull(),
    text: text("text").notNull(),
    /** Whose words these are: "the-person", "together" (the person with their worker), "worker", "carer". */
    writtenBy: text("written_by").notNull(),
    /** The signed-in user who saved this version. */
    savedBy: uuid("saved_by"),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    unique("wellness_plan_sections_tenant_id_id_key").on(table.tenantId, table.id),
    uniqueIndex("wellness_plan_sections_tenant_person_section_key").on(table.tenantId, table.personId, table.section),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
  ],
);

/** Every saved version of a wellness plan section. Append-only. */
export const wellnessPlanSectionRevisions = pgTable(
  "wellness_plan_section_revisions",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    sectionId: uuid("section_id").notNull(),
    personId: uuid("person_id").notNull(),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    writtenBy: text("written_by").notNull(),
    savedBy: uuid("saved_by"),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull(),
  },
  (table) => [
    unique("wellness_plan_section_revisions_section_version_key").on(table.tenantId, table.sectionId, table.version),
    index("wellness_plan_section_revisions_tenant_person_idx").on(table.tenantId, table.personId),
    foreignKey({ columns: [table.tenantId, table.sectionId], foreignColumns: [wellnessPlanSections.tenantId, wellnessPlanSections.id] }),
    check("wellness_plan_section_revisions_version_positive", sql`${table.version} > 0`),
  ],
);

/**
 * A key-worker team's service hours and who to contact out of hours in a crisis, shown on every
 * crisis plan of the team's people and on the printed copy.
 */
export const crisisContactDetails = pgTable(
  "crisis_contact_details",
  {
    ...baseColumns,
    ...versionColumn,
    teamId: uuid("team_id").notNull(),
    serviceHours: text("service_hours").notNull(),
    serviceContact: text("service_contact").notNull(),
    outOfHours: text("out_of_hours").notNull(),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    uniqueIndex("crisis_contact_details_tenant_team_key").on(table.tenantId, table.teamId),
    foreignKey({ columns: [table.tenantId, table.teamId], foreignColumns: [teams.tenantId, teams.id] }),
  ],
);
