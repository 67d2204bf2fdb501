import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { AttendeeInput, AttendeeKind, MeetingInput, MeetingKind } from "./schema.ts";
import { meetingAttendees, meetings } from "./tables.ts";

export type MeetingRow = typeof meetings.$inferSelect;

/** A meeting as the pages and the API show it, with counts of the recommendations the reader may see. */
export interface MeetingView {
  id: string;
  personId: string;
  kind: MeetingKind;
  heldOn: string;
  location: string | null;
  notes: string | null;
  createdBy: { id: string; name: string } | null;
  updatedBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  counts: { outstanding: number; overdue: number; done: number; cancelled: number };
}

export interface AttendeeView {
  id: string;
  meetingId: string;
  kind: AttendeeKind;
  userId: string | null;
  name: string;
  role: string | null;
  sentApologies: boolean;
}

/** A recommendation: a plan action carrying its meeting's id. */
export interface RecommendationView {
  id: string;
  personId: string;
  meetingId: string;
  meeting: { kind: MeetingKind; heldOn: string };
  description: string;
  dueOn: string;
  status: "open" | "done" | "cancelled";
  overdue: boolean;
  ownerOrganisation: { id: string; name: string };
  owner: { id: string; name: string } | null;
  ownerName: string | null;
  evidence: string | null;
  completedAt: Date | null;
  version: number;
}

/** Whose recommendations a reader sees: all of them, or only those their own organisation owns. */
export type OwnerFilter = { organisationId: string } | null;

const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

function ownedBy(filter: OwnerFilter): SQL {
  return filter ? sql`AND action.owner_organisation_id = ${filter.organisationId}` : sql``;
}

interface MeetingRaw {
  id: string;
  person_id: string;
  kind: MeetingKind;
  held_on: string;
  location: string | null;
  notes: string | null;
  created_by: string | null;
  created_by_name: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
  outstanding: number;
  overdue: number;
  done: number;
  cancelled: number;
}

function meetingsQuery(where: SQL, today: string, filter: OwnerFilter): SQL {
  return sql`
    SELECT meeting.id, meeting.person_id, meeting.kind, meeting.held_on::text AS held_on, meeting.location, meeting.notes,
      meeting.created_by, creator.display_name AS created_by_name, meeting.updated_by, updater.display_name AS updated_by_name,
      meeting.created_at, meeting.updated_at, meeting.version,
      count(action.id) FILTER (WHERE action.status = 'open')::int AS outstanding,
      count(action.id) FILTER (WHERE action.status = 'open' AND action.due_on < ${today}::date)::int AS overdue,
      count(action.id) FILTER (WHERE action.status = 'done')::int AS done,
      count(action.id) FILTER (WHERE action.status = 'cancelled')::int AS cancelled
    FROM meetings meeting
    LEFT JOIN users creator ON creator.tenant_id = meeting.tenant_id AND creator.id = meeting.created_by
    LEFT JOIN users updater ON updater.tenant_id = meeting.tenant_id AND updater.id = meeting.updated_by
    LEFT JOIN plan_actions action ON action.tenant_id = meeting.tenant_id AND action.meeting_id = meeting.id ${ownedBy(filter)}
    WHERE ${where}
    GROUP BY meeting.id, creator.display_name, updater.display_name`;
}

function toMeeting(row: MeetingRaw): MeetingView {
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind,
    heldOn: row.held_on,
    location: row.location,
    notes: row.notes,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? "Unknown" } : null,
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? "Unknown" } : null,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    version: Number(row.version),
    counts: { outstanding: Number(row.outstanding), overdue: Number(row.overdue), done: Number(row.done), cancelled: Number(row.cancelled) },
  };
}

/** A person's meetings: planned ones first, soonest first; then those held, most recent first. */
export async function listMeetings(tx: Db | Tx, tenantId: string, personId: string, today: string, filter: OwnerFilter): Promise<MeetingView[]> {
  const rows = await queryRows<MeetingRaw>(tx, sql`${meetingsQuery(sql`meeting.tenant_id = ${tenantId} AND meeting.person_id = ${personId}`, today, filter)}
    ORDER BY (meeting.held_on > ${today}::date) DESC,
      CASE WHEN meeting.held_on > ${today}::date THEN meeting.held_on END ASC,
      meeting.held_on DESC, meeting.created_at DESC`);
  return rows.map(toMeeting);
}

