import { and, eq, isNull, sql } from "drizzle-orm";
import { visiblePeopleCondition, type Actor } from "../platform/access/index.ts";
import { isRole } from "../platform/access/roles.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { appointments, calendarFeeds } from "./tables.ts";
import type { AppointmentDetails, AppointmentStatus } from "./schema.ts";

export type AppointmentRow = typeof appointments.$inferSelect;

/** An appointment with the names a page needs. */
export interface AppointmentView {
  id: string;
  personId: string;
  person: { givenName: string; familyName: string; preferredName: string | null };
  workerId: string;
  workerName: string;
  startsAt: Date;
  durationMinutes: number;
  place: string | null;
  purpose: string | null;
  status: string;
  version: number;
  updatedAt: Date;
}

export async function insertAppointment(
  tx: Tx,
  input: { tenantId: string; personId: string; workerId: string; createdBy: string; details: AppointmentDetails },
): Promise<AppointmentRow> {
  const [row] = await tx
    .insert(appointments)
    .values({ id: newId(), tenantId: input.tenantId, personId: input.personId, workerId: input.workerId, createdBy: input.createdBy, ...input.details })
    .returning();
  if (!row) throw new Error("insert into appointments returned no row");
  return row;
}

export async function findAppointment(tx: Db | Tx, tenantId: string, appointmentId: string): Promise<AppointmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, appointmentId)))
    .limit(1);
  return row;
}

/** Saves only when the stored version is `expectedVersion`; undefined when someone saved first. */
export async function updateAppointment(
  tx: Tx,
  input: { tenantId: string; appointmentId: string; expectedVersion: number; set: Partial<AppointmentDetails> & { status?: AppointmentStatus } },
): Promise<AppointmentRow | undefined> {
  const [row] = await tx
    .update(appointments)
    .set({ ...input.set, updatedAt: sql`now()`, version: sql`${appointments.version} + 1` })
    .where(and(eq(appointments.tenantId, input.tenantId), eq(appointments.id, input.appointmentId), eq(appointments.version, input.expectedVersion)))
    .returning();
  return row;
}

const VIEW_SELECT = sql`
  SELECT appointments.id, appointments.person_id, people.given_name, people.family_name, people.preferred_name,
    appointments.worker_id, users.display_name AS worker_name, appointments.starts_at, appointments.duration_minutes,
    appointments.place, appointments.purpose, appointments.status, appointments.version, appointments.updated_at
  FROM appointments
  JOIN people ON people.tenant_id = appointments.tenant_id AND people.id = appointments.person_id
  JOIN users ON users.tenant_id = appointments.tenant_id AND users.id = appointments.worker_id`;

interface ViewRaw {
  id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  worker_id: string;
  worker_name: string;
  starts_at: Date | string;
  duration_minutes: number;
  place: string | null;
  purpose: string | null;
  status: string;
  version: number;
  updated_at: Date | string;
}

function toView(row: ViewRaw): AppointmentView {
  return {
    id: row.id,
    personId: row.person_id,
    person: { givenName: row.given_name, familyName: row.family_name, preferredName: row.preferred_name },
    workerId: row.worker_id,
    workerName: row.worker_name,
    startsAt: new Date(row.starts_at),
    durationMinutes: row.duration_minutes,
    place: row.place,
    purpose: row.purpose,
    status: row.status,
    version: row.version,
    updatedAt: new Date(row.updated_at),
  };
}

export async function findAppointmentView(tx: Db | Tx, tenantId: string, appointmentId: string): Promise<AppointmentView | undefined> {
  const [row] = await queryRows<ViewRaw>(tx, sql`${VIEW_SELECT} WHERE appointments.tenant_id = ${tenantId} AND appointments.id = ${appointmentId}`);
  return row ? toView(row) : undefined;
}

/** A person's appointments, soonest first: those still to come (and today's), then the past, most recent first. */
export async function listPersonAppointments(tx: Db | Tx, tenantId: string, personId: string, limit: number): Promise<AppointmentView[]> {
  const rows = await queryRows<ViewRaw>(tx, sql`${VIEW_SELECT}
    WHERE appointments.tenant_id = ${tenantId} AND appointments.person_id = ${personId}
    ORDER BY (appointments.starts_at < now() - interval '12 hours'),
      CASE WHEN appointments.starts_at >= now() - interval '12 hours' THEN appointments.starts_at END ASC,
      appointments.starts_at DESC
    LIMIT ${limit}`);
  return rows.map(toView);
}

