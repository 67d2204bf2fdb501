import { foreignKey, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { people } from "../people/tables.ts";

/**
 * What happened on the record, written by each capability in the same transaction as the change
 * (status changes, team changes, consent changes, story edits, closures…). Append-only.
 * Contacts are read from their own table, so an edited contact shows as it is now.
 */
export const chronologyEvents = pgTable(
  "chronology_events",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    personId: uuid("person_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    kind: text("kind").notNull(),
    summary: text("summary").notNull(),
    /** Which section of the record it belongs to, so consent can decide who sees it. */
    section: text("section").notNull(),
    detail: jsonb("detail"),
    actorUserId: uuid("actor_user_id"),
    sourceType: text("source_type"),
    sourceId: uuid("source_id"),
  },
  (table) => [
    index("chronology_events_tenant_person_occurred_idx").on(table.tenantId, table.personId, table.occurredAt),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
  ],
);

/** Significant events a worker records by hand: "evicted from hostel", "sentenced", "admitted to hospital". */
export const significantEvents = pgTable(
  "significant_events",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by"),
  },
  (table) => [
    index("significant_events_tenant_person_occurred_idx").on(table.tenantId, table.personId, table.occurredAt),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
  ],
);
