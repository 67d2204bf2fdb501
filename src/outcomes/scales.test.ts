import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
import { systemClock, ukToday } from "../platform/clock.ts";
import { paths } from "../platform/http/paths.ts";
import { DEFAULT_SCALE_DOMAINS, DEFAULT_SCALE_NAME } from "./schema.ts";
import * as store from "./store.ts";

let testApp: TestApp;
let tenant: TestTenant;
let admin: TestUser;
let worker: TestUser;
let client: HttpClient;

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  admin = await createUser(db, tenant, { roles: ["admin"] });
  worker = await createUser(db, tenant, { roles: ["key-worker"] });
  client = testApp.client();
  await client.signInBrowser(admin.email, TEST_PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

const twoAreas = [
  { key: "getting-out", name: "Getting out", minimum: 1, maximum: 3, points: [1, 2, 3].map((score) => ({ score, description: `Getting out ${score}` })) },
  { key: "sleep", name: "Sleep", minimum: 1, maximum: 3, points: [1, 2, 3].map((score) => ({ score, description: `Sleep ${score}` })) },
];

describe("outcome scales for administrators", () => {
  it("are reached from the partnership page", async () => {
    const page = await (await client.get(paths.partnership.overview())).text();
    expect(page).toContain(`href="${paths.settings.outcomeScales()}"`);
  });

  it("lists the default scale, added once, which cannot be switched off", async () => {
    const page = textOf(await (await client.get(paths.settings.outcomeScales())).text());
    expect(page).toContain(DEFAULT_SCALE_NAME);
    await client.get(paths.settings.outcomeScales());
    const scales = await store.listScales(testApp.database.db, tenant.tenantId);
    expect(scales.filter((scale) => scale.isDefault)).toHaveLength(1);
    const defaultScale = scales[0];
    if (!defaultScale) throw new Error("no default scale");
    const refused = await client.submitForm(paths.settings.outcomeScales(), paths.settings.outcomeScaleActive(defaultScale.id), { active: "false" });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain("The default scale cannot be switched off or deleted");
    expect((await store.findScale(testApp.database.db, tenant.tenantId, defaultScale.id))?.active).toBe(true);
  });

  it("adds a scale from the form, with clear messages for bad areas", async () => {
    const bad = await client.submitForm(paths.settings.newOutcomeScale(), paths.settings.outcomeScales(), { name: "Short scale", domains: JSON.stringify([twoAreas[0], { ...twoAreas[0] }]) });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain("Each domain key is used once: getting-out is repeated");
    const notJson = await client.submitForm(paths.settings.newOutcomeScale(), paths.settings.outcomeScales(), { name: "Short scale", domains: "[{" });
    expect(textOf(await notJson.text())).toContain("The areas must be written as JSON");
    const saved = await client.submitForm(paths.settings.newOutcomeScale(), paths.settings.outcomeScales(), { name: "Short scale", domains: JSON.stringify(twoAreas) });
    expect(saved.status).toBe(303);
    const scale = (await store.listScales(testApp.database.db, tenant.tenantId)).find((candidate) => candidate.name === "Short scale");
    expect(scale?.domains.map((domain) => domain.key)).toEqual(["getting-out", "sleep"]);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { action: "outcome-scale.create" })).toHaveLength(1);
  });

  it("never removes an area that readings have scored, and switches a scale off", async () => {
    const { db } = testApp.database;
    const scale = (await store.listScales(db, tenant.tenantId)).find((candidate) => candidate.name === "Short scale");
    if (!scale) throw new Error("no scale");
    const person = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }] });
    await store.insertReading(db, { tenantId: tenant.tenantId, personId: person.id, scaleId: scale.id, takenOn: ukToday(systemClock), scores: { "getting-out": 2, sleep: 3 }, note: null, recordedBy: worker.id });
    const dropping = await client.submitForm(paths.settings.outcomeScale(scale.id), paths.settings.outcomeScale(scale.id), {
      version: String(scale.version),
      name: "Short scale",
      domains: JSON.stringify([twoAreas[0], { ...twoAreas[0], key: "mood", name: "Mood" }]),
    });
    expect(dropping.status).toBe(400);
    expect(textOf(await dropping.text())).toContain("Readings already score “sleep”");
    // Sleep was scored 3: a range of 1 to 2 would leave that reading off the chart.
    const narrowing = await client.submitForm(paths.settings.outcomeScale(scale.id), paths.settings.outcomeScale(scale.id), {
      version: String(scale.version),
      name: "Short scale",
      domains: JSON.stringify([twoAreas[0], { key: "sleep", name: "Sleep", minimum: 1, maximum: 2, points: [1, 2].map((score) => ({ score, description: `Sleep ${score}` })) }]),
    });
    expect(narrowing.status).toBe(400);
    expect(textOf(await narrowing.text())).toContain("Readings already hold scores outside the new range for “sleep” (3 to 3)");
    expect((await store.findScale(db, tenant.tenantId, scale.id))?.version).toBe(scale.version);
    const renamed = await client.submitForm(paths.settings.outcomeScale(scale.id), paths.settings.outcomeScale(scale.id), {
      version: String(scale.version),
      name: "Short scale",
      domains: JSON.stringify([twoAreas[0], { ...twoAreas[1], name: "Sleeping well" }, ...DEFAULT_SCALE_DOMAINS.slice(0, 1)]),
    });
    expect(renamed.status).toBe(303);
    const stale = await client.submitForm(paths.settings.outcomeScale(scale.id), paths.settings.outcomeScale(scale.id), { version: String(scale.version), name: "Short scale", domains: JSON.stringify(twoAreas) });
    expect(stale.status).toBe(409);
    const off = await client.submitForm(paths.settings.outcomeScales(), paths.settings.outcomeScaleActive(scale.id), { active: "false" });
    expect(off.status).toBe(303);
    const after = await store.findScale(db, tenant.tenantId, scale.id);
    expect(after?.active).toBe(false);
    expect(after?.domains.map((domain) => domain.name)).toEqual(["Getting out", "Sleeping well", "Somewhere to live"]);
    // A switched-off scale takes no new readings.
    const api = testApp.client();
    await api.signInApi(worker.email, TEST_PASSWORD);
    const refused = await api.sendJson("POST", paths.api.personOutcomes(person.id), { scaleId: scale.id, takenOn: ukToday(systemClock), scores: { "getting-out": 1, sleep: 1 } });
    expect(refused.status).toBe(400);
  });

  it("edits a scale area by area, without JSON: names, ranges, a new area and a removed one", async () => {
    const { db } = testApp.database;
    const page = await (await client.get(paths.settings.newOutcomeScale())).text();
    expect(page).toContain('name="area-0-name"');
    expect(page).toContain('name="area-1-name"');
    const fields = (name: string, extra: Record<string, string> = {}) => ({
      name,
      "area-0-name": "Money",
      "area-0-question": "How are you managing money?",
      "area-0-minimum": "1",
      "area-0-maximum": "3",
      "area-0-point-1": "I run out every week.",
      "area-0-point-2": "I get by, just.",
      "area-0-point-3": "I pay my bills and have a little left.",
      "area-1-name": "Friends & family",
      "area-1-minimum": "1",
      "area-1-maximum": "2",
      "area-1-point-1": "I see nobody.",
      "area-1-point-2": "I see people I like.",
      "area-2-name": "",
      "area-2-minimum": "1",
      "area-2-maximum": "5",
      ...extra,
    });
    const missingPoint = await client.submitForm(paths.settings.newOutcomeScale(), paths.settings.outcomeScales(), fields("Field scale", { "area-1-maximum": "3" }));
    expect(missingPoint.status).toBe(400);
    const missingText = await missingPoint.text();
    expect(textOf(missingText)).toContain("Friends & family: describe what a score of 3 means");
    // The form comes back with a box for the new point, and what was typed kept.
    expect(missingText).toContain('name="area-1-point-3"');
    expect(missingText).toContain("I see people I like.");
    const badRange = await client.submitForm(paths.settings.newOutcomeScale(), paths.settings.outcomeScales(), fields("Field scale", { "area-0-maximum": "lots" }));
    expect(badRange.status).toBe(400);
    expect(textOf(await badRange.text())).toContain("Money: enter the highest score as a whole number from 0 to 10");
    expect((await store.listScales(db, tenant.tenantId)).some((scale) => scale.name === "Field scale")).toBe(false);

    const saved = await client.submitForm(paths.settings.newOutcomeScale(), paths.settings.outcomeScales(), fields("Field scale"));
    expect(saved.status).toBe(303);
    const scale = (await store.listScales(db, tenant.tenantId)).find((candidate) => candidate.name === "Field scale");
    if (!scale) throw new Error("the scale was not saved");
    expect(scale.domains.map((domain) => [domain.key, domain.name, domain.minimum, domain.maximum])).toEqual([
      ["money", "Money", 1, 3],
      ["friends-family", "Friends & family", 1, 2],
    ]);
    expect(scale.domains[0]?.question).toBe("How are you managing money?");

    const editPage = await (await client.get(paths.settings.outcomeScale(scale.id))).text();
    expect(editPage).toContain('name="area-0-key" value="money"');
    expect(editPage).toContain('name="area-1-remove"');
    const edited = await client.submitForm(paths.settings.outcomeScale(scale.id), paths.settings.outcomeScale(scale.id), {
      ...fields("Field scale"),
      version: String(scale.version),
      "area-0-key": "money",
      "area-0-name": "Money and bills",
      "area-1-key": "friends-family",
      "area-1-remove": "yes",
      "area-2-name": "Sleep",
      "area-2-minimum": "0",
      "area-2-maximum": "1",
      "area-2-point-0": "I hardly sleep.",
      "area-2-point-1": "I sleep most nights.",
    });
    expect(edited.status).toBe(303);
    const after = await store.findScale(db, tenant.tenantId, scale.id);
    expect(after?.domains.map((domain) => [domain.key, domain.name, domain.minimum, domain.maximum])).toEqual([
      ["money", "Money and bills", 1, 3],
      ["sleep", "Sleep", 0, 1],
    ]);
  });

  it("is for administrators only", async () => {
    const other = testApp.client();
    await other.signInBrowser(worker.email, TEST_PASSWORD);
    expect((await other.get(paths.settings.outcomeScales())).status).toBe(403);
  });
});
