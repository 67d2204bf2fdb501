import { sql } from "drizzle-orm";
import type { Actor } from "../../src/platform/access/index.ts";
import type { CareTeamRole, Role } from "../../src/platform/access/roles.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { consents } from "../../src/consent/tables.ts";
import { externalProfessionals, familyMembers, services, servicesInvolved } from "../../src/network/tables.ts";
import type { TestApp } from "./app.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "./factories.ts";
import type { HttpClient } from "./http.ts";

/** Test helpers for the team around the person and the directory. */

export interface NetworkFixture {
  person: TestPerson;
  professionalId: string;
  familyMemberId: string;
  serviceInvolvedId: string;
  serviceId: string;
}

export async function createDirectoryService(db: Db, tenant: TestTenant, values: { name?: string; organisationId?: string; active?: boolean; area?: string } = {}): Promise<string> {
  const id = newId();
  await db.insert(services).values({
    id,
    tenantId: tenant.tenantId,
    organisationId: values.organisationId ?? tenant.partnerOrganisationId,
    name: values.name ?? "Tenancy sustainment",
    description: "Helps people keep their home: rent, bills, letters and repairs.",
    phone: "01632 960 111",
    email: "tenancy@example.org",
    website: "https://www.example.org/tenancy",
    area: values.area ?? "Northmoor",
    active: values.active ?? true,
  });
  return id;
}

export async function createProfessional(db: Db, tenant: TestTenant, personId: string, values: { name?: string; endedOn?: string } = {}): Promise<string> {
  const id = newId();
  await db.insert(externalProfessionals).values({
    id,
    tenantId: tenant.tenantId,
    personId,
    organisationName: "Brookside Medical Practice",
    name: values.name ?? "Dr Ama Osei",
    role: "GP",
    phone: "01632 960 222",
    email: "ama.osei@example.org",
    startedOn: "2024-02-01",
    endedOn: values.endedOn ?? null,
  });
  return id;
}

export async function createFamilyMember(db: Db, tenant: TestTenant, personId: string, values: { name?: string; userId?: string; isCarer?: boolean } = {}): Promise<string> {
  const id = newId();
  await db.insert(familyMembers).values({
    id,
    tenantId: tenant.tenantId,
    personId,
    userId: values.userId ?? null,
    name: values.name ?? "Maureen Holloway",
    relationship: "Mum",
    isCarer: values.isCarer ?? true,
    phone: "07700 900555",
    contactPreferences: "Text first, never call before 10",
    ownNeeds: "Her own arthritis; would like a carer's assessment.",
  });
  return id;
}

export async function createServiceInvolved(db: Db, tenant: TestTenant, personId: string, values: { organisationName?: string; endedOn?: string | null; note?: string } = {}): Promise<string> {
  const id = newId();
  await db.insert(servicesInvolved).values({
    id,
    tenantId: tenant.tenantId,
    personId,
    organisationName: values.organisationName ?? "Harbour Housing",
    serviceName: "Tenancy sustainment",
    startedOn: "2023-05-01",
    endedOn: values.endedOn ?? null,
    note: values.note ?? "Discharged after 3 missed appointments",
  });
  return id;
}

/** A person with the given members plus one of each kind of entry, for routes that take an entry's id. */
export async function createNetworkFixture(db: Db, tenant: TestTenant, members: Array<{ user: TestUser; role: CareTeamRole }>): Promise<NetworkFixture> {
  const person = await createPerson(db, tenant, { members });
  return {
    person,
    professionalId: await createProfessional(db, tenant, person.id),
    familyMemberId: await createFamilyMember(db, tenant, person.id),
    serviceInvolvedId: await createServiceInvolved(db, tenant, person.id),
    serviceId: await createDirectoryService(db, tenant),
  };
}

export interface MembershipRow {
  user_id: string;
  role: string;
  started_on: string;
  ended_on: string | null;
  current: boolean;
}

export async function memberships(db: Db, tenantId: string, personId: string): Promise<MembershipRow[]> {
  return queryRows<MembershipRow>(
    db,
    sql`SELECT user_id, role, started_on::text AS started_on, ended_on::text AS ended_on,
          (ended_on IS NULL OR ended_on >= (now() AT TIME ZONE 'Europe/London')::date) AS current
        FROM care_team_members WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY created_at, id`,
  );
}

export async function chronologyRows(db: Db, tenantId: string, personId: string): Promise<Array<{ kind: string; summary: string; section: string; actor_user_id: string | null }>> {
  return queryRows(db, sql`SELECT kind, summary, section, actor_user_id FROM chronology_events WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY occurred_at, id`);
}

export async function countTeamRows(db: Db, table: "external_professionals" | "family_members" | "services_involved" | "care_team_members" | "services" | "organisations", tenantId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId}`);
  return row?.count ?? 0;
}

/** A browser (cookie) or API (bearer) client signed in as `user`. */
export async function signedIn(testApp: TestApp, user: TestUser, kind: "browser" | "api" = "browser"): Promise<HttpClient> {
  const client = testApp.client();
  if (kind === "api") await client.signInApi(user.email, TEST_PASSWORD);
  else {
    const response = await client.signInBrowser(user.email, TEST_PASSWORD);
    if (response.status !== 303) throw new Error(`browser sign-in for ${user.email} answered ${response.status}`);
  }
  return client;
}

/** A tenant with a lead worker, a co-worker, a manager, a partner and a peer mentor around one person, and outsiders. */
export async function teamAroundPerson(testApp: TestApp) {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const lead = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const coWorker = await createUser(db, tenant, { roles: ["key-worker"], name: "Priya Nair" });
  const manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" });
  const peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"], name: "Lee Barker" });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Jo Whitfield" });
  const otherManager = await createUser(db, tenant, { roles: ["manager"], team: "other", name: "Grace Adeyemi" });
  const person = await createPerson(db, tenant, {
    givenName: "Dean",
    familyName: "Holloway",
    story: "I was on the streets on and off for six years.",
    members: [
      { user: lead, role: "lead" },
      { user: coWorker, role: "co-worker" },
      { user: partner, role: "partner" },
      { user: peerMentor, role: "peer-mentor" },
    ],
  });
  return { tenant, lead, coWorker, manager, partner, peerMentor, outsider, otherManager, person };
}

/** Current consent to share `scopes` of the person's record with the tenant's partner organisation. */
export async function shareWithPartner(db: Db, tenant: TestTenant, personId: string, scopes: string[]): Promise<void> {
  await db.insert(consents).values({
    id: newId(),
    tenantId: tenant.tenantId,
    personId,
    type: "share-with",
    partyOrganisationId: tenant.partnerOrganisationId,
    scopes,
    howGiven: "verbal",
    givenOn: "2025-01-01",
  });
}

/** The acting user as services take it, for calling a service function directly. */
export async function actorFor(db: Db, tenantId: string, userId: string): Promise<Actor> {
  const [row] = await queryRows<{ organisation_id: string; team_id: string | null; email: string; display_name: string; roles: Role[] }>(
    db,
    sql`SELECT organisation_id, team_id, email, display_name, roles FROM users WHERE tenant_id = ${tenantId} AND id = ${userId}`,
  );
  if (!row) throw new Error(`no user ${userId}`);
  return { userId, tenantId, organisationId: row.organisation_id, teamId: row.team_id, email: row.email, displayName: row.display_name, roles: row.roles, ip: "127.0.0.1" };
}
