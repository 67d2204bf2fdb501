import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import {
  chronologyRows,
  countTeamRows,
  createDirectoryService,
  createFamilyMember,
  createProfessional,
  createServiceInvolved,
  signedIn,
  teamAroundPerson,
} from "../../test/support/network.ts";
import { queryRows } from "../platform/database/query.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function row<Row>(query: ReturnType<typeof sql>): Promise<Row | undefined> {
  return (await queryRows<Row>(testApp.database.db, query))[0];
}

describe("other professionals", () => {
  it("adds one from a typed organisation, audited and on the chronology", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, lead);
    const response = await client.submitForm(`/people/${person.id}/team/professionals/new`, `/people/${person.id}/team/professionals`, {
      name: "Dr Ama Osei",
      role: "GP",
      organisationId: "",
      organisationName: "Brookside Medical Practice",
      phone: "01632 960 222",
      email: "ama.osei@example.org",
      "startedOn-day": "1",
      "startedOn-month": "2",
      "startedOn-year": "2024",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/people/${person.id}/team#professionals`);
    const stored = await row<{ name: string; organisation_name: string; started_on: string; created_by: string }>(
      sql`SELECT name, organisation_name, started_on::text, created_by FROM external_professionals WHERE person_id = ${person.id}`,
    );
    expect(stored).toEqual({ name: "Dr Ama Osei", organisation_name: "Brookside Medical Practice", started_on: "2024-02-01", created_by: lead.id });
    expect((await chronologyRows(db, tenant.tenantId, person.id)).map((event) => event.summary)).toContain("Dr Ama Osei (GP, Brookside Medical Practice) joined the team around them");
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "team.professional.add" })).toHaveLength(1);
  });

  it("takes the organisation's name from the partnership's list when one is chosen", async () => {
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, lead);
    const form = await (await client.get(`/people/${person.id}/team/professionals/new`)).text();
    expect(form).toContain("Test housing association");
    const response = await client.submitForm(`/people/${person.id}/team/professionals/new`, `/people/${person.id}/team/professionals`, { name: "Jo Pike", role: "Housing officer", organisationId: tenant.partnerOrganisationId });
    expect(response.status).toBe(303);
    expect(await row(sql`SELECT organisation_id, organisation_name FROM external_professionals WHERE person_id = ${person.id}`)).toEqual({
      organisation_id: tenant.partnerOrganisationId,
      organisation_name: "Test housing association",
    });
  });

  it("shows every problem, keeps the input and saves nothing", async () => {
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, lead);
    const response = await client.submitForm(`/people/${person.id}/team/professionals/new`, `/people/${person.id}/team/professionals`, {
      name: "",
      role: "Solicitor",
      organisationName: "",
      email: "not-an-email",
      "startedOn-day": "31",
      "startedOn-month": "2",
      "startedOn-year": "2024",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    const text = textOf(page);
    expect(text).toContain("Enter their name");
    expect(text).toContain("Choose an organisation or type its name");
    expect(text).toContain("Enter an email address in the correct format");
    expect(text).toContain("The date they became involved must be a real date");
    expect(page).toContain('href="#startedOn-day"');
    expect(page).toContain('value="Solicitor"');
    expect(await countTeamRows(testApp.database.db, "external_professionals", tenant.tenantId)).toBe(0);
  });

  it("saves a change, refuses a stale one with both versions shown, and records an end", async () => {
    const { db } = testApp.database;
    const { lead, coWorker, person, tenant } = await teamAroundPerson(testApp);
    const id = await createProfessional(db, tenant, person.id);
    const mine = await signedIn(testApp, lead);
    const theirs = await signedIn(testApp, coWorker);
    const edit = `/external-professionals/${id}/edit`;
    const base = { name: "Dr Ama Osei", role: "GP", organisationName: "Brookside Medical Practice", phone: "01632 960 999", version: "1" };
    expect((await theirs.submitForm(edit, `/external-professionals/${id}`, { ...base, role: "GP partner" })).status).toBe(303);
    const stale = await mine.submitForm(edit, `/external-professionals/${id}`, base);
    expect(stale.status).toBe(409);
    const stalePage = textOf(await stale.text());
    expect(stalePage).toContain("Someone else changed this while you were editing");
    expect(stalePage).toContain("GP partner");
    expect((await row<{ role: string; phone: string }>(sql`SELECT role, phone FROM external_professionals WHERE id = ${id}`))?.role).toBe("GP partner");
    const ended = await mine.submitForm(edit, `/external-professionals/${id}/end`, { version: "2" });
    expect(ended.status).toBe(303);
    expect((await row<{ current: boolean }>(sql`SELECT ended_on = (now() AT TIME ZONE 'Europe/London')::date AS current FROM external_professionals WHERE id = ${id}`))?.current).toBe(true);
    const page = textOf(await (await mine.get(`/people/${person.id}/team`)).text());
    expect(page).toContain("Professionals involved before (1)");
    const summaries = (await chronologyRows(db, tenant.tenantId, person.id)).map((event) => event.summary);
    expect(summaries).toContain("Details of Dr Ama Osei (GP partner, Brookside Medical Practice) updated");
    expect(summaries).toContain("Dr Ama Osei (GP partner, Brookside Medical Practice) no longer involved");
    expect((await auditRows(db, tenant.tenantId, { personId: person.id })).map((audit) => audit.action)).toEqual(expect.arrayContaining(["team.professional.update", "team.professional.end"]));
  });
});

