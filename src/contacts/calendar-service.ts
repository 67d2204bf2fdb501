import { hashSecretToken, newSecretToken } from "../platform/secret-tokens.ts";
import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db } from "../platform/database/open.ts";
import { Forbidden } from "../platform/http/errors.ts";
import { keepsDiary } from "./appointment-service.ts";
import { buildCalendar, initialsOf } from "./icalendar.ts";
import * as store from "./store.ts";

const FEED_PAST_MS = 30 * 86_400_000;
const FEED_FUTURE_MS = 183 * 86_400_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{40,100}$/;

function assertKeepsDiary(actor: Actor): void {
  if (!keepsDiary(actor)) throw new Forbidden("Only key workers and managers keep a diary of appointments");
}

/** When the actor's current calendar address was made, or null when they have none. */
export async function calendarFeedStatus(db: Db, actor: Actor): Promise<{ createdAt: Date } | null> {
  assertKeepsDiary(actor);
  const feed = await store.findActiveFeed(db, actor.tenantId, actor.userId);
  return feed ? { createdAt: feed.createdAt } : null;
}

/**
 * Makes a new secret calendar address for the actor, stopping any earlier one. Returns the token:
 * it is shown once and only its SHA-256 is kept.
 */
export async function createCalendarFeed(db: Db, actor: Actor): Promise<string> {
  assertKeepsDiary(actor);
  const token = newSecretToken();
  await db.transaction(async (tx) => {
    const stopped = await store.revokeActiveFeeds(tx, actor.tenantId, actor.userId);
    const feedId = await store.insertFeed(tx, { tenantId: actor.tenantId, userId: actor.userId, tokenHash: hashSecretToken(token) });
    await audit(tx, actor, { action: "calendar.create", subjectType: "calendar-feed", subjectId: feedId, detail: { replaced: stopped } });
  });
  return token;
}

/** Stops the actor's calendar address; returns whether there was one. */
export async function stopCalendarFeed(db: Db, actor: Actor): Promise<boolean> {
  assertKeepsDiary(actor);
  return db.transaction(async (tx) => {
    const stopped = await store.revokeActiveFeeds(tx, actor.tenantId, actor.userId);
    await audit(tx, actor, { action: "calendar.revoke", subjectType: "calendar-feed", detail: { stopped } });
    return stopped > 0;
  });
}

/**
 * The calendar behind a secret address: the owner's appointments from 30 days ago to 6 months
 * ahead, with the person's initials and the place only. Undefined for an unknown or stopped
 * address. Each fetch is audited as the owner.
 */
export async function calendarForToken(db: Db, token: string, ip: string, now: Date = new Date()): Promise<string | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  return db.transaction(async (tx) => {
    const owner = await store.findFeedOwner(tx, hashSecretToken(token), ip);
    if (!owner) return undefined;
    const rows = await store.listWorkerAppointments(tx, owner.actor, {
      workerId: owner.actor.userId,
      from: new Date(now.getTime() - FEED_PAST_MS),
      to: new Date(now.getTime() + FEED_FUTURE_MS),
      statuses: ["planned", "attended", "did-not-attend"],
      limit: 2000,
    });
    await audit(tx, owner.actor, {
      action: "calendar.read",
      subjectType: "calendar-feed",
      subjectId: owner.feedId,
      detail: { events: rows.length },
    });
    // Each person whose appointment leaves Keywork in the feed sees that on their own audit trail.
    for (const personId of new Set(rows.map((row) => row.personId))) {
      await audit(tx, owner.actor, { action: "calendar.read", personId, subjectType: "calendar-feed", subjectId: owner.feedId });
    }
    return buildCalendar(
      rows.map((row) => ({
        uid: `${row.id}@keywork`,
        startsAt: row.startsAt,
        endsAt: new Date(row.startsAt.getTime() + row.durationMinutes * 60_000),
        summary: `Keywork appointment – ${initialsOf(row.person.givenName, row.person.familyName)}`,
        location: row.place,
        sequence: row.version - 1,
        lastModified: row.updatedAt,
      })),
      { name: "Keywork appointments", now },
    );
  });
}
