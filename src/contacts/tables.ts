import { foreignKey, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
  },
  (table) => [
    index("contacts_tenant_person_occurred_idx").on(table.tenantId, table.personId, table.occurredAt),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.workerId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