export async function findMeeting(tx: Db | Tx, tenantId: string, meetingId: string, today: string, filter: OwnerFilter): Promise<MeetingView | undefined> {
  const [row] = await queryRows<MeetingRaw>(tx, meetingsQuery(sql`meeting.tenant_id = ${tenantId} AND meeting.id = ${meetingId}`, today, filter));
  return row ? toMeeting(row) : undefined;
}

/** The person a meeting is about, before deciding whether the reader may see it. */
export async function meetingPersonId(tx: Db | Tx, tenantId: string, meetingId: string): Promise<string | undefined> {
  const [row] = await tx.select({ personId: meetings.personId }).from(meetings).where(and(eq(meetings.tenantId, tenantId), eq(meetings.id, meetingId)));
  return row?.personId;
}

export async function listAttendees(tx: Db | Tx, tenantId: string, meetingIds: string[]): Promise<AttendeeView[]> {
  if (meetingIds.length === 0) return [];
  const rows = await queryRows<{ id: string; meeting_id: string; kind: AttendeeKind; user_id: string | null; name: string; role: string | null; sent_apologies: boolean }>(tx, sql`
    SELECT id, meeting_id, kind, user_id, name, role, sent_apologies FROM meeting_attendees
    WHERE tenant_id = ${tenantId} AND meeting_id IN (${sql.join(meetingIds.map((id) => sql`${id}::uuid`), sql`, `)})
    ORDER BY id`);
  return rows.map((row) => ({ id: row.id, meetingId: row.meeting_id, kind: row.kind, userId: row.user_id, name: row.name, role: row.role, sentApologies: row.sent_apologies }));
}

interface RecommendationRaw {
  id: string;
  person_id: string;
  meeting_id: string;
  meeting_kind: MeetingKind;
  meeting_held_on: string;
  description: string;
  due_on: string;
  status: "open" | "done" | "cancelled";
  overdue: boolean;
  owner_organisation_id: string;
  owner_organisation_name: string;
  owner_user_id: string | null;
  owner_user_name: string | null;
  owner_name: string | null;
  evidence: string | null;
  completed_at: Date | string | null;
  version: number;
}

function recommendationsQuery(where: SQL, today: string, filter: OwnerFilter, order: SQL): SQL {
  return sql`
    SELECT action.id, action.person_id, action.meeting_id, meeting.kind AS meeting_kind, meeting.held_on::text AS meeting_held_on,
      action.description, action.due_on::text AS due_on, action.status,
      (action.status = 'open' AND action.due_on < ${today}::date) AS overdue,
      action.owner_organisation_id, organisation.name AS owner_organisation_name, action.owner_user_id, owner.display_name AS owner_user_name,
      action.owner_name, action.evidence, action.completed_at, action.version
    FROM plan_actions action
    JOIN meetings meeting ON meeting.tenant_id = action.tenant_id AND meeting.id = action.meeting_id
    JOIN organisations organisation ON organisation.tenant_id = action.tenant_id AND organisation.id = action.owner_organisation_id
    LEFT JOIN users owner ON owner.tenant_id = action.tenant_id AND owner.id = action.owner_user_id
    WHERE ${where} ${ownedBy(filter)}
    ORDER BY ${order}`;
}

function toRecommendation(row: RecommendationRaw): RecommendationView {
  return {
    id: row.id,
    personId: row.person_id,
    meetingId: row.meeting_id,
    meeting: { kind: row.meeting_kind, heldOn: row.meeting_held_on },
    description: row.description,
    dueOn: row.due_on,
    status: row.status,
    overdue: row.overdue,
    ownerOrganisation: { id: row.owner_organisation_id, name: row.owner_organisation_name },
    owner: row.owner_user_id ? { id: row.owner_user_id, name: row.owner_user_name ?? "Unknown" } : null,
    ownerName: row.owner_name,
    evidence: row.evidence,
    completedAt: row.completed_at === null ? null : date(row.completed_at),
    version: Number(row.version),
  };
}

