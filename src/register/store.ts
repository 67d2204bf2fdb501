import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { Rating } from "./schema.ts";
import { registerEntries, registerRatings } from "./tables.ts";

export type EntryRow = typeof registerEntries.$inferSelect;

/** A register entry as pages and the API show it. */
export interface EntryView {
  id: string;
  personId: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  rating: Rating;
  reason: string;
  ratedBy: { id: string; name: string } | null;
  ratedAt: Date;
  nextReviewOn: string;
  reviewOverdue: boolean;
  /** The open inpatient episode, when they are in hospital now. */
  inpatient: { episodeId: string; since: string; setting: string } | null;
  removedAt: Date | null;
  removalReason: string | null;
  version: number;
}

interface EntryRaw {
  id: string;
  person_id: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  rating: Rating;
  reason: string;
  rated_by: string | null;
  rated_by_name: string | null;
  rated_at: Date | string;
  next_review_on: string;
  review_overdue: boolean;
  episode_id: string | null;
  admitted_on: string | null;
  setting: string | null;
  removed_at: Date | string | null;
  removal_reason: string | null;
  version: number;
}

/** Highest risk of admission first; people in hospital now are their own group, after the others. */
export const RATING_ORDER = sql`CASE entry.rating WHEN 'red' THEN 0 WHEN 'amber-red' THEN 1 WHEN 'amber' THEN 2 WHEN 'green' THEN 3 ELSE 4 END`;

function entrySelect(today: string): SQL {
  return sql`
    SELECT entry.id, entry.person_id, entry.given_name, entry.family_name, entry.date_of_birth::text AS date_of_birth,
      entry.rating, entry.reason, entry.rated_by, rater.display_name AS rated_by_name, entry.rated_at,
      entry.next_review_on::text AS next_review_on,
      (entry.removed_at IS NULL AND entry.next_review_on < ${today}::date) AS review_overdue,
      episode.id AS episode_id, episode.admitted_on::text AS admitted_on, episode.setting,
      entry.removed_at, entry.removal_reason, entry.version
    FROM register_entries entry
    LEFT JOIN users rater ON rater.tenant_id = entry.tenant_id AND rater.id = entry.rated_by
    LEFT JOIN inpatient_episodes episode ON episode.tenant_id = entry.tenant_id AND episode.entry_id = entry.id AND episode.discharged_on IS NULL`;
}

function toView(row: EntryRaw): EntryView {
  return {
    id: row.id,
    personId: row.person_id,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    rating: row.rating,
    reason: row.reason,
    ratedBy: row.rated_by ? { id: row.rated_by, name: row.rated_by_name ?? "Unknown" } : null,
    ratedAt: new Date(row.rated_at),
    nextReviewOn: row.next_review_on,
    reviewOverdue: row.review_overdue,
    inpatient: row.episode_id && row.admitted_on ? { episodeId: row.episode_id, since: row.admitted_on, setting: row.setting ?? "" } : null,
    removedAt: row.removed_at === null ? null : new Date(row.removed_at),
    removalReason: row.removal_reason,
    version: Number(row.version),
  };
}

export interface EntryFilters {
  rating?: Rating | undefined;
  overdue?: boolean | undefined;
  /** Part of a name; a search also finds people taken off the register. */
  q?: string | null | undefined;
}

