import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { inpatientEpisodes } from "./tables.ts";

/** A stay in hospital, with its length: to discharge, or to `today` while it goes on. */
export interface EpisodeView {
  id: string;
  entryId: string;
  admittedOn: string;
  dischargedOn: string | null;
  setting: string;
  dischargePlan: string | null;
  lengthOfStayDays: number;
  current: boolean;
  updatedBy: { id: string; name: string } | null;
  updatedAt: Date;
  version: number;
}

interface EpisodeRaw {
  id: string;
  entry_id: string;
  admitted_on: string;
  discharged_on: string | null;
  setting: string;
  discharge_plan: string | null;
  length_of_stay: number;
  updated_by: string | null;
  updated_by_name: string | null;
  updated_at: Date | string;
  version: number;
}

function episodeSelect(today: string) {
  return sql`
    SELECT episode.id, episode.entry_id, episode.admitted_on::text AS admitted_on, episode.discharged_on::text AS discharged_on,
      episode.setting, episode.discharge_plan,
      (coalesce(episode.discharged_on, greatest(${today}::date, episode.admitted_on)) - episode.admitted_on)::int AS length_of_stay,
      episode.updated_by, updater.display_name AS updated_by_name, episode.updated_at, episode.version
    FROM inpatient_episodes episode
    LEFT JOIN users updater ON updater.tenant_id = episode.tenant_id AND updater.id = episode.updated_by`;
}

function toView(row: EpisodeRaw): EpisodeView {
  return {
    id: row.id,
    entryId: row.entry_id,
    admittedOn: row.admitted_on,
    dischargedOn: row.discharged_on,
    setting: row.setting,
    dischargePlan: row.discharge_plan,
    lengthOfStayDays: Number(row.length_of_stay),
    current: row.discharged_on === null,
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? "Unknown" } : null,
    updatedAt: new Date(row.updated_at),
    version: Number(row.version),
  };
}

/** An entry's stays in hospital, the most recent admission first. */
export async function listEpisodes(tx: Db | Tx, tenantId: string, entryId: string, today: string): Promise<EpisodeView[]> {
  const rows = await queryRows<EpisodeRaw>(tx, sql`${episodeSelect(today)}
    WHERE episode.tenant_id = ${tenantId} AND episode.entry_id = ${entryId}
    ORDER BY episode.admitted_on DESC, episode.id DESC`);
  return rows.map(toView);
}

export async function findEpisode(tx: Db | Tx, tenantId: string, episodeId: string, today: string): Promise<EpisodeView | undefined> {
  const rows = await queryRows<EpisodeRaw>(tx, sql`${episodeSelect(today)} WHERE episode.tenant_id = ${tenantId} AND episode.id = ${episodeId}`);
  const row = rows[0];
  return row ? toView(row) : undefined;
}

/**
 * Dates another stay of the same entry covers, to keep stays from overlapping: the latest day of
 * any other stay that began on or before `admittedOn` (its discharge, or today when still open), and
 * the earliest admission of another stay after it.
 */
export async function neighbouringStays(
  tx: Db | Tx,
  input: { tenantId: string; entryId: string; exceptEpisodeId: string | null; admittedOn: string; today: string },
): Promise<{ previousEnd: string | null; nextStart: string | null }> {
  const [row] = await queryRows<{ previous_end: string | null; next_start: string | null }>(tx, sql`
    SELECT
      (SELECT max(coalesce(episode.discharged_on, ${input.today}::date))::text FROM inpatient_episodes episode
        WHERE episode.tenant_id = ${input.tenantId} AND episode.entry_id = ${input.entryId}
          AND episode.admitted_on <= ${input.admittedOn}::date
          ${input.exceptEpisodeId ? sql`AND episode.id <> ${input.exceptEpisodeId}` : sql``}) AS previous_end,
      (SELECT min(episode.admitted_on)::text FROM inpatient_episodes episode
        WHERE episode.tenant_id = ${input.tenantId} AND episode.entry_id = ${input.entryId}
          AND episode.admitted_on > ${input.admittedOn}::date
          ${input.exceptEpisodeId ? sql`AND episode.id <> ${input.exceptEpisodeId}` : sql``}) AS next_start
  `);
  return { previousEnd: row?.previous_end ?? null, nextStart: row?.next_start ?? null };
}

export async function insertEpisode(
  tx: Tx,
  input: { tenantId: string; entryId: string; admittedOn: string; setting: string; dischargedOn?: string | null; dischargePlan?: string | null; by: string },
): Promise<string> {
  const id = newId();
  await tx.insert(inpatientEpisodes).values({
    id,
    tenantId: input.tenantId,
    entryId: input.entryId,
    admittedOn: input.admittedOn,
    dischargedOn: input.dischargedOn ?? null,
    setting: input.setting,
    dischargePlan: input.dischargePlan ?? null,
    createdBy: input.by,
    updatedBy: input.by,
  });
  return id;
}

/** Saves only when the stored version is `expectedVersion`; false when someone saved first. */
export async function updateEpisode(
  tx: Tx,
  input: { tenantId: string; episodeId: string; expectedVersion: number; admittedOn: string; setting: string; dischargedOn: string | null; dischargePlan: string | null; by: string },
): Promise<boolean> {
  const rows = await tx
    .update(inpatientEpisodes)
    .set({
      admittedOn: input.admittedOn,
      setting: input.setting,
      dischargedOn: input.dischargedOn,
      dischargePlan: input.dischargePlan,
      updatedBy: input.by,
      updatedAt: sql`now()`,
      version: sql`${inpatientEpisodes.version} + 1`,
    })
    .where(and(eq(inpatientEpisodes.tenantId, input.tenantId), eq(inpatientEpisodes.id, input.episodeId), eq(inpatientEpisodes.version, input.expectedVersion)))
    .returning({ id: inpatientEpisodes.id });
  return rows.length > 0;
}
