import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClients, startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyFor, daysFromToday, insertConsent, insertFamilyMember } from "../../test/support/consent.ts";
import { auditRows, createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf } from "../../test/support/http.ts";
import { paths } from "../platform/http/paths.ts";

let testApp: TestApp;
let tenant: TestTenant;
let worker: TestUser;
let coworker: TestUser;
let manager: TestUser;
let partner: TestUser;
let carer: TestUser;
let peerMentor: TestUser;
let otherManager: TestUser;

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  coworker = await createUser(db, tenant, { roles: ["key-worker"], name: "Priya Nair" });
  manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" });
  carer = await createUser(db, tenant, { roles: ["carer"], team: "none", name: "Maureen Holloway" });
  peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
  otherManager = await createUser(db, tenant, { roles: ["manager"], team: "other" });
});
afterAll(async () => {
  await testApp.close();
});

const as = signedInClients(() => testApp, "browser");

async function person(): Promise<TestPerson> {
  return createPerson(testApp.database.db, tenant, {
    givenName: "Dean",
    familyName: "Holloway",
    members: [
      { user: worker, role: "lead" },
      { user: coworker, role: "co-worker" },
      { user: partner, role: "partner" },
      { user: peerMentor, role: "peer-mentor" },
    ],
  });
}

/** Saves one section through the edit form, as a worker would with the person beside them. */
async function writeSection(user: TestUser, who: TestPerson, key: string, text: string, writtenBy = "the-person", version?: string): Promise<Response> {
  const client = await as(user);
  const page = await (await client.get(paths.people.editWellnessPlan(who.id, { section: key }))).text();
  const found = new RegExp(`name="version-${key}" value="(\\d+)"`).exec(page);
  return client.request("POST", paths.people.wellnessPlan(who.id), {
    form: { _csrf: csrfTokenIn(page), section: key, [`text-${key}`]: text, [`writtenBy-${key}`]: writtenBy, [`version-${key}`]: version ?? found?.[1] ?? "0" },
  });
}

async function planText(user: TestUser, who: TestPerson): Promise<{ status: number; text: string }> {
  const response = await (await as(user)).get(paths.people.wellnessPlan(who.id));
  return { status: response.status, text: textOf(await response.text()) };
}

