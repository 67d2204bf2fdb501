import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../platform/auth/tables.ts";
import { people } from "../people/tables.ts";

/**
 * Emergency access to a record outside one's own: who, whose record, why, and until when (at most
 * 24 hours). Every use is audited as break-glass and every grant is reviewed by a manager.
 */
export const breakGlassGrants = pgTable(
  "break_glass_grants",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    userId: uuid("user_id").notNull(),
    personId: uuid("person_id").notNull(),
    reason: text("reason").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Closed early by the user, or by a manager. */
    endedAt: timestamp("ended_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    /** The manager's conclusion: justified, or not (and what was done about it). */
    reviewOutcome: text("review_outcome"),
    reviewNote: text("review_note"),
  },
  (table) => [
    index("break_glass_grants_tenant_user_person_idx").on(table.tenantId, table.userId, table.personId, table.expiresAt),
    index("break_glass_grants_tenant_opened_idx").on(table.tenantId, table.openedAt),
    foreignKey({ columns: [table.tenantId, table.userId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    // The 24 hours hold in the database too, whatever writes the grant.
    check("break_glass_grants_at_most_a_day", sql`${table.expiresAt} <= ${table.openedAt} + interval '24 hours'`),
  ],
);
