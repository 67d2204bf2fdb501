import { sql } from "drizzle-orm";
import type { Role, CareTeamRole } from "../../src/platform/access/roles.ts";
import { hashPassword } from "../../src/platform/auth/passwords.ts";
import { users } from "../../src/platform/auth/tables.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { organisations, teams, tenants } from "../../src/platform/tenancy/tables.ts";
import { careTeamMembers, people } from "../../src/people/tables.ts";
import { contacts } from "../../src/contacts/tables.ts";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export interface TestTenant {
  tenantId: string;
  serviceOrganisationId: string;
  partnerOrganisationId: string;
  teamId: string;
  otherTeamId: string;
}

/** A partnership of its own for each test: a key-worker service with two teams and a partner agency. */
export async function createTenant(db: Db): Promise<TestTenant> {
  const tenantId = newId();
  const serviceOrganisationId = newId();
  const partnerOrganisationId = newId();
  const teamId = newId();
  const otherTeamId = newId();
  await db.insert(tenants).values({ id: tenantId, name: `Test partnership ${tenantId}` });
  await db.insert(organisations).values([
    { id: serviceOrganisationId, tenantId, name: "Test key-worker service", kind: "key-worker-service" },
    { id: partnerOrganisationId, tenantId, name: "Test housing association", kind: "housing" },
  ]);
  await db.insert(teams).values([
    { id: teamId, tenantId, organisationId: serviceOrganisationId, name: "Adults team", service: "multiple-needs" },
    { id: otherTeamId, tenantId, organisationId: serviceOrganisationId, name: "Children's team", service: "children" },
  ]);
  return { tenantId, serviceOrganisationId, partnerOrganisationId, teamId, otherTeamId };
}

export interface TestUser {
  id: string;
  email: string;
  displayName: string;
}

export async function createUser(
  db: Db,
  tenant: TestTenant,
  options: { roles: Role[]; team?: "main" | "other" | "none"; partner?: boolean; name?: string; keyworkingHours?: number; active?: boolean },
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  const email = `${options.roles[0]}-${id}@example.test`;
  const displayName = options.name ?? `${options.roles[0]} ${id.slice(-6)}`;
  const team = options.team ?? (options.partner ? "none" : "main");
  await db.insert(users).values({
    id,
    tenantId: tenant.tenantId,
    organisationId: options.partner ? tenant.partnerOrganisationId : tenant.serviceOrganisationId,
    teamId: team === "main" ? tenant.teamId : team === "other" ? tenant.otherTeamId : null,
    email,
    displayName,
    roles: options.roles,
    passwordHash: await passwordHash,
    keyworkingHours: options.keyworkingHours ?? null,
    active: options.active ?? true,
  });
  return { id, email, displayName };
}

export interface TestPerson {
  id: string;
  givenName: string;
  familyName: string;
}

/** A person in a team, with a care team of the given members (the first "lead" is the lead worker). */
export async function createPerson(
  db: Db,
  tenant: TestTenant,
  options: {
    team?: "main" | "other";
    givenName?: string;
    familyName?: string;
    aliases?: string[];
    dateOfBirth?: string;
    story?: string;
    members?: Array<{ user: TestUser; role: CareTeamRole }>;
    lastContactDaysAgo?: number;
  } = {},
): Promise<TestPerson> {
  const id = newId();
  const givenName = options.givenName ?? "Alex";
  const familyName = options.familyName ?? `Person${id.slice(-8)}`;
  await db.insert(people).values({
    id,
    tenantId: tenant.tenantId,
    teamId: options.team === "other" ? tenant.otherTeamId : tenant.teamId,
    givenName,
    familyName,
    aliases: options.aliases ?? [],
    dateOfBirth: options.dateOfBirth ?? "1988-04-12",
    engagementStatus: "engaged",
    story: options.story ?? "I want one worker who knows my story.",
    phone: "07700 900123",
  });
  for (const member of options.members ?? []) {
    await db.insert(careTeamMembers).values({ id: newId(), tenantId: tenant.tenantId, personId: id, userId: member.user.id, role: member.role, startedOn: "2026-01-05" });
  }
  if (options.lastContactDaysAgo !== undefined) {
    const lead = options.members?.[0];
    if (!lead) throw new Error("a contact needs a worker: give the person a member");
    await db.insert(contacts).values({
      id: newId(),
      tenantId: tenant.tenantId,
      personId: id,
      workerId: lead.user.id,
      type: "face-to-face",
      occurredAt: new Date(Date.now() - options.lastContactDaysAgo * 86_400_000),
    });
  }
  return { id, givenName, familyName };
}

export async function auditRows(db: Db, tenantId: string, filter: { personId?: string; action?: string } = {}) {
  return queryRows<{ action: string; actor_user_id: string | null; person_id: string | null; detail: unknown }>(
    db,
    sql`SELECT action, actor_user_id, person_id, detail FROM audit_events
        WHERE tenant_id = ${tenantId}
          ${filter.personId ? sql`AND person_id = ${filter.personId}` : sql``}
          ${filter.action ? sql`AND action = ${filter.action}` : sql``}
        ORDER BY id`,
  );
}

export async function countRows(db: Db, table: "people" | "person_revisions" | "care_team_members" | "audit_events", tenantId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId}`);
  return row?.count ?? 0;
}

/** Every test that loads the demo partnership uses this password: on PostgreSQL they share one load. */
export const DEMO_TEST_PASSWORD = "demo-test-password";
