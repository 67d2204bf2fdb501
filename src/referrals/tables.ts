import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "../platform/auth/tables.ts";
import { baseColumns, versionColumn } from "../platform/database/columns.ts";
import { teams } from "../platform/tenancy/tables.ts";
import { people } from "../people/tables.ts";
import { services } from "../network/tables.ts";

/**
 * How a service in the directory takes referrals: the key-worker team that receives them, who is
 * eligible, how soon a referral must be acknowledged and decided, and the public referral link.
 */
export const referralSettings = pgTable(
  "referral_settings",
  {
    ...baseColumns,
    ...versionColumn,
    serviceId: uuid("service_id").notNull(),
    teamId: uuid("team_id").notNull(),
    acceptingReferrals: boolean("accepting_referrals").notNull().default(true),
    /** The token in the public referral link (/refer/{token}); null when the service has no public link. */
    publicLinkToken: text("public_link_token"),
    /** EligibilityRules (see referrals/schema.ts): need domains, register ratings, age range, areas. */
    eligibility: jsonb("eligibility").notNull().default({}),
    acknowledgeWithinWorkingDays: integer("acknowledge_within_working_days").notNull().default(2),
    decideWithinWorkingDays: integer("decide_within_working_days").notNull().default(10),
  },
  (table) => [
    unique("referral_settings_tenant_id_id_key").on(table.tenantId, table.id),
    uniqueIndex("referral_settings_tenant_service_key").on(table.tenantId, table.serviceId),
    uniqueIndex("referral_settings_public_link_token_key").on(table.publicLinkToken),
    foreignKey({ columns: [table.tenantId, table.serviceId], foreignColumns: [services.tenantId, services.id] }),
    foreignKey({ columns: [table.tenantId, table.teamId], foreignColumns: [teams.tenantId, teams.id] }),
  ],
);

/**
 * A referral to a service, from a signed-in professional or through the public link. What the
 * referrer wrote is kept as they wrote it; the person is linked to a Keywork record once matched or
 * taken on. `status` is the latest step; every step is in `referral_steps`.
 */
export const referrals = pgTable(
  "referrals",
  {
    ...baseColumns,
    ...versionColumn,
    serviceId: uuid("service_id").notNull(),
    /** Short and unambiguous, quoted by the referrer on the phone: KW-XXXX-XXXX. */
    reference: text("reference").notNull(),
    /** SHA-256 of the token in the referrer's private status link. */
    statusTokenHash: text("status_token_hash").notNull(),
    /** awaiting-acknowledgement, acknowledged, screening, accepted, declined, allocated, withdrawn */
    status: text("status").notNull(),
    /** urgent, high, normal: the waiting list's order before the date received. */
    priority: text("priority").notNull().default("normal"),
    channel: text("channel").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    aliases: text("aliases").array().notNull().default([]),
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    area: text("area"),
    personPhone: text("person_phone"),
    /** The person knows about and agrees to the referral. */
    personConsented: boolean("person_consented").notNull().default(false),
    reason: text("reason").notNull(),
    needs: text("needs").array().notNull().default([]),
    registerRating: text("register_rating"),
    /** Anything workers should know to stay safe on a first visit. */
    safetyInformation: text("safety_information"),
    referrerName: text("referrer_name").notNull(),
    referrerOrganisation: text("referrer_organisation"),
    referrerRole: text("referrer_role"),
    referrerEmail: text("referrer_email"),
    referrerPhone: text("referrer_phone"),
    referredBy: uuid("referred_by"),
    personId: uuid("person_id"),
    decisionReason: text("decision_reason"),
    /** Other services from the directory suggested with a decline. */
    suggestedServiceIds: uuid("suggested_service_ids").array().notNull().default([]),
    allocatedWorkerId: uuid("allocated_worker_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    allocatedAt: timestamp("allocated_at", { withTimezone: true }),
    /** UK dates, counted in working days from the day received (settings at that time). */
    acknowledgeBy: date("acknowledge_by", { mode: "string" }).notNull(),
    decideBy: date("decide_by", { mode: "string" }).notNull(),
  },
  (table) => [
    unique("referrals_tenant_id_id_key").on(table.tenantId, table.id),
    uniqueIndex("referrals_reference_key").on(table.reference),
    uniqueIndex("referrals_status_token_hash_key").on(table.statusTokenHash),
    index("referrals_tenant_status_received_idx").on(table.tenantId, table.status, table.receivedAt),
    index("referrals_tenant_service_status_idx").on(table.tenantId, table.serviceId, table.status),
    index("referrals_tenant_person_idx").on(table.tenantId, table.personId),
    index("referrals_tenant_referred_by_idx").on(table.tenantId, table.referredBy),
    foreignKey({ columns: [table.tenantId, table.serviceId], foreignColumns: [services.tenantId, services.id] }),
    foreignKey({ columns: [table.tenantId, table.personId], foreignColumns: [people.tenantId, people.id] }),
    foreignKey({ columns: [table.tenantId, table.referredBy], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [table.tenantId, table.allocatedWorkerId], foreignColumns: [users.tenantId, users.id] }),
    check(
      "referrals_status_check",
      sql`${table.status} IN ('awaiting-acknowledgement', 'acknowledged', 'screening', 'accepted', 'declined', 'allocated', 'withdrawn')`,
    ),
    check("referrals_priority_check", sql`${table.priority} IN ('urgent', 'high', 'normal')`),
  ],
);

/**
 * Each dated step of a referral: received, acknowledged, screening, accepted, declined, allocated,
 * withdrawn, and internal ones (linked to a record, priority changed). Append-only.
 */
export const referralSteps = pgTable(
  "referral_steps",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    referralId: uuid("referral_id").notNull(),
    step: text("step").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    byUserId: uuid("by_user_id"),
    /** Shown on the referrer's status page only when `visibleToReferrer`. */
    note: text("note"),
    visibleToReferrer: boolean("visible_to_referrer").notNull().default(true),
  },
  (table) => [
    index("referral_steps_tenant_referral_at_idx").on(table.tenantId, table.referralId, table.at),
    foreignKey({ columns: [table.tenantId, table.referralId], foreignColumns: [referrals.tenantId, referrals.id] }),
  ],
);
