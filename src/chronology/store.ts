import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { HEALTH_EVENT_KINDS, OFFENDING_EVENT_KINDS, type ChronologyFilter, type SignificantEventInput, type TimelineCursor } from "./schema.ts";
import { chronologyEvents, significantEvents } from "./tables.ts";

export interface NewChronologyEvent {
  tenantId: string;
  personId: string;
  kind: string;
  summary: string;
  section: string;
  detail?: Record<string, unknown> | null;
  actorUserId: string | null;
  sourceType?: string | null;
  sourceId?: string | null;
  occurredAt?: Date;
}

export async function insertChronologyEvent(tx: Db | Tx, event: NewChronologyEvent): Promise<void> {
  await tx.insert(chronologyEvents).values({
    id: newId(),
    tenantId: event.tenantId,
    personId: event.personId,
    kind: event.kind,
    summary: event.summary,
    section: event.section,
    detail: event.detail ?? null,
    actorUserId: event.actorUserId,
    sourceType: event.sourceType ?? null,
    sourceId: event.sourceId ?? null,
    ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
  });
}

export interface TimelineQuery {
  tenantId: string;
  personId: string;
  /** Sections the reader may see; null for every section. */
  sections: readonly string[] | null;
  /** Categories of risk whose events the reader may see (of the "risks" section); null for all. */
  riskCategories: readonly string[] | null;
  filter: ChronologyFilter | null;
  /** First and last UK calendar days, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  before: TimelineCursor | null;
  limit: number;
  offset: number;
}

export interface TimelineRow {
  source: "contact" | "event" | "significant-event";
  id: string;
  occurredAt: Date;
  recordedAt: Date;
  kind: string;
  summary: string | null;
  section: string;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
  contactType: string | null;
  contactLocation: string | null;
  durationMinutes: number | null;
  workerName: string | null;
  sourceType: string | null;
  sourceId: string | null;
  /** The position of this item, for `before` on the next page. */
  cursor: string;
  total: number;
}

interface TimelineRaw {
  source: TimelineRow["source"];
  id: string;
  occurred_at: Date | string;
  recorded_at: Date | string;
  kind: string;
  summary: string | null;
  section: string;
  actor_id: string | null;
  actor_name: string | null;
  note: string | null;
  contact_type: string | null;
  contact_location: string | null;
  duration_minutes: number | null;
  worker_name: string | null;
  source_type: string | null;
  source_id: string | null;
  cursor_at: string;
  total: number;
}

const allows = (sections: readonly string[] | null, section: string) => sections === null || sections.includes(section);

/**
 * One person's timeline, newest first: their contacts as they are now, the events every capability
 * recorded, and the significant events written by hand. Sections the reader may not see are left
 * out in each branch, so consent is applied in the database.
 */
