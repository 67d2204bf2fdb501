import type { Actor } from "../access/actor.ts";
import type { Role } from "../access/roles.ts";
import { audit } from "../audit/index.ts";
import type { Db, Tx } from "../database/open.ts";
import { Conflict, Forbidden, Invalid, TooManyRequests, Unauthenticated } from "../http/errors.ts";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes.ts";
import * as store from "./second-factor-store.ts";
import { hashSecretToken, newSecretToken } from "../secret-tokens.ts";
import { ABSOLUTE_LIFETIME_HOURS } from "./tokens.ts";
import { matchingStep, newTotpSecret, otpauthUri } from "./totp.ts";

/**
 * The second factor: a code from an authenticator app (or a one-time recovery code) after the
 * password. Required, when the setting is on, for roles that see more than their own cases.
 */

/** Roles that see more than their own cases: with the setting on, they cannot work without a second factor. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ["manager", "psychologist", "register-owner", "admin", "evaluator"];
export const ISSUER = "Keywork";
const THROTTLE_WINDOW_MINUTES = 15;
const MAX_FAILURES = 5;

type Who = Pick<Actor, "tenantId" | "userId" | "ip">;
type Purpose = "sign-in" | "setup" | "turn-off" | "recovery-codes";

/** Whether this person must have a second factor, given the partnership's setting. */
export function secondFactorRequiredFor(roles: readonly Role[], settingOn: boolean): boolean {
  return settingOn && roles.some((role) => SECOND_FACTOR_ROLES.includes(role));
}

export interface SecondFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  required: boolean;
  recoveryCodesRemaining: number;
}

export async function secondFactorStatus(db: Db, actor: Actor, settingOn: boolean): Promise<SecondFactorStatus> {
  const row = await store.secondFactorOf(db, actor);
  const enabledAt = row?.enabledAt ?? null;
  return {
    enabled: enabledAt !== null,
    enabledAt,
    required: secondFactorRequiredFor(actor.roles, settingOn),
    recoveryCodesRemaining: enabledAt ? await store.recoveryCodesRemaining(db, actor) : 0,
  };
}

type Entry = { kind: "code"; code: string } | { kind: "recovery-code"; hash: string };

/** What was typed: six digits, or (where allowed) something shaped like a recovery code. */
function readEntry(input: string, allowRecoveryCode: boolean): Entry {
  const trimmed = input.replace(/\s+/g, "");
  if (!trimmed) {
    throw new Invalid([{ field: "code", message: allowRecoveryCode ? "Enter the code from your authenticator app, or a recovery code" : "Enter the code from your authenticator app" }]);
  }
  if (/^\d{6}$/.test(trimmed)) return { kind: "code", code: trimmed };
  const recovery = allowRecoveryCode ? normaliseRecoveryCode(trimmed) : null;
  if (recovery) return { kind: "recovery-code", hash: hashRecoveryCode(recovery) };
  throw new Invalid([
    {
      field: "code",
      message: allowRecoveryCode
        ? "Enter the 6-digit code from your authenticator app, or a recovery code like abcde-23456"
        : "Enter the 6 digits your authenticator app shows, like 123456",
    },
  ]);
}

/**
 * Checks a code against the secret (or the user's unused recovery codes) and uses it up. Wrong
 * codes are counted; past the limit even a right code is refused for the rest of the window. The
 * user's row is locked while the failures are counted and the attempt recorded, so codes sent all
 * at once are checked one after another and never more than the limit are tried.
 */
async function checkCode(
  db: Db,
  who: Who,
  input: string,
  now: Date,
  options: { secret: string; lastStep: number | null; allowRecoveryCode: boolean; purpose: Purpose },
): Promise<Entry["kind"]> {
  const entry = readEntry(input, options.allowRecoveryCode);
  const accepted = await db.transaction(async (tx) => {
    await store.lockUser(tx, who);
    if ((await store.recentFailures(tx, who.userId, THROTTLE_WINDOW_MINUTES)) >= MAX_FAILURES) {
      throw new TooManyRequests(
        `Too many wrong codes. Wait ${THROTTLE_WINDOW_MINUTES} minutes and try again, or ask your administrator to help.`,
        THROTTLE_WINDOW_MINUTES * 60,
      );
    }
    let passed: boolean;
    if (entry.kind === "code") {
      const step = matchingStep(options.secret, entry.code, now, options.lastStep);
      passed = step !== null && (await store.useStep(tx, who, step));
    } else {
      passed = await store.useRecoveryCode(tx, who, entry.hash);
    }
    await store.recordAttempt(tx, who.userId, passed);
    if (!passed) await audit(tx, who, { action: "second-factor.failed", detail: { kind: entry.kind, purpose: options.purpose } });
    if (passed && entry.kind === "recovery-code") {
      await audit(tx, who, { action: "recovery-code.used", detail: { purpose: options.purpose, remaining: await store.recoveryCodesRemaining(tx, who) } });
    }
    return passed;
  });
  if (!accepted) {
    throw new Unauthenticated(
      entry.kind === "code"
        ? "The code is not right, or has already been used. Enter the code your authenticator app shows now"
        : "That recovery code is not right, or has already been used",
    );
  }
  return entry.kind;
}

