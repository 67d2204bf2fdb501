import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { covers } from "../caseload/tables.ts";
import { maySeePlanAction, relationshipTo, visiblePlanActionsCondition, type Actor } from "../platform/access/index.ts";
import type { Database } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { NotFound } from "../platform/http/errors.ts";
import { openTestDatabase } from "../../test/support/app.ts";
import { actorFor, insertAction, insertOrganisation } from "../../test/support/accountability.ts";
import { daysFromToday, insertConsent } from "../../test/support/consent.ts";
import { linkCarer } from "../../test/support/chronology.ts";
import { createPerson, createTenant, createUser, type TestUser } from "../../test/support/factories.ts";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** The actions the list condition lets the actor see. */
async function listed(actor: Actor): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(
    database.db,
    sql`SELECT a.id FROM plan_actions a JOIN people p ON p.tenant_id = a.tenant_id AND p.id = a.person_id
        WHERE a.tenant_id = ${actor.tenantId} AND ${visiblePlanActionsCondition(actor, "a", "p")}`,
  );
  return new Set(rows.map((row) => row.id));
}

/** The actions the per-person rule lets the actor see, one person at a time. */
async function perPerson(actor: Actor, actions: Array<{ id: string; personId: string; ownerOrganisationId: string }>): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const action of actions) {
    try {
      const relationship = await relationshipTo(database.db, actor, action.personId);
      if (maySeePlanAction(relationship, actor, action.ownerOrganisationId)) seen.add(action.id);
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
    }
  }
  return seen;
}

