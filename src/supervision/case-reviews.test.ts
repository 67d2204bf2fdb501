import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyEventRows, insertShareConsent } from "../../test/support/chronology.ts";
import { auditRows, TEST_PASSWORD, type TestPerson, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";
import { addContact, caseReviewRows, goalRows, onDay, stuckPerson, stuckScene, type StuckScene } from "../../test/support/supervision.ts";
import { fixedClock } from "../platform/clock.ts";

const TODAY = "2027-03-01";
const ago = (days: number) => onDay(TODAY, -days);

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock(TODAY) });
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

/** A person not seen for 40 days, with no goals, whose team includes a partner and a peer mentor. */
async function stuckCase(scene: StuckScene): Promise<TestPerson> {
  const person = await stuckPerson(testApp.database.db, scene, {
    openedOn: "2026-06-01",
    members: [
      { user: scene.worker, role: "lead" },
      { user: scene.partner, role: "partner" },
      { user: scene.peerMentor, role: "peer-mentor" },
    ],
  });
  await addContact(testApp.database.db, scene, person, ago(40));
  return person;
}

const CONVERSATION = "Sam and Tom met Alex at the day centre. Alex said nobody had asked what they wanted since the hostel closed; we admitted we had been chasing appointments, not goals.";
const REVIEW = {
  "heldOn-day": "26",
  "heldOn-month": "2",
  "heldOn-year": "2027",
  whatIsStuck: "No contact for 40 days. No goals.",
  conversation: CONVERSATION,
  refocusedGoals: "- I want to see my daughter at weekends\n\n2. Get back on a script I can keep to\n",
  outcome: "Plan refocused on contact with Alex's daughter; weekly meetings at the day centre, not the office.",
};

describe("recording a reflective case review", () => {
  it("starts from the stuck reasons, adds each refocused goal to the plan, and puts that it was held (not the outcome or the conversation) on the chronology", async () => {
    const scene = await stuckScene(testApp.database.db);
    const person = await stuckCase(scene);
    const client = await browserAs(scene.worker);
    const form = await (await client.get(`/people/${person.id}/case-reviews/new`)).text();
    expect(form).toContain("No contact for 40 days — aim is every 14 days\nNo goals yet</textarea>");
    expect(form).toMatch(/name="heldOn-day"[^>]*value="1"/);
    expect(form).toMatch(/name="heldOn-year"[^>]*value="2027"/);
    const response = await client.submitForm(`/people/${person.id}/case-reviews/new`, `/people/${person.id}/case-reviews`, REVIEW);
    expect(response.status).toBe(303);
    const [review] = await caseReviewRows(testApp.database.db, scene.tenant.tenantId, person.id);
    expect(review).toEqual(expect.objectContaining({ held_on: "2027-02-26", conversation: CONVERSATION, created_by: scene.worker.id }));
    expect(response.headers.get("location")).toBe(`/case-reviews/${review?.id}`);
    const shown = textOf(await (await client.get(`/case-reviews/${review?.id}`)).text());
    expect(shown).toContain("Reflective case review recorded");
    expect(shown).toContain("2 refocused goals were added to the plan");
    expect(shown).toContain(CONVERSATION);
    expect(shown).toMatch(/Refocused goals I want to see my daughter at weekends Get back on a script I can keep to Added to the plan/);

    expect(await goalRows(testApp.database.db, scene.tenant.tenantId, person.id)).toEqual([
      { description: "I want to see my daughter at weekends", status: "active", created_by: scene.worker.id },
      { description: "Get back on a script I can keep to", status: "active", created_by: scene.worker.id },
    ]);
    const events = await chronologyEventRows(testApp.database.db, scene.tenant.tenantId, person.id);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "goal-added", summary: "Goal added (reflective case review): I want to see my daughter at weekends", section: "plan" }),
        expect.objectContaining({
          kind: "case-review",
          section: "plan",
          source_type: "case-review",
          source_id: review?.id,
          summary: "Reflective case review held on 26 February 2027: 2 goals refocused",
        }),
      ]),
    );
    for (const event of events) expect(event.summary).not.toContain("day centre");
    const audits = await auditRows(testApp.database.db, scene.tenant.tenantId, { personId: person.id });
    expect(audits.map((row) => row.action)).toEqual(expect.arrayContaining(["person.read", "case-review.create", "goal.create", "case-review.read"]));
    expect(audits.find((row) => row.action === "case-review.create")?.detail).toEqual({ heldOn: "2027-02-26", goalsAdded: 2 });
    expect(JSON.stringify(audits)).not.toContain("nobody had asked");

    const list = await (await browserAs(scene.manager)).get("/stuck-cases");
    expect(textOf(await list.text())).toContain("Last reflective case review 26 February 2027");
  });

  it("explains what is missing, refuses a future date and too many goals, and saves nothing", async () => {
    const scene = await stuckScene(testApp.database.db);
    const person = await stuckCase(scene);
    const client = await browserAs(scene.worker);
    const url = `/people/${person.id}/case-reviews`;
    const empty = await client.submitForm(`${url}/new`, url, { "heldOn-day": "", "heldOn-month": "", "heldOn-year": "", whatIsStuck: " ", refocusedGoals: "Kept goal" });
    expect(empty.status).toBe(400);
    const page = await empty.text();
    for (const message of ["Enter the date the review was held", "Say what is stuck", "Describe the honest conversation held, and who with", "Say what the outcome of the review is"]) {
      expect(textOf(page)).toContain(message);
    }
    expect(page).toContain('href="#heldOn-day"');
    expect(page).toContain("Kept goal</textarea>");
    const future = await client.submitForm(`${url}/new`, url, { ...REVIEW, "heldOn-day": "2", "heldOn-month": "3" });
    expect(future.status).toBe(400);
    expect(textOf(await future.text())).toContain("The date of the review must be today or in the past");
    const many = await client.submitForm(`${url}/new`, url, { ...REVIEW, refocusedGoals: Array.from({ length: 11 }, (_, index) => `Goal ${index + 1}`).join("\n") });
    expect(many.status).toBe(400);
    expect(textOf(await many.text())).toContain("Enter no more than 10 refocused goals, one on each line");
    expect(await caseReviewRows(testApp.database.db, scene.tenant.tenantId, person.id)).toEqual([]);
    expect(await goalRows(testApp.database.db, scene.tenant.tenantId, person.id)).toEqual([]);
  });

  it("may be recorded by the team's psychologist and manager, without goals", async () => {
    const scene = await stuckScene(testApp.database.db);
    const person = await stuckCase(scene);
    for (const user of [scene.psychologist, scene.manager]) {
      const client = await browserAs(user);
      const response = await client.submitForm(`/people/${person.id}/case-reviews/new`, `/people/${person.id}/case-reviews`, { ...REVIEW, refocusedGoals: "" });
      expect(response.status, user.displayName).toBe(303);
      expect(textOf(await (await client.get(response.headers.get("location") ?? "")).text())).toContain("The review is on the chronology.");
    }
    const rows = await caseReviewRows(testApp.database.db, scene.tenant.tenantId, person.id);
    expect(rows.map((row) => row.created_by)).toEqual([scene.psychologist.id, scene.manager.id]);
    expect(await goalRows(testApp.database.db, scene.tenant.tenantId, person.id)).toEqual([]);
  });
});

