import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyEventRows, insertShareConsent, isoDaysFromToday } from "../../test/support/chronology.ts";
import { auditRows, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import type { HttpClient } from "../../test/support/http.ts";
import { actionRows, meetingScene, planRow, setActionStatus } from "../../test/support/meetings.ts";
import { addMonths } from "../platform/clock.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function apiAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

interface ApiRecommendation {
  id: string;
  meetingId: string;
  description: string;
  dueDate: string;
  status: string;
  overdue: boolean;
  ownerOrganisation: { id: string; name: string };
  ownerOrganisationId: string;
  owner: { id: string; name: string } | null;
  ownerName: string | null;
  version: number;
}

interface ApiMeeting {
  id: string;
  kind: string;
  date: string;
  status: string;
  location: string | null;
  notes: string | null;
  planShared: boolean;
  attendees: Array<{ kind: string; userId: string | null; name: string; role: string | null; sentApologies: boolean }>;
  recommendations: ApiRecommendation[];
  counts: { outstanding: number; overdue: number; done: number };
  carriedOver?: ApiRecommendation[];
  version: number;
}

describe("the meetings API", () => {
  it("records a CETR whose recommendations become actions owned by the chosen organisations, and reviews the plan", async () => {
    const scene = await meetingScene(testApp.database.db);
    const { tenant, worker, partner, person } = scene;
    const api = await apiAs(worker);
    const heldOn = isoDaysFromToday(-1);
    const { status, body } = await api.sendJson<ApiMeeting>("POST", `/api/v1/people/${person.id}/meetings`, {
      kind: "cetr",
      date: heldOn,
      location: "Larchwood Adolescent Unit",
      notes: "Ethan said he wants to come home before his birthday.",
      attendees: [
        { name: "Ethan Marsden", kind: "the-person" },
        { name: worker.displayName, userId: worker.id, role: "Keyworker" },
        { name: "Dr Ama Osei", role: "GP", kind: "professional", sentApologies: true },
      ],
      recommendations: [
        { description: "Find a school place within travelling distance", dueDate: isoDaysFromToday(30), ownerOrganisationId: scene.educationOrganisationId, ownerName: "Karen Lowe, SENCo" },
        { description: "Arrange a housing adaptation visit", dueDate: isoDaysFromToday(14), ownerOrganisationId: tenant.partnerOrganisationId, ownerUserId: partner.id },
        { description: "Book a carer's assessment for Mum", dueDate: isoDaysFromToday(21), ownerOrganisationId: tenant.serviceOrganisationId },
      ],
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ kind: "cetr", date: heldOn, status: "held", location: "Larchwood Adolescent Unit", planShared: true, counts: { outstanding: 3, overdue: 0, done: 0 } });
    expect(body.attendees).toEqual([
      expect.objectContaining({ kind: "the-person", name: "Ethan Marsden", sentApologies: false }),
      expect.objectContaining({ kind: "team-member", userId: worker.id, role: "Keyworker" }),
      expect.objectContaining({ kind: "professional", name: "Dr Ama Osei", sentApologies: true }),
    ]);
    const byDescription = new Map(body.recommendations.map((recommendation) => [recommendation.description, recommendation]));
    expect(byDescription.get("Arrange a housing adaptation visit")).toEqual(
      expect.objectContaining({
        meetingId: body.id,
        status: "open",
        dueDate: isoDaysFromToday(14),
        ownerOrganisationId: tenant.partnerOrganisationId,
        ownerOrganisation: { id: tenant.partnerOrganisationId, name: "Test housing association" },
        owner: { id: partner.id, name: partner.displayName },
        ownerName: null,
        version: 1,
      }),
    );
    expect(byDescription.get("Find a school place within travelling distance")).toEqual(expect.objectContaining({ ownerOrganisation: { id: scene.educationOrganisationId, name: "Oakfield Academy" }, owner: null, ownerName: "Karen Lowe, SENCo" }));

    const actions = await actionRows(testApp.database.db, tenant.tenantId, person.id);
    expect(actions.map((action) => [action.meeting_id, action.owner_organisation_id]).sort()).toEqual(
      [
        [body.id, scene.educationOrganisationId],
        [body.id, tenant.partnerOrganisationId],
        [body.id, tenant.serviceOrganisationId],
      ].sort(),
    );
    expect(await planRow(testApp.database.db, tenant.tenantId, person.id)).toEqual({ last_reviewed_on: heldOn, next_review_on: addMonths(heldOn, 3) });
    const events = await chronologyEventRows(testApp.database.db, tenant.tenantId, person.id);
    expect(events.map((event) => event.kind)).toEqual(["meeting-held", "action-added", "action-added", "action-added", "plan-reviewed"]);
    expect(events[0]).toMatchObject({ summary: "CETR held: 3 recommendations", section: "plan", source_type: "meeting", source_id: body.id });
    expect(events.every((event) => event.section === "plan")).toBe(true);
    const audits = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "meeting.create" });
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]?.detail)).not.toContain("birthday");

    const list = await api.getJson<{ items: ApiMeeting[] }>(`/api/v1/people/${person.id}/meetings`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => item.id)).toEqual([body.id]);
    expect(list.body.items[0]?.recommendations.map((recommendation) => recommendation.status)).toEqual(["open", "open", "open"]);
  });

  it("answers 201 with a Location, and shows the next meeting the last one's open recommendations", async () => {
    const { tenant, worker, person } = await meetingScene(testApp.database.db);
    const api = await apiAs(worker);
    const first = await api.request("POST", `/api/v1/people/${person.id}/meetings`, {
      json: {
        kind: "case-conference",
        date: isoDaysFromToday(-40),
        recommendations: [
          { description: "Refer to the community learning disability team", dueDate: isoDaysFromToday(-10), ownerOrganisationId: tenant.serviceOrganisationId },
          { description: "Review medication", dueDate: isoDaysFromToday(-20), ownerOrganisationId: tenant.partnerOrganisationId },
        ],
      },
    });
    expect(first.status).toBe(201);
    const created = (await first.json()) as ApiMeeting;
    expect(first.headers.get("location")).toBe(`/api/v1/meetings/${created.id}`);
    const done = created.recommendations.find((recommendation) => recommendation.description === "Review medication");
    await setActionStatus(testApp.database.db, tenant.tenantId, done?.id ?? "", "done");

    const next = await api.sendJson<ApiMeeting>("POST", `/api/v1/people/${person.id}/meetings`, { kind: "cetr", date: isoDaysFromToday(14) });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ status: "planned", recommendations: [] });
    const read = await api.getJson<ApiMeeting>(`/api/v1/meetings/${next.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.carriedOver).toEqual([expect.objectContaining({ description: "Refer to the community learning disability team", overdue: true, meetingId: created.id })]);
    // A planned CETR does not review the plan; the held case conference does not either.
    expect((await planRow(testApp.database.db, tenant.tenantId, person.id))?.last_reviewed_on ?? null).toBeNull();
    const list = await api.getJson<{ items: ApiMeeting[] }>(`/api/v1/people/${person.id}/meetings`);
    expect(list.body.items.map((item) => item.status)).toEqual(["planned", "held"]);
    expect(list.body.items[1]?.counts).toMatchObject({ outstanding: 1, overdue: 1, done: 1 });
  });

  it("names every field that is wrong, and saves nothing", async () => {
    const { tenant, worker, person } = await meetingScene(testApp.database.db);
    const api = await apiAs(worker);
    const missing = await api.sendJson<{ error: { issues: Array<{ field: string }> } }>("POST", `/api/v1/people/${person.id}/meetings`, { date: "2027-02-30" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((issue) => issue.field)).toEqual(expect.arrayContaining(["kind", "date"]));
    const wrong = await api.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", `/api/v1/people/${person.id}/meetings`, {
      kind: "cetr",
      date: isoDaysFromToday(-2),
      attendees: [{ name: "Someone", userId: "0190a000-0000-7000-8000-000000000000" }],
      recommendations: [
        { description: "Too early", dueDate: isoDaysFromToday(-5), ownerOrganisationId: tenant.serviceOrganisationId },
        { description: "Nobody owns this", dueDate: isoDaysFromToday(5), ownerOrganisationId: "0190a000-0000-7000-8000-000000000000" },
        { description: "Named owner elsewhere", dueDate: isoDaysFromToday(5), ownerOrganisationId: tenant.partnerOrganisationId, ownerUserId: worker.id },
      ],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues.map((issue) => issue.field)).toEqual([
      "attendees.0.userId",
      "recommendations.0.dueDate",
      "recommendations.1.ownerOrganisationId",
      "recommendations.2.ownerUserId",
    ]);
    const planned = await api.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", `/api/v1/people/${person.id}/meetings`, {
      kind: "cetr",
      date: isoDaysFromToday(3),
      recommendations: [{ description: "Not yet", dueDate: isoDaysFromToday(30), ownerOrganisationId: tenant.serviceOrganisationId }],
    });
    expect(planned.status).toBe(400);
    expect(planned.body.error.issues).toEqual([expect.objectContaining({ field: "recommendations", message: expect.stringContaining("once the meeting has been held") })]);
    expect(await actionRows(testApp.database.db, tenant.tenantId, person.id)).toHaveLength(0);
    expect((await api.getJson<{ items: unknown[] }>(`/api/v1/people/${person.id}/meetings`)).body.items).toHaveLength(0);
  });

  it("shows a partner in the team the meetings without notes, and only their organisation's recommendations, until the plan is shared", async () => {
    const { tenant, worker, partner, peerMentor, carer, outsider, person } = await meetingScene(testApp.database.db);
    const created = await (await apiAs(worker)).sendJson<ApiMeeting>("POST", `/api/v1/people/${person.id}/meetings`, {
      kind: "case-conference",
      date: isoDaysFromToday(-3),
      location: "Civic Centre, room 4",
      notes: "Private discussion of the family's situation.",
      attendees: [{ name: partner.displayName, userId: partner.id }, { name: "Jean Family", role: "Mother", kind: "family" }],
      recommendations: [
        { description: "Housing to check the damp", dueDate: isoDaysFromToday(10), ownerOrganisationId: tenant.partnerOrganisationId },
        { description: "Key worker to apply for a grant", dueDate: isoDaysFromToday(10), ownerOrganisationId: tenant.serviceOrganisationId },
      ],
    });
    const partnerApi = await apiAs(partner);
    const seen = await partnerApi.getJson<{ items: ApiMeeting[] }>(`/api/v1/people/${person.id}/meetings`);
    expect(seen.status).toBe(200);
    expect(seen.body.items[0]).toMatchObject({ location: "Civic Centre, room 4", notes: null, planShared: false, attendees: [expect.objectContaining({ userId: partner.id })] });
    expect(seen.body.items[0]?.attendees.map((attendee) => attendee.name)).not.toContain("Jean Family");
    expect(created.body.attendees.map((attendee) => attendee.name)).toContain("Jean Family");
    expect(seen.body.items[0]?.recommendations.map((recommendation) => recommendation.description)).toEqual(["Housing to check the damp"]);
    const one = await partnerApi.getJson<ApiMeeting>(`/api/v1/meetings/${created.body.id}`);
    expect(one.body).toMatchObject({ notes: null, planShared: false });
    expect(one.body.recommendations).toHaveLength(1);
    expect((await partnerApi.sendJson("POST", `/api/v1/people/${person.id}/meetings`, { kind: "cetr", date: isoDaysFromToday(7) })).status).toBe(403);

    await insertShareConsent(testApp.database.db, tenant, person, tenant.partnerOrganisationId, ["plan"]);
    const shared = await partnerApi.getJson<ApiMeeting>(`/api/v1/meetings/${created.body.id}`);
    expect(shared.body).toMatchObject({ notes: "Private discussion of the family's situation.", planShared: true });
    expect(shared.body.recommendations).toHaveLength(2);
    expect(shared.body.attendees.map((attendee) => attendee.kind)).not.toContain("family");
    const partnerPage = testApp.client();
    await partnerPage.signInBrowser(partner.email, TEST_PASSWORD);
    const page = await partnerPage.get(`/meetings/${created.body.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain("Jean Family");

    for (const user of [peerMentor, carer]) {
      const client = await apiAs(user);
      expect((await client.getJson(`/api/v1/people/${person.id}/meetings`)).status).toBe(403);
      expect((await client.getJson(`/api/v1/meetings/${created.body.id}`)).status).toBe(403);
    }
    const outsiderApi = await apiAs(outsider);
    expect((await outsiderApi.getJson(`/api/v1/people/${person.id}/meetings`)).status).toBe(404);
    expect((await outsiderApi.getJson(`/api/v1/meetings/${created.body.id}`)).status).toBe(404);
    expect((await outsiderApi.sendJson("POST", `/api/v1/people/${person.id}/meetings`, { kind: "cetr", date: isoDaysFromToday(7) })).status).toBe(404);
    expect((await outsiderApi.getJson("/api/v1/meetings/not-a-meeting")).status).toBe(404);
  });

  it("is described in the OpenAPI document", async () => {
    const response = await testApp.client().getJson<{ paths: Record<string, Record<string, unknown>> }>("/openapi.json");
    expect(Object.keys(response.body.paths["/api/v1/people/{id}/meetings"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(response.body.paths["/api/v1/meetings/{meetingId}"] ?? {})).toEqual(["get"]);
  });
});
