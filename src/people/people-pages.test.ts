import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { countRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser) {
  const client = testApp.client();
  const response = await client.signInBrowser(user.email, TEST_PASSWORD);
  expect(response.status).toBe(303);
  return client;
}

const validPerson = {
  givenName: "Marcia",
  familyName: "Oyelaran",
  preferredName: "Marsh",
  aliases: "Marcia Bell\nMarsh O",
  "dateOfBirth-day": "3",
  "dateOfBirth-month": "11",
  "dateOfBirth-year": "1984",
  pronouns: "she/her",
  engagementStatus: "not-yet-engaged",
  phone: "07700 900456",
  email: "",
  address: "St Anne's Hostel, room 3",
  communicationNeeds: "Prefers texts to letters",
  story: "I left care at 18 and have been moving ever since.",
};

describe("adding a person with the form", () => {
  it("shows every problem in an error summary, keeps what was typed and saves nothing", async () => {
    const tenant = await createTenant(testApp.database.db);
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    const client = await browserAs(worker);
    const response = await client.submitForm("/people/new", "/people", {
      ...validPerson,
      givenName: "",
      "dateOfBirth-day": "31",
      "dateOfBirth-month": "2",
      email: "marsh@",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    const text = textOf(page);
    expect(text).toContain("Error: Add a person");
    expect(text).toContain("There is a problem");
    expect(text).toContain("Enter a given name");
    expect(text).toContain("Date of birth must be a real date");
    expect(text).toContain("Enter an email address in the correct format");
    expect(page).toContain('href="#givenName"');
    expect(page).toContain('href="#dateOfBirth-day"');
    expect(page).toContain('value="Oyelaran"');
    // The form posts back to /people, the search's address, but the menu still marks "Add a person" alone.
    expect(page).toMatch(/href="\/people\/new" aria-current="true"/);
    expect(page).not.toMatch(/href="\/people" aria-current/);
    expect(page).toContain("I left care at 18");
    expect(await countRows(testApp.database.db, "people", tenant.tenantId)).toBe(0);
  });

  it("saves, redirects to the person and says so once", async () => {
    const tenant = await createTenant(testApp.database.db);
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    const client = await browserAs(worker);
    const response = await client.submitForm("/people/new", "/people", validPerson);
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    const personPage = textOf(await (await client.get(location)).text());
    expect(personPage).toContain("Marsh Oyelaran has been added");
    expect(personPage).toContain("3 November 1984");
    expect(personPage).toContain("Marcia Bell, Marsh O");
    expect(personPage).toContain("I left care at 18");
    expect(personPage).toContain("Not yet engaged");
    const again = textOf(await (await client.get(location)).text());
    expect(again).not.toContain("has been added");
  });

  it("asks a manager to choose a lead worker from their team", async () => {
    const tenant = await createTenant(testApp.database.db);
    const manager = await createUser(testApp.database.db, tenant, { roles: ["manager"] });
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"], name: "Wendy Worker" });
    const client = await browserAs(manager);
    const form = await (await client.get("/people/new")).text();
    expect(form).toContain("Wendy Worker");
    const missing = await client.submitForm("/people/new", "/people", validPerson);
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toContain("Select a lead worker");
    const saved = await client.submitForm("/people/new", "/people", { ...validPerson, leadWorkerId: worker.id });
    expect(saved.status).toBe(303);
    const workerClient = await browserAs(worker);
    expect(textOf(await (await workerClient.get("/caseload")).text())).toContain("Marsh Oyelaran");
  });

  it("is not offered to a partner professional", async () => {
    const tenant = await createTenant(testApp.database.db);
    const partner = await createUser(testApp.database.db, tenant, { roles: ["partner"], partner: true });
    const client = await browserAs(partner);
    expect((await client.get("/people/new")).status).toBe(403);
  });
});

describe("changing a person's details", () => {
  it("saves a change and shows both versions when someone else saved first", async () => {
    const tenant = await createTenant(testApp.database.db);
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    const coWorker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    const person = await createPerson(testApp.database.db, tenant, {
      givenName: "Ola",
      familyName: "Brennan",
      members: [
        { user: worker, role: "lead" },
        { user: coWorker, role: "co-worker" },
      ],
    });
    const first = await browserAs(worker);
    const second = await browserAs(coWorker);
    const firstForm = await (await first.get(`/people/${person.id}/edit`)).text();
    const secondForm = await (await second.get(`/people/${person.id}/edit`)).text();
    const token = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const fields = { givenName: "Ola", familyName: "Brennan", engagementStatus: "engaged", version: "1" };
    const saved = await first.request("POST", `/people/${person.id}`, { form: { _csrf: token(firstForm), ...fields, pronouns: "they/them" } });
    expect(saved.status).toBe(303);
    const clash = await second.request("POST", `/people/${person.id}`, { form: { _csrf: token(secondForm), ...fields, pronouns: "she/her" } });
    expect(clash.status).toBe(409);
    const clashPage = await clash.text();
    expect(textOf(clashPage)).toContain("Someone else changed these details while you were editing");
    expect(textOf(clashPage)).toContain("they/them");
    expect(clashPage).toContain('name="version" value="2"');
    const api = testApp.client();
    await api.signInApi(worker.email, TEST_PASSWORD);
    expect((await api.getJson<{ pronouns: string }>(`/api/v1/people/${person.id}`)).body.pronouns).toBe("they/them");
  });

  it("hides the edit form from people who may only read the record", async () => {
    const tenant = await createTenant(testApp.database.db);
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    const partner = await createUser(testApp.database.db, tenant, { roles: ["partner"], partner: true });
    const person = await createPerson(testApp.database.db, tenant, {
      members: [
        { user: worker, role: "lead" },
        { user: partner, role: "partner" },
      ],
    });
    const client = await browserAs(partner);
    const page = textOf(await (await client.get(`/people/${person.id}`)).text());
    expect(page).not.toContain("Change details");
    expect(page).toContain("Their story is not shared with you");
    expect((await client.get(`/people/${person.id}/edit`)).status).toBe(403);
  });
});

describe("the person page and search", () => {
  it("answers 404 for someone outside the worker's teams, with no hint they exist", async () => {
    const tenant = await createTenant(testApp.database.db);
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    const other = await createUser(testApp.database.db, tenant, { roles: ["key-worker"], team: "other" });
    const person = await createPerson(testApp.database.db, tenant, { givenName: "Hidden", familyName: "Personne", members: [{ user: other, role: "lead" }] });
    const client = await browserAs(worker);
    const response = await client.get(`/people/${person.id}`);
    expect(response.status).toBe(404);
    expect(textOf(await response.text())).not.toContain("Personne");
  });

  it("finds people by name and says clearly when nobody matches", async () => {
    const tenant = await createTenant(testApp.database.db);
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    await createPerson(testApp.database.db, tenant, { givenName: "Delroy", familyName: "Featherstone", members: [{ user: worker, role: "lead" }] });
    const client = await browserAs(worker);
    const found = textOf(await (await client.get("/people?q=feather")).text());
    expect(found).toContain("1 person found");
    expect(found).toContain("Delroy Featherstone");
    const none = textOf(await (await client.get("/people?q=zebedee")).text());
    expect(none).toContain("No one you can see matches “zebedee”");
  });

  it("escapes what people type, so a name cannot inject script", async () => {
    const tenant = await createTenant(testApp.database.db);
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    const client = await browserAs(worker);
    const response = await client.submitForm("/people/new", "/people", { ...validPerson, givenName: '<script>alert("x")</script>' });
    const page = await (await client.get(response.headers.get("location") ?? "")).text();
    expect(page).not.toContain('<script>alert("x")</script>');
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });
});
