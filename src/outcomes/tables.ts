import { boolean, date, foreignKey, index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { people } from "../people/tables.ts";

/**
 * An outcome scale (C8): domains, each scored on a range with a plain-English description per
 * point. Administrators configure them; Keywork ships one default open scale. `domains` holds
 * ScaleDomain[] (src/outcomes/schema.ts); a domain's key never changes once readings use it.
 */
export const outcomeScales = pgTable(
  "outcome_scales",
  {
    ...baseColumns,
    ...versionColumn,
    name: text("name").notNull(),
    description: text("description"),
    domains: jsonb("domains").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by"),
  },
  (table) => [unique("outcome_scales_tenant_id_id_key").on(table.tenantId, table.id), unique("outcome_scales_tenant_name_key").on(table.tenantId, table.name)],
);

/** One reading of a scale for a person on a day: a score per domain (domain key -> score). */
export const outcomeReadings = pgTable(
  "outcome_readings",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    scaleId: uuid("scale_id").notNull(),
    takenOn: date("taken_on", { mode: "string" }).notNull(),
    scores: jsonb("scores").notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("outcome_readings_tenant_id_id_key").on(table.tenantId, table.id),
    index("outcome_readings_tenant_person_taken_idx").on(table.tenantId, table.personId, table.takenOn),
    index("outcome_readings_tenant_scale_taken_idx").on(table.tenantId, table.scaleId, table.takenOn),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.scaleId], foreignColumns: [outcomeScales.tenantId, outcomeScales.id] }),
  ],
);
