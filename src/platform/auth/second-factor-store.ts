import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../database/open.ts";
import { newId } from "../database/ids.ts";
import { queryRows } from "../database/query.ts";
import { recoveryCodes, secondFactorAttempts, sessions, users } from "./tables.ts";

/** All the SQL of the second factor: secrets, steps used, recovery codes, attempts, sessions. */

export interface SecondFactorRow {
  userId: string;
  tenantId: string;
  secret: string | null;
  enabledAt: Date | null;
  lastStep: number | null;
}

export async function secondFactorOf(tx: Db | Tx, user: { tenantId: string; userId: string }): Promise<SecondFactorRow | null> {
  const [row] = await tx
    .select({ userId: users.id, tenantId: users.tenantId, secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
    .from(users)
    .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.userId)))
    .limit(1);
  return row ?? null;
}

/** Keeps a secret for an enrolment not yet confirmed; never touches one in use. */
export async function storePendingSecret(tx: Db | Tx, user: { tenantId: string; userId: string }, secret: string): Promise<void> {
  await tx
    .update(users)
    .set({ totpSecret: secret, totpLastStep: null, updatedAt: sql`now()` })
    .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.userId), isNull(users.totpEnabledAt)));
}

/**
 * Records that a code's step has been used, if it is later than the last one: false when another
 * request used this step (or a later one) first, so the same code never works twice.
 */
export async function useStep(tx: Db | Tx, user: { tenantId: string; userId: string }, step: number): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`
    UPDATE users SET totp_last_step = ${step}
    WHERE tenant_id = ${user.tenantId} AND id = ${user.userId} AND (totp_last_step IS NULL OR totp_last_step < ${step})
    RETURNING id
  `);
  return rows.length === 1;
}

export async function markEnabled(tx: Db | Tx, user: { tenantId: string; userId: string }): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`
    UPDATE users SET totp_enabled_at = now(), updated_at = now()
    WHERE tenant_id = ${user.tenantId} AND id = ${user.userId} AND totp_enabled_at IS NULL AND totp_secret IS NOT NULL
    RETURNING id
  `);
  return rows.length === 1;
}

export async function clearSecondFactor(tx: Db | Tx, user: { tenantId: string; userId: string }): Promise<void> {
  await tx
    .update(users)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: sql`now()` })
    .where(and(eq(users.tenantId, user.tenantId), eq(users.id, user.userId)));
  await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.tenantId, user.tenantId), eq(recoveryCodes.userId, user.userId)));
}

/** Ends every session of the user still open, in the browser and through the API; how many there were. */
export async function endOpenSessions(tx: Db | Tx, user: { tenantId: string; userId: string }): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ endedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(sessions.tenantId, user.tenantId), eq(sessions.userId, user.userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Replaces every recovery code of the user with these (given as hashes). */
export async function replaceRecoveryCodes(tx: Db | Tx, user: { tenantId: string; userId: string }, hashes: string[]): Promise<void> {
  await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.tenantId, user.tenantId), eq(recoveryCodes.userId, user.userId)));
  await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ id: newId(), tenantId: user.tenantId, userId: user.userId, codeHash })));
}

export async function recoveryCodesRemaining(tx: Db | Tx, user: { tenantId: string; userId: string }): Promise<number> {
  const rows = await queryRows<{ remaining: number }>(tx, sql`
    SELECT count(*)::int AS remaining FROM recovery_codes
    WHERE tenant_id = ${user.tenantId} AND user_id = ${user.userId} AND used_at IS NULL
  `);
  return rows[0]?.remaining ?? 0;
}

/** Uses up a recovery code if it is one of the user's unused ones; false otherwise (or if another request used it first). */
export async function useRecoveryCode(tx: Db | Tx, user: { tenantId: string; userId: string }, codeHash: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`
    UPDATE recovery_codes SET used_at = now()
    WHERE tenant_id = ${user.tenantId} AND user_id = ${user.userId} AND code_hash = ${codeHash} AND used_at IS NULL
    RETURNING id
  `);
  return rows.length > 0;
}

/**
 * Locks the user's row until the transaction ends, so that attempts at their second factor are
 * counted, checked and recorded one at a time.
 */
export async function lockUser(tx: Tx, user: { tenantId: string; userId: string }): Promise<void> {
  await tx.execute(sql`SELECT id FROM users WHERE tenant_id = ${user.tenantId} AND id = ${user.userId} FOR UPDATE`);
}

export async function recordAttempt(tx: Db | Tx, userId: string, succeeded: boolean): Promise<void> {
  await tx.insert(secondFactorAttempts).values({ id: newId(), userId, succeeded });
}

export async function recentFailures(tx: Db | Tx, userId: string, windowMinutes: number): Promise<number> {
  const rows = await queryRows<{ failures: number }>(tx, sql`
    SELECT count(*)::int AS failures FROM second_factor_attempts
    WHERE user_id = ${userId} AND NOT succeeded AND at > now() - make_interval(mins => ${windowMinutes})
  `);
  return rows[0]?.failures ?? 0;
}

/**
 * Turns a session that was waiting for the second factor into a full one under a new token, so the
 * token handed out before the second factor stops working. False if it is no longer waiting.
 */
export async function completeSession(tx: Db | Tx, sessionId: string, tokenHash: string, lifetimeHours: number): Promise<boolean> {
  const rows = await tx
    .update(sessions)
    .set({
      tokenHash,
      awaitingSecondFactor: false,
      lastSeenAt: sql`now()`,
      updatedAt: sql`now()`,
      expiresAt: sql`now() + make_interval(hours => ${lifetimeHours})`,
    })
    .where(and(eq(sessions.id, sessionId), eq(sessions.awaitingSecondFactor, true), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return rows.length === 1;
}
