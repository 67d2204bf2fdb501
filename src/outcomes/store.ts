import { sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { AggregateRow } from "./distance.ts";
import type { ScaleDomain } from "./schema.ts";

export interface ScaleRow {
  id: string;
  name: string;
  description: string | null;
  domains: ScaleDomain[];
  isDefault: boolean;
  active: boolean;
  version: number;
}

interface ScaleRaw {
  id: string;
  name: string;
  description: string | null;
  domains: ScaleDomain[] | string;
  is_default: boolean;
  active: boolean;
  version: number;
}

function toScale(row: ScaleRaw): ScaleRow {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    domains: typeof row.domains === "string" ? (JSON.parse(row.domains) as ScaleDomain[]) : row.domains,
    isDefault: row.is_default,
    active: row.active,
    version: Number(row.version),
  };
}

const SCALE_COLUMNS = sql`id, name, description, domains, is_default, active, version`;

/** Every scale of the tenant, the default first. */
export async function listScales(tx: Db | Tx, tenantId: string): Promise<ScaleRow[]> {
  const rows = await queryRows<ScaleRaw>(tx, sql`SELECT ${SCALE_COLUMNS} FROM outcome_scales WHERE tenant_id = ${tenantId} ORDER BY is_default DESC, name`);
  return rows.map(toScale);
}

export async function findScale(tx: Db | Tx, tenantId: string, scaleId: string): Promise<ScaleRow | null> {
  const [row] = await queryRows<ScaleRaw>(tx, sql`SELECT ${SCALE_COLUMNS} FROM outcome_scales WHERE tenant_id = ${tenantId} AND id = ${scaleId}`);
  return row ? toScale(row) : null;
}

export async function findDefaultScale(tx: Db | Tx, tenantId: string): Promise<ScaleRow | null> {
  const [row] = await queryRows<ScaleRaw>(tx, sql`SELECT ${SCALE_COLUMNS} FROM outcome_scales WHERE tenant_id = ${tenantId} AND is_default ORDER BY created_at LIMIT 1`);
  return row ? toScale(row) : null;
}

