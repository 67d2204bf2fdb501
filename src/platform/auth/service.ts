import { queryRows } from "../database/query.ts";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Actor } from "../access/actor.ts";
import { isRole } from "../access/roles.ts";
import { audit } from "../audit/index.ts";
import type { Db } from "../database/open.ts";
import { newId } from "../database/ids.ts";
import { TooManyRequests, Unauthenticated } from "../http/errors.ts";
import { decoyPasswordHash, verifyPassword } from "./passwords.ts";
import { sessions, signInAttempts, users } from "./tables.ts";

export type SessionKind = "browser" | "api";

export interface AuthSettings {
  idleMinutes: number;
}

const ABSOLUTE_LIFETIME_HOURS = 12;
const THROTTLE_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 30;
/** last_seen_at is refreshed at most this often, to spare a write on every request. */
const TOUCH_AFTER_SECONDS = 60;

export interface SignedIn {
  token: string;
  actor: Actor;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Checks an e-mail and password and opens a session. Failed attempts are counted per account and
 * per address; past the limit nobody can sign in to that account for the rest of the window, even
 * with the right password, so guessing gains nothing.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string; kind: SessionKind },
): Promise<SignedIn> {
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

  const token = randomBytes(32).toString("base64url");
  const actor = actorFrom(user, input.ip);
  await db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ id: newId(), email, ip: input.ip, succeeded: true });
    await tx.insert(sessions).values({
      id: newId(),
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: hashToken(token),
      kind: input.kind,
      expiresAt: sql`now() + make_interval(hours => ${ABSOLUTE_LIFETIME_HOURS})`,
    });
    await audit(tx, actor, { action: "session.sign-in", detail: { kind: input.kind } });
  });
  return { token, actor };
}

export interface AuthenticatedSession {
  actor: Actor;
  sessionId: string;
  flash: unknown;
}

/** The actor behind a session token, or null when it is unknown, ended, expired or idle too long. */
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
      user: users,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(input.token)),
        eq(sessions.kind, input.kind),
        isNull(sessions.endedAt),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${settings.idleMinutes})`),
        eq(users.active, true),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_AFTER_SECONDS * 1000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, row.sessionId));
  }
  return { actor: actorFrom(row.user, input.ip), sessionId: row.sessionId, flash: row.flash };
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
    ip,
  };
}
