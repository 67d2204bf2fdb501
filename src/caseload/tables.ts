import { date, foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../platform/auth/tables.ts";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";

/** Cover for an absence: the covering worker sees the absent worker's people from the first day to the last. */
export const covers = pgTable(
  "covers",
  {
    ...baseColumns,
    ...versionColumn,
    absentUserId: uuid("absent_user_id").notNull(),
    coveringUserId: uuid("covering_user_id").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    handoverNote: text("handover_note"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
  },
  (table) => [
    index("covers_tenant_covering_idx").on(table.tenantId, table.coveringUserId, table.startsOn),
    index("covers_tenant_absent_idx").on(table.tenantId, table.absentUserId),
    foreignKey({ columns: [table.tenantId, table.absentUserId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [table.tenantId, table.coveringUserId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
