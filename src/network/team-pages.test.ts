import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { covers } from "../caseload/tables.ts";
import { newId } from "../platform/database/ids.ts";
import { todayIso } from "../platform/http/validation.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import {
  chronologyRows,
  createFamilyMember,
  createProfessional,
  createServiceInvolved,
  memberships,
  shareWithPartner,
  signedIn,
  teamAroundPerson,
} from "../../test/support/network.ts";

function daysFromToday(days: number): string {
  return todayIso(new Date(Date.now() + days * 86_400_000));
}

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function withNetwork() {
  const setup = await teamAroundPerson(testApp);
  const { db } = testApp.database;
  await createProfessional(db, setup.tenant, setup.person.id, { name: "Dr Ama Osei" });
  await createProfessional(db, setup.tenant, setup.person.id, { name: "Ravi Sandhu", endedOn: "2024-06-30" });
  await createFamilyMember(db, setup.tenant, setup.person.id, { name: "Maureen Holloway" });
  await createServiceInvolved(db, setup.tenant, setup.person.id, { organisationName: "Harbour Housing" });
  await createServiceInvolved(db, setup.tenant, setup.person.id, { organisationName: "Cathedral Day Centre", endedOn: "2024-01-31", note: "Discharged after 3 missed appointments" });
  return setup;
}

describe("the team page", () => {
  it("shows the key worker every section, with the network map drawn at the server", async () => {
    const { lead, person, tenant } = await withNetwork();
    const client = await signedIn(testApp, lead);
    const response = await client.get(`/people/${person.id}/team`);
    expect(response.status).toBe(200);
    const page = await response.text();
    const text = textOf(page);
    for (const heading of ["Keywork users in the team", "Other professionals", "Family and carers", "Services involved, now and before"]) expect(text).toContain(heading);
    expect(text).toContain("Sam Okafor");
    expect(text).toContain("Lead worker");
    expect(text).toContain("Dr Ama Osei");
    expect(text).toContain("01632 960 222");
    expect(text).toContain("Maureen Holloway");
    expect(text).toContain("Text first, never call before 10");
    expect(text).toContain("Her own arthritis");
    expect(text).toContain("Discharged after 3 missed appointments");
    expect(text).toContain("Professionals involved before (1)");
    // The map: an accessible picture with a title and a description, and no script.
    expect(page).toMatch(/<svg class="keywork-network-map"[^>]*role="img"[^>]*aria-labelledby="network-map-title network-map-desc"/);
    expect(page).toContain('<title id="network-map-title">Network map of the team around Dean Holloway</title>');
    const description = /<desc id="network-map-desc">([^<]*)<\/desc>/.exec(page)?.[1] ?? "";
    expect(description).toContain("Dean Holloway is in the centre");
    expect(description).toContain("Sam Okafor (Lead worker");
    expect(description).toContain("Maureen Holloway (Mum, carer)");
    expect(description).toContain("Harbour Housing");
    expect(description).not.toContain("Ravi Sandhu");
    expect(description).not.toContain("Cathedral Day Centre");
    expect(page).not.toMatch(/<script(?![^>]*src="\/static\/keywork\.mjs")/);
    const audit = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "team.read" });
    expect(audit.map((row) => row.actor_user_id)).toEqual([lead.id]);
  });

  it("never shows a partner the family section, even when the person shares their story", async () => {
    const { partner, person, tenant } = await withNetwork();
    await shareWithPartner(testApp.database.db, tenant, person.id, ["story", "contacts"]);
    const client = await signedIn(testApp, partner);
    const page = await (await client.get(`/people/${person.id}/team`)).text();
    const text = textOf(page);
    expect(text).toContain("Keywork users in the team");
    expect(text).toContain("Dr Ama Osei");
    expect(text).toContain("01632 960 222");
    expect(text).not.toContain("Family and carers");
    expect(page).not.toContain("Maureen Holloway");
    expect(text).not.toContain("Add someone with a Keywork account");
    expect(text).not.toContain("Change lead worker");
  });

  it("shows a peer mentor the Keywork workers only: no other professionals, services or family", async () => {
    const { peerMentor, person } = await withNetwork();
    const client = await signedIn(testApp, peerMentor);
    const page = await (await client.get(`/people/${person.id}/team`)).text();
    const text = textOf(page);
    expect(text).toContain("Sam Okafor");
    expect(text).not.toContain("Dr Ama Osei");
    expect(text).not.toContain("01632 960 222");
    expect(text).not.toContain("Discharged after 3 missed appointments");
    expect(page).not.toContain("Maureen Holloway");
  });

  it("is not found for anyone outside the person's team, and for an id that is not a person", async () => {
    const { outsider, otherManager, person, tenant } = await withNetwork();
    const admin = await createUser(testApp.database.db, tenant, { roles: ["admin"], team: "none" });
    for (const user of [outsider, otherManager, admin]) {
      const client = await signedIn(testApp, user);
      expect((await client.get(`/people/${person.id}/team`)).status, user.displayName).toBe(404);
    }
    const client = await signedIn(testApp, outsider);
    expect((await client.get("/people/not-a-person/team")).status).toBe(404);
  });
});

