import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { baseColumns, versionColumn } from "../database/columns.ts";
import { organisations, teams } from "../tenancy/tables.ts";

export const users = pgTable(
  "users",
  {
    ...baseColumns,
    ...versionColumn,
    organisationId: uuid("organisation_id").notNull(),
    teamId: uuid("team_id"),
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    jobTitle: text("job_title"),
    roles: text("roles").array().notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Hours a week protected for keyworking; weighted caseload capacity scales with it. */
    keyworkingHours: integer("keyworking_hours"),
    /** What the worker is known for (housing, mental health…): referrals are suggested to match. */
    specialisms: text("specialisms").array().notNull().default([]),
    /** Base32 TOTP secret; set when enrolment starts, in use once `totpEnabledAt` is set. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last 30-second step a code was accepted for: a code works once. */
    totpLastStep: integer("totp_last_step"),
    active: boolean("active").notNull().default(true),
  },
  (table) => [
    unique("users_tenant_id_id_key").on(table.tenantId, table.id),
    uniqueIndex("users_email_key").on(sql`lower(${table.email})`),
    index("users_tenant_team_idx").on(table.tenantId, table.teamId),
    foreignKey({ columns: [table.tenantId, table.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [table.tenantId, table.teamId], foreignColumns: [teams.tenantId, teams.id] }),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    ...baseColumns,
    userId: uuid("user_id").notNull(),
    /** SHA-256 of the token; the token itself is only ever in the cookie or the client's hands. */
    tokenHash: text("token_hash").notNull(),
    kind: text("kind").notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    flash: jsonb("flash"),
    /** Password checked, second factor not yet: the session opens only the second-factor pages. */
    awaitingSecondFactor: boolean("awaiting_second_factor").notNull().default(false),
  },
  (table) => [
    uniqueIndex("sessions_token_hash_key").on(table.tokenHash),
    index("sessions_tenant_user_idx").on(table.tenantId, table.userId),
    foreignKey({ columns: [table.tenantId, table.userId], foreignColumns: [users.tenantId, users.id] }),
  ],
);

/** Every sign-in attempt, kept to throttle guessing by account and by address. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("sign_in_attempts_email_at_idx").on(table.email, table.at), index("sign_in_attempts_ip_at_idx").on(table.ip, table.at)],
);

/** One-time recovery codes for when the authenticator is lost; only their hashes are kept. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    userId: uuid("user_id").notNull(),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (table) => [
    index("recovery_codes_tenant_user_idx").on(table.tenantId, table.userId),
    foreignKey({ columns: [table.tenantId, table.userId], foreignColumns: [users.tenantId, users.id] }),
  ],
);

/** Every second-factor attempt, kept to throttle guessing of codes. */
export const secondFactorAttempts = pgTable(
  "second_factor_attempts",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("second_factor_attempts_user_at_idx").on(table.userId, table.at)],
);
