import { sql } from "drizzle-orm";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { organisations } from "../../src/platform/tenancy/tables.ts";
import { createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "./factories.ts";
import { insertShareConsent, linkCarer } from "./chronology.ts";

/** A person with a plan's cast: their worker, a partner professional in the team, a second agency, and people who see less. */
export interface PlanScene {
  tenant: TestTenant;
  worker: TestUser;
  manager: TestUser;
  psychologist: TestUser;
  partner: TestUser;
  partnerOutside: TestUser;
  peerMentor: TestUser;
  carer: TestUser;
  carerFamilyMemberId: string;
  outsider: TestUser;
  /** A second partner agency ("Test probation service") with no one in the team. */
  probationOrganisationId: string;
  person: TestPerson;
}

export async function planScene(db: Db): Promise<PlanScene> {
  const tenant = await createTenant(db);
  const probationOrganisationId = newId();
  await db.insert(organisations).values({ id: probationOrganisationId, tenantId: tenant.tenantId, name: "Test probation service", kind: "probation" });
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  const psychologist = await createUser(db, tenant, { roles: ["psychologist"], name: "Dr Tom Reilly" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" });
  const partnerOutside = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
  const carer = await createUser(db, tenant, { roles: ["carer"], team: "none", name: "Maureen Holloway" });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const person = await createPerson(db, tenant, {
    givenName: "Dean",
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
      { user: peerMentor, role: "peer-mentor" },
    ],
  });
  const carerFamilyMemberId = await linkCarer(db, tenant, person, carer);
  return { tenant, worker, manager, psychologist, partner, partnerOutside, peerMentor, carer, carerFamilyMemberId, outsider, probationOrganisationId, person };
}

/** The person shares their plan with the partner's organisation. */
export async function sharePlanWithPartner(db: Db, scene: PlanScene): Promise<void> {
  await insertShareConsent(db, scene.tenant, scene.person, scene.tenant.partnerOrganisationId, ["plan"]);
}

/** The person shares their plan with their linked carer. */
export async function sharePlanWithCarer(db: Db, scene: PlanScene): Promise<void> {
  await db.execute(sql`INSERT INTO consents (id, tenant_id, person_id, type, party_family_member_id, scopes, how_given, given_on)
    VALUES (${newId()}, ${scene.tenant.tenantId}, ${scene.person.id}, 'share-with', ${scene.carerFamilyMemberId}, '{plan}', 'verbal', (now() AT TIME ZONE 'Europe/London')::date)`);
}

export async function planChronology(db: Db, tenantId: string, personId: string) {
  return queryRows<{ kind: string; summary: string; section: string }>(
    db,
    sql`SELECT kind, summary, section FROM chronology_events WHERE tenant_id = ${tenantId} AND person_id = ${personId} AND section = 'plan' ORDER BY occurred_at, id`,
  );
}

export async function actionRevisionRows(db: Db, tenantId: string, actionId: string) {
  return queryRows<{ version: number; changed_by: string | null; snapshot: Record<string, unknown> }>(
    db,
    sql`SELECT version, changed_by, snapshot FROM plan_action_revisions WHERE tenant_id = ${tenantId} AND action_id = ${actionId} ORDER BY version`,
  );
}

export async function countPlanRows(db: Db, table: "goals" | "plan_actions" | "goal_progress", tenantId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM ${sql.identifier(table)} WHERE tenant_id = ${tenantId}`);
  return row?.count ?? 0;
}
