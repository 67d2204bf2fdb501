import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Append-only: a trigger (migration 0001) rejects UPDATE and DELETE. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    personId: uuid("person_id"),
    subjectType: text("subject_type"),
    subjectId: uuid("subject_id"),
    detail: jsonb("detail"),
    ip: text("ip"),
  },
  (table) => [
    index("audit_events_tenant_person_at_idx").on(table.tenantId, table.personId, table.at),
    index("audit_events_tenant_actor_at_idx").on(table.tenantId, table.actorUserId, table.at),
  ],
);
