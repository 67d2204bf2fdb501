/** Test helpers for contacts, appointments and calendar feeds (src/contacts). */
import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { consents } from "../../src/consent/tables.ts";
import { appointments, calendarFeeds, contacts } from "../../src/contacts/tables.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import type { TestTenant } from "./factories.ts";

/** The person agrees (verbally, today) to share these sections with an organisation. */
export async function shareWithOrganisation(db: Db, tenant: TestTenant, personId: string, organisationId: string, scopes: string[] = ["contacts"]): Promise<void> {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  await db.insert(consents).values({
    id: newId(),
    tenantId: tenant.tenantId,
    personId,
    type: "share-with",
    partyOrganisationId: organisationId,
    scopes,
    howGiven: "verbal",
    givenOn: today,
  });
}

/** A contact written straight to the table, as an import or older data would be (no revision rows). */
export async function insertContact(
  db: Db,
  tenant: TestTenant,
  input: { personId: string; workerId: string; type?: string; occurredAt?: Date; note?: string },
): Promise<string> {
  const id = newId();
  await db.insert(contacts).values({
    id,
    tenantId: tenant.tenantId,
    personId: input.personId,
    workerId: input.workerId,
    type: input.type ?? "phone",
    occurredAt: input.occurredAt ?? new Date(Date.now() - 3_600_000),
    note: input.note ?? null,
  });
  return id;
}

export async function insertAppointment(
  db: Db,
  tenant: TestTenant,
  input: { personId: string; workerId: string; startsAt?: Date; place?: string | null; status?: string; durationMinutes?: number },
): Promise<string> {
  const id = newId();
  await db.insert(appointments).values({
    id,
    tenantId: tenant.tenantId,
    personId: input.personId,
    workerId: input.workerId,
    startsAt: input.startsAt ?? new Date(Date.now() + 2 * 86_400_000),
    durationMinutes: input.durationMinutes ?? 60,
    place: input.place === undefined ? "Costa, Market Street" : input.place,
    status: input.status ?? "planned",
  });
  return id;
}

/** A live calendar address for a user; returns the secret token. */
export async function insertCalendarFeed(db: Db, tenant: TestTenant, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(calendarFeeds).values({ id: newId(), tenantId: tenant.tenantId, userId, tokenHash: createHash("sha256").update(token).digest("hex") });
  return token;
}

export async function countIn(db: Db, table: "contacts" | "contact_revisions" | "appointments" | "calendar_feeds" | "chronology_events", tenantId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId}`);
  return row?.count ?? 0;
}

export async function chronologyFor(db: Db, tenantId: string, personId: string) {
  return queryRows<{ kind: string; summary: string; section: string }>(
    db,
    sql`SELECT kind, summary, section FROM chronology_events WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY id`,
  );
}

export async function revisionsOf(db: Db, tenantId: string, contactId: string) {
  return queryRows<{ version: number; snapshot: { note: string | null; type: string }; changed_by: string | null }>(
    db,
    sql`SELECT version, snapshot, changed_by FROM contact_revisions WHERE tenant_id = ${tenantId} AND contact_id = ${contactId} ORDER BY version`,
  );
}

/** The UK date parts of an instant, as a GOV.UK date input takes them. */
export function ukDateFields(prefix: string, instant: Date): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(instant).split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? "" };
}

/** "14:30" in the UK for an instant. */
export function ukTime(instant: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}
