import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { contactRevisions, contacts } from "./tables.ts";
import type { ContactDetails } from "./schema.ts";

// Appointments and calendar feeds keep their SQL beside this file; this is still the one way in.
export * from "./appointment-store.ts";

export type ContactRow = typeof contacts.$inferSelect;

/** A contact as the pages and API show it: with the worker's name. */
export interface ContactView {
  id: string;
  personId: string;
  type: string;
  occurredAt: Date;
  durationMinutes: number | null;
  location: string | null;
  workKind: string | null;
  purpose: string | null;
  note: string | null;
  workerId: string;
  workerName: string;
  version: number;
  updatedAt: Date;
}

/** What a contact said at one version. */
export interface ContactSnapshot {
  type: string;
  occurredAt: string;
  durationMinutes: number | null;
  location: string | null;
  workKind: string | null;
  purpose: string | null;
  note: string | null;
  workerId: string;
}

export interface ContactRevision {
  version: number;
  snapshot: ContactSnapshot;
  changedById: string | null;
  changedByName: string | null;
  changedAt: Date;
}

function snapshotOf(row: ContactRow): ContactSnapshot {
  return {
    type: row.type,
    occurredAt: row.occurredAt.toISOString(),
    durationMinutes: row.durationMinutes,
    location: row.location,
    workKind: row.workKind,
    purpose: row.purpose,
    note: row.note,
    workerId: row.workerId,
  };
}

async function insertRevision(tx: Tx, row: ContactRow, changedBy: string | null, changedAt?: Date): Promise<void> {
  await tx
    .insert(contactRevisions)
    .values({ id: newId(), tenantId: row.tenantId, contactId: row.id, version: row.version, snapshot: snapshotOf(row), changedBy, ...(changedAt ? { changedAt } : {}) })
    .onConflictDoNothing();
}

export async function insertContact(
  tx: Tx,
  input: { tenantId: string; personId: string; workerId: string; recordedBy: string; details: ContactDetails },
): Promise<ContactRow> {
  const [row] = await tx
    .insert(contacts)
    .values({ id: newId(), tenantId: input.tenantId, personId: input.personId, workerId: input.workerId, recordedBy: input.recordedBy, ...input.details })
    .returning();
  if (!row) throw new Error("insert into contacts returned no row");
  await insertRevision(tx, row, input.recordedBy);
  return row;
}

export async function findContact(tx: Db | Tx, tenantId: string, contactId: string): Promise<ContactRow | undefined> {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)))
    .limit(1);
  return row;
}

/** Saves only when the stored version is `expectedVersion`; undefined when someone saved first. */
export async function updateContact(
  tx: Tx,
  input: { tenantId: string; contactId: string; expectedVersion: number; changedBy: string; details: Partial<ContactDetails> },
): Promise<ContactRow | undefined> {
  const before = await findContact(tx, input.tenantId, input.contactId);
  if (!before || before.version !== input.expectedVersion) return undefined;
  // Contacts loaded from elsewhere (imports, older data) may have no first revision: keep it before it changes.
  await insertRevision(tx, before, before.recordedBy ?? before.workerId, before.updatedAt);
  const [row] = await tx
    .update(contacts)
    .set({ ...input.details, updatedAt: sql`now()`, version: sql`${contacts.version} + 1` })
    .where(and(eq(contacts.tenantId, input.tenantId), eq(contacts.id, input.contactId), eq(contacts.version, input.expectedVersion)))
    .returning();
  if (row) await insertRevision(tx, row, input.changedBy);
  return row;
}

const CONTACT_COLUMNS = sql`contacts.id, contacts.person_id, contacts.type, contacts.occurred_at, contacts.duration_minutes,
  contacts.location, contacts.work_kind, contacts.purpose, contacts.note, contacts.worker_id,
  users.display_name AS worker_name, contacts.version, contacts.updated_at`;

interface ContactViewRaw {
  id: string;
  person_id: string;
  type: string;
  occurred_at: Date | string;
  duration_minutes: number | null;
  location: string | null;
  work_kind: string | null;
  purpose: string | null;
  note: string | null;
  worker_id: string;
  worker_name: string;
  version: number;
  updated_at: Date | string;
}

function toContactView(row: ContactViewRaw): ContactView {
  return {
    id: row.id,
    personId: row.person_id,
    type: row.type,
    occurredAt: new Date(row.occurred_at),
    durationMinutes: row.duration_minutes,
    location: row.location,
    workKind: row.work_kind,
    purpose: row.purpose,
    note: row.note,
    workerId: row.worker_id,
    workerName: row.worker_name,
    version: row.version,
    updatedAt: new Date(row.updated_at),
  };
}

/** A person's contacts, newest first, a page at a time. */
export async function listContacts(
  tx: Db | Tx,
  tenantId: string,
  personId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: ContactView[]; total: number }> {
  const rows = await queryRows<ContactViewRaw & { total: number }>(tx, sql`
    SELECT ${CONTACT_COLUMNS}, count(*) OVER ()::int AS total
    FROM contacts
    JOIN users ON users.tenant_id = contacts.tenant_id AND users.id = contacts.worker_id
    WHERE contacts.tenant_id = ${tenantId} AND contacts.person_id = ${personId}
    ORDER BY contacts.occurred_at DESC, contacts.id DESC
    LIMIT ${page.limit} OFFSET ${page.offset}
  `);
  if (rows.length === 0 && page.offset > 0) {
    const [count] = await queryRows<{ total: number }>(tx, sql`
      SELECT count(*)::int AS total FROM contacts WHERE tenant_id = ${tenantId} AND person_id = ${personId}`);
    return { rows: [], total: count?.total ?? 0 };
  }
  return { rows: rows.map(toContactView), total: rows[0]?.total ?? 0 };
}

export async function findContactView(tx: Db | Tx, tenantId: string, contactId: string): Promise<ContactView | undefined> {
  const [row] = await queryRows<ContactViewRaw>(tx, sql`
    SELECT ${CONTACT_COLUMNS}
    FROM contacts
    JOIN users ON users.tenant_id = contacts.tenant_id AND users.id = contacts.worker_id
    WHERE contacts.tenant_id = ${tenantId} AND contacts.id = ${contactId}
  `);
  return row ? toContactView(row) : undefined;
}

/** Every saved version of a contact, newest first, with who saved it. */
export async function listRevisions(tx: Db | Tx, tenantId: string, contactId: string): Promise<ContactRevision[]> {
  const rows = await queryRows<{ version: number; snapshot: ContactSnapshot; changed_by: string | null; changed_by_name: string | null; changed_at: Date | string }>(
    tx,
    sql`
    SELECT revision.version, revision.snapshot, revision.changed_by, users.display_name AS changed_by_name, revision.changed_at
    FROM contact_revisions revision
    LEFT JOIN users ON users.tenant_id = revision.tenant_id AND users.id = revision.changed_by
    WHERE revision.tenant_id = ${tenantId} AND revision.contact_id = ${contactId}
    ORDER BY revision.version DESC
  `,
  );
  return rows.map((row) => ({
    version: row.version,
    snapshot: row.snapshot,
    changedById: row.changed_by,
    changedByName: row.changed_by_name,
    changedAt: new Date(row.changed_at),
  }));
}

/** Display names of users, for showing who a past version named as the worker. */
export async function userNames(tx: Db | Tx, tenantId: string, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; display_name: string }>(tx, sql`
    SELECT id, display_name FROM users
    WHERE tenant_id = ${tenantId} AND id IN (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})
  `);
  return new Map(rows.map((row) => [row.id, row.display_name]));
}
