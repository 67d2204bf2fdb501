import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { countIn, insertAppointment } from "../../test/support/contacts.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf } from "../../test/support/http.ts";
import { queryRows } from "../platform/database/query.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser) {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

async function makeAddress(client: Awaited<ReturnType<typeof browserAs>>): Promise<{ url: string; page: string }> {
  const response = await client.submitForm("/diary/calendar", "/diary/calendar", { action: "create" });
  expect(response.status).toBe(200);
  const page = await response.text();
  const url = /value="(http:\/\/[^"]+\/calendar\/[A-Za-z0-9_-]+\.ics)"/.exec(page)?.[1];
  if (!url) throw new Error("no calendar address on the page");
  return { url, page };
}

/** The path of a full calendar address, to fetch from the test server. */
const pathOf = (url: string) => new URL(url).pathname;

/** Content lines with folding undone (RFC 5545 3.1). */
const unfold = (body: string) => body.replace(/\r\n /g, "").split("\r\n");

async function setUp() {
  const db = testApp.database.db;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  const person = await createPerson(db, tenant, { givenName: "Dean", familyName: "Holloway", members: [{ user: worker, role: "lead" }] });
  return { tenant, worker, person };
}

describe("calendar feed", () => {
  it("shows the full address once, keeps only its hash, and serves the worker's appointments as iCalendar", async () => {
    const { tenant, worker, person } = await setUp();
    const db = testApp.database.db;
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    startsAt.setUTCHours(9, 30, 0, 0);
    const place = "Costa, Market St; by the window\\back table\nupstairs — ask for Sam at the counter, the one with the blue door and long queue";
    await insertAppointment(db, tenant, { personId: person.id, workerId: worker.id, startsAt, place, durationMinutes: 45 });
    await insertAppointment(db, tenant, { personId: person.id, workerId: worker.id, startsAt: new Date(Date.now() + 86_400_000), place: "Cancelled one", status: "cancelled" });
    await insertAppointment(db, tenant, { personId: person.id, workerId: worker.id, startsAt: new Date(Date.now() + 300 * 86_400_000), place: "Too far ahead" });
    await insertAppointment(db, tenant, { personId: person.id, workerId: worker.id, startsAt: new Date(Date.now() - 40 * 86_400_000), place: "Too long ago" });

    const client = await browserAs(worker);
    const before = textOf(await (await client.get("/diary/calendar")).text());
    expect(before).toContain("Anyone who has the address can see your appointment times");
    const { url, page } = await makeAddress(client);
    expect(textOf(page)).toContain("It is shown only this once");
    const token = /\/calendar\/([^.]+)\.ics$/.exec(url)?.[1] ?? "";
    const [stored] = await queryRows<{ token_hash: string }>(db, sql`SELECT token_hash FROM calendar_feeds WHERE tenant_id = ${tenant.tenantId}`);
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.token_hash).not.toContain(token);
    expect(await (await client.get("/diary/calendar")).text()).not.toContain(token);

    const response = await testApp.client().get(pathOf(url));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const body = await response.text();
    expect(body.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(body.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toContain("\n");
    for (const line of body.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const lines = unfold(body);
    expect(lines.filter((line) => line === "BEGIN:VEVENT")).toHaveLength(1);
    const stamp = (instant: Date) => instant.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
    expect(lines).toContain(`DTSTART:${stamp(startsAt)}`);
    expect(lines).toContain(`DTEND:${stamp(new Date(startsAt.getTime() + 45 * 60_000))}`);
    expect(lines).toContain("SUMMARY:Keywork appointment – DH");
    expect(lines).toContain(
      "LOCATION:Costa\\, Market St\\; by the window\\\\back table\\nupstairs — ask for Sam at the counter\\, the one with the blue door and long queue",
    );
    expect(lines.some((line) => /^UID:.+@keywork$/.test(line))).toBe(true);
    expect(lines.some((line) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(line))).toBe(true);
    expect(body).not.toContain("Holloway");
    expect(body).not.toContain("Dean");
    expect(body).not.toMatch(/Cancelled one|Too far ahead|Too long ago/);

    // One row for the fetch, and one on the trail of each person whose appointment left in it.
    const reads = await auditRows(db, tenant.tenantId, { action: "calendar.read" });
    expect(reads).toHaveLength(2);
    expect(reads.every((row) => row.actor_user_id === worker.id)).toBe(true);
    expect(reads.filter((row) => row.person_id !== null)).toHaveLength(1);
  });

  it("answers 404 once the address is stopped or replaced, and for an address that never was", async () => {
    const { tenant, worker } = await setUp();
    const client = await browserAs(worker);
    const first = await makeAddress(client);
    expect((await testApp.client().get(pathOf(first.url))).status).toBe(200);
    const second = await makeAddress(client);
    expect((await testApp.client().get(pathOf(first.url))).status).toBe(404);
    expect((await testApp.client().get(pathOf(second.url))).status).toBe(200);

    const page = await (await client.get("/diary/calendar")).text();
    expect(textOf(page)).toContain("Stop this address");
    const stopped = await client.request("POST", "/diary/calendar", { form: { _csrf: csrfTokenIn(page), action: "stop" } });
    expect(stopped.status).toBe(303);
    expect(textOf(await (await client.get("/diary/calendar")).text())).toContain("Your calendar address has been stopped");
    expect((await testApp.client().get(pathOf(second.url))).status).toBe(404);
    expect((await testApp.client().get(`/calendar/${"x".repeat(43)}.ics`)).status).toBe(404);
    expect((await testApp.client().get("/calendar/short.ics")).status).toBe(404);
    expect(await countIn(testApp.database.db, "calendar_feeds", tenant.tenantId)).toBe(2);
    const actions = (await auditRows(testApp.database.db, tenant.tenantId)).map((row) => row.action);
    expect(actions.filter((action) => action === "calendar.create")).toHaveLength(2);
    expect(actions).toContain("calendar.revoke");
  });

  it("stops serving when the worker's account is switched off, and leaves out people they no longer see", async () => {
    const { tenant, worker, person } = await setUp();
    const db = testApp.database.db;
    const stranger = await createPerson(db, tenant, { givenName: "Zed", familyName: "Nobody" });
    await insertAppointment(db, tenant, { personId: person.id, workerId: worker.id, place: "Seen" });
    await insertAppointment(db, tenant, { personId: stranger.id, workerId: worker.id, place: "Not seen" });
    const { url } = await makeAddress(await browserAs(worker));
    const body = await (await testApp.client().get(pathOf(url))).text();
    expect(body).toContain("LOCATION:Seen");
    expect(body).not.toContain("Not seen");
    await db.execute(sql`UPDATE users SET active = false WHERE id = ${worker.id}`);
    expect((await testApp.client().get(pathOf(url))).status).toBe(404);
  });

  it("is only for those who keep a diary", async () => {
    const db = testApp.database.db;
    const tenant = await createTenant(db);
    const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
    const client = await browserAs(partner);
    expect((await client.get("/diary/calendar")).status).toBe(403);
    const token = csrfTokenIn(await (await client.get("/api/docs")).text());
    expect((await client.request("POST", "/diary/calendar", { form: { _csrf: token, action: "create" } })).status).toBe(403);
    expect(await countIn(db, "calendar_feeds", tenant.tenantId)).toBe(0);
  });
});

describe("calendar feed rate limit", () => {
  it("slows down anyone fetching calendar addresses too often", async () => {
    const limited = await startTestApp();
    try {
      const client = limited.client();
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 62; attempt++) statuses.push((await client.get(`/calendar/${"y".repeat(43)}.ics`)).status);
      expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