describe("adding someone with a Keywork account", () => {
  it("lists the partnership's active users grouped by organisation", async () => {
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    await createUser(testApp.database.db, tenant, { roles: ["key-worker"], name: "Gone Away", active: false });
    const client = await signedIn(testApp, lead);
    const page = await (await client.get(`/people/${person.id}/team/members/new`)).text();
    expect(page).toContain('<optgroup label="Test key-worker service">');
    expect(page).toContain('<optgroup label="Test housing association">');
    expect(page).toContain("Priya Nair");
    expect(page).not.toContain("Gone Away");
  });

  it("checks the role against the user's roles, with a clear message, and saves nothing", async () => {
    const { db } = testApp.database;
    const { lead, partner, coWorker, person, tenant } = await teamAroundPerson(testApp);
    const spare = await createUser(db, tenant, { roles: ["key-worker"], name: "Aisha Begum" });
    const client = await signedIn(testApp, lead);
    const before = await memberships(db, tenant.tenantId, person.id);
    const cases: Array<[string, string, string]> = [
      [spare.id, "peer-mentor", "Aisha Begum cannot be a peer mentor because they do not have the peer mentor role"],
      [spare.id, "partner", "Aisha Begum cannot be a partner professional because they do not have a partner role"],
      [partner.id, "co-worker", "Marcus Bell cannot be a co-worker because they are not a key worker or co-worker"],
      [coWorker.id, "co-worker", "Priya Nair is already in the team as co-worker"],
      [spare.id, "lead", "Sam Okafor is already the lead worker"],
      ["", "", "Choose someone from the list"],
    ];
    for (const [userId, role, message] of cases) {
      const response = await client.submitForm(`/people/${person.id}/team/members/new`, `/people/${person.id}/team/members`, { userId, role });
      expect(response.status, message).toBe(400);
      const page = await response.text();
      expect(textOf(page)).toContain(message);
      expect(page).toContain("There is a problem");
      expect(page).toMatch(/<title>Error: /);
    }
    expect(await memberships(db, tenant.tenantId, person.id)).toEqual(before);
  });

  it("adds a co-worker, who then sees the person, with an audit row and a chronology event", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const newcomer = await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Aisha Begum" });
    const newcomerClient = await signedIn(testApp, newcomer);
    expect((await newcomerClient.get(`/people/${person.id}`)).status).toBe(404);
    const client = await signedIn(testApp, lead);
    const response = await client.submitForm(`/people/${person.id}/team/members/new`, `/people/${person.id}/team/members`, { userId: newcomer.id, role: "co-worker" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/people/${person.id}/team#members`);
    expect(textOf(await (await client.get(`/people/${person.id}/team`)).text())).toContain("Aisha Begum has joined the team as co-worker");
    expect((await newcomerClient.get(`/people/${person.id}`)).status).toBe(200);
    expect((await chronologyRows(db, tenant.tenantId, person.id)).map((row) => [row.kind, row.summary, row.section])).toContainEqual([
      "team-member-added",
      "Aisha Begum joined the team as co-worker",
      "record",
    ]);
    expect((await auditRows(db, tenant.tenantId, { personId: person.id, action: "team.member.add" })).map((row) => row.actor_user_id)).toEqual([lead.id]);
  });

  it("adds a peer mentor and a partner professional with the right roles", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const mentor = await createUser(db, tenant, { roles: ["peer-mentor"], name: "Kim Rowe" });
    const probation = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Claire Dunn" });
    const client = await signedIn(testApp, lead);
    for (const [user, role] of [[mentor, "peer-mentor"], [probation, "partner"]] as const) {
      const response = await client.submitForm(`/people/${person.id}/team/members/new`, `/people/${person.id}/team/members`, { userId: user.id, role });
      expect(response.status).toBe(303);
    }
    const current = (await memberships(db, tenant.tenantId, person.id)).filter((row) => row.current);
    expect(current).toContainEqual(expect.objectContaining({ user_id: mentor.id, role: "peer-mentor" }));
    expect(current).toContainEqual(expect.objectContaining({ user_id: probation.id, role: "partner" }));
  });

  it("refuses partners and peer mentors in the team, and hides the person from outsiders", async () => {
    const { db } = testApp.database;
    const { partner, peerMentor, outsider, person, tenant } = await teamAroundPerson(testApp);
    const spare = await createUser(db, tenant, { roles: ["key-worker"] });
    for (const [user, status] of [[partner, 403], [peerMentor, 403], [outsider, 404]] as const) {
      const client = await signedIn(testApp, user);
      expect((await client.get(`/people/${person.id}/team/members/new`)).status).toBe(status);
      const response = await client.submitForm(`/people/${person.id}/team`, `/people/${person.id}/team/members`, { userId: spare.id, role: "co-worker" });
      expect(response.status).toBe(status === 404 ? 404 : 403);
    }
    expect((await memberships(db, tenant.tenantId, person.id)).some((row) => row.user_id === spare.id)).toBe(false);
  });
});

