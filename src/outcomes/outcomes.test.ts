import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClients, startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyFor, insertConsent } from "../../test/support/consent.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf } from "../../test/support/http.ts";
import { addDays, systemClock, ukToday } from "../platform/clock.ts";
import { paths } from "../platform/http/paths.ts";
import { DEFAULT_SCALE_DOMAINS, DEFAULT_SCALE_NAME } from "./schema.ts";
import { ensureDefaultScale } from "./service.ts";
import * as store from "./store.ts";

interface ApiOutcomes {
  personId: string;
  scales: Array<{ id: string; name: string; isDefault: boolean; domains: Array<{ key: string; points: unknown[] }> }>;
  readings: Array<{ id: string; scaleId: string; takenOn: string; scores: Record<string, number>; note: string | null; recordedBy: { id: string; name: string } | null; version: number }>;
  distanceTravelled: Array<{ scaleId: string; domainKey: string; first: number | null; latest: number | null; change: number | null }>;
}

let testApp: TestApp;
let tenant: TestTenant;
let worker: TestUser;
let manager: TestUser;
let otherManager: TestUser;
let partner: TestUser;
let peerMentor: TestUser;
const today = ukToday(systemClock);

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  otherManager = await createUser(db, tenant, { roles: ["manager"], team: "other" });
  partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" });
  peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
});
afterAll(async () => {
  await testApp.close();
});

const as = signedInClients(() => testApp, "browser");
const api = signedInClients(() => testApp, "api");

async function person(team: "main" | "other" = "main"): Promise<TestPerson> {
  return createPerson(testApp.database.db, tenant, {
    givenName: "Dean",
    familyName: "Holloway",
    team,
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
      { user: peerMentor, role: "peer-mentor" },
    ],
  });
}

/** Every area of the default scale scored `score`, with `overrides`. */
function scores(score: number, overrides: Record<string, number> = {}): Record<string, number> {
  return { ...Object.fromEntries(DEFAULT_SCALE_DOMAINS.map((domain) => [domain.key, score])), ...overrides };
}

function formScores(values: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, score]) => [`score-${key}`, String(score)]));
}

describe("recording readings and distance travelled", () => {
  it("records a reading through the form, shows the chart, summary and table, audits it and adds to the chronology", async () => {
    const dean = await person();
    const client = await as(worker);
    const form = await (await client.get(paths.people.newOutcomeReading(dean.id))).text();
    expect(form).toContain(`value="${today}"`);
    expect(form).toContain("I have nowhere safe to stay tonight.");
    const first = await client.request("POST", paths.people.outcomes(dean.id), {
      form: { _csrf: csrfTokenIn(form), takenOn: addDays(today, -60), ...formScores(scores(2)), note: "First one together" },
    });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(paths.people.outcomes(dean.id));
    const second = await client.submitForm(paths.people.newOutcomeReading(dean.id), paths.people.outcomes(dean.id), {
      takenOn: today,
      ...formScores(scores(2, { "somewhere-to-live": 4, money: 3, mind: 1 })),
    });
    expect(second.status).toBe(303);

    const page = await (await client.get(paths.people.outcomes(dean.id))).text();
    expect(page).toContain('role="img"');
    expect(page).toContain("<title id=\"distance-0-title\">");
    expect(textOf(page)).toContain("2 of 8 areas have improved, 1 is lower and 5 are the same");
    expect(textOf(page)).toContain("Somewhere to live went from 2 to 4 (up 2)");
    expect(textOf(page)).toContain("Reading saved");

    const db = testApp.database.db;
    expect(await auditRows(db, tenant.tenantId, { personId: dean.id, action: "outcomes.record" })).toHaveLength(2);
    expect((await auditRows(db, tenant.tenantId, { personId: dean.id, action: "outcomes.read" })).length).toBeGreaterThan(0);
    const chronology = (await chronologyFor(db, tenant.tenantId, dean.id)).filter((entry) => entry.kind === "outcome-reading-recorded");
    expect(chronology).toHaveLength(2);
    expect(chronology[0]?.section).toBe("plan");
    expect(chronology[0]?.summary).not.toContain("First one together");
  });

  it("keeps the input and writes nothing when a score is missing or the date is in the future", async () => {
    const dean = await person();
    const client = await as(worker);
    const missing = { ...formScores(scores(3)) };
    delete missing["score-money"];
    const response = await client.submitForm(paths.people.newOutcomeReading(dean.id), paths.people.outcomes(dean.id), { takenOn: addDays(today, 1), ...missing, note: "Kept note" });
    expect(response.status).toBe(400);
    const text = textOf(await response.text());
    expect(text).toContain("Choose a score for Money");
    expect(text).toContain("Kept note");
    const future = await client.submitForm(paths.people.newOutcomeReading(dean.id), paths.people.outcomes(dean.id), { takenOn: addDays(today, 1), ...formScores(scores(3)) });
    expect(future.status).toBe(400);
    expect(textOf(await future.text())).toContain("The date of the reading must be today or in the past");
    expect(await store.listReadings(testApp.database.db, tenant.tenantId, dean.id)).toHaveLength(0);
  });

  it("corrects a reading against its version and refuses a stale one", async () => {
    const dean = await person();
    const { body: saved } = await (await api(worker)).sendJson<ApiOutcomes["readings"][number]>("POST", paths.api.personOutcomes(dean.id), { takenOn: today, scores: scores(3) });
    const client = await as(worker);
    const editPath = paths.people.editOutcomeReading(dean.id, saved.id);
    const corrected = await client.submitForm(editPath, paths.people.outcomeReading(dean.id, saved.id), { version: "1", takenOn: today, ...formScores(scores(4)) });
    expect(corrected.status).toBe(303);
    const stale = await client.submitForm(editPath, paths.people.outcomeReading(dean.id, saved.id), { version: "1", takenOn: today, ...formScores(scores(1)) });
    expect(stale.status).toBe(409);
    expect(textOf(await stale.text())).toContain("Someone else changed this reading after you opened it");
    const [stored] = await store.listReadings(testApp.database.db, tenant.tenantId, dean.id);
    expect(stored?.scores.money).toBe(4);
    expect(stored?.version).toBe(2);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: dean.id, action: "outcomes.update" })).toHaveLength(1);
  });
});

