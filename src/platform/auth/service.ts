import { queryRows } from "../database/query.ts";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Actor } from "../access/actor.ts";
import { isRole } from "../access/roles.ts";
import { audit } from "../audit/index.ts";
import type { Db } from "../database/open.ts";
import { newId } from "../database/ids.ts";
import { Forbidden, TooManyRequests, Unauthenticated } from "../http/errors.ts";
import { decoyPasswordHash, verifyPassword } from "./passwords.ts";
import { passSecondFactor, secondFactorRequiredFor } from "./second-factor.ts";
import { sessions, signInAttempts, users } from "./tables.ts";
import { hashSecretToken, newSecretToken } from "../secret-tokens.ts";
import { ABSOLUTE_LIFETIME_HOURS, AWAITING_LIFETIME_MINUTES } from "./tokens.ts";

export type SessionKind = "browser" | "api";

export interface AuthSettings {
  idleMinutes: number;
}

const THROTTLE_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 30;
/** last_seen_at is refreshed at most this often, to spare a write on every request. */
const TOUCH_AFTER_SECONDS = 60;

export interface SignedIn {
  token: string;
  actor: Actor;
  /**
   * For a browser, what is still to do before the session opens anything: the code from the
   * authenticator app, or setting one up (a role that needs it); null when nothing is.
   */
  awaiting: "code" | "setup" | null;
}

export interface SignInInput {
  email: string;
  password: string;
  ip: string;
  kind: SessionKind;
  /** The API's second factor, sent with the password: a code from the app or a recovery code. */
  totp?: string | undefined;
  /** The setting that makes a second factor necessary for roles that see more than their own cases. */
  secondFactorRequired: boolean;
  now: Date;
}

/**
 * Checks an e-mail and password and opens a session. Failed attempts are counted per account and
 * per address; past the limit nobody can sign in to that account for the rest of the window, even
 * with the right password, so guessing gains nothing. Someone with a second factor (or whose role
 * needs one) gets, in a browser, a session that waits for it; through the API the code comes with
 * the password in `totp`.
 */
export async function signIn(db: Db, input: SignInInput): Promise<SignedIn> {
  const email = input.email.trim().toLowerCase();
  const windowStart = sql`now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`;
  const failures = await queryRows<{ by_account: number; by_address: number }>(db, sql`
    SELECT
      count(*) FILTER (WHERE email = ${email})::int AS by_account,
      count(*) FILTER (WHERE ip = ${input.ip})::int AS by_address
    FROM sign_in_attempts
    WHERE NOT succeeded AND at > ${windowStart} AND (email = ${email} OR ip = ${input.ip})
  `);
  const counts = failures[0] ?? { by_account: 0, by_address: 0 };
  if (counts.by_account >= MAX_FAILURES_PER_ACCOUNT || counts.by_address >= MAX_FAILURES_PER_ADDRESS) {
    throw new TooManyRequests(
      `Too many failed sign-in attempts. Wait ${THROTTLE_WINDOW_MINUTES} minutes and try again, or ask your administrator to help.`,
      THROTTLE_WINDOW_MINUTES * 60,
    );
  }

  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email}`, eq(users.active, true)))
    .limit(1);
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);

  if (!user || !passwordMatches) {
    await db.transaction(async (tx) => {
      await tx.insert(signInAttempts).values({ id: newId(), email, ip: input.ip, succeeded: false });
      if (user) {
        await audit(tx, { tenantId: user.tenantId, userId: user.id, ip: input.ip }, { action: "session.sign-in-failed" });
      }
    });
    throw new Unauthenticated("Enter a correct email address and password");
  }

  const actor = actorFrom(user, input.ip);
  const hasSecondFactor = user.totpEnabledAt !== null;
  const mustSetUp = !hasSecondFactor && secondFactorRequiredFor(actor.roles, input.secondFactorRequired);
  let awaiting: SignedIn["awaiting"] = hasSecondFactor ? "code" : mustSetUp ? "setup" : null;
  if (input.kind === "api" && awaiting) {
    // The API has no pages to finish signing in on: the code comes with the password, or not at all.
    if (mustSetUp) {
      throw new Forbidden("Your role needs a second factor. Sign in to Keywork in a browser to set one up, then send its code in `totp`.");
    }
    if (!input.totp) throw new Unauthenticated("Your account has a second factor: send the code from your authenticator app (or a recovery code) in `totp`", "second-factor-required");
    await passSecondFactor(db, actor, input.totp, input.now);
    awaiting = null;
  }

  const token = newSecretToken();
  await db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ id: newId(), email, ip: input.ip, succeeded: true });
    await tx.insert(sessions).values({
      id: newId(),
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: hashSecretToken(token),
      kind: input.kind,
      awaitingSecondFactor: awaiting !== null,
      expiresAt: awaiting ? sql`now() + make_interval(mins => ${AWAITING_LIFETIME_MINUTES})` : sql`now() + make_interval(hours => ${ABSOLUTE_LIFETIME_HOURS})`,
    });
    await audit(tx, actor, { action: "session.sign-in", detail: { kind: input.kind, ...(awaiting ? { awaitingSecondFactor: awaiting } : {}) } });
    if (input.kind === "api" && hasSecondFactor) await audit(tx, actor, { action: "session.second-factor-passed", detail: { kind: "api" } });
  });
  return { token, actor, awaiting };
}

export interface AuthenticatedSession {
  actor: Actor;
  sessionId: string;
  flash: unknown;
  /** Password checked, second factor not yet: the session opens only the second-factor pages. */
  awaitingSecondFactor: boolean;
}

/**
 * The actor behind a session token, or null when it is unknown, ended, expired or idle too long.
 * The API never accepts a session that is waiting for the second factor.
 */
export async function authenticate(
  db: Db,
  settings: AuthSettings,
  input: { token: string; ip: string; kind: SessionKind },
): Promise<AuthenticatedSession | null> {
  const rows = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      flash: sessions.flash,
      awaitingSecondFactor: sessions.awaitingSecondFactor,
      user: users,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(
      and(
        eq(sessions.tokenHash, hashSecretToken(input.token)),
        eq(sessions.kind, input.kind),
        isNull(sessions.endedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${settings.idleMinutes})`),
        eq(users.active, true),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row || (row.awaitingSecondFactor && input.kind === "api")) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_AFTER_SECONDS * 1000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, row.sessionId));
  }
  return { actor: actorFrom(row.user, input.ip), sessionId: row.sessionId, flash: row.flash, awaitingSecondFactor: row.awaitingSecondFactor };
}

export async function signOut(db: Db, actor: Actor, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ endedAt: sql`now()` }).where(eq(sessions.id, sessionId));
    await audit(tx, actor, { action: "session.sign-out" });
  });
}

/** A one-time message shown on the next page the user sees ("Person saved"). */
export async function setFlash(db: Db, sessionId: string, message: { title: string; text?: string } | null): Promise<void> {
  await db.update(sessions).set({ flash: message }).where(eq(sessions.id, sessionId));
}

function actorFrom(user: typeof users.$inferSelect, ip: string): Actor {
  return {
    userId: user.id,
    tenantId: user.tenantId,
    organisationId: user.organisationId,
    teamId: user.teamId,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles.filter(isRole),
    secondFactorEnabled: user.totpEnabledAt !== null,
    ip,
  };
}
