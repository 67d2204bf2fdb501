import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, createUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { actorFor, chronologyRows, createFamilyMember, createProfessional, memberships, signedIn, teamAroundPerson } from "../../test/support/network.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { contacts } from "../contacts/tables.ts";
import { Conflict, Invalid } from "../platform/http/errors.ts";
import { changeLeadWorker, teamForHandover } from "./service.ts";
import { teamHandoverSection } from "./views.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function currentLeads(tenantId: string, personId: string): Promise<string[]> {
  return (await memberships(testApp.database.db, tenantId, personId)).filter((row) => row.role === "lead" && row.current).map((row) => row.user_id);
}

function changeLead(client: Awaited<ReturnType<typeof signedIn>>, personId: string, fields: Record<string, string>) {
  return client.submitForm(`/people/${personId}/team/lead`, `/people/${personId}/team/lead`, fields);
}

describe("changing the lead worker", () => {
  it("hands over to a co-worker; the old lead stays as co-worker; the story, contacts and history stay", async () => {
    const { db } = testApp.database;
    const { lead, coWorker, person, tenant } = await teamAroundPerson(testApp);
    await db.insert(contacts).values({ id: newId(), tenantId: tenant.tenantId, personId: person.id, workerId: lead.id, type: "face-to-face", occurredAt: new Date(Date.now() - 86_400_000) });
    const client = await signedIn(testApp, lead);
    const form = textOf(await (await client.get(`/people/${person.id}/team/lead`)).text());
    expect(form).toContain("The lead worker is Sam Okafor");
    const response = await changeLead(client, person.id, { newLeadUserId: coWorker.id, previousLead: "co-worker", expectedLeadUserId: lead.id });
    expect(response.status).toBe(303);
    expect(await currentLeads(tenant.tenantId, person.id)).toEqual([coWorker.id]);
    const current = (await memberships(db, tenant.tenantId, person.id)).filter((row) => row.current);
    expect(current).toContainEqual(expect.objectContaining({ user_id: lead.id, role: "co-worker" }));
    expect(current.filter((row) => row.user_id === coWorker.id).map((row) => row.role)).toEqual(["lead"]);
    // Nothing moved or copied: the person, their story and their contacts are as they were.
    const [stored] = await queryRows<{ story: string; version: number }>(db, sql`SELECT story, version FROM people WHERE id = ${person.id}`);
    expect(stored).toEqual({ story: "I was on the streets on and off for six years.", version: 1 });
    const [contactCount] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM contacts WHERE person_id = ${person.id} AND worker_id = ${lead.id}`);
    expect(contactCount?.count).toBe(1);
    const coWorkerClient = await signedIn(testApp, coWorker, "api");
    const record = await coWorkerClient.getJson<{ story: string; careTeam: Array<{ userId: string; role: string }> }>(`/api/v1/people/${person.id}`);
    expect(record.body.story).toBe("I was on the streets on and off for six years.");
    expect(record.body.careTeam).toContainEqual(expect.objectContaining({ userId: coWorker.id, role: "lead" }));
    expect((await client.get(`/people/${person.id}`)).status).toBe(200);
    expect((await chronologyRows(db, tenant.tenantId, person.id)).map((row) => [row.kind, row.summary, row.section])).toContainEqual([
      "lead-worker-changed",
      "Lead worker changed from Sam Okafor to Priya Nair",
      "record",
    ]);
    const audit = await auditRows(db, tenant.tenantId, { personId: person.id, action: "team.lead.change" });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toEqual({ previousLeadUserId: lead.id, newLeadUserId: coWorker.id, previousLead: "co-worker" });
  });

  it("lets the old lead leave: their access ends at once and they go back to their caseload", async () => {
    const { db } = testApp.database;
    const { lead, person, tenant } = await teamAroundPerson(testApp);
    const newcomer = await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Dan Hughes" });
    const client = await signedIn(testApp, lead);
    const response = await changeLead(client, person.id, { newLeadUserId: newcomer.id, previousLead: "leave", expectedLeadUserId: lead.id });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/caseload");
    expect(await currentLeads(tenant.tenantId, person.id)).toEqual([newcomer.id]);
    expect((await memberships(db, tenant.tenantId, person.id)).filter((row) => row.user_id === lead.id && row.current)).toEqual([]);
    expect((await client.get(`/people/${person.id}`)).status).toBe(404);
    expect((await client.get(`/people/${person.id}/team`)).status).toBe(404);
    const newcomerClient = await signedIn(testApp, newcomer, "api");
    expect((await newcomerClient.getJson(`/api/v1/people/${person.id}`)).status).toBe(200);
  });

  it("lets the team's manager give the lead to someone who is not yet in the team", async () => {
    const { db } = testApp.database;
    const { manager, lead, person, tenant } = await teamAroundPerson(testApp);
    const newcomer = await createUser(db, tenant, { roles: ["co-worker"], name: "Aisha Begum" });
    const client = await signedIn(testApp, manager);
    const response = await changeLead(client, person.id, { newLeadUserId: newcomer.id, previousLead: "leave", expectedLeadUserId: lead.id });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/people/${person.id}/team#members`);
    expect(textOf(await (await client.get(`/people/${person.id}/team`)).text())).toContain("Aisha Begum is now the lead worker");
    expect(await currentLeads(tenant.tenantId, person.id)).toEqual([newcomer.id]);
  });

  it("refuses someone who is not a key worker or co-worker, or is already the lead, and changes nothing", async () => {
    const { lead, partner, person, tenant } = await teamAroundPerson(testApp);
    const client = await signedIn(testApp, lead);
    const cases: Array<[Record<string, string>, string]> = [
      [{ newLeadUserId: partner.id, previousLead: "co-worker" }, "Marcus Bell cannot be a lead worker because they are not a key worker or co-worker"],
      [{ newLeadUserId: lead.id, previousLead: "co-worker" }, "Sam Okafor is already the lead worker"],
      [{ newLeadUserId: "", previousLead: "" }, "Choose the new lead worker from the list"],
    ];
    for (const [fields, message] of cases) {
      const response = await changeLead(client, person.id, { ...fields, expectedLeadUserId: lead.id });
      expect(response.status, message).toBe(400);
      expect(textOf(await response.text())).toContain(message);
    }
    const missingChoice = await changeLead(client, person.id, { newLeadUserId: partner.id, previousLead: "", expectedLeadUserId: lead.id });
    expect(textOf(await missingChoice.text())).toContain("Choose what happens to the current lead worker");
    expect(await currentLeads(tenant.tenantId, person.id)).toEqual([lead.id]);
  });

  it("answers 409 when someone else changed the lead first, and keeps exactly one lead", async () => {
    const { db } = testApp.database;
    const { lead, coWorker, manager, person, tenant } = await teamAroundPerson(testApp);
    const third = await createUser(db, tenant, { roles: ["key-worker"], name: "Aisha Begum" });
    const first = await signedIn(testApp, manager);
    const second = await signedIn(testApp, lead);
    const secondForm = await second.get(`/people/${person.id}/team/lead`);
    const token = /name="_csrf" value="([^"]+)"/.exec(await secondForm.text())?.[1] ?? "";
    expect((await changeLead(first, person.id, { newLeadUserId: coWorker.id, previousLead: "co-worker", expectedLeadUserId: lead.id })).status).toBe(303);
    const stale = await second.request("POST", `/people/${person.id}/team/lead`, { form: { _csrf: token, newLeadUserId: third.id, previousLead: "leave", expectedLeadUserId: lead.id } });
    expect(stale.status).toBe(409);
    expect(textOf(await stale.text())).toContain("Someone else changed the lead worker while you were choosing: the lead worker is now Priya Nair");
    expect(await currentLeads(tenant.tenantId, person.id)).toEqual([coWorker.id]);
  });

  it("keeps exactly one lead when two changes race", async () => {
    const { db } = testApp.database;
    const { lead, coWorker, manager, person, tenant } = await teamAroundPerson(testApp);
    const third = await createUser(db, tenant, { roles: ["key-worker"], name: "Aisha Begum" });
    const results = await Promise.allSettled([
      changeLeadWorker(db, await actorFor(db, tenant.tenantId, manager.id), person.id, coWorker.id, { previousLead: "co-worker" }),
      changeLeadWorker(db, await actorFor(db, tenant.tenantId, lead.id), person.id, third.id, { previousLead: "co-worker", expectedLeadUserId: lead.id }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toBeInstanceOf(Conflict);
    expect(await currentLeads(tenant.tenantId, person.id)).toHaveLength(1);
  });

  it("is exported for the manager's allocation page, and refuses those who may not edit", async () => {
    const { db } = testApp.database;
    const { partner, lead, coWorker, person, tenant } = await teamAroundPerson(testApp);
    const partnerActor = await actorFor(db, tenant.tenantId, partner.id);
    await expect(changeLeadWorker(db, partnerActor, person.id, coWorker.id, { previousLead: "leave" })).rejects.toThrow("Only the person's key workers and their manager");
    const other = await createPerson(db, tenant, { members: [{ user: coWorker, role: "co-worker" }] });
    await expect(changeLeadWorker(db, partnerActor, other.id, coWorker.id, { previousLead: "leave" })).rejects.toThrow("Person not found");
    expect(await currentLeads(tenant.tenantId, person.id)).toEqual([lead.id]);
    const leadActor = await actorFor(db, tenant.tenantId, lead.id);
    await expect(changeLeadWorker(db, leadActor, person.id, "not-a-user", { previousLead: "leave" })).rejects.toBeInstanceOf(Invalid);
    const done = await changeLeadWorker(db, leadActor, person.id, coWorker.id, { previousLead: "co-worker" });
    expect(done).toEqual({ previousLeadUserId: lead.id, previousLeadName: "Sam Okafor", newLeadUserId: coWorker.id, newLeadName: "Priya Nair", actorKeepsAccess: true });
    expect(await currentLeads(tenant.tenantId, person.id)).toEqual([coWorker.id]);
  });

  it("gives a person with no lead worker one, and lets a lead be added only then", async () => {
    const { db } = testApp.database;
    const { manager, coWorker, tenant } = await teamAroundPerson(testApp);
    const person = await createPerson(db, tenant, { members: [{ user: coWorker, role: "co-worker" }] });
    const client = await signedIn(testApp, manager);
    const form = textOf(await (await client.get(`/people/${person.id}/team/members/new`)).text());
    expect(form).toContain("the team has no lead worker at the moment");
    const response = await changeLead(client, person.id, { newLeadUserId: coWorker.id, previousLead: "leave", expectedLeadUserId: "" });
    expect(response.status).toBe(303);
    expect(await currentLeads(tenant.tenantId, person.id)).toEqual([coWorker.id]);
    expect((await chronologyRows(db, tenant.tenantId, person.id)).map((row) => row.summary)).toContain("Priya Nair became the lead worker");
  });
});

describe("the team for a handover summary", () => {
  it("gives members, professionals with contact details and family with contact preferences, as the audience allows", async () => {
    const { db } = testApp.database;
    const { lead, partner, person, tenant } = await teamAroundPerson(testApp);
    await createProfessional(db, tenant, person.id);
    await createFamilyMember(db, tenant, person.id);
    const leadActor = await actorFor(db, tenant.tenantId, lead.id);
    const partnerActor = await actorFor(db, tenant.tenantId, partner.id);
    const leadView = await db.transaction(async (tx) => teamForHandover(tx, leadActor, person.id));
    expect(leadView.members.map((member) => member.name)).toContain("Sam Okafor");
    expect(leadView.professionals).toEqual([expect.objectContaining({ name: "Dr Ama Osei", phone: "01632 960 222", email: "ama.osei@example.org" })]);
    expect(leadView.family).toEqual([expect.objectContaining({ name: "Maureen Holloway", contactPreferences: "Text first, never call before 10" })]);
    const partnerView = await db.transaction(async (tx) => teamForHandover(tx, partnerActor, person.id));
    expect(partnerView.family).toBeNull();
    expect(partnerView.professionals[0]?.phone).toBe("01632 960 222");
    const forLead = teamHandoverSection(leadView).value;
    expect(forLead).toContain("Dr Ama Osei</strong>, GP, Brookside Medical Practice — 01632 960 222, ama.osei@example.org");
    expect(forLead).toContain("Contact: Text first, never call before 10");
    expect(teamHandoverSection(partnerView).value).not.toContain("Family and carers");
  });
});