describe("who sees and records outcomes", () => {
  it("hides them from a partner without plan consent, shows them with it, and never lets the partner record", async () => {
    const dean = await person();
    await (await api(worker)).sendJson("POST", paths.api.personOutcomes(dean.id), { takenOn: today, scores: scores(3) });
    expect((await (await as(partner)).get(paths.people.outcomes(dean.id))).status).toBe(404);
    expect((await (await api(partner)).getJson(paths.api.personOutcomes(dean.id))).status).toBe(404);
    expect((await (await api(peerMentor)).getJson(paths.api.personOutcomes(dean.id))).status).toBe(404);
    const overview = await (await as(partner)).get(paths.people.show(dean.id));
    expect(await overview.text()).not.toContain(paths.people.outcomes(dean.id));

    await insertConsent(testApp.database.db, tenant, dean, { organisationId: tenant.partnerOrganisationId, scopes: ["plan"] });
    const shared = await (await as(partner)).get(paths.people.outcomes(dean.id));
    expect(shared.status).toBe(200);
    const sharedText = textOf(await shared.text());
    expect(sharedText).toContain("has agreed to share their plan");
    expect(sharedText).not.toContain("Record a reading");
    expect((await (await api(partner)).getJson(paths.api.personOutcomes(dean.id))).status).toBe(200);
    expect((await (await api(partner)).sendJson("POST", paths.api.personOutcomes(dean.id), { takenOn: today, scores: scores(3) })).status).toBe(403);
    expect((await (await as(partner)).get(paths.people.newOutcomeReading(dean.id))).status).toBe(403);
    expect(await store.listReadings(testApp.database.db, tenant.tenantId, dean.id)).toHaveLength(1);
  });
});

describe("the outcomes API", () => {
  it("records a reading (201) and answers readings, scales and distance travelled", async () => {
    const dean = await person();
    const client = await api(worker);
    const created = await client.sendJson<ApiOutcomes["readings"][number]>("POST", paths.api.personOutcomes(dean.id), { takenOn: addDays(today, -30), scores: scores(2), note: "Start" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ takenOn: addDays(today, -30), note: "Start", version: 1, recordedBy: { id: worker.id, name: "Sam Okafor" } });
    await client.sendJson("POST", paths.api.personOutcomes(dean.id), { takenOn: today, scores: scores(2, { money: 5 }) });
    const { status, body } = await client.getJson<ApiOutcomes>(paths.api.personOutcomes(dean.id));
    expect(status).toBe(200);
    expect(body.personId).toBe(dean.id);
    expect(body.scales).toHaveLength(1);
    expect(body.scales[0]).toMatchObject({ name: DEFAULT_SCALE_NAME, isDefault: true });
    expect(body.scales[0]?.domains).toHaveLength(8);
    expect(body.readings.map((reading) => reading.takenOn)).toEqual([addDays(today, -30), today]);
    expect(body.distanceTravelled.find((row) => row.domainKey === "money")).toEqual({ scaleId: body.scales[0]?.id, domainKey: "money", first: 2, latest: 5, change: 3 });
    expect(body.distanceTravelled.find((row) => row.domainKey === "mind")).toMatchObject({ first: 2, latest: 2, change: 0 });
  });

  it("refuses bad readings with 400 and saves nothing", async () => {
    const dean = await person();
    const client = await api(worker);
    const bad = [
      { takenOn: today, scores: scores(3, { money: 6 }) },
      { takenOn: today, scores: { ...scores(3), unknown: 2 } },
      { takenOn: today, scores: { money: 3 } },
      { takenOn: addDays(today, 1), scores: scores(3) },
      { takenOn: today, scores: scores(3), extra: true },
      { takenOn: "2026-02-30", scores: scores(3) },
    ];
    for (const body of bad) expect((await client.sendJson("POST", paths.api.personOutcomes(dean.id), body)).status, JSON.stringify(body)).toBe(400);
    expect(await store.listReadings(testApp.database.db, tenant.tenantId, dean.id)).toHaveLength(0);
    expect((await client.getJson(paths.api.personOutcomes("not-a-person"))).status).toBe(404);
  });
});

