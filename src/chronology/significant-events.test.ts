import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { daysAgo, insertShareConsent, insertSignificantEvent, isoDaysFromToday, significantEventRows } from "../../test/support/chronology.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { latestCrises } from "./service.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

interface Scene {
  tenant: TestTenant;
  worker: TestUser;
  manager: TestUser;
  partner: TestUser;
  outsider: TestUser;
  person: TestPerson;
}

async function scene(): Promise<Scene> {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  const manager = await createUser(db, tenant, { roles: ["manager"] });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const person = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }] });
  return { tenant, worker, manager, partner, outsider, person };
}

async function browserAs(user: TestUser) {
  const client = testApp.client();
  const response = await client.signInBrowser(user.email, TEST_PASSWORD);
  expect(response.status).toBe(303);
  return client;
}

function dateFields(iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { "occurredOn-day": String(Number(day)), "occurredOn-month": String(Number(month)), "occurredOn-year": year ?? "" };
}

describe("adding a significant event", () => {
  it("saves it, shows it on the chronology with its date and time, and audits it", async () => {
    const { tenant, worker, person } = await scene();
    const client = await browserAs(worker);
    const form = await (await client.get(`/people/${person.id}/chronology/events/new`)).text();
    expect(textOf(form)).toContain("Admitted to hospital");
    expect(textOf(form)).toContain("Counts as a crisis on the caseload");
    const response = await client.submitForm(`/people/${person.id}/chronology/events/new`, `/people/${person.id}/chronology/events`, {
      kind: "released-from-prison",
      title: "Released from HMP Northmoor",
      ...dateFields("2026-03-12"),
      time: "9:30am",
      note: "Met at the gate; went straight to the housing office.",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/people/${person.id}/chronology`);
    const page = textOf(await (await client.get(`/people/${person.id}/chronology`)).text());
    expect(page).toContain("Significant event added");
    expect(page).toContain("12 Mar 2026, 9:30am");
    expect(page).toContain("Released from prison Released from HMP Northmoor");
    expect(page).toContain("Met at the gate");
    const rows = await significantEventRows(testApp.database.db, tenant.tenantId, person.id);
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0]?.occurred_at ?? "").toISOString()).toBe("2026-03-12T09:30:00.000Z");
    expect((await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "significant-event.create" })).map((row) => row.actor_user_id)).toEqual([
      worker.id,
    ]);
  });

  it("keeps a date without a time as a date, in UK time (summer time too)", async () => {
    const { tenant, worker, person } = await scene();
    const client = await browserAs(worker);
    const response = await client.submitForm(`/people/${person.id}/chronology/events/new`, `/people/${person.id}/chronology/events`, {
      kind: "achievement",
      title: "Six months in his own flat",
      ...dateFields("2026-07-01"),
      time: "",
    });
    expect(response.status).toBe(303);
    const [row] = await significantEventRows(testApp.database.db, tenant.tenantId, person.id);
    expect(new Date(row?.occurred_at ?? "").toISOString()).toBe("2026-06-30T23:00:00.000Z");
    const page = textOf(await (await client.get(`/people/${person.id}/chronology`)).text());
    expect(page).toMatch(/1 July 2026 Achievement Six months in his own flat/);
  });

  it("explains every problem, keeps what was typed and saves nothing", async () => {
    const { tenant, worker, person } = await scene();
    const client = await browserAs(worker);
    const empty = await client.submitForm(`/people/${person.id}/chronology/events/new`, `/people/${person.id}/chronology/events`, { note: "Kept note" });
    expect(empty.status).toBe(400);
    const page = await empty.text();
    const text = textOf(page);
    expect(text).toContain("Error: Add a significant event");
    expect(text).toContain("Select what happened");
    expect(text).toContain("Enter a title");
    expect(text).toContain("Enter the date it happened");
    expect(page).toContain('href="#occurredOn-day"');
    expect(page).toContain("Kept note");
    const future = await client.submitForm(`/people/${person.id}/chronology/events/new`, `/people/${person.id}/chronology/events`, {
      kind: "moved",
      title: "Moved to Tanner Row",
      ...dateFields(isoDaysFromToday(2)),
      time: "25:00",
    });
    expect(future.status).toBe(400);
    const futureText = textOf(await future.text());
    expect(futureText).toContain("The date must be today or in the past");
    expect(futureText).toContain("Enter a time like 14:30 or 2:30pm");
    const impossible = await client.submitForm(`/people/${person.id}/chronology/events/new`, `/people/${person.id}/chronology/events`, {
      kind: "moved",
      title: "Moved",
      ...dateFields("2026-02-30"),
    });
    expect(textOf(await impossible.text())).toContain("Date must be a real date");
    expect(await significantEventRows(testApp.database.db, tenant.tenantId, person.id)).toHaveLength(0);
  });

  it("is for the person's workers and manager: a partner is refused, an outsider told it does not exist", async () => {
    const { tenant, manager, partner, outsider, person } = await scene();
    const managerClient = await browserAs(manager);
    const saved = await managerClient.submitForm(`/people/${person.id}/chronology/events/new`, `/people/${person.id}/chronology/events`, {
      kind: "crisis",
      title: "Taken to A&E after an overdose",
      ...dateFields(isoDaysFromToday(-1)),
    });
    expect(saved.status).toBe(303);
    const partnerClient = await browserAs(partner);
    expect((await partnerClient.get(`/people/${person.id}/chronology/events/new`)).status).toBe(403);
    const refused = await partnerClient.submitForm(`/people/${person.id}/chronology`, `/people/${person.id}/chronology/events`, {
      kind: "crisis",
      title: "Partner's crisis",
      ...dateFields(isoDaysFromToday(-1)),
    });
    expect(refused.status).toBe(403);
    const outsiderClient = await browserAs(outsider);
    expect((await outsiderClient.get(`/people/${person.id}/chronology/events/new`)).status).toBe(404);
    expect((await significantEventRows(testApp.database.db, tenant.tenantId, person.id)).map((row) => row.title)).toEqual(["Taken to A&E after an overdose"]);
  });
});

describe("changing a significant event", () => {
  it("saves against the version it was opened at, and never overwrites someone else's change", async () => {
    const { db } = testApp.database;
    const { tenant, worker, manager, person } = await scene();
    const eventId = await insertSignificantEvent(db, tenant, person, { kind: "eviction", title: "Evicted", occurredAt: new Date("2026-02-03T00:00:00Z"), recordedBy: worker });
    const workerClient = await browserAs(worker);
    const managerClient = await browserAs(manager);
    const form = await (await workerClient.get(`/significant-events/${eventId}/edit`)).text();
    expect(form).toContain('name="version" value="1"');
    expect(form).toContain('value="Evicted"');
    const first = await managerClient.submitForm(`/significant-events/${eventId}/edit`, `/significant-events/${eventId}`, {
      kind: "eviction",
      title: "Evicted from St Anne's Hostel",
      ...dateFields("2026-02-03"),
      version: "1",
    });
    expect(first.status).toBe(303);
    const second = await workerClient.submitForm(`/significant-events/${eventId}/edit`, `/significant-events/${eventId}`, {
      kind: "eviction",
      title: "Evicted for arrears",
      ...dateFields("2026-02-03"),
      version: "1",
    });
    expect(second.status).toBe(409);
    const conflict = await second.text();
    expect(textOf(conflict)).toContain("Someone else changed this event while you were editing");
    expect(textOf(conflict)).toContain("Evicted from St Anne's Hostel");
    expect(conflict).toContain('value="Evicted for arrears"');
    expect(conflict).toContain('name="version" value="2"');
    expect((await significantEventRows(db, tenant.tenantId, person.id)).map((row) => [row.title, row.version])).toEqual([["Evicted from St Anne's Hostel", 2]]);
    expect((await auditRows(db, tenant.tenantId, { personId: person.id, action: "significant-event.update" })).map((row) => row.actor_user_id)).toEqual([manager.id]);
  });

  it("refuses bad input without saving, a partner with 403 (404 while it is not shared with them), and an outsider or unknown event with 404", async () => {
    const { db } = testApp.database;
    const { tenant, worker, partner, outsider, person } = await scene();
    const eventId = await insertSignificantEvent(db, tenant, person, { title: "Arrested", kind: "arrested", occurredAt: daysAgo(3), recordedBy: worker });
    const client = await browserAs(worker);
    const bad = await client.submitForm(`/significant-events/${eventId}/edit`, `/significant-events/${eventId}`, { kind: "arrested", title: "", ...dateFields("2026-01-01"), version: "1" });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain("Enter a title");
    expect((await significantEventRows(db, tenant.tenantId, person.id))[0]?.title).toBe("Arrested");
    // An arrest is offending information: it does not exist for a partner until it is shared with them.
    const partnerClient = await browserAs(partner);
    expect((await partnerClient.get(`/significant-events/${eventId}/edit`)).status).toBe(404);
    await insertShareConsent(db, tenant, person, tenant.partnerOrganisationId, ["offending"]);
    expect((await partnerClient.get(`/significant-events/${eventId}/edit`)).status).toBe(403);
    const outsiderClient = await browserAs(outsider);
    expect((await outsiderClient.get(`/significant-events/${eventId}/edit`)).status).toBe(404);
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await outsiderClient.get("/api/docs")).text())?.[1] ?? "";
    const post = await outsiderClient.request("POST", `/significant-events/${eventId}`, { form: { _csrf: token, kind: "crisis", title: "x", ...dateFields("2026-01-01"), version: "1" } });
    expect(post.status).toBe(404);
    expect((await client.get("/significant-events/not-an-id/edit")).status).toBe(404);
    expect((await client.get("/significant-events/0190a000-0000-7000-8000-000000000000/edit")).status).toBe(404);
  });
});

describe("crises for the caseload", () => {
  it("gives each person's latest crisis", async () => {
    const { db } = testApp.database;
    const { tenant, person } = await scene();
    const other = await createPerson(db, tenant);
    await insertSignificantEvent(db, tenant, person, { kind: "crisis", title: "A&E", occurredAt: daysAgo(40) });
    await insertSignificantEvent(db, tenant, person, { kind: "crisis", title: "Police called", occurredAt: daysAgo(4) });
    await insertSignificantEvent(db, tenant, other, { kind: "achievement", title: "Passed a course", occurredAt: daysAgo(1) });
    const crises = await latestCrises(db, tenant.tenantId, [person.id, other.id]);
    expect([...crises.keys()]).toEqual([person.id]);
    expect(Math.round((Date.now() - (crises.get(person.id)?.getTime() ?? 0)) / 86_400_000)).toBe(4);
  });
});