describe("ending someone's place in the team", () => {
  it("ends a co-worker's membership without deleting it, and their access ends at once", async () => {
    const { db } = testApp.database;
    const { lead, coWorker, person, tenant } = await teamAroundPerson(testApp);
    const coWorkerClient = await signedIn(testApp, coWorker);
    expect((await coWorkerClient.get(`/people/${person.id}`)).status).toBe(200);
    const client = await signedIn(testApp, lead);
    const confirm = await client.get(`/people/${person.id}/team/members/${coWorker.id}/end`);
    expect(textOf(await confirm.text())).toContain("Remove Priya Nair from the team");
    const response = await client.submitForm(`/people/${person.id}/team/members/${coWorker.id}/end`, `/people/${person.id}/team/members/${coWorker.id}/end`, { version: "1" });
    expect(response.status).toBe(303);
    const rows = (await memberships(db, tenant.tenantId, person.id)).filter((row) => row.user_id === coWorker.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ended_on).not.toBeNull();
    expect(rows[0]?.current).toBe(false);
    expect((await coWorkerClient.get(`/people/${person.id}`)).status).toBe(404);
    const page = textOf(await (await client.get(`/people/${person.id}/team`)).text());
    expect(page).toContain("Who was in the team before (1)");
    expect((await chronologyRows(db, tenant.tenantId, person.id)).map((row) => row.summary)).toContain("Priya Nair left the team (co-worker)");
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "team.member.end" })).toHaveLength(1);
  });

  it("refuses to end the lead worker's membership without a new lead", async () => {
    const { db } = testApp.database;
    const { manager, lead, person, tenant } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, manager);
    const confirm = textOf(await (await client.get(`/people/${person.id}/team/members/${lead.id}/end`)).text());
    expect(confirm).toContain("Sam Okafor is the lead worker. There must always be a lead worker, so choose a new one first.");
    const response = await client.submitForm(`/people/${person.id}/team`, `/people/${person.id}/team/members/${lead.id}/end`, { version: "1" });
    expect(response.status).toBe(400);
    expect(textOf(await response.text())).toContain("Sam Okafor is the lead worker. Choose a new lead worker before they leave the team");
    const leads = (await memberships(db, tenant.tenantId, person.id)).filter((row) => row.role === "lead" && row.current);
    expect(leads.map((row) => row.user_id)).toEqual([lead.id]);
  });

  it("answers 409 and changes nothing when the page was out of date", async () => {
    const { db } = testApp.database;
    const { lead, coWorker, person, tenant } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, lead);
    const response = await client.submitForm(`/people/${person.id}/team`, `/people/${person.id}/team/members/${coWorker.id}/end`, { version: "7" });
    expect(response.status).toBe(409);
    expect(textOf(await response.text())).toContain("Someone else changed this person's team after you opened the page");
    expect((await memberships(db, tenant.tenantId, person.id)).find((row) => row.user_id === coWorker.id)?.current).toBe(true);
  });

  it("is not found for someone who is not in the team, and refused to partners", async () => {
    const { lead, partner, coWorker, outsider, person } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, lead);
    expect((await client.get(`/people/${person.id}/team/members/${outsider.id}/end`)).status).toBe(404);
    const partnerClient = await signedIn(testApp, partner);
    expect((await partnerClient.get(`/people/${person.id}/team/members/${coWorker.id}/end`)).status).toBe(403);
    const outsiderClient = await signedIn(testApp, outsider);
    expect((await outsiderClient.get(`/people/${person.id}/team/members/${coWorker.id}/end`)).status).toBe(404);
  });
});