describe("family and carers", () => {
  it("adds a carer with their own needs, on the chronology only where the story is shared", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, lead);
    const response = await client.submitForm(`/people/${person.id}/team/family/new`, `/people/${person.id}/team/family`, {
      name: "Maureen Holloway",
      relationship: "Mum",
      isCarer: "yes",
      phone: "07700 900601",
      contactPreferences: "Text first, never call before 10",
      ownNeeds: "Would like a carer's assessment.",
    });
    expect(response.status).toBe(303);
    expect(await row(sql`SELECT is_carer, own_needs, user_id FROM family_members WHERE person_id = ${person.id}`)).toEqual({ is_carer: true, own_needs: "Would like a carer's assessment.", user_id: null });
    expect((await chronologyRows(db, tenant.tenantId, person.id)).map((event) => [event.summary, event.section])).toContainEqual(["Maureen Holloway (Mum, carer) added to family and carers", "story"]);
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "team.family.add" })).toHaveLength(1);
  });

  it("links a carer's Keywork account by email, who can then sign in and see the person, until they are ended", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const carer = await createUser(db, tenant, { roles: ["carer"], team: "none", name: "Maureen Holloway" });
    const notACarer = await createUser(db, tenant, { roles: ["key-worker"] });
    const carerClient = await signedIn(testApp, carer, "api");
    expect((await carerClient.getJson(`/api/v1/people/${person.id}`)).status).toBe(404);
    const client = await signedIn(testApp, lead);
    const fields = { name: "Maureen Holloway", relationship: "Mum", isCarer: "yes" };
    const refused = await client.submitForm(`/people/${person.id}/team/family/new`, `/people/${person.id}/team/family`, { ...fields, accountEmail: notACarer.email });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain("There is no Keywork account with the carer role for that email address");
    const linked = await client.submitForm(`/people/${person.id}/team/family/new`, `/people/${person.id}/team/family`, { ...fields, accountEmail: carer.email.toUpperCase() });
    expect(linked.status).toBe(303);
    expect((await carerClient.getJson(`/api/v1/people/${person.id}`)).status).toBe(200);
    const id = (await row<{ id: string }>(sql`SELECT id FROM family_members WHERE person_id = ${person.id}`))?.id ?? "";
    expect(textOf(await (await client.get(`/people/${person.id}/team`)).text())).toContain(`Signs in as ${carer.email}`);
    expect((await client.submitForm(`/family-members/${id}/edit`, `/family-members/${id}/end`, { version: "1" })).status).toBe(303);
    expect((await carerClient.getJson(`/api/v1/people/${person.id}`)).status).toBe(404);
    const summaries = (await chronologyRows(db, tenant.tenantId, person.id)).map((event) => event.summary);
    expect(summaries).toContain("Maureen Holloway can now sign in to Keywork as a carer");
    expect(summaries).toContain("Maureen Holloway (Mum, carer) no longer listed as family or carer");
  });

  it("keeps family members' details from partners and peer mentors, even on the edit routes", async () => {
    const { db } = testApp.database;
    const { partner, peerMentor, outsider, person, tenant } = await teamAroundPerson(testApp);
    const id = await createFamilyMember(db, tenant, person.id);
    for (const [user, status] of [[partner, 403], [peerMentor, 403], [outsider, 404]] as const) {
      const client = await signedIn(testApp, user);
      const edit = await client.get(`/family-members/${id}/edit`);
      expect(edit.status).toBe(status);
      expect(await edit.text()).not.toContain("Text first, never call before 10");
      expect((await client.get(`/people/${person.id}/team/family/new`)).status).toBe(status);
      expect((await client.submitForm("/directory", `/family-members/${id}/end`, { version: "1" })).status).toBe(status);
    }
    expect((await row<{ ended_on: string | null }>(sql`SELECT ended_on FROM family_members WHERE id = ${id}`))?.ended_on).toBeNull();
  });
});

