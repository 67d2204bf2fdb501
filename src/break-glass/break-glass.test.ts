import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { insertAction } from "../../test/support/accountability.ts";
import { auditRows, createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";
import { apiAs, browserAs, dateFields } from "../../test/support/register.ts";
import { fixedClock } from "../platform/clock.ts";
import type { Db } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

interface Scene {
  tenant: TestTenant;
  lead: TestUser;
  /** A key worker of the same service who is not in the person's team. */
  outsider: TestUser;
  person: TestPerson;
}

async function scene(db: Db): Promise<Scene> {
  const tenant = await createTenant(db);
  const lead = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], name: "Jo Whitfield" });
  const person = await createPerson(db, tenant, {
    givenName: "Dean",
    familyName: `Holloway${newId().slice(-6)}`,
    aliases: ["Deano"],
    dateOfBirth: "1988-04-12",
    story: "I was on the streets for six years.",
    members: [{ user: lead, role: "lead" }],
  });
  return { tenant, lead, outsider, person };
}

function searchPath(person: TestPerson, overrides: Record<string, string> = {}): string {
  const query = new URLSearchParams({ givenName: person.givenName, familyName: person.familyName, ...dateFields("dateOfBirth", "1988-04-12"), ...overrides });
  return `/break-glass?${query.toString()}`;
}

/** What the API needs to find the person: their id, name and date of birth, as the search page does. */
function identity(person: TestPerson): { personId: string; givenName: string; familyName: string; dateOfBirth: string } {
  return { personId: person.id, givenName: person.givenName, familyName: person.familyName, dateOfBirth: "1988-04-12" };
}

function confirmPath(person: TestPerson): string {
  return `/break-glass?${new URLSearchParams({ givenName: person.givenName, familyName: person.familyName, dateOfBirth: "1988-04-12", personId: person.id }).toString()}`;
}

async function openWithReason(client: HttpClient, person: TestPerson, fields: Record<string, string>): Promise<Response> {
  const page = await client.get(confirmPath(person));
  expect(page.status).toBe(200);
  const token = csrfTokenIn(await page.text());
  return client.request("POST", "/break-glass", {
    form: { _csrf: token, personId: person.id, givenName: person.givenName, familyName: person.familyName, dateOfBirth: "1988-04-12", ...fields },
  });
}

async function grants(db: Db, tenantId: string) {
  return queryRows<{ id: string; user_id: string; reason: string; opened_at: Date; expires_at: Date; ended_at: Date | null }>(
    db,
    sql`SELECT id, user_id, reason, opened_at, expires_at, ended_at FROM break_glass_grants WHERE tenant_id = ${tenantId} ORDER BY opened_at`,
  );
}

async function accessRows(db: Db, scene: Scene) {
  return (await auditRows(db, scene.tenant.tenantId, { personId: scene.person.id, action: "break-glass.access" })).filter((row) => row.actor_user_id === scene.outsider.id);
}

const REASON = "Police called at 2am: Dean is missing and we need his contacts";