describe("who may change the team", () => {
  it("lets a worker covering for the lead worker's absence add to the team", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const cover = await createUser(db, tenant, { roles: ["key-worker"], name: "Dan Hughes" });
    const client = await signedIn(testApp, cover);
    expect((await client.get(`/people/${person.id}/team/professionals/new`)).status).toBe(404);
    await db.insert(covers).values({ id: newId(), tenantId: tenant.tenantId, absentUserId: lead.id, coveringUserId: cover.id, startsOn: daysFromToday(-1), endsOn: daysFromToday(6) });
    const response = await client.submitForm(`/people/${person.id}/team/professionals/new`, `/people/${person.id}/team/professionals`, { name: "Dr Ama Osei", role: "GP", organisationName: "Brookside Medical Practice" });
    expect(response.status).toBe(303);
  });

  it("is not found on any team route for a worker outside the team, with real entries", async () => {
    const { db } = testApp.database;
    const { outsider, coWorker, person, tenant } = await teamAroundPerson(testApp);
    const professional = await createProfessional(db, tenant, person.id);
    const family = await createFamilyMember(db, tenant, person.id);
    const service = await createServiceInvolved(db, tenant, person.id);
    const client = await signedIn(testApp, outsider);
    const gets = [
      `/people/${person.id}/team`,
      `/people/${person.id}/team/members/new`,
      `/people/${person.id}/team/lead`,
      `/people/${person.id}/team/members/${coWorker.id}/end`,
      `/people/${person.id}/team/professionals/new`,
      `/people/${person.id}/team/family/new`,
      `/people/${person.id}/team/services/new`,
      `/external-professionals/${professional}/edit`,
      `/family-members/${family}/edit`,
      `/services-involved/${service}/edit`,
    ];
    for (const path of gets) expect((await client.get(path)).status, path).toBe(404);
    const posts = [
      `/people/${person.id}/team/members`,
      `/people/${person.id}/team/lead`,
      `/people/${person.id}/team/members/${coWorker.id}/end`,
      `/people/${person.id}/team/professionals`,
      `/people/${person.id}/team/family`,
      `/people/${person.id}/team/services`,
      `/external-professionals/${professional}`,
      `/external-professionals/${professional}/end`,
      `/family-members/${family}`,
      `/family-members/${family}/end`,
      `/services-involved/${service}`,
      `/services-involved/${service}/end`,
    ];
    for (const path of posts) expect((await client.submitForm("/directory", path, { version: "1", name: "X", role: "co-worker", userId: outsider.id })).status, path).toBe(404);
    expect((await memberships(db, tenant.tenantId, person.id)).every((row) => row.user_id !== outsider.id)).toBe(true);
    expect(await auditRows(db, tenant.tenantId, { personId: person.id })).toEqual([]);
  });
});