describe("services involved", () => {
  it("adds one from the directory and one typed, shows them now and before, and ends one", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const serviceId = await createDirectoryService(db, tenant, { name: "Housing First" });
    const client = await signedIn(testApp, lead);
    const form = await (await client.get(`/people/${person.id}/team/services/new`)).text();
    expect(form).toContain('<optgroup label="Test housing association">');
    expect((await client.submitForm(`/people/${person.id}/team/services/new`, `/people/${person.id}/team/services`, { serviceId, "startedOn-day": "1", "startedOn-month": "5", "startedOn-year": "2023" })).status).toBe(303);
    expect(
      (await client.submitForm(`/people/${person.id}/team/services/new`, `/people/${person.id}/team/services`, {
        organisationName: "Northmoor Community Mental Health Team",
        "startedOn-day": "1",
        "startedOn-month": "1",
        "startedOn-year": "2021",
        "endedOn-day": "30",
        "endedOn-month": "6",
        "endedOn-year": "2023",
        note: "Discharged after 3 missed appointments",
      })).status,
    ).toBe(303);
    const page = textOf(await (await client.get(`/people/${person.id}/team`)).text());
    expect(page).toMatch(/Involved now .*Test housing association Housing First 1 May 2023 Now/);
    expect(page).toMatch(/Involved before .*Northmoor Community Mental Health Team 1 January 2021 30 June 2023 Discharged after 3 missed appointments/);
    const current = await row<{ id: string }>(sql`SELECT id FROM services_involved WHERE person_id = ${person.id} AND ended_on IS NULL`);
    expect((await client.submitForm(`/services-involved/${current?.id}/edit`, `/services-involved/${current?.id}/end`, { version: "1" })).status).toBe(303);
    const summaries = (await chronologyRows(db, tenant.tenantId, person.id)).map((event) => event.summary);
    expect(summaries).toContain("Test housing association (Housing First) involvement recorded");
    expect(summaries).toContain("Northmoor Community Mental Health Team involvement recorded");
    expect(summaries).toContain("Test housing association (Housing First) involvement ended");
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "team.service.add" })).toHaveLength(2);
  });

  it("refuses dates in the wrong order and a service that is neither chosen nor typed", async () => {
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, lead);
    const response = await client.submitForm(`/people/${person.id}/team/services/new`, `/people/${person.id}/team/services`, {
      organisationName: "",
      "startedOn-day": "1",
      "startedOn-month": "1",
      "startedOn-year": "2024",
      "endedOn-day": "1",
      "endedOn-month": "1",
      "endedOn-year": "2023",
    });
    expect(response.status).toBe(400);
    const text = textOf(await response.text());
    expect(text).toContain("Choose a service from the directory or type the organisation's name");
    const future = await client.submitForm(`/people/${person.id}/team/services/new`, `/people/${person.id}/team/services`, {
      organisationName: "Harbour Housing",
      "startedOn-day": "1",
      "startedOn-month": "1",
      "startedOn-year": "2999",
    });
    expect(textOf(await future.text())).toContain("The date they started must be today or in the past");
    const order = await client.submitForm(`/people/${person.id}/team/services/new`, `/people/${person.id}/team/services`, {
      organisationName: "Harbour Housing",
      "startedOn-day": "1",
      "startedOn-month": "1",
      "startedOn-year": "2024",
      "endedOn-day": "1",
      "endedOn-month": "1",
      "endedOn-year": "2023",
    });
    expect(textOf(await order.text())).toContain("The date it ended must be the same as or after the date it started");
    expect(await countTeamRows(testApp.database.db, "services_involved", tenant.tenantId)).toBe(0);
  });

  it("edits with optimistic concurrency and is not found for outsiders", async () => {
    const { db } = testApp.database;
    const { lead, outsider, person, tenant } = await teamAroundPerson(testApp);
    const id = await createServiceInvolved(db, tenant, person.id);
    const client = await signedIn(testApp, lead);
    const edit = await (await client.get(`/services-involved/${id}/edit`)).text();
    expect(edit).toContain('value="Harbour Housing"');
    const fields = { organisationName: "Harbour Housing", serviceName: "Tenancy sustainment", note: "Back in touch", "startedOn-day": "1", "startedOn-month": "5", "startedOn-year": "2023" };
    expect((await client.submitForm(`/services-involved/${id}/edit`, `/services-involved/${id}`, { ...fields, version: "1" })).status).toBe(303);
    expect((await client.submitForm(`/services-involved/${id}/edit`, `/services-involved/${id}`, { ...fields, note: "Stale", version: "1" })).status).toBe(409);
    expect((await row<{ note: string; version: number }>(sql`SELECT note, version FROM services_involved WHERE id = ${id}`))).toEqual({ note: "Back in touch", version: 2 });
    const outsiderClient = await signedIn(testApp, outsider);
    expect((await outsiderClient.get(`/services-involved/${id}/edit`)).status).toBe(404);
    expect((await outsiderClient.get(`/external-professionals/${await createProfessional(db, tenant, person.id)}/edit`)).status).toBe(404);
    expect((await outsiderClient.get("/services-involved/not-an-id/edit")).status).toBe(404);
  });
});
