import { and, eq, isNull, sql } from "drizzle-orm";
import { LONDON_TODAY } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { covers } from "./tables.ts";

export interface CoverRow {
  id: string;
  absentUserId: string;
  absentName: string;
  coveringUserId: string;
  coveringName: string;
  startsOn: string;
  endsOn: string;
  handoverNote: string | null;
  cancelled: boolean;
  version: number;
}

/** Covers in a team that have not ended more than `pastDays` ago, soonest first. */
export async function listTeamCovers(tx: Db | Tx, tenantId: string, teamId: string, pastDays = 30): Promise<CoverRow[]> {
  const rows = await queryRows<{
    id: string;
    absent_user_id: string;
    absent_name: string;
    covering_user_id: string;
    covering_name: string;
    starts_on: string;
    ends_on: string;
    handover_note: string | null;
    cancelled: boolean;
    version: number;
  }>(
    tx,
    sql`SELECT cover.id, cover.absent_user_id, absent.display_name AS absent_name, cover.covering_user_id,
        covering.display_name AS covering_name, cover.starts_on::text AS starts_on, cover.ends_on::text AS ends_on,
        cover.handover_note, cover.cancelled_at IS NOT NULL AS cancelled, cover.version
      FROM covers cover
      JOIN users absent ON absent.tenant_id = cover.tenant_id AND absent.id = cover.absent_user_id
      JOIN users covering ON covering.tenant_id = cover.tenant_id AND covering.id = cover.covering_user_id
      WHERE cover.tenant_id = ${tenantId} AND absent.team_id = ${teamId}
        AND cover.ends_on >= ${LONDON_TODAY} - ${pastDays}::int
      ORDER BY cover.starts_on, cover.id`,
  );
  return rows.map(toCover);
}

/** Covers a worker is doing today, with the handover notes left for them. */
export async function listCoversBy(tx: Db | Tx, tenantId: string, coveringUserId: string): Promise<CoverRow[]> {
  const rows = await queryRows<Parameters<typeof toCover>[0]>(
    tx,
    sql`SELECT cover.id, cover.absent_user_id, absent.display_name AS absent_name, cover.covering_user_id,
        covering.display_name AS covering_name, cover.starts_on::text AS starts_on, cover.ends_on::text AS ends_on,
        cover.handover_note, FALSE AS cancelled, cover.version
      FROM covers cover
      JOIN users absent ON absent.tenant_id = cover.tenant_id AND absent.id = cover.absent_user_id
      JOIN users covering ON covering.tenant_id = cover.tenant_id AND covering.id = cover.covering_user_id
      WHERE cover.tenant_id = ${tenantId} AND cover.covering_user_id = ${coveringUserId} AND cover.cancelled_at IS NULL
        AND ${LONDON_TODAY} BETWEEN cover.starts_on AND cover.ends_on
      ORDER BY cover.ends_on`,
  );
  return rows.map(toCover);
}

function toCover(row: {
  id: string;
  absent_user_id: string;
  absent_name: string;
  covering_user_id: string;
  covering_name: string;
  starts_on: string;
  ends_on: string;
  handover_note: string | null;
  cancelled: boolean;
  version: number;
}): CoverRow {
  return {
    id: row.id,
    absentUserId: row.absent_user_id,
    absentName: row.absent_name,
    coveringUserId: row.covering_user_id,
    coveringName: row.covering_name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    handoverNote: row.handover_note,
    cancelled: row.cancelled,
    version: row.version,
  };
}

export async function insertCover(
  tx: Tx,
  input: { tenantId: string; absentUserId: string; coveringUserId: string; startsOn: string; endsOn: string; handoverNote: string | null; createdBy: string },
): Promise<string> {
  const id = newId();
  await tx.insert(covers).values({ id, ...input });
  return id;
}

export async function cancelCover(tx: Tx, tenantId: string, coverId: string, expectedVersion: number): Promise<boolean> {
  const rows = await tx
    .update(covers)
    .set({ cancelledAt: sql`now()`, updatedAt: sql`now()`, version: sql`${covers.version} + 1` })
    .where(and(eq(covers.tenantId, tenantId), eq(covers.id, coverId), eq(covers.version, expectedVersion), isNull(covers.cancelledAt)))
    .returning({ id: covers.id });
  return rows.length > 0;
}

export async function findTeamCover(tx: Db | Tx, tenantId: string, teamId: string, coverId: string): Promise<CoverRow | undefined> {
  const all = await listTeamCovers(tx, tenantId, teamId, 100_000);
  return all.find((cover) => cover.id === coverId);
}
