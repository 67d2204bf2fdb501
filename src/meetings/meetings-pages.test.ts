import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyEventRows, insertShareConsent, isoDaysFromToday } from "../../test/support/chronology.ts";
import { auditRows, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
import { actionRows, attendeeRows, dateFields, meetingRows, meetingScene, planRow, setActionStatus, type MeetingScene } from "../../test/support/meetings.ts";
import { addMonths } from "../platform/clock.ts";
import { formatIsoDate } from "../platform/views/format.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  const response = await client.signInBrowser(user.email, TEST_PASSWORD);
  expect(response.status).toBe(303);
  return client;
}

/** Posts the new-meeting form; checkboxes repeat their name, so the body is built by hand. */
async function postMeeting(client: HttpClient, personId: string, fields: Record<string, string>, ticked: { attendees?: string[]; apologies?: string[] } = {}): Promise<Response> {
  const page = await (await client.get(`/people/${personId}/meetings/new`)).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
  const body = new URLSearchParams({ _csrf: token, ...fields });
  for (const key of ticked.attendees ?? []) body.append("attendees", key);
  for (const key of ticked.apologies ?? []) body.append("apologies", key);
  return client.request("POST", `/people/${personId}/meetings`, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
}

function cetrFields(scene: MeetingScene, heldOn: string): Record<string, string> {
  return {
    kind: "cetr",
    ...dateFields("heldOn", heldOn),
    location: "Larchwood Adolescent Unit",
    notes: "Ethan wants to be home for his birthday.",
    "other-0-name": "Jo Patel",
    "other-0-role": "Advocate, VoiceAbility",
    "rec-0-description": "Find a school place within travelling distance",
    "rec-0-ownerOrganisationId": scene.educationOrganisationId,
    "rec-0-ownerName": "Karen Lowe, SENCo",
    ...dateFields("rec-0-dueOn", isoDaysFromToday(30)),
    "rec-1-description": "Adapt the bathroom before discharge",
    "rec-1-ownerOrganisationId": scene.tenant.partnerOrganisationId,
    "rec-1-ownerUserId": scene.partner.id,
    ...dateFields("rec-1-dueOn", isoDaysFromToday(20)),
    "rec-2-description": "Carer's assessment for Mum",
    "rec-2-ownerOrganisationId": scene.tenant.serviceOrganisationId,
    ...dateFields("rec-2-dueOn", isoDaysFromToday(14)),
  };
}

describe("recording a CETR", () => {
  it("saves the meeting, its attendees and three recommendations as actions in one go, and reviews the plan", async () => {
    const scene = await meetingScene(testApp.database.db);
    const { db } = testApp.database;
    const { tenant, worker, partner, person } = scene;
    const client = await browserAs(worker);
    const formPage = await (await client.get(`/people/${person.id}/meetings/new?kind=cetr`)).text();
    expect(formPage).toMatch(/value="cetr" checked/);
    const form = textOf(formPage);
    for (const name of ["Dr Ama Osei", "Paul Marsden", partner.displayName, "The person themselves"]) expect(form).toContain(name);
    const heldOn = isoDaysFromToday(0);
    const response = await postMeeting(client, person.id, cetrFields(scene, heldOn), {
      attendees: ["the-person", `user:${worker.id}`, `user:${partner.id}`, `family:${scene.familyMemberId}`],
      apologies: [`professional:${scene.professionalId}`],
    });
    expect(response.status).toBe(303);
    const [meeting] = await meetingRows(db, tenant.tenantId, person.id);
    expect(response.headers.get("location")).toBe(`/meetings/${meeting?.id}`);
    expect(meeting).toMatchObject({ kind: "cetr", held_on: heldOn, location: "Larchwood Adolescent Unit" });
    const attendees = await attendeeRows(db, tenant.tenantId, meeting?.id ?? "");
    expect(attendees.map((attendee) => [attendee.kind, attendee.name, attendee.sent_apologies])).toEqual([
      ["the-person", `Alex ${person.familyName}`, false],
      ["team-member", "Sam Okafor", false],
      ["team-member", partner.displayName, false],
      ["family", "Paul Marsden", false],
      ["professional", "Dr Ama Osei", true],
      ["other", "Jo Patel", false],
    ]);
    const actions = await actionRows(db, tenant.tenantId, person.id);
    expect(actions.map((action) => [action.description, action.owner_organisation_id, action.owner_user_id, action.owner_name, action.meeting_id])).toEqual([
      ["Find a school place within travelling distance", scene.educationOrganisationId, null, "Karen Lowe, SENCo", meeting?.id],
      ["Adapt the bathroom before discharge", tenant.partnerOrganisationId, partner.id, null, meeting?.id],
      ["Carer's assessment for Mum", tenant.serviceOrganisationId, null, null, meeting?.id],
    ]);
    expect(await planRow(db, tenant.tenantId, person.id)).toEqual({ last_reviewed_on: heldOn, next_review_on: addMonths(heldOn, 3) });
    const events = await chronologyEventRows(db, tenant.tenantId, person.id);
    expect(events[0]).toMatchObject({ kind: "meeting-held", summary: "CETR held: 3 recommendations", section: "plan" });
    expect(events.filter((event) => event.kind === "action-added")).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ kind: "plan-reviewed" });
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "meeting.create" })).toHaveLength(1);

    const page = textOf(await (await client.get(`/meetings/${meeting?.id}`)).text());
    expect(page).toContain(`CETR on ${formatIsoDate(heldOn)} recorded`);
    expect(page).toContain("3 recommendations added to the plan as actions.");
    expect(page).toMatch(/Who was there .*Sam Okafor.*Jo Patel/);
    expect(page).toMatch(/Apologies .*Dr Ama Osei/);
    expect(page).toContain("Ethan wants to be home for his birthday.");
    expect(page).toMatch(/Find a school place within travelling distance Karen Lowe, SENCo, Oakfield Academy/);
    expect(page).toMatch(new RegExp(`Adapt the bathroom before discharge ${partner.displayName}, Test housing association`));
    expect(page).toContain("Add another recommendation");
  });

  it("explains every problem beside its row, keeps what was typed and saves nothing", async () => {
    const scene = await meetingScene(testApp.database.db);
    const { tenant, worker, person } = scene;
    const client = await browserAs(worker);
    const empty = await postMeeting(client, person.id, { location: "Kept location" });
    expect(empty.status).toBe(400);
    const emptyPage = await empty.text();
    expect(textOf(emptyPage)).toContain("Select the kind of meeting");
    expect(textOf(emptyPage)).toContain("Enter the date of the meeting");
    expect(emptyPage).toContain('href="#heldOn-day"');
    expect(emptyPage).toContain('value="Kept location"');

    const partial = await postMeeting(
      client,
      person.id,
      {
        ...cetrFields(scene, isoDaysFromToday(-1)),
        "rec-1-ownerOrganisationId": "",
        "rec-1-dueOn-day": "",
        "rec-1-dueOn-month": "",
        "rec-1-dueOn-year": "",
        "rec-2-ownerUserId": scene.partner.id,
        "other-1-role": "Interpreter",
      },
      { attendees: [`user:${worker.id}`] },
    );
    expect(partial.status).toBe(400);
    const page = await partial.text();
    const text = textOf(page);
    expect(text).toContain("Recommendation 2: choose the organisation that owns it");
    expect(text).toContain("Recommendation 2: enter the date it is due by");
    expect(text).toContain("Other attendee 2: enter their name");
    expect(page).toContain('href="#rec-1-dueOn-day"');
    expect(page).toContain("Adapt the bathroom before discharge");
    expect(page).toMatch(/value="user:[^"]+" checked/);
    expect(await meetingRows(testApp.database.db, tenant.tenantId, person.id)).toHaveLength(0);

    // Each row checked by the service too: the named owner must work for the owning organisation.
    const wrongOwner = await postMeeting(client, person.id, { ...cetrFields(scene, isoDaysFromToday(-1)), "rec-2-ownerUserId": scene.partner.id });
    expect(wrongOwner.status).toBe(400);
    const wrongText = textOf(await wrongOwner.text());
    expect(wrongText).toContain("Recommendation 3: the named owner must work for the organisation that owns the action");
    const future = await postMeeting(client, person.id, cetrFields(scene, isoDaysFromToday(10)));
    expect(future.status).toBe(400);
    expect(textOf(await future.text())).toContain("Recommendations are recorded once the meeting has been held: its date is after today");
    expect(await actionRows(testApp.database.db, tenant.tenantId, person.id)).toHaveLength(0);
  });

  it("plans a meeting without recommendations, shown first on the meetings page", async () => {
    const scene = await meetingScene(testApp.database.db);
    const { worker, person } = scene;
    const client = await browserAs(worker);
    const emptyPage = textOf(await (await client.get(`/people/${person.id}/meetings`)).text());
    expect(emptyPage).toContain("No meetings have been recorded");
    expect(emptyPage).toContain("Record a meeting");
    await postMeeting(client, person.id, { ...cetrFields(scene, isoDaysFromToday(-20)), kind: "case-conference" });
    const planned = await postMeeting(client, person.id, { kind: "cetr", ...dateFields("heldOn", isoDaysFromToday(12)), location: "Oakfield Academy" }, { attendees: [`user:${scene.partner.id}`] });
    expect(planned.status).toBe(303);
    const page = textOf(await (await client.get(`/people/${person.id}/meetings`)).text());
    expect(page).toMatch(new RegExp(`Coming up CETR on ${formatIsoDate(isoDaysFromToday(12))} Planned .*Held Case conference on ${formatIsoDate(isoDaysFromToday(-20))} Held`));
    expect(page).toContain("3 outstanding, 0 done");
    expect(page).toContain(`The plan is next reviewed by`);
  });
});