describe("writing the wellness and crisis plan", () => {
  it("shows every section in order, empty ones kindly, and the empty state for the service's hours", async () => {
    const dean = await person();
    const { status, text } = await planText(worker, dean);
    expect(status).toBe(200);
    const titles = ["What keeps me well", "My triggers", "Early warning signs", "When things are breaking down", "Crisis plan — who to contact", "Crisis plan — what helps", "Crisis plan — what does not help", "Crisis plan — my preferences for treatment and places", "After a crisis"];
    const positions = titles.map((title) => text.indexOf(title));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain("Nothing has been written here yet");
    expect(text).toContain("Your manager has not added the service's hours yet");
  });

  it("saves a section in the person's words with who saved it and when, redirects with a flash, and audits and records it without the text", async () => {
    const dean = await person();
    const response = await writeSection(worker, dean, "triggers", "March, around the anniversary of my dad dying.");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(paths.people.wellnessPlan(dean.id));
    const page = await planText(worker, dean);
    expect(page.text).toContain("Wellness plan saved");
    expect(page.text).toContain("March, around the anniversary of my dad dying.");
    expect(page.text).toContain("In my own words");
    expect(page.text).toMatch(/Saved by Sam Okafor, \d+ \w+ \d{4}/);

    const { db } = testApp.database;
    const updates = await auditRows(db, tenant.tenantId, { personId: dean.id, action: "wellness-plan.update" });
    expect(updates).toHaveLength(1);
    expect(updates[0]?.actor_user_id).toBe(worker.id);
    expect(JSON.stringify(updates[0]?.detail)).not.toContain("anniversary");
    expect((await auditRows(db, tenant.tenantId, { personId: dean.id, action: "wellness-plan.read" })).length).toBeGreaterThan(0);
    const chronology = (await chronologyFor(db, tenant.tenantId, dean.id)).filter((entry) => entry.kind === "wellness-plan-updated");
    expect(chronology).toHaveLength(1);
    expect(chronology[0]?.section).toBe("wellness-plan");
    expect(chronology[0]?.summary).toContain("My triggers");
    expect(chronology[0]?.summary).not.toContain("anniversary");
  });

  it("keeps every version, and shows them in the section's history", async () => {
    const dean = await person();
    expect((await writeSection(worker, dean, "after-a-crisis", "A visit within two days.", "together")).status).toBe(303);
    expect((await writeSection(coworker, dean, "after-a-crisis", "A visit within two days, and help with the rent.", "carer")).status).toBe(303);
    const response = await (await as(worker)).get(paths.people.wellnessPlanHistory(dean.id, { section: "after-a-crisis" }));
    expect(response.status).toBe(200);
    const text = textOf(await response.text());
    expect(text).toContain("version 2");
    expect(text).toContain("version 1");
    expect(text.indexOf("help with the rent")).toBeLessThan(text.indexOf("A visit within two days. "));
    expect(text).toContain("Written by my family or carer. Saved by Priya Nair");
    expect(text).toContain("Written together with my worker. Saved by Sam Okafor");
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: dean.id, action: "wellness-plan-history.read" })).toHaveLength(1);
  });

  it("refuses a stale version with both versions shown and nothing saved", async () => {
    const dean = await person();
    await writeSection(worker, dean, "crisis-what-helps", "A cup of tea and someone calm.");
    // The co-worker opened the form at version 1; the lead worker saves version 2 first.
    await writeSection(worker, dean, "crisis-what-helps", "A cup of tea, someone calm, and being told what happens next.");
    const response = await writeSection(coworker, dean, "crisis-what-helps", "Leave me alone for an hour.", "worker", "1");
    expect(response.status).toBe(409);
    const text = textOf(await response.text());
    expect(text).toContain("Someone else changed the plan after you opened it");
    expect(text).toContain("being told what happens next");
    expect(text).toContain("Leave me alone for an hour.");
    expect((await planText(worker, dean)).text).not.toContain("Leave me alone");
  });

  it("tells the writer what is wrong and keeps their words when the text is too long or whose words is missing", async () => {
    const dean = await person();
    const client = await as(worker);
    const page = await (await client.get(paths.people.editWellnessPlan(dean.id))).text();
    const response = await client.request("POST", paths.people.wellnessPlan(dean.id), {
      form: { _csrf: csrfTokenIn(page), "text-triggers": "x".repeat(5001), "writtenBy-triggers": "the-person", "version-triggers": "0", "text-after-a-crisis": "Kept words", "writtenBy-after-a-crisis": "nobody", "version-after-a-crisis": "0" },
    });
    expect(response.status).toBe(400);
    const text = textOf(await response.text());
    expect(text).toContain("My triggers must be 5,000 characters or fewer");
    expect(text).toContain("Select whose words “After a crisis” is in");
    expect(text).toContain("Kept words");
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: dean.id, action: "wellness-plan.update" })).toHaveLength(0);
  });

  it("lets the team's manager edit, and refuses partners, peer mentors and other teams", async () => {
    const dean = await person();
    expect((await writeSection(manager, dean, "what-keeps-me-well", "Walking the canal.")).status).toBe(303);
    await insertConsent(testApp.database.db, tenant, dean, { organisationId: tenant.partnerOrganisationId, scopes: ["wellness-plan"] });
    expect((await (await as(partner)).get(paths.people.editWellnessPlan(dean.id))).status).toBe(403);
    const partnerPost = await (await as(partner)).request("POST", paths.people.wellnessPlan(dean.id), {
      form: { _csrf: csrfTokenIn(await (await (await as(partner)).get(paths.people.wellnessPlan(dean.id))).text()), "text-triggers": "Partner words", "writtenBy-triggers": "worker", "version-triggers": "0" },
    });
    expect(partnerPost.status).toBe(403);
    expect((await planText(peerMentor, dean)).status).toBe(404);
    expect((await planText(otherManager, dean)).status).toBe(404);
    expect((await planText(worker, dean)).text).not.toContain("Partner words");
  });
});