export async function listTimeline(tx: Db | Tx, query: TimelineQuery): Promise<TimelineRow[]> {
  const { tenantId, personId, sections, filter } = query;
  const common = (alias: string): SQL => {
    const column = sql.raw(`${alias}.occurred_at`);
    const id = sql.raw(`${alias}.id`);
    const table = sql.raw(alias);
    const conditions: SQL[] = [sql`${table}.tenant_id = ${tenantId}`, sql`${table}.person_id = ${personId}`];
    if (query.from) conditions.push(sql`${column} >= (${query.from}::date)::timestamp AT TIME ZONE 'Europe/London'`);
    if (query.to) conditions.push(sql`${column} < (${query.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London'`);
    if (query.before?.id) conditions.push(sql`(${column}, ${id}) < (${query.before.at}::timestamptz, ${query.before.id}::uuid)`);
    else if (query.before) conditions.push(sql`${column} < ${query.before.at}::timestamptz`);
    return sql.join(conditions, sql` AND `);
  };
  const branches: SQL[] = [];
  if ((filter === null || filter === "contacts") && allows(sections, "contacts")) {
    branches.push(sql`SELECT 'contact' AS source, c.id, c.occurred_at, c.created_at AS recorded_at, 'contact' AS kind, NULL::text AS summary,
        'contacts' AS section, coalesce(c.recorded_by, c.worker_id) AS actor_id, NULL::text AS note, c.type AS contact_type,
        c.location AS contact_location, c.duration_minutes, worker.display_name AS worker_name, 'contact' AS source_type, c.id AS source_id
      FROM contacts c LEFT JOIN users worker ON worker.tenant_id = c.tenant_id AND worker.id = c.worker_id
      WHERE ${common("c")}`);
  }
  if (filter === null || filter === "significant-events") {
    // Arrests and sentences belong to "offending", hospital and crises to "health": readers other
    // than the person's own workers see them only with consent, and never the worker's own words.
    const kinds = (list: readonly string[]) => sql.join(list.map((kind) => sql`${kind}`), sql`, `);
    const section = sql`(CASE WHEN s.kind IN (${kinds(OFFENDING_EVENT_KINDS)}) THEN 'offending'
      WHEN s.kind IN (${kinds(HEALTH_EVENT_KINDS)}) THEN 'health' ELSE 'record' END)`;
    const visible = sections === null ? sql`TRUE` : sections.length === 0 ? sql`FALSE` : sql`${section} IN (${sql.join(sections.map((item) => sql`${item}`), sql`, `)})`;
    branches.push(sql`SELECT 'significant-event' AS source, s.id, s.occurred_at, s.created_at AS recorded_at, s.kind,
          ${sections === null ? sql`s.title` : sql`NULL::text`} AS summary,
          ${section} AS section, s.recorded_by AS actor_id, s.note, NULL::text, NULL::text, NULL::int, NULL::text,
          'significant-event' AS source_type, s.id AS source_id
        FROM significant_events s
        WHERE ${common("s")} AND ${visible}`);
  }
  if (filter !== "contacts" && filter !== "significant-events") {
    const eventConditions: SQL[] = [common("e")];
    if (filter === "consent" || filter === "risks") eventConditions.push(sql`e.section = ${filter}`);
    if (filter === "record") eventConditions.push(sql`e.section NOT IN ('consent', 'risks')`);
    if (sections !== null) eventConditions.push(sections.length === 0 ? sql`FALSE` : sql`e.section IN (${sql.join(sections.map((section) => sql`${section}`), sql`, `)})`);
    if (query.riskCategories !== null) {
      // The category the event was about, or (for events that did not record it) the risk's own.
      const category = sql`coalesce(e.detail->>'category', (SELECT r.category FROM risks r WHERE r.tenant_id = e.tenant_id AND r.id = e.source_id AND e.source_type = 'risk'))`;
      eventConditions.push(
        query.riskCategories.length === 0
          ? sql`e.section <> 'risks'`
          : sql`(e.section <> 'risks' OR ${category} IN (${sql.join(query.riskCategories.map((item) => sql`${item}`), sql`, `)}))`,
      );
    }
    // A referral's reason is what the referrer wrote: shown with the event to those who may read the story.
    branches.push(sql`SELECT 'event' AS source, e.id, e.occurred_at, e.occurred_at AS recorded_at, e.kind, e.summary, e.section,
        e.actor_user_id AS actor_id, CASE WHEN e.kind = 'referral-received' AND e.section = 'story' THEN e.detail->>'reason' END, NULL::text, NULL::text, NULL::int, NULL::text, e.source_type, e.source_id
      FROM chronology_events e
      WHERE ${sql.join(eventConditions, sql` AND `)}`);
  }
  if (branches.length === 0) return [];
  const rows = await queryRows<TimelineRaw>(tx, sql`
    SELECT items.*, actor.display_name AS actor_name, count(*) OVER ()::int AS total,
      to_char(items.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
    FROM (${sql.join(branches, sql` UNION ALL `)}) items
    LEFT JOIN users actor ON actor.tenant_id = ${tenantId} AND actor.id = items.actor_id
    ORDER BY items.occurred_at DESC, items.id DESC
    LIMIT ${query.limit} OFFSET ${query.offset}
  `);
  return rows.map((row) => ({
    source: row.source,
    id: row.id,
    occurredAt: new Date(row.occurred_at),
    recordedAt: new Date(row.recorded_at),
    kind: row.kind,
    summary: row.summary,
    section: row.section,
    actorId: row.actor_id,
    actorName: row.actor_name,
    note: row.note,
    contactType: row.contact_type,
    contactLocation: row.contact_location,
    durationMinutes: row.duration_minutes === null ? null : Number(row.duration_minutes),
    workerName: row.worker_name,
    sourceType: row.source_type,
    sourceId: row.source_id,
    cursor: `${row.cursor_at}_${row.id}`,
    total: row.total,
  }));
}

