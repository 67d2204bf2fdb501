import { foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "../platform/auth/tables.ts";

/**
 * Reminders and prompts for one user (an action falling due, an action to chase, a register rating
 * that asks the service to take someone on). `dedupeKey` makes raising one idempotent, so sweeps
 * can run from several processes or again after a restart.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    userId: uuid("user_id").notNull(),
    personId: uuid("person_id"),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    subjectType: text("subject_type"),
    subjectId: uuid("subject_id"),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("notifications_tenant_user_dedupe_key").on(table.tenantId, table.userId, table.dedupeKey),
    index("notifications_tenant_user_created_idx").on(table.tenantId, table.userId, table.createdAt),
    foreignKey({ columns: [table.tenantId, table.userId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