describe("the next meeting", () => {
  it("opens with the last meeting's outstanding recommendations, overdue ones marked, with a link to update each", async () => {
    const scene = await meetingScene(testApp.database.db);
    const { db } = testApp.database;
    const { tenant, worker, person } = scene;
    const client = await browserAs(worker);
    const firstOn = isoDaysFromToday(-90);
    const fields = { ...cetrFields(scene, firstOn) };
    Object.assign(fields, dateFields("rec-0-dueOn", isoDaysFromToday(-30)), dateFields("rec-1-dueOn", isoDaysFromToday(-60)), dateFields("rec-2-dueOn", isoDaysFromToday(10)));
    expect((await postMeeting(client, person.id, fields)).status).toBe(303);
    const [first] = await meetingRows(db, tenant.tenantId, person.id);
    const actions = await actionRows(db, tenant.tenantId, person.id);
    await setActionStatus(db, tenant.tenantId, actions[1]?.id ?? "", "done");

    const form = await (await client.get(`/people/${person.id}/meetings/new`)).text();
    const formText = textOf(form);
    expect(formText).toContain(`Carried over from the CETR on ${formatIsoDate(firstOn)}`);
    expect(formText).toMatch(/Find a school place within travelling distance .*Overdue/);
    expect(formText).toContain("Carer's assessment for Mum");
    expect(formText).not.toContain("Adapt the bathroom before discharge");
    expect(form).toContain(`href="/actions/${actions[0]?.id}/edit"`);

    const response = await postMeeting(client, person.id, { kind: "plan-review", ...dateFields("heldOn", isoDaysFromToday(0)) });
    const secondId = response.headers.get("location")?.split("/").at(-1) ?? "";
    const page = textOf(await (await client.get(`/meetings/${secondId}`)).text());
    expect(page).toContain(`Carried over from the CETR on ${formatIsoDate(firstOn)}`);
    expect(page).toContain("2 are still open, 1 overdue");
    expect(page).toContain("No recommendations recorded.");
    // The first meeting has nothing before it.
    expect(textOf(await (await client.get(`/meetings/${first?.id}`)).text())).not.toContain("Carried over from");
  });
});

