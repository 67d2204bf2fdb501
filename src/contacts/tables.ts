import { sql } from "drizzle-orm";
import { foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "../platform/auth/tables.ts";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { people } from "../people/tables.ts";

export const contacts = pgTable(
  "contacts",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    workerId: uuid("worker_id").notNull(),
    type: text("type").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes"),
    note: text("note"),
    location: text("location"),
    /** "support" (with the person) or "co-ordination" (with the agencies around them). */
    workKind: text("work_kind"),
    purpose: text("purpose"),
    recordedBy: uuid("recorded_by"),
  },
  (table) => [
    unique("contacts_tenant_id_id_key").on(table.tenantId, table.id),
    index("contacts_tenant_person_occurred_idx").on(table.tenantId, table.personId, table.occurredAt),
    index("contacts_tenant_worker_occurred_idx").on(table.tenantId, table.workerId, table.occurredAt),
    // The caseload asks, per person, for recent crisis contacts and the last one: without this the
    // database walks all of a person's contacts to find the few crises (BENCHMARKS.md, city scale).
    index("contacts_tenant_person_crisis_idx").on(table.tenantId, table.personId, table.occurredAt).where(sql`purpose = 'crisis'`),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.workerId], foreignColumns: [users.tenantId, users.id] }),
  ],
);

/** Each saved version of a contact, so an edit never loses what was first written. */
export const contactRevisions = pgTable(
  "contact_revisions",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    changedBy: uuid("changed_by"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("contact_revisions_contact_version_key").on(table.tenantId, table.contactId, table.version),
    foreignKey({ columns: [table.tenantId, table.contactId], foreignColumns: [contacts.tenantId, contacts.id] }),
  ],
);

/** A planned meeting with a time and place; shown on the worker's diary, caseload and calendar feed. */
export const appointments = pgTable(
  "appointments",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    workerId: uuid("worker_id").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    durationMinutes: integer("duration_minutes").notNull().default(60),
    place: text("place"),
    purpose: text("purpose"),
    /** planned, cancelled, attended, did-not-attend */
    status: text("status").notNull().default("planned"),
    createdBy: uuid("created_by"),
  },
  (table) => [
    index("appointments_tenant_worker_starts_idx").on(table.tenantId, table.workerId, table.startsAt),
    index("appointments_tenant_person_starts_idx").on(table.tenantId, table.personId, table.startsAt),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.workerId], foreignColumns: [users.tenantId, users.id] }),
  ],
);

/** A worker's secret calendar address: only the SHA-256 of its token is kept. */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    ...baseColumns,
    userId: uuid("user_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (table) => [
    unique("calendar_feeds_token_hash_key").on(table.tokenHash),
    index("calendar_feeds_tenant_user_idx").on(table.tenantId, table.userId),
    foreignKey({ columns: [table.tenantId, table.userId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