/** Adds a scale unless one of the same name exists; returns its id either way. */
export async function insertScaleOnce(
  tx: Db | Tx,
  values: { tenantId: string; name: string; description: string | null; domains: ScaleDomain[]; isDefault: boolean; createdBy: string | null },
): Promise<string> {
  await queryRows(
    tx,
    sql`INSERT INTO outcome_scales (id, tenant_id, name, description, domains, is_default, active, created_by, version)
        VALUES (${newId()}, ${values.tenantId}, ${values.name}, ${values.description}, ${JSON.stringify(values.domains)}::jsonb, ${values.isDefault}, true, ${values.createdBy}, 1)
        ON CONFLICT (tenant_id, name) DO NOTHING`,
  );
  const [row] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM outcome_scales WHERE tenant_id = ${values.tenantId} AND name = ${values.name}`);
  if (!row) throw new Error("The scale was not saved");
  return row.id;
}

export interface ReadingRow {
  id: string;
  scaleId: string;
  takenOn: string;
  scores: Record<string, number>;
  note: string | null;
  recordedBy: { id: string; name: string } | null;
  version: number;
}

interface ReadingRaw {
  id: string;
  scale_id: string;
  taken_on: string | Date;
  scores: Record<string, number> | string;
  note: string | null;
  recorded_by: string | null;
  recorded_by_name: string | null;
  version: number;
}

function isoDay(value: string | Date): string {
  return typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

function toReading(row: ReadingRaw): ReadingRow {
  return {
    id: row.id,
    scaleId: row.scale_id,
    takenOn: isoDay(row.taken_on),
    scores: typeof row.scores === "string" ? (JSON.parse(row.scores) as Record<string, number>) : row.scores,
    note: row.note,
    recordedBy: row.recorded_by ? { id: row.recorded_by, name: row.recorded_by_name ?? "Someone no longer in Keywork" } : null,
    version: Number(row.version),
  };
}

const READING_SELECT = sql`SELECT reading.id, reading.scale_id, reading.taken_on::text AS taken_on, reading.scores, reading.note, reading.recorded_by, recorder.display_name AS recorded_by_name, reading.version
  FROM outcome_readings reading
  LEFT JOIN users recorder ON recorder.tenant_id = reading.tenant_id AND recorder.id = reading.recorded_by`;

/** The person's readings, oldest first. */
export async function listReadings(tx: Db | Tx, tenantId: string, personId: string): Promise<ReadingRow[]> {
  const rows = await queryRows<ReadingRaw>(tx, sql`${READING_SELECT} WHERE reading.tenant_id = ${tenantId} AND reading.person_id = ${personId} ORDER BY reading.taken_on, reading.recorded_at`);
  return rows.map(toReading);
}

export async function findReading(tx: Db | Tx, tenantId: string, personId: string, readingId: string): Promise<ReadingRow | null> {
  const [row] = await queryRows<ReadingRaw>(tx, sql`${READING_SELECT} WHERE reading.tenant_id = ${tenantId} AND reading.person_id = ${personId} AND reading.id = ${readingId}`);
  return row ? toReading(row) : null;
}

export async function insertReading(
  tx: Db | Tx,
  values: { tenantId: string; personId: string; scaleId: string; takenOn: string; scores: Record<string, number>; note: string | null; recordedBy: string | null; recordedAt?: Date },
): Promise<string> {
  const id = newId();
  await queryRows(
    tx,
    sql`INSERT INTO outcome_readings (id, tenant_id, person_id, scale_id, taken_on, scores, note, recorded_by, recorded_at, version)
        VALUES (${id}, ${values.tenantId}, ${values.personId}, ${values.scaleId}, ${values.takenOn}::date, ${JSON.stringify(values.scores)}::jsonb, ${values.note}, ${values.recordedBy},
                ${(values.recordedAt ?? new Date()).toISOString()}::timestamptz, 1)`,
  );
  return id;
}

/** Changes a reading saved at `expectedVersion`; false when someone changed it first. */
export async function updateReading(
  tx: Db | Tx,
  values: { tenantId: string; personId: string; readingId: string; takenOn: string; scores: Record<string, number>; note: string | null; recordedBy: string; expectedVersion: number },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE outcome_readings SET taken_on = ${values.takenOn}::date, scores = ${JSON.stringify(values.scores)}::jsonb, note = ${values.note}, recorded_by = ${values.recordedBy},
          updated_at = now(), version = version + 1
        WHERE tenant_id = ${values.tenantId} AND person_id = ${values.personId} AND id = ${values.readingId} AND version = ${values.expectedVersion}
        RETURNING id`,
  );
  return rows.length > 0;
}

/**
 * Per domain, over the team's people with at least two readings of the scale between `from` and
 * `to` (inclusive): how many people, their average first and latest score, and the average change.
 */
export async function aggregateForTeam(tx: Db | Tx, tenantId: string, teamId: string, scaleId: string, from: string, to: string): Promise<AggregateRow[]> {
  const rows = await queryRows<{ domain_key: string; people: number | string; average_first: number | string; average_latest: number | string; average_change: number | string }>(
    tx,
    sql`WITH in_period AS (
          SELECT reading.person_id, reading.taken_on, reading.recorded_at, reading.scores
          FROM outcome_readings reading
          JOIN people person ON person.tenant_id = reading.tenant_id AND person.id = reading.person_id
          WHERE reading.tenant_id = ${tenantId} AND person.team_id = ${teamId} AND reading.scale_id = ${scaleId}
            AND reading.taken_on BETWEEN ${from}::date AND ${to}::date
        ),
        scored AS (
          SELECT in_period.person_id, in_period.taken_on, in_period.recorded_at, score.key AS domain_key, score.value::numeric AS score
          FROM in_period, jsonb_each_text(in_period.scores) AS score
        ),
        ranked AS (
          SELECT person_id, domain_key, score,
                 row_number() OVER (PARTITION BY person_id, domain_key ORDER BY taken_on, recorded_at) AS from_first,
                 row_number() OVER (PARTITION BY person_id, domain_key ORDER BY taken_on DESC, recorded_at DESC) AS from_latest,
                 count(*) OVER (PARTITION BY person_id, domain_key) AS readings
          FROM scored
        ),
        per_person AS (
          SELECT person_id, domain_key,
                 max(score) FILTER (WHERE from_first = 1) AS first_score,
                 max(score) FILTER (WHERE from_latest = 1) AS latest_score
          FROM ranked WHERE readings >= 2
          GROUP BY person_id, domain_key
        )
        SELECT domain_key, count(*) AS people,
               round(avg(first_score), 2) AS average_first,
               round(avg(latest_score), 2) AS average_latest,
               round(avg(latest_score - first_score), 2) AS average_change
        FROM per_person GROUP BY domain_key ORDER BY domain_key`,
  );
  return rows.map((row) => ({
    domainKey: row.domain_key,
    people: Number(row.people),
    averageFirst: Number(row.average_first),
    averageLatest: Number(row.average_latest),
    averageChange: Number(row.average_change),
  }));
}

