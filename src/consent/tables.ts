import { date, foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { organisations } from "../platform/tenancy/tables.ts";
import { familyMembers } from "../network/tables.ts";
import { people } from "../people/tables.ts";

/**
 * A consent: to work with the service, to share with a named organisation or person, or to
 * contact named agencies; with the sections it covers and its dates. Current while given, not
 * withdrawn. Every change is a new version kept in the chronology.
 */
export const consents = pgTable(
  "consents",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    /** work-with-service, share-with, contact-agencies */
    type: text("type").notNull(),
    partyOrganisationId: uuid("party_organisation_id"),
    partyFamilyMemberId: uuid("party_family_member_id"),
    /** Who, in words, when the party is not an organisation or family member in Keywork. */
    partyDescription: text("party_description"),
    /** story, contacts, plan, health, offending, wellness-plan */
    scopes: text("scopes").array().notNull().default([]),
    /** verbal, written, electronic, through-an-advocate, best-interests */
    howGiven: text("how_given").notNull(),
    givenOn: date("given_on", { mode: "string" }).notNull(),
    reviewOn: date("review_on", { mode: "string" }),
    withdrawnOn: date("withdrawn_on", { mode: "string" }),
    note: text("note"),
    recordedBy: uuid("recorded_by"),
  },
  (table) => [
    index("consents_tenant_person_idx").on(table.tenantId, table.personId),
    index("consents_tenant_party_organisation_idx").on(table.tenantId, table.partyOrganisationId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.partyOrganisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [table.tenantId, table.partyFamilyMemberId], foreignColumns: [familyMembers.tenantId, familyMembers.id] }),
  ],
);

/** "You can always listen": what a carer or family member told the service, kept even when nothing may be shared back. */
export const informationReceived = pgTable(
  "information_received",
  {
    ...baseColumns,
    personId: uuid("person_id").notNull(),
    familyMemberId: uuid("family_member_id"),
    fromDescription: text("from_description").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    note: text("note").notNull(),
    recordedBy: uuid("recorded_by"),
  },
  (table) => [
    index("information_received_tenant_person_idx").on(table.tenantId, table.personId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
  ],
);