/** A person's planned appointments still to come, soonest first. */
export async function upcomingPersonAppointments(tx: Db | Tx, tenantId: string, personId: string, limit: number): Promise<AppointmentView[]> {
  const rows = await queryRows<ViewRaw>(tx, sql`${VIEW_SELECT}
    WHERE appointments.tenant_id = ${tenantId} AND appointments.person_id = ${personId}
      AND appointments.status = 'planned' AND appointments.starts_at >= now()
    ORDER BY appointments.starts_at LIMIT ${limit}`);
  return rows.map(toView);
}

/** A worker's appointments between two instants, for people the actor may still see, soonest first. */
export async function listWorkerAppointments(
  tx: Db | Tx,
  actor: Actor,
  range: { workerId: string; from: Date; to: Date; statuses: readonly AppointmentStatus[]; limit: number },
): Promise<AppointmentView[]> {
  const rows = await queryRows<ViewRaw>(tx, sql`${VIEW_SELECT}
    WHERE appointments.tenant_id = ${actor.tenantId} AND appointments.worker_id = ${range.workerId}
      AND appointments.starts_at >= ${range.from.toISOString()} AND appointments.starts_at < ${range.to.toISOString()}
      AND appointments.status IN (${sql.join(range.statuses.map((status) => sql`${status}`), sql`, `)})
      AND ${visiblePeopleCondition(actor)}
    ORDER BY appointments.starts_at, appointments.id
    LIMIT ${range.limit}`);
  return rows.map(toView);
}

/** The next planned appointment of each of these people (any worker), for people the actor may see. */
export async function nextPlannedAppointments(tx: Db | Tx, actor: Actor, personIds: string[]): Promise<AppointmentView[]> {
  if (personIds.length === 0) return [];
  const rows = await queryRows<ViewRaw>(tx, sql`
    SELECT DISTINCT ON (next.person_id) next.* FROM (${VIEW_SELECT}
      WHERE appointments.tenant_id = ${actor.tenantId}
        AND appointments.person_id IN (${sql.join(personIds.map((id) => sql`${id}`), sql`, `)})
        AND appointments.status = 'planned' AND appointments.starts_at >= now()
        AND ${visiblePeopleCondition(actor)}) next
    ORDER BY next.person_id, next.starts_at`);
  return rows.map(toView);
}

export interface CalendarFeedOwner {
  feedId: string;
  actor: Actor;
}

export async function revokeActiveFeeds(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const rows = await tx
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return rows.length;
}

export async function insertFeed(tx: Tx, input: { tenantId: string; userId: string; tokenHash: string }): Promise<string> {
  const id = newId();
  await tx.insert(calendarFeeds).values({ id, ...input });
  return id;
}

export async function findActiveFeed(tx: Db | Tx, tenantId: string, userId: string): Promise<{ id: string; createdAt: Date } | undefined> {
  const [row] = await tx
    .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tenantId, tenantId), eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .limit(1);
  return row;
}

/** The owner of a live calendar address, as an actor, or undefined when it is unknown, stopped or the account is off. */
export async function findFeedOwner(tx: Db | Tx, tokenHash: string, ip: string): Promise<CalendarFeedOwner | undefined> {
  const [row] = await queryRows<{
    feed_id: string;
    tenant_id: string;
    user_id: string;
    organisation_id: string;
    team_id: string | null;
    email: string;
    display_name: string;
    roles: string[];
  }>(tx, sql`
    SELECT feed.id AS feed_id, users.tenant_id, users.id AS user_id, users.organisation_id, users.team_id, users.email,
      users.display_name, users.roles
    FROM calendar_feeds feed
    JOIN users ON users.tenant_id = feed.tenant_id AND users.id = feed.user_id
    WHERE feed.token_hash = ${tokenHash} AND feed.revoked_at IS NULL AND users.active
  `);
  if (!row) return undefined;
  return {
    feedId: row.feed_id,
    actor: {
      userId: row.user_id,
      tenantId: row.tenant_id,
      organisationId: row.organisation_id,
      teamId: row.team_id,
      email: row.email,
      displayName: row.display_name,
      roles: row.roles.filter(isRole),
      ip,
    },
  };
}
