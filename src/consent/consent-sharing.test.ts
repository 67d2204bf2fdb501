import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { daysFromToday, insertConsent, insertFamilyMember } from "../../test/support/consent.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";

/**
 * The person's current consent decides, request by request, what a partner professional or a
 * family carer sees of their record: on the page and in the API.
 */

const STORY = "I slept in the multi-storey for two winters before I got the flat.";
const PHONE = "07700 900123";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

interface Setting {
  tenant: TestTenant;
  worker: TestUser;
  partner: TestUser;
  person: TestPerson;
}

async function setting(): Promise<Setting> {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const person = await createPerson(db, tenant, {
    story: STORY,
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
    ],
  });
  return { tenant, worker, partner, person };
}

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

async function apiAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

/** What the actor sees of the story and phone number, on the page and through the API. */
async function seen(page: HttpClient, api: HttpClient, person: TestPerson) {
  const response = await page.get(`/people/${person.id}`);
  expect(response.status).toBe(200);
  const text = textOf(await response.text());
  const { status, body } = await api.getJson<{ story?: string | null; phone?: string | null; withheld: string[] }>(`/api/v1/people/${person.id}`);
  expect(status).toBe(200);
  return {
    pageStory: text.includes(STORY),
    pagePhone: text.includes(PHONE),
    apiStory: body.story === STORY,
    apiPhone: body.phone === PHONE,
    withheld: body.withheld,
  };
}