export type SignificantEventRow = typeof significantEvents.$inferSelect;

/** `at` backdates the record (demo data and imports); otherwise it is now. */
export async function insertSignificantEvent(
  tx: Tx,
  input: { tenantId: string; personId: string; recordedBy: string; event: SignificantEventInput; at?: Date },
): Promise<SignificantEventRow> {
  const [row] = await tx
    .insert(significantEvents)
    .values({
      id: newId(),
      tenantId: input.tenantId,
      personId: input.personId,
      recordedBy: input.recordedBy,
      ...input.event,
      ...(input.at ? { createdAt: input.at, updatedAt: input.at } : {}),
    })
    .returning();
  if (!row) throw new Error("insert into significant_events returned no row");
  return row;
}

export async function findSignificantEvent(tx: Db | Tx, tenantId: string, eventId: string): Promise<SignificantEventRow | undefined> {
  const [row] = await tx
    .select()
    .from(significantEvents)
    .where(and(eq(significantEvents.tenantId, tenantId), eq(significantEvents.id, eventId)))
    .limit(1);
  return row;
}

/** Saves only when the stored version is `expectedVersion`; undefined when someone saved first. */
export async function updateSignificantEvent(
  tx: Tx,
  input: { tenantId: string; eventId: string; expectedVersion: number; event: SignificantEventInput },
): Promise<SignificantEventRow | undefined> {
  const [row] = await tx
    .update(significantEvents)
    .set({ ...input.event, updatedAt: sql`now()`, version: sql`${significantEvents.version} + 1` })
    .where(and(eq(significantEvents.tenantId, input.tenantId), eq(significantEvents.id, input.eventId), eq(significantEvents.version, input.expectedVersion)))
    .returning();
  return row;
}

export interface StoryRevisionRow {
  version: number;
  story: string | null;
  changedAt: Date;
  changedByName: string | null;
}

/** Every saved version of the person record's story, oldest first. */
export async function listStoryRevisions(tx: Db | Tx, tenantId: string, personId: string): Promise<StoryRevisionRow[]> {
  const rows = await queryRows<{ version: number; story: string | null; changed_at: Date | string; changed_by_name: string | null }>(tx, sql`
    SELECT revision.version, revision.snapshot->>'story' AS story, revision.changed_at, users.display_name AS changed_by_name
    FROM person_revisions revision
    LEFT JOIN users ON users.tenant_id = revision.tenant_id AND users.id = revision.changed_by
    WHERE revision.tenant_id = ${tenantId} AND revision.person_id = ${personId}
    ORDER BY revision.version
  `);
  return rows.map((row) => ({ version: Number(row.version), story: row.story, changedAt: new Date(row.changed_at), changedByName: row.changed_by_name }));
}

export async function latestSignificantEventOfKind(tx: Db | Tx, tenantId: string, personIds: string[], kind: string): Promise<Map<string, Date>> {
  if (personIds.length === 0) return new Map();
  const rows = await queryRows<{ person_id: string; latest: Date | string }>(tx, sql`
    SELECT person_id, max(occurred_at) AS latest FROM significant_events
    WHERE tenant_id = ${tenantId} AND kind = ${kind}
      AND person_id IN (${sql.join(personIds.map((id) => sql`${id}::uuid`), sql`, `)})
    GROUP BY person_id
  `);
  return new Map(rows.map((row) => [row.person_id, new Date(row.latest)]));
}
