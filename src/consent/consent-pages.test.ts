import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyFor, daysFromToday, insertConsent, insertFamilyMember, storedConsents } from "../../test/support/consent.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
import { addMonths } from "./schema.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

async function setting() {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const person = await createPerson(db, tenant, { givenName: "Dean", familyName: "Holloway", members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }] });
  return { tenant, worker, partner, person };
}

function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? "" };
}

describe("the consent page", () => {
  it("lists reviews due (overdue in red), current consent, then withdrawn newest first, and audits the read", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    await insertConsent(db, tenant, person, { type: "work-with-service", givenOn: daysFromToday(-200), reviewOn: daysFromToday(-3) });
    await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story", "contacts"], reviewOn: daysFromToday(0) });
    await insertConsent(db, tenant, person, { description: "Citizens Advice Northmoor", type: "contact-agencies", reviewOn: daysFromToday(40) });
    await insertConsent(db, tenant, person, { organisationId: tenant.serviceOrganisationId, scopes: ["plan"], givenOn: daysFromToday(-300), withdrawnOn: daysFromToday(-100) });
    await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["health"], givenOn: daysFromToday(-90), withdrawnOn: daysFromToday(-10) });
    const client = await browserAs(worker);
    const response = await client.get(`/people/${person.id}/consent`);
    expect(response.status).toBe(200);
    const page = await response.text();
    const text = textOf(page);
    expect(text).toContain("Due for review");
    expect(text.indexOf("Due for review")).toBeLessThan(text.indexOf("Current consent"));
    expect(text.indexOf("Current consent")).toBeLessThan(text.indexOf("Withdrawn or ended consent"));
    expect(text).toContain("Consent to work with the service");
    expect(text).toContain("Consent to share with Test housing association");
    expect(text).toContain("Story: their story in their own words");
    expect(text).toContain("Contacts: contact records and how to reach them");
    expect(text).toContain("Consent to contact Citizens Advice Northmoor on their behalf");
    expect(page).toMatch(/govuk-tag--red">\s*Review due/);
    expect(page).toMatch(/govuk-tag--yellow">\s*Review due/);
    expect(text).toContain("(overdue)");
    const ended = text.slice(text.indexOf("Withdrawn or ended consent"));
    expect(ended.indexOf("Health")).toBeLessThan(ended.indexOf("Plan"));
    expect(text).toContain("Reviewed today — still agreed");
    expect(text).toContain("You can always listen. Recording what a carer tells you does not share anything with them.");
    const rows = await auditRows(db, tenant.tenantId, { personId: person.id, action: "consent.list" });
    expect(rows.map((row) => row.actor_user_id)).toEqual([worker.id]);
  });

  it("warns when there is no consent to work with the service", async () => {
    const { worker, person } = await setting();
    const text = textOf(await (await (await browserAs(worker)).get(`/people/${person.id}/consent`)).text());
    expect(text).toContain("No current consent to work with the service is recorded.");
  });

  it("is refused, plainly, to partners, peer mentors and carers who see the person, and hidden from everyone else", async () => {
    const { tenant, partner, person } = await setting();
    const { db } = testApp.database;
    const mentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
    const carer = await createUser(db, tenant, { roles: ["carer"], team: "none" });
    await insertFamilyMember(db, tenant, person, { user: carer });
    const mentored = await createPerson(db, tenant, { members: [{ user: mentor, role: "peer-mentor" }] });
    const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
    for (const [user, personId] of [[partner, person.id], [carer, person.id], [mentor, mentored.id]] as const) {
      const client = await browserAs(user);
      expect((await client.get(`/people/${personId}`)).status).toBe(200);
      const refused = await client.get(`/people/${personId}/consent`);
      expect(refused.status).toBe(403);
      expect(textOf(await refused.text())).toContain("Consent records are seen only by the person's key workers");
      expect((await client.get(`/people/${personId}/consent/information-received`)).status).toBe(403);
    }
    const client = await browserAs(outsider);
    expect((await client.get(`/people/${person.id}/consent`)).status).toBe(404);
    expect((await client.get(`/people/not-a-person/consent`)).status).toBe(404);
  });

  it("lets a psychologist of the team read consent but not change it", async () => {
    const { tenant, person } = await setting();
    const psychologist = await createUser(testApp.database.db, tenant, { roles: ["psychologist"] });
    const client = await browserAs(psychologist);
    const page = await client.get(`/people/${person.id}/consent`);
    expect(page.status).toBe(200);
    expect(textOf(await page.text())).not.toContain("Record consent");
    expect((await client.get(`/people/${person.id}/consent/new`)).status).toBe(403);
  });
});