describe("who sees reflective case reviews", () => {
  it("lists them for the full audience only; partners and peer mentors are refused, outsiders are told there is no such person", async () => {
    const scene = await stuckScene(testApp.database.db);
    const person = await stuckCase(scene);
    const worker = await browserAs(scene.worker);
    const created = await worker.submitForm(`/people/${person.id}/case-reviews/new`, `/people/${person.id}/case-reviews`, REVIEW);
    const reviewUrl = created.headers.get("location") ?? "";
    const list = await (await browserAs(scene.psychologist)).get(`/people/${person.id}/case-reviews`);
    expect(list.status).toBe(200);
    const listText = textOf(await list.text());
    expect(listText).toContain("1 review, most recent first");
    expect(listText).toContain("26 February 2027");
    expect(listText).toContain("Record a reflective case review");
    for (const user of [scene.partner, scene.peerMentor]) {
      const client = await browserAs(user);
      expect((await client.get(`/people/${person.id}/case-reviews`)).status, user.displayName).toBe(403);
      expect((await client.get(`/people/${person.id}/case-reviews/new`)).status, user.displayName).toBe(403);
      expect((await client.get(reviewUrl)).status, user.displayName).toBe(404);
      const token = csrfTokenIn(await (await client.get("/api/docs")).text());
      expect((await client.request("POST", `/people/${person.id}/case-reviews`, { form: { _csrf: token, ...REVIEW } })).status, user.displayName).toBe(403);
    }
    for (const user of [scene.otherManager, scene.otherWorker, scene.admin]) {
      const client = await browserAs(user);
      expect((await client.get(`/people/${person.id}/case-reviews`)).status, user.displayName).toBe(404);
      expect((await client.get(reviewUrl)).status, user.displayName).toBe(404);
    }
    expect(await caseReviewRows(testApp.database.db, scene.tenant.tenantId, person.id)).toHaveLength(1);
  });

  it("shows a partner the plan is shared with that a review was held and its refocused goals, never the outcome or the conversation", async () => {
    const scene = await stuckScene(testApp.database.db);
    const person = await stuckCase(scene);
    await insertShareConsent(testApp.database.db, scene.tenant, person, scene.tenant.partnerOrganisationId, ["plan"]);
    const worker = await browserAs(scene.worker);
    expect((await worker.submitForm(`/people/${person.id}/case-reviews/new`, `/people/${person.id}/case-reviews`, REVIEW)).status).toBe(303);
    const partner = testApp.client();
    await partner.signInApi(scene.partner.email, TEST_PASSWORD);
    const { status, body } = await partner.getJson(`/api/v1/people/${person.id}/chronology`);
    expect(status).toBe(200);
    const text = JSON.stringify(body);
    expect(text).toContain("Reflective case review held on");
    expect(text).toContain("I want to see my daughter at weekends");
    expect(text).not.toContain("Plan refocused on contact");
    expect(text).not.toContain("nobody had asked");
  });
});
