import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, fixedClock } from "../platform/clock.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { insertAction, insertMeeting, insertOrganisation } from "../../test/support/accountability.ts";
import { insertShareConsent } from "../../test/support/chronology.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";

const TODAY = "2026-06-15";
const day = (offset: number) => addDays(TODAY, offset);

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock(TODAY) });
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

interface Scene {
  tenant: TestTenant;
  worker: TestUser;
  colleague: TestUser;
  manager: TestUser;
  partner: TestUser;
  probationId: string;
  dean: TestPerson;
  ruby: TestPerson;
  theirs: TestPerson;
  elsewhere: TestPerson;
  actions: Record<string, string>;
}

/** Two of Sam's people, one of a colleague's, one with the other team; actions owned by housing, probation and the service. */
async function scene(): Promise<Scene> {
  const db = testApp.database.db;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const colleague = await createUser(db, tenant, { roles: ["key-worker"], name: "Priya Nair" });
  const manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  const otherWorker = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" });
  const probationId = await insertOrganisation(db, tenant, { name: "Test probation service", email: "duty@probation.example" });
  const dean = await createPerson(db, tenant, { givenName: "Dean", familyName: "Holloway", members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }] });
  const ruby = await createPerson(db, tenant, { givenName: "Ruby", familyName: "Ellingham", members: [{ user: worker, role: "lead" }] });
  const theirs = await createPerson(db, tenant, { givenName: "Wayne", familyName: "Pritchard", members: [{ user: colleague, role: "lead" }, { user: partner, role: "partner" }] });
  const elsewhere = await createPerson(db, tenant, { team: "other", givenName: "Leah", familyName: "Other", members: [{ user: otherWorker, role: "lead" }] });
  const cetr = await insertMeeting(db, tenant, dean, { kind: "cetr", heldOn: day(-40) });
  const housing = tenant.partnerOrganisationId;
  const actions = {
    deanHousingLate: await insertAction(db, tenant, dean, { description: "Complete the housing needs assessment", dueOn: day(-10), ownerOrganisationId: housing, ownerUserId: partner.id, meetingId: cetr }),
    deanHousingSoon: await insertAction(db, tenant, dean, { description: "Confirm the tenancy start date", dueOn: day(3), ownerOrganisationId: housing }),
    deanProbationLate: await insertAction(db, tenant, dean, { description: "Agree reporting times around his course", dueOn: day(-8), ownerOrganisationId: probationId, ownerName: "Claire Dunn" }),
    rubyProbationSlightlyLate: await insertAction(db, tenant, ruby, { description: "Send the licence conditions", dueOn: day(-6), ownerOrganisationId: probationId }),
    rubyServiceLater: await insertAction(db, tenant, ruby, { description: "Apply for the personal budget", dueOn: day(30), ownerOrganisationId: tenant.serviceOrganisationId }),
    rubyServiceDone: await insertAction(db, tenant, ruby, { description: "Register with a GP", dueOn: day(-20), ownerOrganisationId: tenant.serviceOrganisationId, status: "done" }),
    theirsHousingLate: await insertAction(db, tenant, theirs, { description: "Repair the broken window", dueOn: day(-12), ownerOrganisationId: housing }),
    theirsProbationLate: await insertAction(db, tenant, theirs, { description: "Review his curfew", dueOn: day(-9), ownerOrganisationId: probationId }),
    elsewhereLate: await insertAction(db, tenant, elsewhere, { description: "Someone else's action", dueOn: day(-30), ownerOrganisationId: housing }),
  };
  return { tenant, worker, colleague, manager, partner, probationId, dean, ruby, theirs, elsewhere, actions };
}