describe("who sees a meeting", () => {
  async function recorded(scene: MeetingScene): Promise<string> {
    const client = await browserAs(scene.worker);
    const response = await postMeeting(client, scene.person.id, cetrFields(scene, isoDaysFromToday(-2)), { attendees: [`user:${scene.partner.id}`] });
    expect(response.status).toBe(303);
    return response.headers.get("location")?.split("/").at(-1) ?? "";
  }

  it("shows a partner in the team the date, place and attendees, only their organisation's recommendations, and no notes until the plan is shared", async () => {
    const scene = await meetingScene(testApp.database.db);
    const meetingId = await recorded(scene);
    const client = await browserAs(scene.partner);
    const list = textOf(await (await client.get(`/people/${scene.person.id}/meetings`)).text());
    expect(list).toContain("Larchwood Adolescent Unit");
    expect(list).toContain(scene.partner.displayName);
    expect(list).toContain("Your organisation's recommendations 1 outstanding, 0 done");
    expect(list).not.toContain("Record a meeting");
    const page = await (await client.get(`/meetings/${meetingId}`)).text();
    const text = textOf(page);
    expect(text).not.toContain("Ethan wants to be home");
    expect(text).toContain("Adapt the bathroom before discharge");
    expect(text).not.toContain("Find a school place");
    expect(text).not.toContain("Add another recommendation");
    expect(page).toMatch(/href="\/actions\/[^"]+\/edit"/);
    expect((await client.get(`/people/${scene.person.id}/meetings/new`)).status).toBe(403);
    expect((await client.get(`/meetings/${meetingId}/edit`)).status).toBe(403);
    expect((await client.submitForm(`/meetings/${meetingId}`, `/meetings/${meetingId}/recommendations`, { "rec-0-description": "Sneaky" })).status).toBe(403);

    await insertShareConsent(testApp.database.db, scene.tenant, scene.person, scene.tenant.partnerOrganisationId, ["plan"]);
    const shared = textOf(await (await client.get(`/meetings/${meetingId}`)).text());
    expect(shared).toContain("Ethan wants to be home");
    expect(shared).toContain("Find a school place");
  });

  it("is refused to a peer mentor and a carer, and not found for anyone outside the team", async () => {
    const scene = await meetingScene(testApp.database.db);
    const meetingId = await recorded(scene);
    for (const user of [scene.peerMentor, scene.carer]) {
      const client = await browserAs(user);
      expect((await client.get(`/people/${scene.person.id}/meetings`)).status).toBe(403);
      expect((await client.get(`/meetings/${meetingId}`)).status).toBe(403);
    }
    const outsider = await browserAs(scene.outsider);
    expect((await outsider.get(`/people/${scene.person.id}/meetings`)).status).toBe(404);
    expect((await outsider.get(`/meetings/${meetingId}`)).status).toBe(404);
    expect((await outsider.get(`/meetings/${meetingId}/edit`)).status).toBe(404);
  });
});

