import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, fixedClock } from "../platform/clock.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { insertAction, insertMeeting, insertOrganisation } from "../../test/support/accountability.ts";
import { insertShareConsent } from "../../test/support/chronology.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import type { HttpClient } from "../../test/support/http.ts";

const TODAY = "2026-06-15";
const day = (offset: number) => addDays(TODAY, offset);

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock(TODAY) });
});
afterAll(async () => {
  await testApp.close();
});

async function apiAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

interface Item {
  id: string;
  personId: string;
  person: { id: string; name: string };
  description: string;
  dueDate: string;
  status: string;
  overdue: boolean;
  daysOverdue: number;
  ownerOrganisation: { id: string; name: string };
  ownerOrganisationId: string;
  owner: { id: string; name: string } | null;
  ownerName: string | null;
  meetingId: string | null;
  version: number;
}

async function items(client: HttpClient, query = ""): Promise<Item[]> {
  const { status, body } = await client.getJson<{ items: Item[] }>(`/api/v1/actions${query}`);
  expect(status).toBe(200);
  return body.items;
}

async function scene() {
  const db = testApp.database.db;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" });
  const peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const probation = await insertOrganisation(db, tenant, { name: "Test probation service" });
  const person = await createPerson(db, tenant, {
    givenName: "Dean",
    familyName: "Holloway",
    members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }, { user: peerMentor, role: "peer-mentor" }],
  });
  const meeting = await insertMeeting(db, tenant, person, { kind: "case-conference", heldOn: day(-30) });
  const housingLate = await insertAction(db, tenant, person, { description: "Complete the housing needs assessment", dueOn: day(-10), ownerUserId: partner.id, meetingId: meeting });
  const housingToday = await insertAction(db, tenant, person, { description: "Confirm the tenancy", dueOn: TODAY });
  const probationLate = await insertAction(db, tenant, person, { description: "Agree reporting times", dueOn: day(-1), ownerOrganisationId: probation, ownerName: "Claire Dunn" });
  const done = await insertAction(db, tenant, person, { description: "Register with a GP", dueOn: day(-20), ownerOrganisationId: tenant.serviceOrganisationId, status: "done" });
  const cancelled = await insertAction(db, tenant, person, { description: "Apply for a grant", dueOn: day(-20), ownerOrganisationId: tenant.serviceOrganisationId, status: "cancelled" });
  return { tenant, worker, partner, peerMentor, outsider, probation, person, meeting, ids: { housingLate, housingToday, probationLate, done, cancelled } };
}

describe("GET /api/v1/actions", () => {
  it("answers overdue actions, most overdue first, each with its owning organisation", async () => {
    const { tenant, worker, partner, probation, person, meeting, ids } = await scene();
    const client = await apiAs(worker);
    const overdue = await items(client, "?status=overdue");
    expect(overdue).toEqual([
      {
        id: ids.housingLate,
        personId: person.id,
        person: { id: person.id, name: "Dean Holloway" },
        description: "Complete the housing needs assessment",
        dueDate: day(-10),
        status: "open",
        overdue: true,
        daysOverdue: 10,
        ownerOrganisation: { id: tenant.partnerOrganisationId, name: "Test housing association" },
        ownerOrganisationId: tenant.partnerOrganisationId,
        owner: { id: partner.id, name: "Marcus Bell" },
        ownerName: "Marcus Bell",
        meetingId: meeting,
        version: 1,
      },
      expect.objectContaining({ id: ids.probationLate, daysOverdue: 1, owner: null, ownerName: "Claire Dunn", ownerOrganisation: { id: probation, name: "Test probation service" }, meetingId: null }),
    ]);
    // Due today is not overdue yet.
    const open = await items(client);
    expect(open.map((item) => item.id)).toEqual([ids.housingLate, ids.probationLate, ids.housingToday]);
    expect(open.find((item) => item.id === ids.housingToday)).toMatchObject({ overdue: false, daysOverdue: 0 });
    expect((await items(client, "?status=done")).map((item) => item.id)).toEqual([ids.done]);
    expect((await items(client, "?status=cancelled")).map((item) => item.id)).toEqual([ids.cancelled]);
    expect(await items(client, "?status=all")).toHaveLength(5);
    expect((await items(client, `?organisation=${probation}`)).map((item) => item.id)).toEqual([ids.probationLate]);
    expect(await items(client, "?organisation=not-an-id")).toEqual([]);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "actions.read" })).toHaveLength(6);
  });

  it("names the bad field when the status is not one Keywork knows", async () => {
    const { worker } = await scene();
    const client = await apiAs(worker);
    const { status, body } = await client.getJson<{ error: { issues: Array<{ field: string }> } }>("/api/v1/actions?status=late");
    expect(status).toBe(400);
    expect(body.error.issues[0]?.field).toBe("status");
  });

  it("gives a partner their own organisation's actions, and the whole plan only when the person shares it", async () => {
    const { tenant, partner, person, ids } = await scene();
    const client = await apiAs(partner);
    expect((await items(client, "?status=all")).map((item) => item.id).sort()).toEqual([ids.housingLate, ids.housingToday].sort());
    await insertShareConsent(testApp.database.db, tenant, person, tenant.partnerOrganisationId, ["plan"]);
    expect(await items(client, "?status=all")).toHaveLength(5);
  });

  it("gives peer mentors and people outside the team nothing", async () => {
    const { peerMentor, outsider } = await scene();
    expect(await items(await apiAs(peerMentor), "?status=all")).toEqual([]);
    expect(await items(await apiAs(outsider), "?status=all")).toEqual([]);
  });

  it("is described in the OpenAPI document", async () => {
    const { body } = await testApp.client().getJson<{ paths: Record<string, { get?: { parameters: Array<{ name: string }> } }> }>("/openapi.json");
    expect(body.paths["/api/v1/actions"]?.get?.parameters.map((parameter) => parameter.name)).toEqual(["status", "organisation", "limit"]);
  });
});