describe("what a partner professional sees follows the person's current consent", () => {
  it("shows neither story nor contact details without consent", async () => {
    const { partner, person } = await setting();
    const view = await seen(await browserAs(partner), await apiAs(partner), person);
    expect(view).toMatchObject({ pageStory: false, pagePhone: false, apiStory: false, apiPhone: false });
    expect(view.withheld).toEqual(expect.arrayContaining(["story", "contactDetails"]));
  });

  it("shows the story only with 'story', contact details only with 'contacts'", async () => {
    const { tenant, partner, person } = await setting();
    const { db } = testApp.database;
    const page = await browserAs(partner);
    const api = await apiAs(partner);
    const storyOnly = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"] });
    expect(await seen(page, api, person)).toMatchObject({ pageStory: true, pagePhone: false, apiStory: true, apiPhone: false });
    void storyOnly;
    const other = await createPerson(db, tenant, { story: STORY, members: [{ user: partner, role: "partner" }] });
    await insertConsent(db, tenant, other, { organisationId: tenant.partnerOrganisationId, scopes: ["contacts"] });
    expect(await seen(page, api, other)).toMatchObject({ pageStory: false, pagePhone: true, apiStory: false, apiPhone: true });
  });

  it("stops sharing with the very next request after the worker withdraws the consent", async () => {
    const { tenant, worker, partner, person } = await setting();
    const { db } = testApp.database;
    const consentId = await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story", "contacts"] });
    const page = await browserAs(partner);
    const api = await apiAs(partner);
    expect(await seen(page, api, person)).toMatchObject({ pageStory: true, pagePhone: true, apiStory: true, apiPhone: true });

    const workerClient = await browserAs(worker);
    const withdrawn = await workerClient.submitForm(`/consents/${consentId}/withdraw`, `/consents/${consentId}/withdraw`, {});
    expect(withdrawn.status).toBe(303);
    expect(await seen(page, api, person)).toMatchObject({ pageStory: false, pagePhone: false, apiStory: false, apiPhone: false });
  });

  it("stops sharing at once when the API sets withdrawnOn to today", async () => {
    const { tenant, worker, partner, person } = await setting();
    const consentId = await insertConsent(testApp.database.db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"] });
    const api = await apiAs(partner);
    expect((await api.getJson<{ story?: string }>(`/api/v1/people/${person.id}`)).body.story).toBe(STORY);
    const workerApi = await apiAs(worker);
    const patched = await workerApi.sendJson("PATCH", `/api/v1/consents/${consentId}`, { version: 1, withdrawnOn: daysFromToday(0) });
    expect(patched.status).toBe(200);
    expect((await api.getJson<{ story?: string }>(`/api/v1/people/${person.id}`)).body.story).toBeUndefined();
  });

  it("stops sharing when the worker narrows the scopes", async () => {
    const { tenant, worker, partner, person } = await setting();
    const consentId = await insertConsent(testApp.database.db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story", "contacts"] });
    const workerApi = await apiAs(worker);
    expect((await workerApi.sendJson("PATCH", `/api/v1/consents/${consentId}`, { version: 1, scopes: ["contacts"] })).status).toBe(200);
    const view = await seen(await browserAs(partner), await apiAs(partner), person);
    expect(view).toMatchObject({ pageStory: false, pagePhone: true, apiStory: false, apiPhone: true });
  });

  it("does not count a consent given in the future, one withdrawn in the past, or one for another organisation", async () => {
    const { tenant, partner, person } = await setting();
    const { db } = testApp.database;
    await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story", "contacts"], givenOn: daysFromToday(3), reviewOn: daysFromToday(200) });
    await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story", "contacts"], givenOn: daysFromToday(-90), withdrawnOn: daysFromToday(-1) });
    await insertConsent(db, tenant, person, { organisationId: tenant.serviceOrganisationId, scopes: ["story", "contacts"] });
    await insertConsent(db, tenant, person, { type: "contact-agencies", organisationId: tenant.partnerOrganisationId, scopes: ["story", "contacts"] });
    const view = await seen(await browserAs(partner), await apiAs(partner), person);
    expect(view).toMatchObject({ pageStory: false, pagePhone: false, apiStory: false, apiPhone: false });
  });

  it("still counts a consent whose end date is later than today", async () => {
    const { tenant, partner, person } = await setting();
    await insertConsent(testApp.database.db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story"], withdrawnOn: daysFromToday(5) });
    expect((await (await apiAs(partner)).getJson<{ story?: string }>(`/api/v1/people/${person.id}`)).body.story).toBe(STORY);
  });

  it("never shows a partner a person whose team they are not in, whatever is shared with their organisation", async () => {
    const { tenant, worker } = await setting();
    const { db } = testApp.database;
    const outsider = await createUser(db, tenant, { roles: ["partner"], partner: true });
    const person = await createPerson(db, tenant, { story: STORY, members: [{ user: worker, role: "lead" }] });
    await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story", "contacts"] });
    expect((await (await browserAs(outsider)).get(`/people/${person.id}`)).status).toBe(404);
    expect((await (await apiAs(outsider)).getJson(`/api/v1/people/${person.id}`)).status).toBe(404);
  });

  it("gives partners nothing consent-scoped in search results, shared or not", async () => {
    const { tenant, partner, person } = await setting();
    await insertConsent(testApp.database.db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["contacts"] });
    const api = await apiAs(partner);
    const { status, body } = await api.getJson<{ items: Array<Record<string, unknown>> }>(`/api/v1/people?q=${person.familyName}`);
    expect(status).toBe(200);
    expect(body.items.map((item) => item.id)).toEqual([person.id]);
    const item = body.items[0] ?? {};
    for (const key of ["story", "phone", "email", "address", "aliases", "communicationNeeds"]) expect(item, key).not.toHaveProperty(key);
    expect(JSON.stringify(body)).not.toContain(PHONE);
    const page = await (await browserAs(partner)).get(`/people?q=${person.familyName}`);
    const text = textOf(await page.text());
    expect(text).toContain(person.familyName);
    expect(text).not.toContain(STORY);
    expect(text).not.toContain(PHONE);
  });
});

describe("what a family carer sees follows what is shared with them", () => {
  async function carerSetting() {
    const base = await setting();
    const { db } = testApp.database;
    const carer = await createUser(db, base.tenant, { roles: ["carer"], team: "none", name: "Maureen Holloway" });
    const familyMemberId = await insertFamilyMember(db, base.tenant, base.person, { user: carer });
    return { ...base, carer, familyMemberId };
  }

  it("lets a linked carer see the person, but only what is shared with them", async () => {
    const { tenant, person, carer, familyMemberId } = await carerSetting();
    const page = await browserAs(carer);
    const api = await apiAs(carer);
    expect(await seen(page, api, person)).toMatchObject({ pageStory: false, pagePhone: false, apiStory: false, apiPhone: false });
    await insertConsent(testApp.database.db, tenant, person, { familyMemberId, scopes: ["story", "wellness-plan"] });
    const view = await seen(page, api, person);
    expect(view).toMatchObject({ pageStory: true, pagePhone: false, apiStory: true, apiPhone: false });
    expect(view.withheld).toContain("aliases");
  });

  it("does not give a carer what is shared with another family member or with an organisation", async () => {
    const { tenant, person, carer } = await carerSetting();
    const { db } = testApp.database;
    const brother = await insertFamilyMember(db, tenant, person, { name: "Lee Holloway", relationship: "Brother" });
    await insertConsent(db, tenant, person, { familyMemberId: brother, scopes: ["story", "contacts"] });
    // The carer's account belongs to an organisation too; sharing with that organisation is not sharing with them.
    await insertConsent(db, tenant, person, { organisationId: tenant.serviceOrganisationId, scopes: ["story", "contacts"] });
    const view = await seen(await browserAs(carer), await apiAs(carer), person);
    expect(view).toMatchObject({ pageStory: false, pagePhone: false, apiStory: false, apiPhone: false });
  });

  it("hides the person from a carer who is not linked, or whose link has ended", async () => {
    const { tenant, person } = await setting();
    const { db } = testApp.database;
    const stranger = await createUser(db, tenant, { roles: ["carer"], team: "none" });
    const former = await createUser(db, tenant, { roles: ["carer"], team: "none" });
    const formerId = await insertFamilyMember(db, tenant, person, { user: former, endedOn: daysFromToday(-10) });
    await insertConsent(db, tenant, person, { familyMemberId: formerId, scopes: ["story"] });
    for (const user of [stranger, former]) {
      expect((await (await browserAs(user)).get(`/people/${person.id}`)).status).toBe(404);
      expect((await (await apiAs(user)).getJson(`/api/v1/people/${person.id}`)).status).toBe(404);
    }
  });

  it("stops sharing with the carer at once when the consent is withdrawn", async () => {
    const { tenant, worker, person, carer, familyMemberId } = await carerSetting();
    const consentId = await insertConsent(testApp.database.db, tenant, person, { familyMemberId, scopes: ["story"] });
    const api = await apiAs(carer);
    expect((await api.getJson<{ story?: string }>(`/api/v1/people/${person.id}`)).body.story).toBe(STORY);
    expect((await (await browserAs(worker)).submitForm(`/consents/${consentId}/withdraw`, `/consents/${consentId}/withdraw`, {})).status).toBe(303);
    expect((await api.getJson<{ story?: string }>(`/api/v1/people/${person.id}`)).body.story).toBeUndefined();
  });
});
