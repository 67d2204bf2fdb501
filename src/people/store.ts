import { queryRows } from "../platform/database/query.ts";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { LONDON_TODAY, visiblePeopleCondition, type Actor } from "../platform/access/index.ts";
import type { CareTeamRole } from "../platform/access/roles.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { todayIso } from "../platform/http/validation.ts";
import { careTeamMembers, people, personRevisions } from "./tables.ts";
import type { PersonDetails } from "./schema.ts";

export type PersonRow = typeof people.$inferSelect;

export interface CareTeamEntry {
  userId: string;
  displayName: string;
  jobTitle: string | null;
  organisationName: string;
  role: CareTeamRole;
  startedOn: string;
}

export interface PersonListRow {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  aliases: string[];
  dateOfBirth: string | null;
  engagementStatus: string;
  leadWorkerName: string | null;
  lastContactAt: Date | null;
}

export async function findPerson(tx: Db | Tx, tenantId: string, personId: string): Promise<PersonRow | undefined> {
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.id, personId)))
    .limit(1);
  return row;
}

export async function listCareTeam(tx: Db | Tx, tenantId: string, personId: string): Promise<CareTeamEntry[]> {
  const result = await queryRows<{
    user_id: string;
    display_name: string;
    job_title: string | null;
    organisation_name: string;
    role: CareTeamRole;
    started_on: string;
  }>(tx, sql`
    SELECT membership.user_id, users.display_name, users.job_title, organisations.name AS organisation_name,
      membership.role, membership.started_on::text AS started_on
    FROM care_team_members membership
    JOIN users ON users.tenant_id = membership.tenant_id AND users.id = membership.user_id
    JOIN organisations ON organisations.tenant_id = users.tenant_id AND organisations.id = users.organisation_id
    WHERE membership.tenant_id = ${tenantId} AND membership.person_id = ${personId}
      AND (membership.ended_on IS NULL OR membership.ended_on >= ${LONDON_TODAY})
    ORDER BY CASE membership.role WHEN 'lead' THEN 0 WHEN 'co-worker' THEN 1 WHEN 'peer-mentor' THEN 2 ELSE 3 END,
      users.display_name
  `);
  return result.map((row) => ({
    userId: row.user_id,
    displayName: row.display_name,
    jobTitle: row.job_title,
    organisationName: row.organisation_name,
    role: row.role,
    startedOn: row.started_on,
  }));
}

export async function insertPerson(
  tx: Tx,
  input: { tenantId: string; teamId: string; createdBy: string; details: PersonDetails },
): Promise<PersonRow> {
  const [row] = await tx
    .insert(people)
    .values({
      id: newId(),
      tenantId: input.tenantId,
      teamId: input.teamId,
      createdBy: input.createdBy,
      updatedBy: input.createdBy,
      ...input.details,
    })
    .returning();
  if (!row) throw new Error("insert into people returned no row");
  await insertRevision(tx, row, input.createdBy);
  return row;
}

/** Updates only when the stored version is `expectedVersion`; returns undefined when someone saved first. */
export async function updatePerson(
  tx: Tx,
  input: { tenantId: string; personId: string; expectedVersion: number; changedBy: string; details: Partial<PersonDetails> },
): Promise<PersonRow | undefined> {
  const [row] = await tx
    .update(people)
    .set({ ...input.details, updatedBy: input.changedBy, updatedAt: sql`now()`, version: sql`${people.version} + 1` })
    .where(and(eq(people.tenantId, input.tenantId), eq(people.id, input.personId), eq(people.version, input.expectedVersion)))
    .returning();
  if (row) await insertRevision(tx, row, input.changedBy);
  return row;
}

async function insertRevision(tx: Tx, row: PersonRow, changedBy: string): Promise<void> {
  const { id, tenantId, version, createdAt, updatedAt, ...snapshot } = row;
  await tx.insert(personRevisions).values({ id: newId(), tenantId, personId: id, version, snapshot, changedBy });
  void createdAt;
  void updatedAt;
}

export async function addCareTeamMember(
  tx: Tx,
  input: { tenantId: string; personId: string; userId: string; role: CareTeamRole; startedOn?: string },
): Promise<void> {
  await tx.insert(careTeamMembers).values({
    id: newId(),
    tenantId: input.tenantId,
    personId: input.personId,
    userId: input.userId,
    role: input.role,
    startedOn: input.startedOn ?? todayIso(),
  });
}

