import { foreignKey, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { baseColumns, versionColumn } from "../database/columns.ts";

/** The partnership that owns the data. */
export const tenants = pgTable("tenants", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  ...versionColumn,
});

export const organisations = pgTable(
  "organisations",
  {
    ...baseColumns,
    ...versionColumn,
    name: text("name").notNull(),
    kind: text("kind").notNull(),
  },
  (table) => [
    unique("organisations_tenant_id_id_key").on(table.tenantId, table.id),
    unique("organisations_tenant_name_key").on(table.tenantId, table.name),
    foreignKey({ columns: [table.tenantId], foreignColumns: [tenants.id] }),
  ],
);

export const teams = pgTable(
  "teams",
  {
    ...baseColumns,
    ...versionColumn,
    organisationId: uuid("organisation_id").notNull(),
    name: text("name").notNull(),
    service: text("service").notNull(),
  },
  (table) => [
    unique("teams_tenant_id_id_key").on(table.tenantId, table.id),
    index("teams_tenant_organisation_idx").on(table.tenantId, table.organisationId),
    foreignKey({ columns: [table.tenantId, table.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
  ],
);
