import { boolean, date, foreignKey, index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "../platform/auth/tables.ts";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { organisations } from "../platform/tenancy/tables.ts";
import { people } from "../people/tables.ts";

/** A professional in the team around a person who has no Keywork account (a GP, a solicitor, a school SENCo). */
export const externalProfessionals = pgTable(
  "external_professionals",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    organisationId: uuid("organisation_id"),
    organisationName: text("organisation_name").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    phone: text("phone"),
    email: text("email"),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    endedOn: date("ended_on", { mode: "string" }),
    createdBy: uuid("created_by"),
  },
  (table) => [
    index("external_professionals_tenant_person_idx").on(table.tenantId, table.personId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
  ],
);

/** Family members and carers, with their own needs; `userId` when they sign in to the portal. */
export const familyMembers = pgTable(
  "family_members",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    userId: uuid("user_id"),
    name: text("name").notNull(),
    relationship: text("relationship").notNull(),
    isCarer: boolean("is_carer").notNull().default(false),
    phone: text("phone"),
    email: text("email"),
    contactPreferences: text("contact_preferences"),
    ownNeeds: text("own_needs"),
    endedOn: date("ended_on", { mode: "string" }),
    createdBy: uuid("created_by"),
  },
  (table) => [
    unique("family_members_tenant_id_id_key").on(table.tenantId, table.id),
    index("family_members_tenant_person_idx").on(table.tenantId, table.personId),
    index("family_members_tenant_user_idx").on(table.tenantId, table.userId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.userId], foreignColumns: [users.tenantId, users.id] }),
  ],
);

/** The partnership's directory of services (importable from Open Referral UK later). */
export const services = pgTable(
  "services",
  {
    ...baseColumns,
    ...versionColumn,
    organisationId: uuid("organisation_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    area: text("area"),
    active: boolean("active").notNull().default(true),
  },
  (table) => [
    unique("services_tenant_id_id_key").on(table.tenantId, table.id),
    index("services_tenant_organisation_idx").on(table.tenantId, table.organisationId),
    foreignKey({ columns: [table.tenantId, table.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
  ],
);

/** Services involved with the person now and before, with dates, so a new worker understands the landscape. */
export const servicesInvolved = pgTable(
  "services_involved",
  {
    ...baseColumns,
    ...versionColumn,
    personId: uuid("person_id").notNull(),
    serviceId: uuid("service_id"),
    organisationName: text("organisation_name").notNull(),
    serviceName: text("service_name"),
    startedOn: date("started_on", { mode: "string" }),
    endedOn: date("ended_on", { mode: "string" }),
    note: text("note"),
    createdBy: uuid("created_by"),
  },
  (table) => [
    index("services_involved_tenant_person_idx").on(table.tenantId, table.personId),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.serviceId], foreignColumns: [services.tenantId, services.id] }),
  ],
);