describe("team outcomes", () => {
  it("averages first and latest per area for the team's people with two or more readings in the period", async () => {
    const { db } = testApp.database;
    const own = await createTenant(db);
    const boss = await createUser(db, own, { roles: ["manager"] });
    const keyWorker = await createUser(db, own, { roles: ["key-worker"] });
    const scale = await ensureDefaultScale(db, own.tenantId);
    const [a, b, c, elsewhere] = await Promise.all([
      createPerson(db, own, { members: [{ user: keyWorker, role: "lead" }] }),
      createPerson(db, own, { members: [{ user: keyWorker, role: "lead" }] }),
      createPerson(db, own, { members: [{ user: keyWorker, role: "lead" }] }),
      createPerson(db, own, { team: "other" }),
    ]);
    const add = (who: TestPerson, takenOn: string, values: Record<string, number>) =>
      store.insertReading(db, { tenantId: own.tenantId, personId: who.id, scaleId: scale.id, takenOn, scores: values, note: null, recordedBy: keyWorker.id });
    // a: money 1 -> 3 (a reading outside the period is ignored); b: money 2 -> 2, home 2 -> 5; c: one reading only; elsewhere: other team.
    await add(a, "2025-12-01", { money: 5, "somewhere-to-live": 5 });
    await add(a, "2026-01-10", { money: 1, "somewhere-to-live": 3 });
    await add(a, "2026-03-10", { money: 2, "somewhere-to-live": 3 });
    await add(a, "2026-05-10", { money: 3, "somewhere-to-live": 4 });
    await add(b, "2026-02-01", { money: 2, "somewhere-to-live": 2 });
    await add(b, "2026-04-01", { money: 2, "somewhere-to-live": 5 });
    await add(c, "2026-02-01", { money: 1, "somewhere-to-live": 1 });
    await add(elsewhere, "2026-02-01", { money: 1 });
    await add(elsewhere, "2026-04-01", { money: 5 });
    const rows = await store.aggregateForTeam(db, own.tenantId, own.teamId, scale.id, "2026-01-01", "2026-06-30");
    expect(rows).toEqual([
      { domainKey: "money", people: 2, averageFirst: 1.5, averageLatest: 2.5, averageChange: 1 },
      { domainKey: "somewhere-to-live", people: 2, averageFirst: 2.5, averageLatest: 4.5, averageChange: 2 },
    ]);

    const client = testApp.client();
    await client.signInBrowser(boss.email, TEST_PASSWORD);
    const page = await client.get(paths.teamOutcomes({ from: "2026-01-01", to: "2026-06-30" }));
    expect(page.status).toBe(200);
    const text = textOf(await page.text());
    expect(text).toContain("2 people");
    expect(text).toContain("+2.00");
    expect(await auditRows(db, own.tenantId, { action: "outcomes-team.read" })).toHaveLength(1);
  });

  it("is for managers only, and shows each manager their own team", async () => {
    expect((await (await as(worker)).get(paths.teamOutcomes())).status).toBe(403);
    expect((await (await as(partner)).get(paths.teamOutcomes())).status).toBe(403);
    expect((await (await as(manager)).get(paths.teamOutcomes())).status).toBe(200);
    expect((await (await as(otherManager)).get(paths.teamOutcomes())).status).toBe(200);
    expect((await (await as(manager)).get(paths.teamOutcomes({ from: "nonsense" }))).status).toBe(400);
  });
});
