import { boolean, check, date, foreignKey, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "../platform/auth/tables.ts";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { people } from "../people/tables.ts";

/**
 * A multi-agency meeting about one person (case conference, CETR, plan review), visible to the whole
 * team so that two agencies never call the same conference. Its recommendations are plan actions
 * carrying the meeting's id.
 */
export const meetings = pgTable(
  "meetings",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    /** case-conference, cetr, plan-review */
    kind: text("kind").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    location: text("location"),
    notes: text("notes"),
    createdBy: uuid("created_by"),
    updatedBy: uuid("updated_by"),
  },
  (table) => [
    unique("meetings_tenant_id_id_key").on(table.tenantId, table.id),
    index("meetings_tenant_person_held_idx").on(table.tenantId, table.personId, table.heldOn),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    check("meetings_kind_check", sql`${table.kind} IN ('case-conference', 'cetr', 'plan-review')`),
  ],
);

/** Who was at a meeting (or sent apologies): team members with accounts, professionals, family. */
export const meetingAttendees = pgTable(
  "meeting_attendees",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    meetingId: uuid("meeting_id").notNull(),
    /** team-member, professional, family, the-person, other */
    kind: text("kind").notNull(),
    userId: uuid("user_id"),
    name: text("name").notNull(),
    /** Their role or agency, as the minutes would say it. */
    role: text("role"),
    sentApologies: boolean("sent_apologies").notNull().default(false),
  },
  (table) => [
    index("meeting_attendees_tenant_meeting_idx").on(table.tenantId, table.meetingId),
    foreignKey({ columns: [table.tenantId, table.meetingId], foreignColumns: [meetings.tenantId, meetings.id] }).onDelete("cascade"),
    foreignKey({ columns: [table.tenantId, table.userId], foreignColumns: [users.tenantId, users.id] }),
  ],
);