describe("which plan actions an actor may see", () => {
  it("agrees between the list condition and the person-by-person rule, for every kind of actor", async () => {
    const db = database.db;
    const tenant = await createTenant(db);
    const probation = await insertOrganisation(db, tenant, { name: "Test probation service" });
    const users: Record<string, TestUser> = {
      lead: await createUser(db, tenant, { roles: ["key-worker"] }),
      coWorker: await createUser(db, tenant, { roles: ["co-worker"] }),
      covering: await createUser(db, tenant, { roles: ["key-worker"] }),
      manager: await createUser(db, tenant, { roles: ["manager"] }),
      otherManager: await createUser(db, tenant, { roles: ["manager"], team: "other" }),
      psychologist: await createUser(db, tenant, { roles: ["psychologist"] }),
      housingInTeam: await createUser(db, tenant, { roles: ["partner"], partner: true }),
      housingOutside: await createUser(db, tenant, { roles: ["partner"], partner: true }),
      peerMentor: await createUser(db, tenant, { roles: ["peer-mentor"] }),
      carer: await createUser(db, tenant, { roles: ["carer"], team: "none" }),
      outsider: await createUser(db, tenant, { roles: ["key-worker"], team: "other" }),
      admin: await createUser(db, tenant, { roles: ["admin"], team: "none" }),
      /** A manager with no team who is named lead worker for one person: neither their worker nor their manager. */
      managerAsMember: await createUser(db, tenant, { roles: ["manager"], team: "none" }),
    };
    const probationOfficer = await createUser(db, tenant, { roles: ["partner"], partner: true });
    await db.execute(sql`UPDATE users SET organisation_id = ${probation} WHERE id = ${probationOfficer.id}`);
    users.probationInTeam = probationOfficer;

    const { lead, coWorker, covering, housingInTeam, peerMentor, carer, managerAsMember } = users as Record<string, TestUser> & {
      lead: TestUser; coWorker: TestUser; covering: TestUser; housingInTeam: TestUser; peerMentor: TestUser; carer: TestUser; managerAsMember: TestUser;
    };
    // Shares the plan with their carer.
    const withCarer = await createPerson(db, tenant, { members: [{ user: lead, role: "lead" }, { user: coWorker, role: "co-worker" }, { user: housingInTeam, role: "partner" }, { user: peerMentor, role: "peer-mentor" }] });
    const familyMemberId = await linkCarer(db, tenant, withCarer, carer);
    await insertConsent(db, tenant, withCarer, { familyMemberId, scopes: ["plan"] });
    // Shares the plan with probation, whose officer is in the team.
    const withProbation = await createPerson(db, tenant, { members: [{ user: lead, role: "lead" }, { user: housingInTeam, role: "partner" }, { user: probationOfficer, role: "partner" }] });
    await insertConsent(db, tenant, withProbation, { organisationId: probation, scopes: ["plan", "story"] });
    // Shared the plan with housing once, then withdrew it; the peer mentor is also a partner here (an odd record, but possible).
    const withdrawn = await createPerson(db, tenant, { members: [{ user: lead, role: "lead" }, { user: housingInTeam, role: "partner" }, { user: peerMentor, role: "partner" }] });
    await insertConsent(db, tenant, withdrawn, { organisationId: tenant.partnerOrganisationId, scopes: ["plan"], withdrawnOn: daysFromToday(-1) });
    // With the other team; housing is in the team and the plan is shared with the key-worker service.
    const otherTeam = await createPerson(db, tenant, { team: "other", members: [{ user: managerAsMember, role: "lead" }, { user: housingInTeam, role: "partner" }] });
    await insertConsent(db, tenant, otherTeam, { organisationId: tenant.serviceOrganisationId, scopes: ["plan"] });
    // The lead worker is away; the covering worker sees their people.
    await db.insert(covers).values({ id: newId(), tenantId: tenant.tenantId, absentUserId: lead.id, coveringUserId: covering.id, startsOn: daysFromToday(-1), endsOn: daysFromToday(5) });

    const actions: Array<{ id: string; personId: string; ownerOrganisationId: string }> = [];
    for (const person of [withCarer, withProbation, withdrawn, otherTeam]) {
      for (const ownerOrganisationId of [tenant.serviceOrganisationId, tenant.partnerOrganisationId, probation]) {
        actions.push({ id: await insertAction(db, tenant, person, { dueOn: daysFromToday(-3), ownerOrganisationId }), personId: person.id, ownerOrganisationId });
      }
    }
    const ofPerson = (personId: string, owners?: string[]) =>
      actions.filter((action) => action.personId === personId && (!owners || owners.includes(action.ownerOrganisationId))).map((action) => action.id).sort();

    const results: Record<string, string[]> = {};
    for (const [name, user] of Object.entries(users)) {
      const actor = await actorFor(db, user);
      const fromList = await listed(actor);
      const fromRule = await perPerson(actor, actions);
      expect([...fromList].sort(), `${name}: the list and the person's plan disagree`).toEqual([...fromRule].sort());
      results[name] = [...fromList].sort();
    }

    // And the rule says what the people who use Keywork expect.
    const mainTeam = [...ofPerson(withCarer.id), ...ofPerson(withProbation.id), ...ofPerson(withdrawn.id)].sort();
    expect(results.lead).toEqual(mainTeam);
    expect(results.covering).toEqual(mainTeam);
    expect(results.coWorker).toEqual(ofPerson(withCarer.id));
    expect(results.manager).toEqual(mainTeam);
    expect(results.psychologist).toEqual(mainTeam);
    expect(results.otherManager).toEqual(ofPerson(otherTeam.id));
    expect(results.housingInTeam).toEqual(
      [...ofPerson(withCarer.id, [tenant.partnerOrganisationId]), ...ofPerson(withProbation.id, [tenant.partnerOrganisationId]), ...ofPerson(withdrawn.id, [tenant.partnerOrganisationId]), ...ofPerson(otherTeam.id, [tenant.partnerOrganisationId])].sort(),
    );
    expect(results.probationInTeam).toEqual(ofPerson(withProbation.id));
    // A partner in that team: the actions of their own organisation (the key-worker service).
    expect(results.peerMentor).toEqual(ofPerson(withdrawn.id, [tenant.serviceOrganisationId]));
    expect(results.carer).toEqual(ofPerson(withCarer.id));
    // Being named in the team is not enough without a role that works in teams.
    for (const nobody of ["housingOutside", "outsider", "admin", "managerAsMember"]) expect(results[nobody], nobody).toEqual([]);
  });
});