const LIST_COLUMNS = sql`
  people.id, people.given_name, people.family_name, people.preferred_name, people.aliases,
  people.date_of_birth::text AS date_of_birth, people.engagement_status,
  (SELECT users.display_name FROM care_team_members lead
     JOIN users ON users.tenant_id = lead.tenant_id AND users.id = lead.user_id
   WHERE lead.tenant_id = people.tenant_id AND lead.person_id = people.id AND lead.role = 'lead' AND lead.ended_on IS NULL
   LIMIT 1) AS lead_worker_name,
  (SELECT max(contacts.occurred_at) FROM contacts
   WHERE contacts.tenant_id = people.tenant_id AND contacts.person_id = people.id) AS last_contact_at`;

interface ListRowRaw {
  id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  aliases: string[];
  date_of_birth: string | null;
  engagement_status: string;
  lead_worker_name: string | null;
  last_contact_at: Date | string | null;
}

function toListRow(row: ListRowRaw): PersonListRow {
  return {
    id: row.id,
    givenName: row.given_name,
    familyName: row.family_name,
    preferredName: row.preferred_name,
    aliases: row.aliases,
    dateOfBirth: row.date_of_birth,
    engagementStatus: row.engagement_status,
    leadWorkerName: row.lead_worker_name,
    lastContactAt: row.last_contact_at === null ? null : new Date(row.last_contact_at),
  };
}

/**
 * People visible to the actor matching a name, alias or date of birth. A date matches the date of
 * birth exactly; text matches any part of a name or alias, case-insensitively, each word separately.
 */
export async function searchVisiblePeople(
  tx: Db | Tx,
  actor: Actor,
  search: { words: string[]; dateOfBirth: string | null; matchAliases: boolean; limit: number; offset: number },
): Promise<{ rows: PersonListRow[]; total: number }> {
  const conditions: SQL[] = [visiblePeopleCondition(actor)];
  if (search.dateOfBirth) conditions.push(sql`people.date_of_birth = ${search.dateOfBirth}`);
  for (const word of search.words) {
    const pattern = `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    const alias = search.matchAliases ? sql` OR array_to_string(people.aliases, ' ') ILIKE ${pattern}` : sql``;
    conditions.push(sql`(people.given_name ILIKE ${pattern} OR people.family_name ILIKE ${pattern}
      OR people.preferred_name ILIKE ${pattern}${alias})`);
  }
  const where = sql.join(conditions, sql` AND `);
  const result = await queryRows<ListRowRaw & { total: number }>(tx, sql`
    SELECT ${LIST_COLUMNS}, count(*) OVER ()::int AS total
    FROM people
    WHERE ${where}
    ORDER BY people.family_name, people.given_name, people.id
    LIMIT ${search.limit} OFFSET ${search.offset}
  `);
  return { rows: result.map(toListRow), total: result[0]?.total ?? 0 };
}

/** Marks a case closed; undefined when it was already closed. */
export async function setClosure(
  tx: Tx,
  input: { tenantId: string; personId: string; closedBy: string; reason: string; checklist: string[] },
): Promise<PersonRow | undefined> {
  const [row] = await tx
    .update(people)
    .set({
      closedAt: sql`now()`,
      closedBy: input.closedBy,
      closureReason: input.reason,
      closureChecklist: input.checklist,
      updatedBy: input.closedBy,
      updatedAt: sql`now()`,
      version: sql`${people.version} + 1`,
    })
    .where(and(eq(people.tenantId, input.tenantId), eq(people.id, input.personId), sql`${people.closedAt} IS NULL`))
    .returning();
  if (row) await insertRevision(tx, row, input.closedBy);
  return row;
}

export async function clearClosure(tx: Tx, input: { tenantId: string; personId: string; changedBy: string }): Promise<PersonRow | undefined> {
  const [row] = await tx
    .update(people)
    .set({ closedAt: null, closedBy: null, closureReason: null, closureChecklist: null, updatedBy: input.changedBy, updatedAt: sql`now()`, version: sql`${people.version} + 1` })
    .where(and(eq(people.tenantId, input.tenantId), eq(people.id, input.personId), sql`${people.closedAt} IS NOT NULL`))
    .returning();
  if (row) await insertRevision(tx, row, input.changedBy);
  return row;
}