describe("changing a meeting", () => {
  it("saves details and attendees against a version, and says so when someone else saved first", async () => {
    const scene = await meetingScene(testApp.database.db);
    const { db } = testApp.database;
    const client = await browserAs(scene.worker);
    const created = await postMeeting(client, scene.person.id, { kind: "plan-review", ...dateFields("heldOn", isoDaysFromToday(5)), location: "Cafe" }, { attendees: ["the-person", `professional:${scene.professionalId}`] });
    const meetingId = created.headers.get("location")?.split("/").at(-1) ?? "";
    const edit = await (await client.get(`/meetings/${meetingId}/edit`)).text();
    expect(edit).toMatch(/value="the-person" checked/);
    expect(edit).toMatch(new RegExp(`value="professional:${scene.professionalId}" checked`));
    expect(edit).toContain('name="version" value="1"');

    const token = /name="_csrf" value="([^"]+)"/.exec(edit)?.[1] ?? "";
    const send = (fields: Record<string, string>, attendees: string[]) => {
      const body = new URLSearchParams({ _csrf: token, ...fields });
      for (const key of attendees) body.append("attendees", key);
      return client.request("POST", `/meetings/${meetingId}`, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
    };
    // Held today after all: a plan review that has been held reviews the plan.
    const saved = await send({ kind: "plan-review", ...dateFields("heldOn", isoDaysFromToday(0)), location: "Community centre", notes: "Went well", "other-0-name": "Jo Patel", version: "1" }, ["the-person"]);
    expect(saved.status).toBe(303);
    expect((await meetingRows(db, scene.tenant.tenantId, scene.person.id))[0]).toMatchObject({ location: "Community centre", notes: "Went well", version: 2 });
    expect((await attendeeRows(db, scene.tenant.tenantId, meetingId)).map((attendee) => attendee.name)).toEqual([`Alex ${scene.person.familyName}`, "Jo Patel"]);
    expect(await planRow(db, scene.tenant.tenantId, scene.person.id)).toEqual({ last_reviewed_on: isoDaysFromToday(0), next_review_on: addMonths(isoDaysFromToday(0), 3) });
    const events = await chronologyEventRows(db, scene.tenant.tenantId, scene.person.id);
    expect(events.map((event) => event.kind)).toEqual(["meeting-planned", "meeting-held", "plan-reviewed"]);
    expect(await auditRows(db, scene.tenant.tenantId, { personId: scene.person.id, action: "meeting.update" })).toHaveLength(1);

    const stale = await send({ kind: "plan-review", ...dateFields("heldOn", isoDaysFromToday(0)), location: "Somewhere else", version: "1" }, []);
    expect(stale.status).toBe(409);
    const staleText = textOf(await stale.text());
    expect(staleText).toContain("Someone else changed this meeting while you were editing");
    expect(staleText).toContain("Community centre");
    expect((await meetingRows(db, scene.tenant.tenantId, scene.person.id))[0]).toMatchObject({ location: "Community centre", version: 2 });
  });

  it("shows and keeps every other attendee when a meeting recorded with many is edited", async () => {
    const scene = await meetingScene(testApp.database.db);
    const { db } = testApp.database;
    const api = testApp.client();
    await api.signInApi(scene.worker.email, TEST_PASSWORD);
    const guests = Array.from({ length: 45 }, (_, index) => ({ name: `Guest ${index + 1}`, role: "Observer", kind: "other" }));
    const created = await api.sendJson<{ id: string }>("POST", `/api/v1/people/${scene.person.id}/meetings`, { kind: "case-conference", date: isoDaysFromToday(5), attendees: guests });
    expect(created.status).toBe(201);
    const client = await browserAs(scene.worker);
    const edit = await (await client.get(`/meetings/${created.body.id}/edit`)).text();
    expect(edit).toContain('value="Guest 45"');
    const token = /name="_csrf" value="([^"]+)"/.exec(edit)?.[1] ?? "";
    const body = new URLSearchParams({ _csrf: token, kind: "case-conference", ...dateFields("heldOn", isoDaysFromToday(5)), version: "1" });
    guests.forEach((guest, index) => body.append(`other-${index}-name`, guest.name));
    const saved = await client.request("POST", `/meetings/${created.body.id}`, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
    expect(saved.status).toBe(303);
    expect(await attendeeRows(db, scene.tenant.tenantId, created.body.id)).toHaveLength(45);
  });

  it("keeps a meeting with recommendations in the past", async () => {
    const scene = await meetingScene(testApp.database.db);
    const client = await browserAs(scene.worker);
    const created = await postMeeting(client, scene.person.id, cetrFields(scene, isoDaysFromToday(-3)));
    const meetingId = created.headers.get("location")?.split("/").at(-1) ?? "";
    const moved = await client.submitForm(`/meetings/${meetingId}/edit`, `/meetings/${meetingId}`, { kind: "cetr", ...dateFields("heldOn", isoDaysFromToday(4)), version: "1" });
    expect(moved.status).toBe(400);
    expect(textOf(await moved.text())).toContain("This meeting has recommendations, so it has been held: its date must be today or earlier");
    expect((await meetingRows(testApp.database.db, scene.tenant.tenantId, scene.person.id))[0]).toMatchObject({ held_on: isoDaysFromToday(-3), version: 1 });
  });

  it("adds one more recommendation from the meeting's page, with errors beside its fields", async () => {
    const scene = await meetingScene(testApp.database.db);
    const client = await browserAs(scene.worker);
    const created = await postMeeting(client, scene.person.id, { kind: "case-conference", ...dateFields("heldOn", isoDaysFromToday(-1)) });
    const meetingId = created.headers.get("location")?.split("/").at(-1) ?? "";
    const bad = await client.submitForm(`/meetings/${meetingId}`, `/meetings/${meetingId}/recommendations`, { "rec-0-description": "Ring the school", "rec-0-dueOn-day": "31", "rec-0-dueOn-month": "2", "rec-0-dueOn-year": "2027" });
    expect(bad.status).toBe(400);
    const badText = textOf(await bad.text());
    expect(badText).toContain("Choose the organisation that owns it");
    expect(badText).toContain("The due date must be a real date");
    expect(badText).toContain("Ring the school");
    const good = await client.submitForm(`/meetings/${meetingId}`, `/meetings/${meetingId}/recommendations`, {
      "rec-0-description": "Ring the school",
      "rec-0-ownerOrganisationId": scene.educationOrganisationId,
      ...dateFields("rec-0-dueOn", isoDaysFromToday(7)),
    });
    expect(good.status).toBe(303);
    const actions = await actionRows(testApp.database.db, scene.tenant.tenantId, scene.person.id);
    expect(actions).toEqual([expect.objectContaining({ description: "Ring the school", meeting_id: meetingId, owner_organisation_id: scene.educationOrganisationId })]);
    const page = textOf(await (await client.get(`/meetings/${meetingId}`)).text());
    expect(page).toContain("Recommendation added");
    expect(page).toContain("Ring the school Oakfield Academy");
  });
});