describe("sharing the plan as consent allows", () => {
  it("shows the plan to a partner only while the person shares it with their agency, and hides it at once when they withdraw", async () => {
    const dean = await person();
    await writeSection(worker, dean, "crisis-who-to-contact", "My mum, then Sam.");
    expect((await planText(partner, dean)).status).toBe(404);
    const personPage = textOf(await (await (await as(partner)).get(paths.people.show(dean.id))).text());
    expect(personPage).not.toContain("Wellness plan");

    const consentId = await insertConsent(testApp.database.db, tenant, dean, { organisationId: tenant.partnerOrganisationId, scopes: ["wellness-plan"] });
    const shared = await planText(partner, dean);
    expect(shared.status).toBe(200);
    expect(shared.text).toContain("My mum, then Sam.");
    expect(shared.text).toContain("has agreed to share this plan with you");
    expect(shared.text).not.toContain("Change the plan");

    const withdraw = await (await as(worker)).submitForm(`/consents/${consentId}/withdraw`, `/consents/${consentId}/withdraw`, {});
    expect(withdraw.status).toBe(303);
    expect((await planText(partner, dean)).status).toBe(404);
    expect((await (await as(partner)).get(paths.people.wellnessPlanPdf(dean.id))).status).toBe(404);
  });

  it("shows the plan to a carer the person shares it with, and not to one they do not", async () => {
    const dean = await person();
    await writeSection(worker, dean, "early-warning-signs", "I stop answering my phone.");
    const familyMemberId = await insertFamilyMember(testApp.database.db, tenant, dean, { user: carer });
    expect((await planText(carer, dean)).status).toBe(404);
    await insertConsent(testApp.database.db, tenant, dean, { familyMemberId, scopes: ["story"] });
    expect((await planText(carer, dean)).status).toBe(404);
    await insertConsent(testApp.database.db, tenant, dean, { familyMemberId, scopes: ["wellness-plan"], givenOn: daysFromToday(-1) });
    const shared = await planText(carer, dean);
    expect(shared.status).toBe(200);
    expect(shared.text).toContain("I stop answering my phone.");
    const reads = await auditRows(testApp.database.db, tenant.tenantId, { personId: dean.id, action: "wellness-plan.read" });
    expect(reads.some((row) => row.actor_user_id === carer.id && (row.detail as { audience: string }).audience === "carer")).toBe(true);
    expect((await (await as(carer)).get(paths.people.editWellnessPlan(dean.id))).status).toBe(403);
  });
});

describe("the team's service hours and crisis contacts", () => {
  it("are kept by the team's manager and shown on every plan of the team's people", async () => {
    const client = await as(manager);
    const empty = await client.get(paths.settings.crisisContacts());
    expect(empty.status).toBe(200);
    const bad = await client.submitForm(paths.settings.crisisContacts(), paths.settings.crisisContacts(), { version: "0", serviceHours: "", serviceContact: "01632 960010", outOfHours: "" });
    expect(bad.status).toBe(400);
    const badText = textOf(await bad.text());
    expect(badText).toContain("Enter when the service is open");
    expect(badText).toContain("01632 960010");

    const saved = await client.submitForm(paths.settings.crisisContacts(), paths.settings.crisisContacts(), {
      version: "0",
      serviceHours: "Monday to Friday, 9am to 5pm",
      serviceContact: "Duty line 01632 960010",
      outOfHours: "Crisis line 01632 960999, or 999 in an emergency",
    });
    expect(saved.status).toBe(303);
    const stale = await client.submitForm(paths.settings.crisisContacts(), paths.settings.crisisContacts(), { version: "0", serviceHours: "Never", serviceContact: "Nobody", outOfHours: "Nowhere" });
    expect(stale.status).toBe(409);
    expect(textOf(await stale.text())).toContain("Someone else changed these details after you opened the page");

    const dean = await person();
    const plan = await planText(worker, dean);
    expect(plan.text).toContain("Monday to Friday, 9am to 5pm");
    expect(plan.text).toContain("Crisis line 01632 960999");
    expect(await auditRows(testApp.database.db, tenant.tenantId, { action: "crisis-contacts.update" })).toHaveLength(1);
  });

  it("are for managers only, and each manager keeps their own team's", async () => {
    expect((await (await as(worker)).get(paths.settings.crisisContacts())).status).toBe(403);
    expect((await (await as(partner)).get(paths.settings.crisisContacts())).status).toBe(403);
    const other = await as(otherManager);
    const page = textOf(await (await other.get(paths.settings.crisisContacts())).text());
    expect(page).toContain("Children's team");
    expect(page).not.toContain("Duty line 01632 960010");
  });
});
