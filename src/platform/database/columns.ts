import { integer, timestamp, uuid } from "drizzle-orm/pg-core";

/** Columns every table carries: see ARCHITECTURE.md, "Data layer". */
export const baseColumns = {
  id: uuid("id").primaryKey(),
  tenantId: uuid("tenant_id").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** Optimistic concurrency: updates say `WHERE version = $expected` and bump it. */
export const versionColumn = {
  version: integer("version").notNull().default(1),
};