describe("the plan's review date", () => {
  it("moves with a held plan review, but not back to an older one recorded later", async () => {
    const scene = await meetingScene(testApp.database.db);
    const { db } = testApp.database;
    const client = await browserAs(scene.worker);
    await postMeeting(client, scene.person.id, { kind: "plan-review", ...dateFields("heldOn", isoDaysFromToday(-10)) });
    expect(await planRow(db, scene.tenant.tenantId, scene.person.id)).toEqual({ last_reviewed_on: isoDaysFromToday(-10), next_review_on: addMonths(isoDaysFromToday(-10), 3) });
    await postMeeting(client, scene.person.id, { kind: "cetr", ...dateFields("heldOn", isoDaysFromToday(-40)) });
    expect(await planRow(db, scene.tenant.tenantId, scene.person.id)).toEqual({ last_reviewed_on: isoDaysFromToday(-10), next_review_on: addMonths(isoDaysFromToday(-10), 3) });
    await postMeeting(client, scene.person.id, { kind: "case-conference", ...dateFields("heldOn", isoDaysFromToday(-1)) });
    expect((await planRow(db, scene.tenant.tenantId, scene.person.id))?.last_reviewed_on).toBe(isoDaysFromToday(-10));
    const page = textOf(await (await client.get(`/people/${scene.person.id}/meetings`)).text());
    expect(page).toContain(`The plan is next reviewed by ${formatIsoDate(addMonths(isoDaysFromToday(-10), 3))}`);
  });
});