/** The secret being set up: kept while the user is part-way through, so a second visit shows the same one. */
export async function beginSetup(db: Db, actor: Actor): Promise<{ secret: string; uri: string }> {
  const row = await store.secondFactorOf(db, actor);
  if (row?.enabledAt) throw new Conflict("Your second factor is already on");
  let secret = row?.secret ?? null;
  if (!secret) {
    secret = newTotpSecret();
    await store.storePendingSecret(db, actor, secret);
  }
  return { secret, uri: otpauthUri({ secret, accountName: actor.email, issuer: ISSUER }) };
}

async function issueRecoveryCodes(db: Db, actor: Actor): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await store.replaceRecoveryCodes(tx, actor, codes.map(hashRecoveryCode));
    await audit(tx, actor, { action: "second-factor.recovery-codes-generated", detail: { count: codes.length } });
  });
  return codes;
}

/** Turns the second factor on once the user has typed a code from their app; gives the recovery codes, to show once. */
export async function confirmSetup(db: Db, actor: Actor, input: string, now: Date): Promise<{ recoveryCodes: string[] }> {
  const row = await store.secondFactorOf(db, actor);
  if (row?.enabledAt) throw new Conflict("Your second factor is already on");
  if (!row?.secret) throw new Invalid([{ field: "code", message: "Add Keywork to your authenticator app first, then enter the code it shows" }]);
  await checkCode(db, actor, input, now, { secret: row.secret, lastStep: row.lastStep, allowRecoveryCode: false, purpose: "setup" });
  const enabled = await db.transaction(async (tx) => {
    if (!(await store.markEnabled(tx, actor))) return false;
    await audit(tx, actor, { action: "second-factor.enabled" });
    return true;
  });
  if (!enabled) throw new Conflict("Your second factor is already on");
  return { recoveryCodes: await issueRecoveryCodes(db, actor) };
}

async function enabledFactor(db: Db, actor: Actor): Promise<{ secret: string; lastStep: number | null }> {
  const row = await store.secondFactorOf(db, actor);
  if (!row?.enabledAt || !row.secret) throw new Conflict("Your second factor is not on");
  return { secret: row.secret, lastStep: row.lastStep };
}

/** New recovery codes in place of the old ones, after a code from the app. */
export async function regenerateRecoveryCodes(db: Db, actor: Actor, input: string, now: Date): Promise<string[]> {
  const factor = await enabledFactor(db, actor);
  await checkCode(db, actor, input, now, { ...factor, allowRecoveryCode: false, purpose: "recovery-codes" });
  return issueRecoveryCodes(db, actor);
}

/** Turns the second factor off, after a code (or a recovery code, for someone who has lost their phone). */
export async function turnOffSecondFactor(db: Db, actor: Actor, input: string, now: Date, settingOn: boolean): Promise<void> {
  if (secondFactorRequiredFor(actor.roles, settingOn)) {
    throw new Forbidden("Your role needs a second factor, so you cannot turn it off. If you have lost your phone, ask your administrator to help.");
  }
  const factor = await enabledFactor(db, actor);
  await checkCode(db, actor, input, now, { ...factor, allowRecoveryCode: true, purpose: "turn-off" });
  await db.transaction(async (tx) => {
    await store.clearSecondFactor(tx, actor);
    await audit(tx, actor, { action: "second-factor.disabled" });
  });
}

/** Checks the second factor of someone whose password was right: a code, or a recovery code. */
export async function passSecondFactor(db: Db, actor: Actor, input: string, now: Date): Promise<{ method: Entry["kind"]; recoveryCodesRemaining: number | null }> {
  const factor = await enabledFactor(db, actor).catch(() => {
    throw new Unauthenticated("Sign in again");
  });
  const method = await checkCode(db, actor, input, now, { ...factor, allowRecoveryCode: true, purpose: "sign-in" });
  return { method, recoveryCodesRemaining: method === "recovery-code" ? await store.recoveryCodesRemaining(db, actor) : null };
}

/**
 * Ends the wait for the second factor: the session becomes a full one under a new token (the one
 * handed out after the password alone stops working).
 */
export async function completeAwaitingSession(db: Db, actor: Actor, sessionId: string, method: Entry["kind"] | "setup"): Promise<string> {
  const token = newSecretToken();
  await db.transaction(async (tx) => {
    if (!(await store.completeSession(tx, sessionId, hashSecretToken(token), ABSOLUTE_LIFETIME_HOURS))) throw new Unauthenticated("Sign in again");
    await audit(tx, actor, { action: "session.second-factor-passed", detail: { method } });
  });
  return token;
}

/**
 * An administrator's reset, for someone who has lost their phone and their recovery codes: the
 * secret and the recovery codes go, and every session of theirs ends, so they next sign in with
 * their password alone (and set up a new second factor where their role needs one). Within the
 * caller's transaction, which checks the administrator may do it and audits it; how many sessions ended.
 */
export async function resetSecondFactorOf(tx: Tx, user: { tenantId: string; userId: string }): Promise<{ sessionsEnded: number }> {
  await store.clearSecondFactor(tx, user);
  return { sessionsEnded: await store.endOpenSessions(tx, user) };
}

export async function userHasSecondFactor(db: Db, user: { tenantId: string; userId: string }): Promise<boolean> {
  return (await store.secondFactorOf(db, user))?.enabledAt != null;
}