/** The recommendations of the given meetings, soonest due first. */
export async function listRecommendations(tx: Db | Tx, tenantId: string, meetingIds: string[], today: string, filter: OwnerFilter): Promise<RecommendationView[]> {
  if (meetingIds.length === 0) return [];
  const rows = await queryRows<RecommendationRaw>(
    tx,
    recommendationsQuery(
      sql`action.tenant_id = ${tenantId} AND action.meeting_id IN (${sql.join(meetingIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
      today,
      filter,
      sql`action.due_on, action.created_at, action.id`,
    ),
  );
  return rows.map(toRecommendation);
}

/**
 * Recommendations of the person's earlier meetings that are still open: those before `meeting`
 * (by date, then by when they were recorded), or, for a new meeting, those of meetings held by today.
 * Most recent meeting first; within a meeting, soonest due first.
 */
export async function listCarriedOver(
  tx: Db | Tx,
  tenantId: string,
  personId: string,
  today: string,
  filter: OwnerFilter,
  meeting: { id: string; heldOn: string; createdAt: Date } | null,
): Promise<RecommendationView[]> {
  const earlier = meeting
    ? sql`meeting.id <> ${meeting.id} AND (meeting.held_on, meeting.created_at) < (${meeting.heldOn}::date, ${meeting.createdAt.toISOString()}::timestamptz)`
    : sql`meeting.held_on <= ${today}::date`;
  const rows = await queryRows<RecommendationRaw>(
    tx,
    recommendationsQuery(
      sql`action.tenant_id = ${tenantId} AND action.person_id = ${personId} AND action.status = 'open' AND ${earlier}`,
      today,
      filter,
      sql`meeting.held_on DESC, meeting.created_at DESC, action.due_on, action.id`,
    ),
  );
  return rows.map(toRecommendation);
}

export async function insertMeeting(tx: Tx, input: { tenantId: string; personId: string; createdBy: string; meeting: Omit<MeetingInput, "attendees">; at?: Date }): Promise<MeetingRow> {
  const [row] = await tx
    .insert(meetings)
    .values({
      id: newId(input.at?.getTime()),
      tenantId: input.tenantId,
      personId: input.personId,
      kind: input.meeting.kind,
      heldOn: input.meeting.heldOn,
      location: input.meeting.location,
      notes: input.meeting.notes,
      createdBy: input.createdBy,
      updatedBy: input.createdBy,
      ...(input.at ? { createdAt: input.at, updatedAt: input.at } : {}),
    })
    .returning();
  if (!row) throw new Error("insert into meetings returned no row");
  return row;
}

/** Saves only when the stored version is `expectedVersion`; undefined when someone saved first. */
export async function updateMeeting(
  tx: Tx,
  input: { tenantId: string; meetingId: string; expectedVersion: number; changedBy: string; meeting: Omit<MeetingInput, "attendees"> },
): Promise<MeetingRow | undefined> {
  const { kind, heldOn, location, notes } = input.meeting;
  const [row] = await tx
    .update(meetings)
    .set({ kind, heldOn, location, notes, updatedBy: input.changedBy, updatedAt: sql`now()`, version: sql`${meetings.version} + 1` })
    .where(and(eq(meetings.tenantId, input.tenantId), eq(meetings.id, input.meetingId), eq(meetings.version, input.expectedVersion)))
    .returning();
  return row;
}

/** Replaces who was at (or is invited to) a meeting; the meeting's version covers the change. */
export async function replaceAttendees(tx: Tx, tenantId: string, meetingId: string, attendees: AttendeeInput[]): Promise<void> {
  await tx.delete(meetingAttendees).where(and(eq(meetingAttendees.tenantId, tenantId), eq(meetingAttendees.meetingId, meetingId)));
  if (attendees.length === 0) return;
  await tx.insert(meetingAttendees).values(
    attendees.map((attendee) => ({
      id: newId(),
      tenantId,
      meetingId,
      kind: attendee.kind,
      userId: attendee.userId,
      name: attendee.name,
      role: attendee.role,
      sentApologies: attendee.sentApologies,
    })),
  );
}

/** The names of the given users of the partnership; ids that are not theirs are absent. */
export async function userNames(tx: Db | Tx, tenantId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; display_name: string }>(tx, sql`
    SELECT id, display_name FROM users WHERE tenant_id = ${tenantId} AND id IN (${sql.join(userIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/** When the person's plan was last reviewed and is next due a review; undefined when there is no plan yet. */
export async function planReviewDates(tx: Db | Tx, tenantId: string, personId: string): Promise<{ nextReviewOn: string; lastReviewedOn: string | null } | undefined> {
  const [row] = await queryRows<{ next_review_on: string; last_reviewed_on: string | null }>(tx, sql`
    SELECT next_review_on::text AS next_review_on, last_reviewed_on::text AS last_reviewed_on FROM plans WHERE tenant_id = ${tenantId} AND person_id = ${personId}`);
  return row ? { nextReviewOn: row.next_review_on, lastReviewedOn: row.last_reviewed_on } : undefined;
}

export interface TeamMemberRow {
  userId: string;
  name: string;
  jobTitle: string | null;
  careTeamRole: string;
  organisationId: string;
  organisationName: string;
}

/** Members of the team around the person with a Keywork account, today. */
export async function listTeamMembers(tx: Db | Tx, tenantId: string, personId: string, today: string): Promise<TeamMemberRow[]> {
  const rows = await queryRows<{ user_id: string; name: string; job_title: string | null; role: string; organisation_id: string; organisation_name: string }>(tx, sql`
    SELECT DISTINCT ON (member.user_id) member.user_id, account.display_name AS name, account.job_title, member.role,
      account.organisation_id, organisation.name AS organisation_name
    FROM care_team_members member
    JOIN users account ON account.tenant_id = member.tenant_id AND account.id = member.user_id AND account.active
    JOIN organisations organisation ON organisation.tenant_id = account.tenant_id AND organisation.id = account.organisation_id
    WHERE member.tenant_id = ${tenantId} AND member.person_id = ${personId}
      AND (member.ended_on IS NULL OR member.ended_on >= ${today}::date)
    ORDER BY member.user_id, CASE member.role WHEN 'lead' THEN 0 WHEN 'co-worker' THEN 1 WHEN 'partner' THEN 2 ELSE 3 END`);
  return rows
    .map((row) => ({ userId: row.user_id, name: row.name, jobTitle: row.job_title, careTeamRole: row.role, organisationId: row.organisation_id, organisationName: row.organisation_name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Professionals without accounts and family members in the team around the person, today. */
export async function listNetwork(
  tx: Db | Tx,
  tenantId: string,
  personId: string,
  today: string,
): Promise<{ professionals: Array<{ id: string; name: string; role: string; organisationName: string }>; family: Array<{ id: string; name: string; relationship: string }> }> {
  const professionals = await queryRows<{ id: string; name: string; role: string; organisation_name: string }>(tx, sql`
    SELECT id, name, role, organisation_name FROM external_professionals
    WHERE tenant_id = ${tenantId} AND person_id = ${personId} AND (ended_on IS NULL OR ended_on > ${today}::date)
    ORDER BY name`);
  const family = await queryRows<{ id: string; name: string; relationship: string }>(tx, sql`
    SELECT id, name, relationship FROM family_members
    WHERE tenant_id = ${tenantId} AND person_id = ${personId} AND ended_on IS NULL
    ORDER BY name`);
  return {
    professionals: professionals.map((row) => ({ id: row.id, name: row.name, role: row.role, organisationName: row.organisation_name })),
    family,
  };
}

/** The partnership's organisations, for choosing who owns a recommendation. */
export async function listOrganisations(tx: Db | Tx, tenantId: string): Promise<Array<{ id: string; name: string }>> {
  return queryRows<{ id: string; name: string }>(tx, sql`SELECT id, name FROM organisations WHERE tenant_id = ${tenantId} ORDER BY name`);
}

/** The id of the partnership's organisation with this name, made when there is none (demo data). */
export async function ensureOrganisation(tx: Tx, tenantId: string, name: string, kind: string): Promise<string> {
  await tx.execute(sql`INSERT INTO organisations (id, tenant_id, name, kind) VALUES (${newId()}, ${tenantId}, ${name}, ${kind}) ON CONFLICT (tenant_id, name) DO NOTHING`);
  const [row] = await queryRows<{ id: string }>(tx, sql`SELECT id FROM organisations WHERE tenant_id = ${tenantId} AND name = ${name}`);
  if (!row) throw new Error(`organisation ${name} was neither found nor made`);
  return row.id;
}