/** The team's name, for the aggregate page. */
export async function teamName(tx: Db | Tx, tenantId: string, teamId: string): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(tx, sql`SELECT name FROM teams WHERE tenant_id = ${tenantId} AND id = ${teamId}`);
  return row?.name ?? null;
}

/** Adds a scale; null when the tenant already has one of that name. */
export async function insertScale(
  tx: Db | Tx,
  values: { tenantId: string; name: string; description: string | null; domains: ScaleDomain[]; createdBy: string },
): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO outcome_scales (id, tenant_id, name, description, domains, is_default, active, created_by, version)
        VALUES (${newId()}, ${values.tenantId}, ${values.name}, ${values.description}, ${JSON.stringify(values.domains)}::jsonb, false, true, ${values.createdBy}, 1)
        ON CONFLICT (tenant_id, name) DO NOTHING
        RETURNING id`,
  );
  return rows[0]?.id ?? null;
}

/** Changes a scale saved at `expectedVersion`; "stale" when someone changed it first, "name-taken" when another scale has the name. */
export async function updateScale(
  tx: Db | Tx,
  values: { tenantId: string; scaleId: string; name: string; description: string | null; domains: ScaleDomain[]; expectedVersion: number },
): Promise<"saved" | "stale" | "name-taken"> {
  const [clash] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM outcome_scales WHERE tenant_id = ${values.tenantId} AND name = ${values.name} AND id <> ${values.scaleId}`);
  if (clash) return "name-taken";
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE outcome_scales SET name = ${values.name}, description = ${values.description}, domains = ${JSON.stringify(values.domains)}::jsonb, updated_at = now(), version = version + 1
        WHERE tenant_id = ${values.tenantId} AND id = ${values.scaleId} AND version = ${values.expectedVersion}
        RETURNING id`,
  );
  return rows.length > 0 ? "saved" : "stale";
}

export async function setScaleActive(tx: Db | Tx, tenantId: string, scaleId: string, active: boolean): Promise<void> {
  await queryRows(tx, sql`UPDATE outcome_scales SET active = ${active}, updated_at = now(), version = version + 1 WHERE tenant_id = ${tenantId} AND id = ${scaleId} RETURNING id`);
}

/** The domain keys scored in any reading of the scale. */

/** The lowest and highest score readings hold in each area of a scale. */
export async function usedScoreRanges(tx: Db | Tx, tenantId: string, scaleId: string): Promise<Array<{ key: string; lowest: number; highest: number }>> {
  const rows = await queryRows<{ key: string; lowest: number | string; highest: number | string }>(
    tx,
    sql`SELECT score.key, min(score.value::int) AS lowest, max(score.value::int) AS highest
        FROM outcome_readings reading, jsonb_each_text(reading.scores) AS score(key, value)
        WHERE reading.tenant_id = ${tenantId} AND reading.scale_id = ${scaleId}
        GROUP BY score.key ORDER BY score.key`,
  );
  return rows.map((row) => ({ key: row.key, lowest: Number(row.lowest), highest: Number(row.highest) }));
}

/** How many readings each scale has. */
export async function readingCounts(tx: Db | Tx, tenantId: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ scale_id: string; readings: number | string }>(tx, sql`SELECT scale_id, count(*) AS readings FROM outcome_readings WHERE tenant_id = ${tenantId} GROUP BY scale_id`);
  return new Map(rows.map((row) => [row.scale_id, Number(row.readings)]));
}