describe("a worker outside the team opens a record in an emergency", () => {
  it("finds the person only by exact name and date of birth, then opens the record to read but not change, every view audited", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const outsider = await browserAs(testApp, s.outsider);
    expect((await outsider.get(`/people/${s.person.id}`)).status).toBe(404);

    // The search needs all three: no browsing of the partnership's people.
    const partial = await outsider.get(`/break-glass?givenName=Dean`);
    expect(partial.status).toBe(400);
    const partialText = textOf(await partial.text());
    expect(partialText).toContain("Enter their last name");
    expect(partialText).toContain("Enter their date of birth");
    expect(partialText).not.toContain(s.person.familyName);
    const wrongDate = textOf(await (await outsider.get(searchPath(s.person, dateFields("dateOfBirth", "1988-04-13")))).text());
    expect(wrongDate).toContain("Nobody in the partnership has that name and date of birth");
    const partName = textOf(await (await outsider.get(searchPath(s.person, { familyName: s.person.familyName.slice(0, 6) }))).text());
    expect(partName).toContain("Nobody in the partnership has that name and date of birth");

    // Exact but in any case, and by a one-word alias; only name, date of birth and team.
    const found = await outsider.get(searchPath(s.person, { givenName: "deano", familyName: s.person.familyName.toUpperCase() }));
    expect(found.status).toBe(200);
    const foundPage = await found.text();
    const foundText = textOf(foundPage);
    expect(foundText).toContain(`Dean ${s.person.familyName}`);
    expect(foundText).toContain("12 April 1988");
    expect(foundText).toContain("Adults team");
    expect(foundText).toContain("Open this record");
    expect(foundText).not.toContain("07700 900123");
    expect(foundText).not.toContain("on the streets");
    expect(foundPage).toContain(`personId=${s.person.id}`);
    const searches = await auditRows(db, s.tenant.tenantId, { action: "break-glass.search" });
    expect(searches.map((row) => (row.detail as { results: number }).results)).toEqual([0, 0, 1]);
    expect(JSON.stringify(searches.map((row) => row.detail))).not.toMatch(/Dean|Holloway/i);

    // The reason is needed, and nothing is opened without one.
    const confirm = textOf(await (await outsider.get(confirmPath(s.person))).text());
    expect(confirm).toContain("Why do you need to open this record?");
    expect(confirm).toContain("Everything you open is recorded, and a manager will review your reason");
    const empty = await openWithReason(outsider, s.person, { reason: "", hours: "4" });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain("Enter why you need to open this record");
    const short = await openWithReason(outsider, s.person, { reason: "  urgent  ", hours: "4" });
    expect(short.status).toBe(400);
    const shortText = textOf(await short.text());
    expect(shortText).toContain("Give more detail: the reason must be at least 10 characters");
    expect(shortText).toContain("urgent");
    const tooLong = await openWithReason(outsider, s.person, { reason: REASON, hours: "48" });
    expect(tooLong.status).toBe(400);
    expect(textOf(await tooLong.text())).toContain("Choose how long you need access for: at most 24 hours");
    expect(await grants(db, s.tenant.tenantId)).toEqual([]);

    const opened = await openWithReason(outsider, s.person, { reason: REASON, hours: "4" });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`/people/${s.person.id}`);
    const [grant] = await grants(db, s.tenant.tenantId);
    expect(grant?.user_id).toBe(s.outsider.id);
    expect(grant?.reason).toBe(REASON);
    expect(new Date(grant?.expires_at ?? 0).getTime() - new Date(grant?.opened_at ?? 0).getTime()).toBe(4 * 3_600_000);
    const openRows = await auditRows(db, s.tenant.tenantId, { personId: s.person.id, action: "break-glass.open" });
    expect(openRows).toHaveLength(1);
    expect(openRows[0]?.detail).toMatchObject({ reason: REASON, hours: 4 });

    // The whole record, with the warning on every page, and nothing to change.
    const record = await outsider.get(`/people/${s.person.id}`);
    expect(record.status).toBe(200);
    const recordPage = await record.text();
    const recordText = textOf(recordPage);
    expect(recordText).toMatch(/You are using break-glass access to this record until \d\d:\d\d( on \w+ \d+ \w+)?\. Reason: Police called at 2am: Dean is missing and we need his contacts\. Everything you open is recorded\./);
    expect(recordText).toContain("on the streets");
    expect(recordText).toContain("07700 900123");
    expect(recordText).not.toContain("Change details");
    expect(recordPage).toContain('class="govuk-warning-text"');
    expect(recordPage).toContain(`action="/break-glass/${grant?.id}/end"`);
    for (const section of ["risks", "chronology", "plan", "contacts", "team", "consent"]) {
      const response = await outsider.get(`/people/${s.person.id}/${section}`);
      expect(response.status, section).toBe(200);
      expect(textOf(await response.text()), section).toContain("You are using break-glass access to this record");
    }
    expect((await outsider.get(`/people/${s.person.id}/edit`)).status).toBe(403);
    expect((await outsider.get(`/people/${s.person.id}/audit`)).status).toBe(403);
    const token = csrfTokenIn(recordPage);
    expect((await outsider.request("POST", `/people/${s.person.id}/contacts`, { form: { _csrf: token, type: "phone", note: "Tried to record" } })).status).toBe(403);
    const api = await apiAs(testApp, s.outsider);
    const viaApi = await api.getJson<{ yourRelationship: { audience: string; mayEdit: boolean } }>(`/api/v1/people/${s.person.id}`);
    expect(viaApi.status).toBe(200);
    expect(viaApi.body.yourRelationship).toMatchObject({ audience: "full", mayEdit: false });
    expect((await api.sendJson("PATCH", `/api/v1/people/${s.person.id}`, { pronouns: "he/him", version: 1 })).status).toBe(403);

    // Each request that reads the record leaves one break-glass row, however many parts of it the page shows.
    const before = (await accessRows(db, s)).length;
    expect(before).toBeGreaterThanOrEqual(8);
    expect((await outsider.get(`/people/${s.person.id}`)).status).toBe(200);
    const after = await accessRows(db, s);
    expect(after).toHaveLength(before + 1);
    expect(after.every((row) => row.person_id === s.person.id)).toBe(true);
  });

  it("shows the person in the worker's lists while the access lasts, with the plan as their workers see it", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    await insertAction(db, s.tenant, s.person, { description: "Housing needs assessment", dueOn: "2026-01-10" });
    const api = await apiAs(testApp, s.outsider);
    const search = async () => (await api.getJson<{ items: Array<{ id: string }> }>(`/api/v1/people?q=${s.person.familyName}`)).body.items.map((item) => item.id);
    const actions = async () => (await api.getJson<{ items: Array<{ personId: string }> }>("/api/v1/actions?status=all")).body.items.filter((item) => item.personId === s.person.id);
    expect(await search()).toEqual([]);
    expect(await actions()).toEqual([]);
    expect((await api.sendJson("POST", "/api/v1/break-glass", { ...identity(s.person), reason: REASON, hours: 1 })).status).toBe(201);
    expect(await search()).toEqual([s.person.id]);
    expect(await actions()).toHaveLength(1);
  });

  it("tells someone who can already see the person so, and opens nothing", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const lead = await browserAs(testApp, s.lead);
    const page = await lead.get(searchPath(s.person));
    const text = textOf(await page.text());
    expect(text).toContain("You already have access");
    expect(text).not.toContain("Open this record");
    const redirected = await lead.get(confirmPath(s.person));
    expect(redirected.status).toBe(303);
    expect(redirected.headers.get("location")).toBe(`/people/${s.person.id}`);
    const api = await apiAs(testApp, s.lead);
    const conflict = await api.sendJson<{ error: { message: string } }>("POST", "/api/v1/break-glass", { ...identity(s.person), reason: REASON, hours: 4 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain("You can already see this record");
    expect(await grants(db, s.tenant.tenantId)).toEqual([]);
    expect(textOf(await (await lead.get(`/people/${s.person.id}`)).text())).not.toContain("break-glass access");
  });
});