describe("actions by agency", () => {
  it("shows a key worker the actions on their people by agency, overdue first with how long, then due soon, then the rest", async () => {
    const { tenant, worker, dean, ruby, theirs, actions } = await scene();
    const client = await browserAs(worker);
    const response = await client.get("/actions");
    expect(response.status).toBe(200);
    const page = await response.text();
    const text = textOf(page);
    // Probation has two overdue, housing one: probation comes first.
    expect(text).toMatch(/Open actions by agency Agency Open Overdue Due in the next 7 days Test probation service 2 2 0 Test housing association 2 1 1 Test key-worker service 1 0 0/);
    expect(text).toMatch(/Test probation service 2 open actions, 2 overdue .*Agree reporting times around his course .*Overdue by 8 days.*Send the licence conditions .*Overdue by 6 days/);
    expect(text).toMatch(/Test housing association 2 open actions, 1 overdue .*Complete the housing needs assessment From the CETR on 6 May 2026 Dean Holloway.*Marcus Bell.*Overdue by 10 days.*Confirm the tenancy start date.*Due soon/);
    expect(text).toMatch(/Test key-worker service .*Apply for the personal budget.*Not named 15 July 2026 Open/);
    expect(text).not.toContain("Register with a GP");
    expect(text).not.toContain("Repair the broken window");
    expect(text).not.toContain("Someone else's action");
    expect(page).toContain(`href="/actions/${actions.deanHousingLate}"`);
    expect(page).toContain(`href="/people/${dean.id}/plan"`);
    expect(text).toContain("3 actions overdue");
    // Every person listed has the read on their own audit trail.
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: dean.id, action: "actions.by-agency.read" })).toHaveLength(1);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: ruby.id, action: "actions.by-agency.read" })).toHaveLength(1);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: theirs.id })).toHaveLength(0);
  });

  it("filters by agency and status", async () => {
    const { worker, probationId } = await scene();
    const client = await browserAs(worker);
    const probation = textOf(await (await client.get(`/actions?organisation=${probationId}`)).text());
    expect(probation).toContain("Agree reporting times");
    expect(probation).not.toContain("Confirm the tenancy start date");
    const done = textOf(await (await client.get("/actions?status=done")).text());
    expect(done).toContain("Register with a GP");
    expect(done).not.toContain("Agree reporting times");
    const overdue = textOf(await (await client.get("/actions?status=overdue")).text());
    expect(overdue).toContain("Showing 1 to 3 of 3 actions");
    const none = textOf(await (await client.get(`/actions?status=cancelled`)).text());
    expect(none).toContain("No actions match these filters");
  });

  it("shows a manager the whole service by default, and their own caseload when they ask", async () => {
    const { worker, manager } = await scene();
    const client = await browserAs(manager);
    const service = textOf(await (await client.get("/actions")).text());
    expect(service).toContain("Repair the broken window");
    expect(service).toContain("Agree reporting times");
    expect(service).not.toContain("Someone else's action");
    const own = textOf(await (await client.get("/actions?scope=caseload")).text());
    expect(own).toContain("There are no open actions in the plans of the people you work with");
    const workerClient = await browserAs(worker);
    expect((await workerClient.get("/actions?scope=service")).status).toBe(403);
  });

  it("shows a partner their own agency's actions on the people whose team they are in, even when the whole plan is shared", async () => {
    const { tenant, partner, dean } = await scene();
    await insertShareConsent(testApp.database.db, tenant, dean, tenant.partnerOrganisationId, ["plan"]);
    const client = await browserAs(partner);
    const text = textOf(await (await client.get("/actions")).text());
    expect(text).toContain("Complete the housing needs assessment");
    expect(text).toContain("Repair the broken window");
    expect(text).not.toContain("Agree reporting times");
    expect(text).not.toContain("chase list");
    expect((await client.get("/actions/chase")).status).toBe(403);
  });
});

describe("the chase list", () => {
  it("lists a key worker's actions overdue by 7 days or more, by agency, each agency with a chasing message", async () => {
    const { tenant, worker, probationId, dean } = await scene();
    const client = await browserAs(worker);
    const page = await (await client.get("/actions/chase")).text();
    const text = textOf(page);
    expect(text).toContain("7 days or more overdue");
    expect(text).toMatch(/Test housing association 1 action to chase .*Complete the housing needs assessment.*10 days overdue/);
    expect(text).toMatch(/Test probation service 1 action to chase .*Agree reporting times around his course.*8 days overdue/);
    // Six days overdue is not yet on the chase list.
    expect(text).not.toContain("Send the licence conditions");
    expect(text).not.toContain("Key worker");
    expect(page).toContain(`href="/actions/chase/${probationId}"`);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: dean.id, action: "chase-list.read" })).toHaveLength(1);
  });

  it("gives a manager the same across the team, with each person's key worker", async () => {
    const { manager } = await scene();
    const client = await browserAs(manager);
    const text = textOf(await (await client.get("/actions/chase")).text());
    expect(text).toMatch(/Test housing association 2 actions to chase .*Key worker .*Repair the broken window Wayne Pritchard ’s plan Priya Nair .*Complete the housing needs assessment .*Dean Holloway ’s plan Sam Okafor/);
    expect(text).toContain("Change when actions are chased");
    expect(text).not.toContain("Someone else's action");
  });

  it("writes a chasing message to one agency listing its overdue actions on the worker's people, with an e-mail link when it has an address", async () => {
    const { tenant, worker, probationId, dean, ruby } = await scene();
    const client = await browserAs(worker);
    const response = await client.get(`/actions/chase/${probationId}`);
    expect(response.status).toBe(200);
    const page = await response.text();
    const text = textOf(page);
    expect(text).toContain("Chasing message to Test probation service");
    expect(text).toContain("Dear colleagues at Test probation service,");
    expect(text).toContain("1. Dean Holloway: Agree reporting times around his course Due 7 June 2026 (8 days overdue). Owner: Claire Dunn.");
    // The message lists every overdue action of the agency, including those not yet on the chase list.
    expect(text).toContain("2. Ruby Ellingham: Send the licence conditions Due 9 June 2026 (6 days overdue).");
    expect(text).not.toContain("Review his curfew");
    expect(text).toMatch(/Thank you, Sam Okafor Test key-worker service/);
    const mailto = /href="(mailto:[^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, "&") ?? "";
    expect(mailto.startsWith("mailto:duty@probation.example?subject=")).toBe(true);
    expect(decodeURIComponent(mailto.split("body=")[1] ?? "")).toContain("Agree reporting times around his course");
    for (const person of [dean, ruby]) expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "chasing-message.read" })).toHaveLength(1);
  });

  it("names the meeting an action came from, says when there is no address, and does not know organisations outside the partnership", async () => {
    const { tenant, worker } = await scene();
    const client = await browserAs(worker);
    const text = textOf(await (await client.get(`/actions/chase/${tenant.partnerOrganisationId}`)).text());
    expect(text).toContain("Owner: Marcus Bell. Agreed at the CETR on 6 May 2026.");
    expect(text).toContain("Open this message in your e-mail app");
    const service = textOf(await (await client.get(`/actions/chase/${tenant.serviceOrganisationId}`)).text());
    expect(service).toContain("has no overdue actions");
    expect((await client.get("/actions/chase/0190a000-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await client.get("/actions/chase/not-an-id")).status).toBe(404);
  });
});