function filterConditions(filters: EntryFilters, today: string): SQL {
  const conditions: SQL[] = [];
  if (!filters.q) conditions.push(sql`entry.removed_at IS NULL`);
  if (filters.rating) conditions.push(sql`entry.rating = ${filters.rating}`);
  if (filters.overdue) conditions.push(sql`entry.removed_at IS NULL AND entry.next_review_on < ${today}::date`);
  for (const word of (filters.q ?? "").split(/\s+/).filter(Boolean)) {
    const pattern = `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    conditions.push(sql`(entry.given_name ILIKE ${pattern} OR entry.family_name ILIKE ${pattern})`);
  }
  return conditions.length === 0 ? sql`TRUE` : sql.join(conditions, sql` AND `);
}

/** A page of entries, highest risk first, then the earliest review; removed ones last. */
export async function listEntries(
  tx: Db | Tx,
  tenantId: string,
  options: { today: string; filters: EntryFilters; limit: number; offset: number },
): Promise<{ rows: EntryView[]; total: number }> {
  const where = sql`entry.tenant_id = ${tenantId} AND ${filterConditions(options.filters, options.today)}`;
  const rows = await queryRows<EntryRaw>(tx, sql`${entrySelect(options.today)}
    WHERE ${where}
    ORDER BY (entry.removed_at IS NOT NULL), ${RATING_ORDER}, entry.next_review_on, entry.family_name, entry.given_name, entry.id
    LIMIT ${options.limit} OFFSET ${options.offset}`);
  const [count] = await queryRows<{ total: number }>(tx, sql`SELECT count(*)::int AS total FROM register_entries entry WHERE ${where}`);
  return { rows: rows.map(toView), total: count?.total ?? 0 };
}

export async function findEntry(tx: Db | Tx, tenantId: string, entryId: string, today: string): Promise<EntryView | undefined> {
  const rows = await queryRows<EntryRaw>(tx, sql`${entrySelect(today)} WHERE entry.tenant_id = ${tenantId} AND entry.id = ${entryId}`);
  const row = rows[0];
  return row ? toView(row) : undefined;
}

/** The entry linked to a Keywork person, on the register or taken off it. */
export async function findEntryForPerson(tx: Db | Tx, tenantId: string, personId: string, today: string): Promise<EntryView | undefined> {
  const rows = await queryRows<EntryRaw>(tx, sql`${entrySelect(today)} WHERE entry.tenant_id = ${tenantId} AND entry.person_id = ${personId}`);
  const row = rows[0];
  return row ? toView(row) : undefined;
}

/**
 * On the register at red or amber-red, and not with the key-worker service: not linked to a
 * Keywork person, or linked to one whose case is closed or who has no current lead worker.
 */
function needsTakingOnCondition(today: string): SQL {
  return sql`entry.removed_at IS NULL AND entry.rating IN ('red', 'amber-red') AND (
    entry.person_id IS NULL OR EXISTS (
      SELECT 1 FROM people person WHERE person.tenant_id = entry.tenant_id AND person.id = entry.person_id
        AND (person.closed_at IS NOT NULL OR NOT EXISTS (
          SELECT 1 FROM care_team_members lead WHERE lead.tenant_id = person.tenant_id AND lead.person_id = person.id
            AND lead.role = 'lead' AND (lead.ended_on IS NULL OR lead.ended_on >= ${today}::date)))))`;
}

/** Entries that ask the key-worker service to take the young person on, red first, longest waiting first. */
export async function listNeedingTakeOn(tx: Db | Tx, tenantId: string, today: string): Promise<EntryView[]> {
  const rows = await queryRows<EntryRaw>(tx, sql`${entrySelect(today)}
    WHERE entry.tenant_id = ${tenantId} AND ${needsTakingOnCondition(today)}
    ORDER BY ${RATING_ORDER}, entry.rated_at, entry.id
    LIMIT 50`);
  return rows.map(toView);
}

export async function entryNeedsTakingOn(tx: Db | Tx, tenantId: string, entryId: string, today: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`SELECT entry.id FROM register_entries entry
    WHERE entry.tenant_id = ${tenantId} AND entry.id = ${entryId} AND ${needsTakingOnCondition(today)}`);
  return rows.length > 0;
}

/** Holds the entry until the transaction ends, so two changes to it queue rather than interleave. */
export async function lockEntry(tx: Tx, tenantId: string, entryId: string): Promise<void> {
  await tx.execute(sql`SELECT id FROM register_entries WHERE tenant_id = ${tenantId} AND id = ${entryId} FOR UPDATE`);
}

export interface RegisterCounts {
  red: number;
  amberRed: number;
  amber: number;
  green: number;
  blue: number;
  total: number;
  reviewsOverdue: number;
  inpatients: number;
  /** Completed stays with a discharge in the last 12 months, and their average length in days. */
  completedStays: number;
  averageLengthOfStayDays: number | null;
}

export async function countEntries(tx: Db | Tx, tenantId: string, today: string, yearAgo: string): Promise<RegisterCounts> {
  const [row] = await queryRows<Omit<RegisterCounts, "averageLengthOfStayDays"> & { average: string | number | null }>(tx, sql`
    SELECT
      count(*) FILTER (WHERE entry.rating = 'red')::int AS "red",
      count(*) FILTER (WHERE entry.rating = 'amber-red')::int AS "amberRed",
      count(*) FILTER (WHERE entry.rating = 'amber')::int AS "amber",
      count(*) FILTER (WHERE entry.rating = 'green')::int AS "green",
      count(*) FILTER (WHERE entry.rating = 'blue')::int AS "blue",
      count(*)::int AS "total",
      count(*) FILTER (WHERE entry.next_review_on < ${today}::date)::int AS "reviewsOverdue",
      (SELECT count(*)::int FROM inpatient_episodes episode JOIN register_entries open_entry
        ON open_entry.tenant_id = episode.tenant_id AND open_entry.id = episode.entry_id AND open_entry.removed_at IS NULL
        WHERE episode.tenant_id = ${tenantId} AND episode.discharged_on IS NULL) AS "inpatients",
      (SELECT count(*)::int FROM inpatient_episodes episode
        WHERE episode.tenant_id = ${tenantId} AND episode.discharged_on > ${yearAgo}::date AND episode.discharged_on <= ${today}::date) AS "completedStays",
      (SELECT avg(episode.discharged_on - episode.admitted_on) FROM inpatient_episodes episode
        WHERE episode.tenant_id = ${tenantId} AND episode.discharged_on > ${yearAgo}::date AND episode.discharged_on <= ${today}::date) AS "average"
    FROM register_entries entry
    WHERE entry.tenant_id = ${tenantId} AND entry.removed_at IS NULL
  `);
  if (!row) throw new Error("counting the register returned no row");
  const { average, ...counts } = row;
  return { ...counts, averageLengthOfStayDays: average === null ? null : Math.round(Number(average)) };
}

export async function insertEntry(
  tx: Tx,
  input: { tenantId: string; personId: string | null; givenName: string; familyName: string; dateOfBirth: string | null; createdBy: string; rating: Rating; reason: string; nextReviewOn: string; at: Date },
): Promise<string> {
  const id = newId();
  await tx.insert(registerEntries).values({
    id,
    tenantId: input.tenantId,
    personId: input.personId,
    givenName: input.givenName,
    familyName: input.familyName,
    dateOfBirth: input.dateOfBirth,
    rating: input.rating,
    reason: input.reason,
    ratedBy: input.createdBy,
    ratedAt: input.at,
    nextReviewOn: input.nextReviewOn,
    createdBy: input.createdBy,
  });
  return id;
}

/** Appends a rating to the entry's history. */
export async function insertRating(
  tx: Tx,
  input: { tenantId: string; entryId: string; rating: Rating; reason: string; ratedBy: string; at: Date; nextReviewOn: string },
): Promise<string> {
  const id = newId();
  await tx.insert(registerRatings).values({
    id,
    tenantId: input.tenantId,
    entryId: input.entryId,
    rating: input.rating,
    reason: input.reason,
    ratedBy: input.ratedBy,
    ratedAt: input.at,
    nextReviewOn: input.nextReviewOn,
  });
  return id;
}

/**
 * Sets the entry's current rating (it comes back onto the register if it was taken off), when the
 * stored version is `expectedVersion` (any version when null). False when someone saved first.
 */
export async function setCurrentRating(
  tx: Tx,
  input: { tenantId: string; entryId: string; expectedVersion: number | null; rating: Rating; reason: string; ratedBy: string; at: Date; nextReviewOn: string },
): Promise<boolean> {
  const rows = await tx
    .update(registerEntries)
    .set({
      rating: input.rating,
      reason: input.reason,
      ratedBy: input.ratedBy,
      ratedAt: input.at,
      nextReviewOn: input.nextReviewOn,
      removedAt: null,
      removalReason: null,
      updatedAt: sql`now()`,
      version: sql`${registerEntries.version} + 1`,
    })
    .where(
      and(
        eq(registerEntries.tenantId, input.tenantId),
        eq(registerEntries.id, input.entryId),
        input.expectedVersion === null ? undefined : eq(registerEntries.version, input.expectedVersion),
      ),
    )
    .returning({ id: registerEntries.id });
  return rows.length > 0;
}

export async function markRemoved(tx: Tx, input: { tenantId: string; entryId: string; expectedVersion: number; reason: string; at: Date }): Promise<boolean> {
  const rows = await tx
    .update(registerEntries)
    .set({ removedAt: input.at, removalReason: input.reason, updatedAt: sql`now()`, version: sql`${registerEntries.version} + 1` })
    .where(and(eq(registerEntries.tenantId, input.tenantId), eq(registerEntries.id, input.entryId), eq(registerEntries.version, input.expectedVersion)))
    .returning({ id: registerEntries.id });
  return rows.length > 0;
}

/** Links an entry to a Keywork person, only if it is not linked yet. */
export async function linkPerson(tx: Tx, input: { tenantId: string; entryId: string; personId: string }): Promise<boolean> {
  const rows = await tx
    .update(registerEntries)
    .set({ personId: input.personId, updatedAt: sql`now()`, version: sql`${registerEntries.version} + 1` })
    .where(and(eq(registerEntries.tenantId, input.tenantId), eq(registerEntries.id, input.entryId), isNull(registerEntries.personId)))
    .returning({ id: registerEntries.id });
  return rows.length > 0;
}

export interface RatingView {
  id: string;
  rating: Rating;
  previousRating: Rating | null;
  reason: string;
  ratedBy: { id: string; name: string } | null;
  ratedAt: Date;
  nextReviewOn: string;
}

/** Every rating the entry has had, newest first, each with the one before it. */
export async function listRatings(tx: Db | Tx, tenantId: string, entryId: string): Promise<RatingView[]> {
  const rows = await queryRows<{
    id: string;
    rating: Rating;
    previous_rating: Rating | null;
    reason: string;
    rated_by: string | null;
    rated_by_name: string | null;
    rated_at: Date | string;
    next_review_on: string;
  }>(tx, sql`
    SELECT rating.id, rating.rating, lag(rating.rating) OVER (ORDER BY rating.rated_at, rating.id) AS previous_rating,
      rating.reason, rating.rated_by, rater.display_name AS rated_by_name, rating.rated_at, rating.next_review_on::text AS next_review_on
    FROM register_ratings rating
    LEFT JOIN users rater ON rater.tenant_id = rating.tenant_id AND rater.id = rating.rated_by
    WHERE rating.tenant_id = ${tenantId} AND rating.entry_id = ${entryId}
    ORDER BY rating.rated_at DESC, rating.id DESC
  `);
  return rows.map((row) => ({
    id: row.id,
    rating: row.rating,
    previousRating: row.previous_rating,
    reason: row.reason,
    ratedBy: row.rated_by ? { id: row.rated_by, name: row.rated_by_name ?? "Unknown" } : null,
    ratedAt: new Date(row.rated_at),
    nextReviewOn: row.next_review_on,
  }));
}
