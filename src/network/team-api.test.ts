import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createUser } from "../../test/support/factories.ts";
import { chronologyRows, countTeamRows, createFamilyMember, createProfessional, createServiceInvolved, memberships, shareWithPartner, signedIn, teamAroundPerson } from "../../test/support/network.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

interface TeamBody {
  members: Array<{ userId: string; name: string; role: string; organisation: string; since: string }>;
  externalProfessionals: Array<Record<string, unknown>>;
  family?: Array<Record<string, unknown>>;
  servicesInvolved: Array<Record<string, unknown>>;
}

describe("GET /api/v1/people/{id}/team", () => {
  it("gives the key worker members, professionals, family and services now and before", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    await createProfessional(db, tenant, person.id);
    await createProfessional(db, tenant, person.id, { name: "Ravi Sandhu", endedOn: "2024-01-01" });
    await createFamilyMember(db, tenant, person.id);
    await createServiceInvolved(db, tenant, person.id);
    await createServiceInvolved(db, tenant, person.id, { organisationName: "Cathedral Day Centre", endedOn: "2024-01-31" });
    const client = await signedIn(testApp, lead, "api");
    const { status, body } = await client.getJson<TeamBody>(`/api/v1/people/${person.id}/team`);
    expect(status).toBe(200);
    expect(body.members[0]).toEqual({ userId: lead.id, name: "Sam Okafor", role: "lead", roleLabel: "Lead worker", organisation: "Test key-worker service", since: "2026-01-05" });
    expect(body.members.map((member) => member.role)).toEqual(["lead", "co-worker", "peer-mentor", "partner"]);
    expect(body.externalProfessionals).toEqual([expect.objectContaining({ name: "Dr Ama Osei", role: "GP", organisation: "Brookside Medical Practice", phone: "01632 960 222", since: "2024-02-01" })]);
    expect(body.family).toEqual([expect.objectContaining({ name: "Maureen Holloway", relationship: "Mum", isCarer: true, contactPreferences: "Text first, never call before 10", ownNeeds: "Her own arthritis; would like a carer's assessment." })]);
    expect(body.servicesInvolved).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organisation: "Harbour Housing", current: true, to: null }),
        expect.objectContaining({ organisation: "Cathedral Day Centre", current: false, to: "2024-01-31", note: "Discharged after 3 missed appointments" }),
      ]),
    );
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "team.read" })).toHaveLength(1);
  });

  it("omits family for partners (whatever is shared) and peer mentors, and contact details for peer mentors", async () => {
    const { db } = testApp.database;
    const { partner, peerMentor, person, tenant } = await teamAroundPerson(testApp);
    await createProfessional(db, tenant, person.id);
    await createFamilyMember(db, tenant, person.id);
    await shareWithPartner(db, tenant, person.id, ["story", "contacts", "plan"]);
    const partnerView = await (await signedIn(testApp, partner, "api")).getJson<TeamBody>(`/api/v1/people/${person.id}/team`);
    expect(partnerView.status).toBe(200);
    expect("family" in partnerView.body).toBe(false);
    expect(JSON.stringify(partnerView.body)).not.toContain("Maureen");
    expect(partnerView.body.externalProfessionals[0]?.phone).toBe("01632 960 222");
    const mentorView = await (await signedIn(testApp, peerMentor, "api")).getJson<TeamBody>(`/api/v1/people/${person.id}/team`);
    expect("family" in mentorView.body).toBe(false);
    // Which agencies are involved can say too much: peer mentors see the Keywork workers only.
    expect(mentorView.body.externalProfessionals).toEqual([]);
  });

  it("is 404 for people the actor may not see", async () => {
    const { outsider, otherManager, person, tenant } = await teamAroundPerson(testApp);
    const admin = await createUser(testApp.database.db, tenant, { roles: ["admin"], team: "none" });
    for (const user of [outsider, otherManager, admin]) {
      expect((await (await signedIn(testApp, user, "api")).getJson(`/api/v1/people/${person.id}/team`)).status).toBe(404);
    }
    expect((await (await signedIn(testApp, outsider, "api")).getJson("/api/v1/people/nobody/team")).status).toBe(404);
  });
});

