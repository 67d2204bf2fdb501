import { check, date, foreignKey, index, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { people } from "../people/tables.ts";

/**
 * The dynamic support register (risk of admission): one entry per young person, kept by the register
 * owner. Linked to a Keywork person once the key-worker service knows them. The current rating is
 * kept here for listing; every rating is in `register_ratings`.
 */
export const registerEntries = pgTable(
  "register_entries",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id"),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    /** red, amber-red, amber, green, blue (currently inpatient) */
    rating: text("rating").notNull(),
    reason: text("reason").notNull(),
    ratedBy: uuid("rated_by"),
    ratedAt: timestamp("rated_at", { withTimezone: true }).notNull(),
    nextReviewOn: date("next_review_on", { mode: "string" }).notNull(),
    /** Off the register: when and why (moved away, no longer at risk). */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removalReason: text("removal_reason"),
    createdBy: uuid("created_by"),
  },
  (table) => [
    unique("register_entries_tenant_id_id_key").on(table.tenantId, table.id),
    uniqueIndex("register_entries_tenant_person_key").on(table.tenantId, table.personId).where(sql`${table.personId} IS NOT NULL`),
    index("register_entries_tenant_rating_idx").on(table.tenantId, table.rating),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    check("register_entries_rating_check", sql`${table.rating} IN ('red', 'amber-red', 'amber', 'green', 'blue')`),
  ],
);

/** Every rating an entry has had: who rated, when, why, and the review date then set. Append-only. */
export const registerRatings = pgTable(
  "register_ratings",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    entryId: uuid("entry_id").notNull(),
    rating: text("rating").notNull(),
    reason: text("reason").notNull(),
    ratedBy: uuid("rated_by"),
    ratedAt: timestamp("rated_at", { withTimezone: true }).notNull().defaultNow(),
    nextReviewOn: date("next_review_on", { mode: "string" }).notNull(),
  },
  (table) => [
    index("register_ratings_tenant_entry_idx").on(table.tenantId, table.entryId, table.ratedAt),
    foreignKey({ columns: [table.tenantId, table.entryId], foreignColumns: [registerEntries.tenantId, registerEntries.id] }),
    check("register_ratings_rating_check", sql`${table.rating} IN ('red', 'amber-red', 'amber', 'green', 'blue')`),
  ],
);

/** A stay in hospital: admission, discharge, the setting and the discharge plan. */
export const inpatientEpisodes = pgTable(
  "inpatient_episodes",
  {
    ...baseColumns,
    ...versionColumn,
    entryId: uuid("entry_id").notNull(),
    admittedOn: date("admitted_on", { mode: "string" }).notNull(),
    dischargedOn: date("discharged_on", { mode: "string" }),
    setting: text("setting").notNull(),
    dischargePlan: text("discharge_plan"),
    createdBy: uuid("created_by"),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    index("inpatient_episodes_tenant_entry_idx").on(table.tenantId, table.entryId, table.admittedOn),
    uniqueIndex("inpatient_episodes_one_open_key").on(table.tenantId, table.entryId).where(sql`${table.dischargedOn} IS NULL`),
    foreignKey({ columns: [table.tenantId, table.entryId], foreignColumns: [registerEntries.tenantId, registerEntries.id] }),
    check("inpatient_episodes_dates_check", sql`${table.dischargedOn} IS NULL OR ${table.dischargedOn} >= ${table.admittedOn}`),
  ],
);