describe("recording consent with the form", () => {
  it("needs a party and at least one thing to share, shows every problem and saves nothing", async () => {
    const { tenant, worker, person } = await setting();
    const client = await browserAs(worker);
    const response = await client.submitForm(`/people/${person.id}/consent/new`, `/people/${person.id}/consent`, {
      type: "share-with",
      howGiven: "verbal",
      ...dateFields("givenOn", daysFromToday(0)),
      ...dateFields("reviewOn", daysFromToday(180)),
      note: "Only what housing need",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    const text = textOf(page);
    expect(text).toContain("Error: Record consent");
    expect(text).toContain("Select who they agree to share information with");
    expect(text).toContain("Select at least one thing they agree to share");
    expect(page).toContain('href="#partyKind"');
    expect(page).toContain('href="#scopes"');
    expect(page).toContain("Only what housing need");
    expect(await storedConsents(testApp.database.db, tenant.tenantId, person.id)).toEqual([]);
  });

  it("refuses a date in the future and a review before the date given", async () => {
    const { tenant, worker, person } = await setting();
    const client = await browserAs(worker);
    const future = await client.submitForm(`/people/${person.id}/consent/new`, `/people/${person.id}/consent`, {
      type: "work-with-service",
      howGiven: "written",
      ...dateFields("givenOn", daysFromToday(2)),
      ...dateFields("reviewOn", daysFromToday(180)),
    });
    expect(future.status).toBe(400);
    const futurePage = await future.text();
    expect(textOf(futurePage)).toContain("The date consent was given must be today or in the past");
    expect(futurePage).toContain('href="#givenOn-day"');
    const early = await client.submitForm(`/people/${person.id}/consent/new`, `/people/${person.id}/consent`, {
      type: "work-with-service",
      howGiven: "written",
      ...dateFields("givenOn", daysFromToday(-5)),
      ...dateFields("reviewOn", daysFromToday(-5)),
    });
    expect(early.status).toBe(400);
    expect(textOf(await early.text())).toContain("The review date must be after the date consent was given");
    const missing = await client.submitForm(`/people/${person.id}/consent/new`, `/people/${person.id}/consent`, {});
    const missingText = textOf(await missing.text());
    expect(missingText).toContain("Select what they have agreed to");
    expect(missingText).toContain("Select how they gave consent");
    expect(missingText).toContain("Enter the date consent was given");
    expect(await storedConsents(testApp.database.db, tenant.tenantId, person.id)).toEqual([]);
  });

  it("offers today and a review in six months, and saves consent to share with an organisation", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const client = await browserAs(worker);
    const form = await (await client.get(`/people/${person.id}/consent/new`)).text();
    const today = daysFromToday(0);
    const review = addMonths(today, 6);
    expect(form).toContain(`name="givenOn-day" type="text" value="${Number(today.slice(8))}"`);
    expect(form).toContain(`name="givenOn-year" type="text" value="${today.slice(0, 4)}"`);
    expect(form).toContain(`name="reviewOn-month" type="text" value="${Number(review.slice(5, 7))}"`);
    expect(form).toContain(`name="reviewOn-year" type="text" value="${review.slice(0, 4)}"`);
    expect(form).toContain("Test housing association");
    const response = await client.submitForm(`/people/${person.id}/consent/new`, `/people/${person.id}/consent`, {
      type: "share-with",
      partyKind: "organisation",
      partyOrganisationId: tenant.partnerOrganisationId,
      scopes: "story",
      howGiven: "verbal",
      ...dateFields("givenOn", today),
      "reviewOn-day": "",
      "reviewOn-month": "",
      "reviewOn-year": "",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/people/${person.id}/consent`);
    const [stored] = await storedConsents(db, tenant.tenantId, person.id);
    expect(stored).toMatchObject({ type: "share-with", scopes: ["story"], given_on: today, review_on: addMonths(today, 6), withdrawn_on: null, version: 1 });
    const after = textOf(await (await client.get(`/people/${person.id}/consent`)).text());
    expect(after).toContain("Consent recorded");
    expect(after).toContain("Consent to share with Test housing association (story)");
    const events = await chronologyFor(db, tenant.tenantId, person.id);
    expect(events).toContainEqual({ kind: "consent-given", summary: "Consent to share with Test housing association given (story)", section: "consent", actor_user_id: worker.id });
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "consent.create" })).toHaveLength(1);
  });

  it("records consent to share with a family member, several scopes at once", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const maureen = await insertFamilyMember(db, tenant, person, { name: "Maureen Holloway", relationship: "Mum" });
    const client = await browserAs(worker);
    const form = await (await client.get(`/people/${person.id}/consent/new`)).text();
    expect(form).toContain("Maureen Holloway (Mum)");
    const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? "";
    const body = new URLSearchParams({ _csrf: token, type: "share-with", partyKind: "family-member", partyFamilyMemberId: maureen, howGiven: "through-an-advocate", ...dateFields("givenOn", daysFromToday(-1)), ...dateFields("reviewOn", daysFromToday(90)) });
    body.append("scopes", "story");
    body.append("scopes", "wellness-plan");
    const response = await client.request("POST", `/people/${person.id}/consent`, { body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(response.status).toBe(303);
    const [stored] = await storedConsents(db, tenant.tenantId, person.id);
    expect(stored?.scopes).toEqual(["story", "wellness-plan"]);
    const events = await chronologyFor(db, tenant.tenantId, person.id);
    expect(events.map((event) => event.summary)).toContain("Consent to share with Maureen Holloway (Mum) given (story, wellness plan)");
  });

  it("is refused to a partner in the team before anything is read", async () => {
    const { tenant, partner, person } = await setting();
    const client = await browserAs(partner);
    const response = await client.submitForm(`/people/${person.id}`, `/people/${person.id}/consent`, { type: "work-with-service", howGiven: "verbal", ...dateFields("givenOn", daysFromToday(0)) });
    expect(response.status).toBe(403);
    expect(await storedConsents(testApp.database.db, tenant.tenantId, person.id)).toEqual([]);
  });
});

describe("changing, reviewing and withdrawing consent", () => {
  it("saves a change, and shows what is stored when someone else saved first", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const manager = await createUser(db, tenant, { roles: ["manager"] });
    const consentId = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"], reviewOn: daysFromToday(60) });
    const mine = await browserAs(worker);
    const theirs = await browserAs(manager);
    const form = await (await mine.get(`/consents/${consentId}/edit`)).text();
    expect(form).toContain('name="version" value="1"');
    const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? "";
    const first = await theirs.submitForm(`/consents/${consentId}/edit`, `/consents/${consentId}`, { version: "1", scopes: "contacts", ...dateFields("reviewOn", daysFromToday(100)), note: "Housing only need her number" });
    expect(first.status).toBe(303);
    const second = await mine.request("POST", `/consents/${consentId}`, { form: { _csrf: token, version: "1", scopes: "plan", ...dateFields("reviewOn", daysFromToday(30)) } });
    expect(second.status).toBe(409);
    const text = textOf(await second.text());
    expect(text).toContain("Someone else changed this consent while you were editing");
    expect(text).toContain("Housing only need her number");
    const [stored] = await storedConsents(db, tenant.tenantId, person.id);
    expect(stored).toMatchObject({ scopes: ["contacts"], review_on: daysFromToday(100), version: 2, note: "Housing only need her number" });
    const events = await chronologyFor(db, tenant.tenantId, person.id);
    expect(events.map((event) => event.summary)).toEqual(["Consent to share with Test housing association changed (now contacts)"]);
    expect(JSON.stringify(events)).not.toContain("Housing only need her number");
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "consent.update" })).toHaveLength(1);
  });

  it("refuses to empty a sharing consent, and to change a withdrawn one", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const consentId = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"] });
    const withdrawnId = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"], withdrawnOn: daysFromToday(-1) });
    const client = await browserAs(worker);
    const empty = await client.submitForm(`/consents/${consentId}/edit`, `/consents/${consentId}`, { version: "1", ...dateFields("reviewOn", daysFromToday(60)) });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain("Select at least one thing they agree to share, or withdraw the consent");
    const editWithdrawn = textOf(await (await client.get(`/consents/${withdrawnId}/edit`)).text());
    expect(editWithdrawn).toContain("cannot be changed");
    const changed = await client.submitForm(`/consents/${consentId}/edit`, `/consents/${withdrawnId}`, { version: "1", scopes: "plan", ...dateFields("reviewOn", daysFromToday(60)) });
    expect(changed.status).toBe(400);
    expect((await storedConsents(db, tenant.tenantId, person.id)).map((row) => row.version)).toEqual([1, 1]);
  });

  it("asks before withdrawing, then withdraws from today", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const consentId = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story", "contacts"] });
    const client = await browserAs(worker);
    const confirm = textOf(await (await client.get(`/consents/${consentId}/withdraw`)).text());
    expect(confirm).toContain("Withdraw consent to share with Test housing association?");
    expect(confirm).toContain("Test housing association will stop seeing their story and contacts straight away");
    const response = await client.submitForm(`/consents/${consentId}/withdraw`, `/consents/${consentId}/withdraw`, {});
    expect(response.status).toBe(303);
    const [stored] = await storedConsents(db, tenant.tenantId, person.id);
    expect(stored?.withdrawn_on).toBe(daysFromToday(0));
    const page = textOf(await (await client.get(`/people/${person.id}/consent`)).text());
    expect(page).toContain("Consent to share with Test housing association withdrawn");
    expect(page.slice(page.indexOf("Withdrawn or ended consent"))).toContain("Test housing association");
    const again = await client.submitForm(`/consents/${consentId}/withdraw`, `/consents/${consentId}/withdraw`, {});
    expect(again.status).toBe(303);
    const events = await chronologyFor(db, tenant.tenantId, person.id);
    expect(events.map((event) => event.summary)).toEqual(["Consent to share with Test housing association withdrawn"]);
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "consent.withdraw" })).toHaveLength(1);
  });

  it("marks a due consent reviewed: still agreed, next review in six months; a stale page changes nothing", async () => {
    const { tenant, worker, person } = await setting();
    const { db } = testApp.database;
    const consentId = await insertConsent(db, tenant, person, { type: "work-with-service", givenOn: daysFromToday(-200), reviewOn: daysFromToday(-20) });
    const client = await browserAs(worker);
    const page = await (await client.get(`/people/${person.id}/consent`)).text();
    expect(page).toContain(`action="/consents/${consentId}/review"`);
    const response = await client.submitForm(`/people/${person.id}/consent`, `/consents/${consentId}/review`, { version: "1" });
    expect(response.status).toBe(303);
    const [stored] = await storedConsents(db, tenant.tenantId, person.id);
    expect(stored).toMatchObject({ review_on: addMonths(daysFromToday(0), 6), version: 2 });
    const stale = await client.submitForm(`/people/${person.id}/consent`, `/consents/${consentId}/review`, { version: "1" });
    expect(stale.status).toBe(409);
    const events = await chronologyFor(db, tenant.tenantId, person.id);
    expect(events.map((event) => event.kind)).toEqual(["consent-reviewed"]);
    expect(events[0]?.summary).toMatch(/^Consent to work with the service reviewed: still agreed, next review /);
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "consent.review" })).toHaveLength(1);
  });

  it("answers 403 to a partner and 404 to an outsider on a consent's pages, and changes nothing", async () => {
    const { tenant, partner, person } = await setting();
    const { db } = testApp.database;
    const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
    const consentId = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"] });
    for (const [user, status] of [[partner, 403], [outsider, 404]] as const) {
      const client = await browserAs(user);
      expect((await client.get(`/consents/${consentId}/edit`)).status).toBe(status);
      expect((await client.get(`/consents/${consentId}/withdraw`)).status).toBe(status);
      expect((await client.submitForm("/people", `/consents/${consentId}/withdraw`, {})).status).toBe(status);
      expect((await client.submitForm("/people", `/consents/${consentId}/review`, { version: "1" })).status).toBe(status);
      expect((await client.submitForm("/people", `/consents/${consentId}`, { version: "1", scopes: "plan" })).status).toBe(status);
    }
    const [stored] = await storedConsents(db, tenant.tenantId, person.id);
    expect(stored).toMatchObject({ withdrawn_on: null, version: 1, scopes: ["story"] });
  });
});

describe("information received from family and carers", () => {
  it("records what a family member said, shares nothing, and keeps the words off the chronology", async () => {
    const { tenant, worker, partner, person } = await setting();
    const { db } = testApp.database;
    const maureen = await insertFamilyMember(db, tenant, person, { name: "Maureen Holloway", relationship: "Mum" });
    const client = await browserAs(worker);
    const form = textOf(await (await client.get(`/people/${person.id}/consent/information-received`)).text());
    expect(form).toContain("You can always listen. Recording what a carer tells you does not share anything with them.");
    const invalid = await client.submitForm(`/people/${person.id}/consent/information-received`, `/people/${person.id}/consent/information-received`, { receivedTime: "25:99" });
    expect(invalid.status).toBe(400);
    const invalidText = textOf(await invalid.text());
    expect(invalidText).toContain("Select who told you");
    expect(invalidText).toContain("Enter a time, like 14:30 or 2:30pm");
    expect(invalidText).toContain("Enter what they told you");
    const said = "He has not answered his phone since Sunday and she thinks he is drinking again.";
    const response = await client.submitForm(`/people/${person.id}/consent/information-received`, `/people/${person.id}/consent/information-received`, {
      fromKind: "family-member",
      familyMemberId: maureen,
      ...dateFields("receivedOn", daysFromToday(-1)),
      receivedTime: "2:30pm",
      note: said,
    });
    expect(response.status).toBe(303);
    const page = textOf(await (await client.get(`/people/${person.id}/consent`)).text());
    expect(page).toContain(said);
    expect(page).toContain("Maureen Holloway (Mum)");
    const events = await chronologyFor(db, tenant.tenantId, person.id);
    expect(events).toEqual([{ kind: "information-received", summary: "Information received from Maureen Holloway (Mum)", section: "consent", actor_user_id: worker.id }]);
    expect(await auditRows(db, tenant.tenantId, { personId: person.id, action: "information-received.create" })).toHaveLength(1);
    const partnerClient = await browserAs(partner);
    expect((await partnerClient.get(`/people/${person.id}/consent`)).status).toBe(403);
    expect(textOf(await (await partnerClient.get(`/people/${person.id}`)).text())).not.toContain(said);
  });

  it("takes who told you in words when there is no family on the record, and refuses a time in the future", async () => {
    const { tenant, worker, person } = await setting();
    const client = await browserAs(worker);
    const future = await client.submitForm(`/people/${person.id}/consent/information-received`, `/people/${person.id}/consent/information-received`, {
      fromDescription: "A neighbour, Mrs Patel",
      ...dateFields("receivedOn", daysFromToday(1)),
      receivedTime: "09:00",
      note: "Saw him sleeping in the stairwell.",
    });
    expect(future.status).toBe(400);
    expect(textOf(await future.text())).toContain("The date and time must be in the past");
    const saved = await client.submitForm(`/people/${person.id}/consent/information-received`, `/people/${person.id}/consent/information-received`, {
      fromDescription: "A neighbour, Mrs Patel",
      ...dateFields("receivedOn", daysFromToday(0)),
      receivedTime: "00:00",
      note: "Saw him sleeping in the stairwell.",
    });
    expect(saved.status).toBe(303);
    const events = await chronologyFor(testApp.database.db, tenant.tenantId, person.id);
    expect(events.map((event) => event.summary)).toEqual(["Information received from A neighbour, Mrs Patel"]);
  });
});
