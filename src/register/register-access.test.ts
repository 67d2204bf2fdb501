import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createPerson } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { addEntry, apiAs, browserAs, registerScene } from "../../test/support/register.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

describe("who may use the register", () => {
  it("lets the owner keep it, managers and psychologists read it, and refuses key workers and partners", async () => {
    const scene = await registerScene(testApp.database.db);
    const entry = await addEntry(await apiAs(testApp, scene.owner), { givenName: "Amira", familyName: "Khalil", dateOfBirth: "2010-05-03", rating: "amber" });
    const pages = ["/register", `/register/${entry.id}`];
    const ownerPages = ["/register/new", `/register/${entry.id}/rating`, `/register/${entry.id}/remove`, `/register/${entry.id}/episodes/new`];
    for (const reader of [scene.owner, scene.childrenManager, scene.adultsManager, scene.psychologist]) {
      const client = await browserAs(testApp, reader);
      for (const path of pages) expect((await client.get(path)).status, `${reader.displayName} ${path}`).toBe(200);
      const api = await apiAs(testApp, reader);
      expect((await api.getJson("/api/v1/register")).status).toBe(200);
      expect((await api.getJson(`/api/v1/register/${entry.id}`)).status).toBe(200);
    }
    const owner = await browserAs(testApp, scene.owner);
    for (const path of ownerPages) expect((await owner.get(path)).status, path).toBe(200);
    for (const reader of [scene.childrenManager, scene.psychologist]) {
      const client = await browserAs(testApp, reader);
      for (const path of ownerPages) expect((await client.get(path)).status, `${reader.displayName} ${path}`).toBe(403);
      const api = await apiAs(testApp, reader);
      expect((await api.sendJson("POST", "/api/v1/register", { givenName: "No", familyName: "Entry", rating: "red", reason: "Not theirs to add" })).status).toBe(403);
      expect((await api.sendJson("POST", `/api/v1/register/${entry.id}/episodes`, { admittedOn: "2026-01-02", setting: "Oakfield" })).status).toBe(403);
    }
    for (const outsider of [scene.worker, scene.childrenWorker, scene.partner]) {
      const client = await browserAs(testApp, outsider);
      for (const path of [...pages, ...ownerPages, `/register/${entry.id}/take-on`]) expect((await client.get(path)).status, `${outsider.email} ${path}`).toBe(403);
      const api = await apiAs(testApp, outsider);
      expect((await api.getJson("/api/v1/register")).status).toBe(403);
      expect((await api.getJson(`/api/v1/register/${entry.id}`)).status).toBe(403);
      expect((await api.sendJson("POST", "/api/v1/register", { givenName: "No", familyName: "Entry", rating: "red", reason: "Not theirs to add" })).status).toBe(403);
    }
    // Only managers take people on; the owner and the psychologist are refused.
    expect((await (await browserAs(testApp, scene.childrenManager)).get(`/register/${entry.id}/take-on`)).status).toBe(200);
    for (const refused of [scene.owner, scene.psychologist]) expect((await (await browserAs(testApp, refused)).get(`/register/${entry.id}/take-on`)).status).toBe(403);
  });

  it("does not open the Keywork record to the register owner, nor name a linked person to a reader who may not see them", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const person = await createPerson(db, scene.tenant, { team: "other", givenName: "Riley", familyName: "Shaw", dateOfBirth: "2011-05-20", members: [{ user: scene.childrenWorker, role: "lead" }] });
    const entry = await addEntry(await apiAs(testApp, scene.owner), { personId: person.id, givenName: "Riley", familyName: "Shaw", rating: "red" });
    // The owner may not read the record, so nothing is copied from it.
    expect(entry).toMatchObject({ personId: person.id, givenName: "Riley", familyName: "Shaw", dateOfBirth: null });
    const owner = await browserAs(testApp, scene.owner);
    expect((await owner.get(`/people/${person.id}`)).status).toBe(404);
    const ownerView = await (await owner.get(`/register/${entry.id}`)).text();
    expect(textOf(ownerView)).toContain("Known to the key-worker service");
    expect(ownerView).not.toContain(`href="/people/${person.id}"`);
    const adults = await (await browserAs(testApp, scene.adultsManager)).get(`/register/${entry.id}`);
    expect(await adults.text()).not.toContain(`href="/people/${person.id}"`);
    const children = await (await (await browserAs(testApp, scene.childrenManager)).get(`/register/${entry.id}`)).text();
    expect(children).toContain(`href="/people/${person.id}"`);
    expect(textOf(children)).toContain("Riley Shaw's Keywork record");
  });

  it("answers 404 for an entry that does not exist, to those who may read the register", async () => {
    const scene = await registerScene(testApp.database.db);
    const client = await browserAs(testApp, scene.owner);
    expect((await client.get("/register/not-an-id")).status).toBe(404);
    expect((await client.get("/register/0190a000-0000-7000-8000-000000000001")).status).toBe(404);
    expect((await (await apiAs(testApp, scene.owner)).getJson("/api/v1/register/nope")).status).toBe(404);
  });
});
