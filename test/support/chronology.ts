import { sql } from "drizzle-orm";
import { chronologyEvents, significantEvents } from "../../src/chronology/tables.ts";
import { consents } from "../../src/consent/tables.ts";
import { contacts } from "../../src/contacts/tables.ts";
import { familyMembers } from "../../src/network/tables.ts";
import type { ConsentScope } from "../../src/platform/access/index.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { todayIso } from "../../src/platform/http/validation.ts";
import { createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "./factories.ts";

/** An instant `days` before now (fractions allowed). */
export function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}

/** A UK date `days` from today, YYYY-MM-DD (negative for the past). */
export function isoDaysFromToday(days: number): string {
  const [year, month, day] = todayIso().split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A contact stored directly, as the contacts capability would. */
export async function insertContact(
  db: Db,
  tenant: TestTenant,
  person: TestPerson,
  worker: TestUser,
  options: { occurredAt: Date; type?: string; location?: string | null; durationMinutes?: number | null; note?: string },
): Promise<string> {
  const id = newId();
  await db.insert(contacts).values({
    id,
    tenantId: tenant.tenantId,
    personId: person.id,
    workerId: worker.id,
    recordedBy: worker.id,
    type: options.type ?? "face-to-face",
    occurredAt: options.occurredAt,
    location: options.location === undefined ? "day-centre" : options.location,
    durationMinutes: options.durationMinutes === undefined ? 45 : options.durationMinutes,
    note: options.note ?? null,
  });
  return id;
}

/** A "share-with" consent for an organisation, given today, verbally. */
export async function insertShareConsent(db: Db, tenant: TestTenant, person: TestPerson, organisationId: string, scopes: ConsentScope[]): Promise<string> {
  const id = newId();
  await db.insert(consents).values({
    id,
    tenantId: tenant.tenantId,
    personId: person.id,
    type: "share-with",
    partyOrganisationId: organisationId,
    scopes,
    howGiven: "verbal",
    givenOn: todayIso(),
  });
  return id;
}

/** An event another capability would have recorded with `recordChronology`. */
export async function insertChronologyEvent(
  db: Db,
  tenant: TestTenant,
  person: TestPerson,
  options: { kind: string; summary: string; section: string; occurredAt: Date; actor?: TestUser; detail?: Record<string, unknown> },
): Promise<string> {
  const id = newId();
  await db.insert(chronologyEvents).values({
    id,
    tenantId: tenant.tenantId,
    personId: person.id,
    kind: options.kind,
    summary: options.summary,
    section: options.section,
    detail: options.detail ?? null,
    occurredAt: options.occurredAt,
    actorUserId: options.actor?.id ?? null,
  });
  return id;
}

export async function insertSignificantEvent(
  db: Db,
  tenant: TestTenant,
  person: TestPerson,
  options: { kind?: string; title: string; occurredAt: Date; note?: string; recordedBy?: TestUser },
): Promise<string> {
  const id = newId();
  await db.insert(significantEvents).values({
    id,
    tenantId: tenant.tenantId,
    personId: person.id,
    kind: options.kind ?? "eviction",
    title: options.title,
    occurredAt: options.occurredAt,
    note: options.note ?? null,
    recordedBy: options.recordedBy?.id ?? null,
  });
  return id;
}

/** Links a signed-in family member or carer to the person. */
export async function linkCarer(db: Db, tenant: TestTenant, person: TestPerson, carer: TestUser): Promise<string> {
  const id = newId();
  await db.insert(familyMembers).values({ id, tenantId: tenant.tenantId, personId: person.id, userId: carer.id, name: carer.displayName, relationship: "Mum", isCarer: true });
  return id;
}

export async function significantEventRows(db: Db, tenantId: string, personId: string) {
  return queryRows<{ id: string; kind: string; title: string; note: string | null; occurred_at: Date | string; version: number }>(
    db,
    sql`SELECT id, kind, title, note, occurred_at, version FROM significant_events WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY occurred_at`,
  );
}

export async function chronologyEventRows(db: Db, tenantId: string, personId: string) {
  return queryRows<{ kind: string; summary: string; section: string; source_type: string | null; source_id: string | null; actor_user_id: string | null }>(
    db,
    sql`SELECT kind, summary, section, source_type, source_id, actor_user_id FROM chronology_events WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY occurred_at, id`,
  );
}

/** A person seen by every audience: a lead worker, a partner and a peer mentor in their team, a linked carer, and an outsider. */
export interface AudienceScene {
  tenant: TestTenant;
  worker: TestUser;
  partner: TestUser;
  peerMentor: TestUser;
  carer: TestUser;
  outsider: TestUser;
  person: TestPerson;
}

export async function personSeenByEveryAudience(db: Db, names: { partner?: string } = {}): Promise<AudienceScene> {
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true, ...(names.partner ? { name: names.partner } : {}) });
  const peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
  const carer = await createUser(db, tenant, { roles: ["carer"], team: "none" });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const person = await createPerson(db, tenant, {
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
      { user: peerMentor, role: "peer-mentor" },
    ],
  });
  await linkCarer(db, tenant, person, carer);
  return { tenant, worker, partner, peerMentor, carer, outsider, person };
}