describe("the access ends", () => {
  it("early, when the worker ends it: the record is not found again", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const outsider = await browserAs(testApp, s.outsider);
    expect((await openWithReason(outsider, s.person, { reason: REASON, hours: "8" })).status).toBe(303);
    const record = await outsider.get(`/people/${s.person.id}`);
    const [grant] = await grants(db, s.tenant.tenantId);
    const ended = await outsider.request("POST", `/break-glass/${grant?.id}/end`, { form: { _csrf: csrfTokenIn(await record.text()) } });
    expect(ended.status).toBe(303);
    expect(ended.headers.get("location")).toBe("/break-glass");
    expect(textOf(await (await outsider.get("/break-glass")).text())).toContain(`Break-glass access ended You can no longer see the record of Dean ${s.person.familyName}`);
    expect((await outsider.get(`/people/${s.person.id}`)).status).toBe(404);
    expect((await grants(db, s.tenant.tenantId))[0]?.ended_at).not.toBeNull();
    expect(await auditRows(db, s.tenant.tenantId, { personId: s.person.id, action: "break-glass.end" })).toHaveLength(1);
    // Ending it again changes nothing; someone else's grant is not theirs to end.
    const page = await outsider.get("/break-glass");
    const again = await outsider.request("POST", `/break-glass/${grant?.id}/end`, { form: { _csrf: csrfTokenIn(await page.text()) } });
    expect(again.status).toBe(303);
    expect(textOf(await (await outsider.get("/break-glass")).text())).toContain("This break-glass access had already ended");
    const lead = await browserAs(testApp, s.lead);
    const leadPage = await lead.get(`/people/${s.person.id}`);
    expect((await lead.request("POST", `/break-glass/${grant?.id}/end`, { form: { _csrf: csrfTokenIn(await leadPage.text()) } })).status).toBe(404);
  });

  it("by itself when its time is up", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    // Opened two days ago on the app's clock, for the most hours allowed.
    const past = await startTestApp({}, { clock: fixedClock(new Date(Date.now() - 2 * 86_400_000).toISOString()) });
    try {
      const api = await apiAs(past, s.outsider);
      const opened = await api.sendJson<{ expiresAt: string }>("POST", "/api/v1/break-glass", { ...identity(s.person), reason: REASON, hours: 24 });
      expect(opened.status).toBe(201);
      expect(Date.parse(opened.body.expiresAt)).toBeLessThan(Date.now());
    } finally {
      await past.close();
    }
    const outsider = await browserAs(testApp, s.outsider);
    expect((await outsider.get(`/people/${s.person.id}`)).status).toBe(404);
    // A grant still within its time opens it.
    await db.execute(sql`INSERT INTO break_glass_grants (id, tenant_id, user_id, person_id, reason, opened_at, expires_at)
      VALUES (${newId()}, ${s.tenant.tenantId}, ${s.outsider.id}, ${s.person.id}, ${REASON}, now() - interval '1 hour', now() + interval '1 minute')`);
    expect((await outsider.get(`/people/${s.person.id}`)).status).toBe(200);
  });
});

