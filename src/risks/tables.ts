import { date, foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { people } from "../people/tables.ts";

/** Risks to the person, from the person, and to workers (lone-working safety), reviewed by a date. */
export const risks = pgTable(
  "risks",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    /** to-person, from-person, to-workers */
    category: text("category").notNull(),
    /** low, medium, high */
    level: text("level").notNull(),
    description: text("description").notNull(),
    /** What keeps people safe: for workers, the lone-working arrangements. */
    safetyPlan: text("safety_plan"),
    reviewOn: date("review_on", { mode: "string" }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    index("risks_tenant_person_idx").on(table.tenantId, table.personId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
  ],
);