describe("POST /api/v1/people/{id}/team", () => {
  it("adds a member, another professional, a family member and a service, answering 201 with each", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const newcomer = await createUser(db, tenant, { roles: ["key-worker"], name: "Aisha Begum" });
    const client = await signedIn(testApp, lead, "api");
    const member = await client.sendJson("POST", `/api/v1/people/${person.id}/team`, { kind: "member", userId: newcomer.id, role: "co-worker" });
    expect(member.status).toBe(201);
    expect(member.body).toEqual(expect.objectContaining({ userId: newcomer.id, name: "Aisha Begum", role: "co-worker", organisation: "Test key-worker service" }));
    const external = await client.sendJson("POST", `/api/v1/people/${person.id}/team`, { kind: "external", name: "Ravi Sandhu", role: "Solicitor", organisationName: "Sandhu & Co", phone: "01632 960 540" });
    expect(external.status).toBe(201);
    expect(external.body).toEqual(expect.objectContaining({ id: expect.any(String), name: "Ravi Sandhu", organisation: "Sandhu & Co", until: null, version: 1 }));
    const family = await client.sendJson("POST", `/api/v1/people/${person.id}/team`, { kind: "family", name: "Tasha Bennett", relationship: "Sister", ownNeeds: "Two children under five" });
    expect(family.status).toBe(201);
    expect(family.body).toEqual(expect.objectContaining({ name: "Tasha Bennett", isCarer: false, hasKeyworkAccount: false }));
    const service = await client.sendJson("POST", `/api/v1/people/${person.id}/team`, { kind: "service", organisationName: "Harbour Housing", startedOn: "2024-03-01", note: "Tenancy sustainment" });
    expect(service.status).toBe(201);
    expect(service.body).toEqual(expect.objectContaining({ organisation: "Harbour Housing", from: "2024-03-01", to: null }));
    const team = await client.getJson<TeamBody>(`/api/v1/people/${person.id}/team`);
    expect(team.body.members.map((entry) => entry.name)).toContain("Aisha Begum");
    expect(team.body.family?.map((entry) => entry.name)).toEqual(["Tasha Bennett"]);
    const actions = (await auditRows(db, tenant.tenantId, { personId: person.id })).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["team.member.add", "team.professional.add", "team.family.add", "team.service.add"]));
    expect(await chronologyRows(db, tenant.tenantId, person.id)).toHaveLength(4);
  });

  it("checks the member's role against their account", async () => {
    const { db } = testApp.database;
    const { lead, partner, person, tenant } = await teamAroundPerson(testApp);
    const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Aisha Begum" });
    const client = await signedIn(testApp, lead, "api");
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ kind: "member", userId: worker.id, role: "peer-mentor" }, "role", "Aisha Begum cannot be a peer mentor because they do not have the peer mentor role"],
      [{ kind: "member", userId: worker.id, role: "partner" }, "role", "Aisha Begum cannot be a partner professional because they do not have a partner role"],
      [{ kind: "member", userId: partner.id, role: "co-worker" }, "role", "Marcus Bell cannot be a co-worker because they are not a key worker or co-worker"],
      [{ kind: "member", userId: worker.id, role: "lead" }, "role", "Sam Okafor is already the lead worker. To give the person a new lead worker, change the lead worker instead"],
    ];
    const before = await memberships(db, tenant.tenantId, person.id);
    for (const [body, field, message] of cases) {
      const response = await client.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", `/api/v1/people/${person.id}/team`, body);
      expect(response.status, message).toBe(400);
      expect(response.body.error.issues).toEqual([{ field, message }]);
    }
    expect(await memberships(db, tenant.tenantId, person.id)).toEqual(before);
  });

  it("refuses bad bodies with a message per field and writes nothing", async () => {
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, lead, "api");
    const unknownKind = await client.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", `/api/v1/people/${person.id}/team`, { kind: "friend", name: "X" });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.error.issues[0]?.message).toBe("kind must be one of: member, external, family, service");
    const external = await client.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", `/api/v1/people/${person.id}/team`, { kind: "external", name: "", role: "GP", email: "nope", surprise: 1 });
    expect(external.status).toBe(400);
    const byField = Object.fromEntries(external.body.error.issues.map((issue) => [issue.field, issue.message]));
    expect(byField.name).toBe("Enter their name");
    expect(byField.email).toMatch(/correct format/);
    expect(byField.body).toMatch(/surprise/);
    const family = await client.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", `/api/v1/people/${person.id}/team`, { kind: "family", name: "Tasha", relationship: "" });
    expect(family.body.error.issues).toEqual([{ field: "relationship", message: "Enter how they are related, for example Mum, partner or foster carer" }]);
    for (const table of ["external_professionals", "family_members", "services_involved"] as const) expect(await countTeamRows(testApp.database.db, table, tenant.tenantId)).toBe(0);
  });

  it("is 403 for those who only see the person and 404 for those who do not", async () => {
    const { partner, peerMentor, outsider, person, tenant } = await teamAroundPerson(testApp);
    const body = { kind: "external", name: "Dr Matrix", role: "GP", organisationName: "Matrix Practice" };
    expect((await (await signedIn(testApp, partner, "api")).sendJson("POST", `/api/v1/people/${person.id}/team`, body)).status).toBe(403);
    expect((await (await signedIn(testApp, peerMentor, "api")).sendJson("POST", `/api/v1/people/${person.id}/team`, body)).status).toBe(403);
    expect((await (await signedIn(testApp, outsider, "api")).sendJson("POST", `/api/v1/people/${person.id}/team`, body)).status).toBe(404);
    expect(await countTeamRows(testApp.database.db, "external_professionals", tenant.tenantId)).toBe(0);
  });

  it("is described in the OpenAPI document", async () => {
    const document = await testApp.client().getJson<{ paths: Record<string, Record<string, unknown>> }>("/openapi.json");
    expect(Object.keys(document.body.paths["/api/v1/people/{id}/team"] ?? {})).toEqual(["get", "post"]);
    expect(document.body.paths["/api/v1/services"]).toHaveProperty("get");
  });
});