describe("the database", () => {
  it("refuses a grant that lasts more than 24 hours, whatever writes it", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const insert = (hours: string) =>
      db.execute(sql`INSERT INTO break_glass_grants (id, tenant_id, user_id, person_id, reason, opened_at, expires_at)
        VALUES (${newId()}, ${s.tenant.tenantId}, ${s.outsider.id}, ${s.person.id}, ${REASON}, now(), now() + ${hours}::interval)`);
    // The database's own message is the cause of the driver's "Failed query".
    const refusal = (hours: string) => insert(hours).then(
      () => "accepted",
      (error: unknown) => String((error as { cause?: unknown }).cause ?? error),
    );
    expect(await refusal("24 hours 1 second")).toMatch(/break_glass_grants_at_most_a_day/);
    expect(await refusal("25 hours")).toMatch(/break_glass_grants_at_most_a_day/);
    await insert("24 hours");
    expect(await grants(db, s.tenant.tenantId)).toHaveLength(1);
  });
});

describe("who may use break-glass access", () => {
  it("refuses partners, carers, register owners, evaluators, referrers and peer mentors", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const refused = [
      await createUser(db, s.tenant, { roles: ["partner"], partner: true }),
      await createUser(db, s.tenant, { roles: ["carer"], team: "none" }),
      await createUser(db, s.tenant, { roles: ["register-owner"], partner: true }),
      await createUser(db, s.tenant, { roles: ["evaluator"], team: "none" }),
      await createUser(db, s.tenant, { roles: ["referrer"], partner: true }),
      await createUser(db, s.tenant, { roles: ["peer-mentor"] }),
    ];
    for (const user of refused) {
      const browser = await browserAs(testApp, user);
      expect((await browser.get(searchPath(s.person))).status, user.email).toBe(403);
      const api = await apiAs(testApp, user);
      expect((await api.sendJson("POST", "/api/v1/break-glass", { ...identity(s.person), reason: REASON, hours: 4 })).status, user.email).toBe(403);
    }
    expect(await grants(db, s.tenant.tenantId)).toEqual([]);
    expect(await auditRows(db, s.tenant.tenantId, { action: "break-glass.search" })).toEqual([]);
  });

  it("answers the API plainly: a reason and at most 24 hours, a person of the partnership", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const elsewhere = await scene(db);
    const api = await apiAs(testApp, s.outsider);
    const short = await api.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", "/api/v1/break-glass", { ...identity(s.person), reason: "urgent", hours: 4 });
    expect(short.status).toBe(400);
    expect(short.body.error.issues).toEqual([{ field: "reason", message: "Give more detail: the reason must be at least 10 characters" }]);
    const long = await api.sendJson<{ error: { issues: Array<{ field: string }> } }>("POST", "/api/v1/break-glass", { ...identity(s.person), reason: REASON, hours: 25 });
    expect(long.status).toBe(400);
    expect(long.body.error.issues[0]?.field).toBe("hours");
    expect((await api.sendJson("POST", "/api/v1/break-glass", { ...identity(s.person), reason: REASON })).status).toBe(400);
    expect((await api.sendJson("POST", "/api/v1/break-glass", { ...identity(elsewhere.person), reason: REASON, hours: 4 })).status).toBe(404);
    expect((await api.sendJson("POST", "/api/v1/break-glass", { ...identity(s.person), personId: newId(), reason: REASON, hours: 4 })).status).toBe(404);
    expect((await api.sendJson("POST", "/api/v1/break-glass", { ...identity(s.person), personId: "not-an-id", reason: REASON, hours: 4 })).status).toBe(404);
    expect(await grants(db, s.tenant.tenantId)).toEqual([]);
    const opened = await api.sendJson<{ id: string; personId: string; expiresAt: string }>("POST", "/api/v1/break-glass", { ...identity(s.person), reason: REASON, hours: 24 });
    expect(opened.status).toBe(201);
    expect(opened.body.personId).toBe(s.person.id);
    const [grant] = await grants(db, s.tenant.tenantId);
    expect(opened.body.id).toBe(grant?.id);
    expect(Date.parse(opened.body.expiresAt) - new Date(grant?.opened_at ?? 0).getTime()).toBe(24 * 3_600_000);
  });

  it("opens by the API only a record found by name and date of birth, with one answer for a wrong match and an unknown id", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const api = await apiAs(testApp, s.outsider);
    const open = (body: Record<string, unknown>) => api.sendJson<{ error: { message: string; issues?: Array<{ field: string }> } }>("POST", "/api/v1/break-glass", { reason: REASON, hours: 4, ...body });
    const missing = await open({ personId: s.person.id });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues?.map((issue) => issue.field)).toEqual(["givenName", "familyName", "dateOfBirth"]);
    expect((await open({ ...identity(s.person), dateOfBirth: "1988-02-30" })).status).toBe(400);
    const answers = [
      await open({ ...identity(s.person), personId: newId() }),
      await open({ ...identity(s.person), givenName: "Daniel" }),
      await open({ ...identity(s.person), familyName: "Holloway" }),
      await open({ ...identity(s.person), dateOfBirth: "1988-04-13" }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(answers[0]?.body);
    }
    expect(answers[0]?.body.error.message).toBe("No record matches this name, date of birth and person");
    // Someone who can see the record is told so only when it matches.
    const lead = await apiAs(testApp, s.lead);
    expect((await lead.sendJson("POST", "/api/v1/break-glass", { ...identity(s.person), givenName: "Daniel", reason: REASON, hours: 4 })).status).toBe(404);
    expect(await grants(db, s.tenant.tenantId)).toEqual([]);
    // The same matching as the search: an alias, any case, extra spaces.
    const opened = await open({ ...identity(s.person), givenName: "  DEANO ", familyName: ` ${s.person.familyName.toLowerCase()}` });
    expect(opened.status).toBe(201);
    expect(await grants(db, s.tenant.tenantId)).toHaveLength(1);
  });
});
