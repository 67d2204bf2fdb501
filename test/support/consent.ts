import { sql } from "drizzle-orm";
import { consents } from "../../src/consent/tables.ts";
import { familyMembers } from "../../src/network/tables.ts";
import type { ConsentScope } from "../../src/platform/access/index.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { todayIso } from "../../src/platform/http/validation.ts";
import type { TestPerson, TestTenant, TestUser } from "./factories.ts";

/** An ISO date `days` from today in the UK (negative for the past). */
export function daysFromToday(days: number): string {
  const [year, month, day] = todayIso().split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Stores a consent directly, as an import or an earlier version of Keywork might have. */
export async function insertConsent(
  db: Db,
  tenant: TestTenant,
  person: TestPerson,
  options: {
    type?: "work-with-service" | "share-with" | "contact-agencies";
    organisationId?: string;
    familyMemberId?: string;
    description?: string;
    scopes?: ConsentScope[];
    givenOn?: string;
    reviewOn?: string | null;
    withdrawnOn?: string | null;
    recordedBy?: TestUser;
  } = {},
): Promise<string> {
  const id = newId();
  await db.insert(consents).values({
    id,
    tenantId: tenant.tenantId,
    personId: person.id,
    type: options.type ?? "share-with",
    partyOrganisationId: options.organisationId ?? null,
    partyFamilyMemberId: options.familyMemberId ?? null,
    partyDescription: options.description ?? null,
    scopes: options.scopes ?? [],
    howGiven: "verbal",
    givenOn: options.givenOn ?? daysFromToday(-30),
    reviewOn: options.reviewOn === undefined ? daysFromToday(150) : options.reviewOn,
    withdrawnOn: options.withdrawnOn ?? null,
    recordedBy: options.recordedBy?.id ?? null,
  });
  return id;
}

/** A family member or carer of the person, signed in as `user` when given. */
export async function insertFamilyMember(
  db: Db,
  tenant: TestTenant,
  person: TestPerson,
  options: { name?: string; relationship?: string; user?: TestUser; endedOn?: string } = {},
): Promise<string> {
  const id = newId();
  await db.insert(familyMembers).values({
    id,
    tenantId: tenant.tenantId,
    personId: person.id,
    userId: options.user?.id ?? null,
    name: options.name ?? "Maureen Holloway",
    relationship: options.relationship ?? "Mum",
    isCarer: true,
    endedOn: options.endedOn ?? null,
  });
  return id;
}

export async function chronologyFor(db: Db, tenantId: string, personId: string) {
  return queryRows<{ kind: string; summary: string; section: string; actor_user_id: string | null }>(
    db,
    sql`SELECT kind, summary, section, actor_user_id FROM chronology_events WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY occurred_at, id`,
  );
}

export async function storedConsents(db: Db, tenantId: string, personId: string) {
  return queryRows<{ id: string; type: string; scopes: string[]; given_on: string; review_on: string | null; withdrawn_on: string | null; version: number; note: string | null }>(
    db,
    sql`SELECT id, type, scopes, given_on::text AS given_on, review_on::text AS review_on, withdrawn_on::text AS withdrawn_on, version, note
        FROM consents WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY created_at, id`,
  );
}
