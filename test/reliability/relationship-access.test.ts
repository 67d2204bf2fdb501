import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { covers } from "../../src/caseload/tables.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { todayIso } from "../../src/platform/http/validation.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../support/factories.ts";
import { csrfTokenIn, type HttpClient } from "../support/http.ts";
import { bodyEndpoints, sampleValue, type OpenApiDocument } from "./api-endpoints.ts";
import { changedTables, fingerprint } from "./tenant-snapshot.ts";

/**
 * The relationships the access matrix (test/access) has no actor for: a worker covering an absent
 * colleague, and a worker holding a current break-glass grant. Every registered route about a
 * person (`/people/:id/…`, `/api/v1/people/:id/…`) is walked, so a new one is covered at once:
 *  - the covering worker is answered exactly as the lead worker they cover, while the cover lasts;
 *    once it has ended, exactly as a worker who never knew the person (no 2xx at all);
 *  - the break-glass reader reads the record (200 wherever the lead reads it, forms to change it
 *    aside), every read leaves a `break-glass.access` audit row, and every write is refused and
 *    writes nothing.
 */

let testApp: TestApp;
let tenant: TestTenant;
let lead: TestUser;
let covering: TestUser;
let stranger: TestUser;
let reader: TestUser;
let person: TestPerson;
/** Ids of the person's records, for routes about one of them. */
const ids: Record<string, string> = {};
const STAND_IN = "0190a000-0000-7000-8000-000000000000";

const clients = new Map<string, HttpClient>();
async function clientOf(user: TestUser, kind: "browser" | "api"): Promise<HttpClient> {
  const key = `${user.id}:${kind}`;
  const known = clients.get(key);
  if (known) return known;
  const client = testApp.client();
  if (kind === "api") await client.signInApi(user.email, TEST_PASSWORD);
  else await client.signInBrowser(user.email, TEST_PASSWORD);
  clients.set(key, client);
  return client;
}

function ukDate(daysFromToday: number): string {
  const [year, month, day] = todayIso().split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + daysFromToday)).toISOString().slice(0, 10);
}

async function created(client: HttpClient, path: string, body: unknown): Promise<string> {
  const { status, body: answer } = await client.sendJson<{ id: string }>("POST", path, body);
  if (status !== 201) throw new Error(`setting up: POST ${path} answered ${status}: ${JSON.stringify(answer)}`);
  return answer.id;
}

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  lead = await createUser(db, tenant, { roles: ["key-worker"], name: "Absent Lead" });
  covering = await createUser(db, tenant, { roles: ["key-worker"], name: "Covering Worker" });
  stranger = await createUser(db, tenant, { roles: ["key-worker"], name: "Never Knew Them" });
  reader = await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Break Glass Reader" });
  person = await createPerson(db, tenant, { givenName: "Relationship", familyName: "Walk", members: [{ user: lead, role: "lead" }], lastContactDaysAgo: 2 });
  // Something in each part of the record, so that the pages have rows to show.
  const api = await clientOf(lead, "api");
  const base = `/api/v1/people/${person.id}`;
  ids.id = person.id;
  ids.goalId = await created(api, `${base}/goals`, { description: "Get my own flat" });
  ids.actionId = await created(api, `${base}/actions`, { description: "Book the housing appointment", dueDate: todayIso(), ownerOrganisationId: tenant.serviceOrganisationId });
  ids.contactId = await created(api, `${base}/contacts`, { type: "phone", note: "A call" });
  ids.riskId = await created(api, `${base}/risks`, { category: "to-workers", level: "medium", description: "Can be hostile" });
  ids.consentId = await created(api, `${base}/consents`, { type: "work-with-service", howGiven: "verbal" });
  ids.appointmentId = await created(api, `${base}/appointments`, { startsAt: new Date(Date.now() + 86_400_000).toISOString(), place: "Café" });
  // The lead is away; the covering worker covers from yesterday to tomorrow.
  await db.insert(covers).values({ id: newId(), tenantId: tenant.tenantId, absentUserId: lead.id, coveringUserId: covering.id, startsOn: ukDate(-1), endsOn: ukDate(1) });
  // The reader opens the record outside their access, with a reason.
  const opened = await (await clientOf(reader, "api")).sendJson("POST", "/api/v1/break-glass", {
    personId: person.id,
    givenName: person.givenName,
    familyName: person.familyName,
    dateOfBirth: "1988-04-12",
    reason: "Police welfare check at the hostel tonight",
    hours: 1,
  });
  expect(opened.status).toBe(201);
});
afterAll(async () => {
  await testApp.close();
});

/** The registered routes about a person, with every parameter filled by a real id of theirs (or a stand-in). */
function personRoutes(methods: (method: string) => boolean): Array<{ key: string; method: string; url: string; path: string; api: boolean }> {
  return testApp.app
    .registeredRoutes()
    .filter((route) => methods(route.method) && /^(\/api\/v1)?\/people\/:id(\/|$)/.test(route.url))
    .map((route) => ({
      key: `${route.method} ${route.url}`,
      method: route.method,
      url: route.url,
      path: route.url.replace(/:([A-Za-z]+)/g, (_match, name: string) => ids[name] ?? STAND_IN),
      api: route.url.startsWith("/api/"),
    }));
}

async function statusOf(user: TestUser, route: { method: string; path: string; api: boolean }): Promise<number> {
  const client = await clientOf(user, route.api ? "api" : "browser");
  const response = await client.request(route.method, route.path);
  await response.arrayBuffer();
  return response.status;
}

/** The lead worker's answers, asked once and shared by both relationships' checks. */
const leadAnswers = new Map<string, number>();
async function leadStatus(route: { key: string; method: string; path: string; api: boolean }): Promise<number> {
  const known = leadAnswers.get(route.key);
  if (known !== undefined) return known;
  const status = await statusOf(lead, route);
  leadAnswers.set(route.key, status);
  return status;
}

async function breakGlassReads(): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    testApp.database.db,
    sql`SELECT count(*)::int AS count FROM audit_events WHERE tenant_id = ${tenant.tenantId} AND action = 'break-glass.access' AND actor_user_id = ${reader.id} AND person_id = ${person.id}`,
  );
  return row?.count ?? 0;
}

/** Pages that hold a form to change the record: a reader who may change nothing is refused them. */
const CHANGE_FORM = /\/(new|edit|close|reopen|lead|end|cancel|withdraw|schedule|information-received)$/;

describe("a worker covering an absent colleague", () => {
  it("is answered as the lead worker on every route about the person while the cover lasts, and as a stranger after it", { timeout: 60_000 }, async () => {
    const routes = personRoutes((method) => method === "GET");
    expect(routes.length).toBeGreaterThanOrEqual(40);
    const during: string[] = [];
    let leadReads = 0;
    for (const route of routes) {
      const [asLead, asCover] = [await leadStatus(route), await statusOf(covering, route)];
      if (asLead === 200) leadReads++;
      if (asLead !== asCover) during.push(`${route.key}: lead ${asLead}, covering ${asCover}`);
    }
    console.log(`Covering worker: ${routes.length} GET routes about a person, ${leadReads} read by the lead; ${during.length} answered differently`);
    expect(during, "routes where the covering worker is answered unlike the lead").toEqual([]);
    expect(leadReads).toBeGreaterThanOrEqual(30);

    // The cover ended yesterday.
    await testApp.database.db
      .update(covers)
      .set({ startsOn: ukDate(-3), endsOn: ukDate(-1) })
      .where(and(eq(covers.tenantId, tenant.tenantId), eq(covers.coveringUserId, covering.id)));
    const after: string[] = [];
    for (const route of routes) {
      const asCover = await statusOf(covering, route);
      // Not found, as for anyone who never knew them; where it is refused (403) instead, it must be so for a stranger too.
      if (asCover === 404) continue;
      const asStranger = await statusOf(stranger, route);
      if (asCover !== asStranger || asCover < 400) after.push(`${route.key}: covering ${asCover}, stranger ${asStranger}`);
    }
    expect(after, "routes where the cover, once ended, still opens something").toEqual([]);
    // The person is not found, not forbidden: the record's existence is not given away.
    expect(await statusOf(covering, { method: "GET", path: `/people/${person.id}`, api: false })).toBe(404);
    expect(await statusOf(covering, { method: "GET", path: `/api/v1/people/${person.id}`, api: true })).toBe(404);
  });
});

describe("a worker with a current break-glass grant", () => {
  it("reads every part of the record the lead reads, and each read is audited", { timeout: 60_000 }, async () => {
    const routes = personRoutes((method) => method === "GET");
    const problems: string[] = [];
    let reads = 0;
    for (const route of routes) {
      const asLead = await leadStatus(route);
      const before = await breakGlassReads();
      const asReader = await statusOf(reader, route);
      const audited = (await breakGlassReads()) - before;
      if (asReader === 200) {
        reads++;
        if (audited < 1) problems.push(`${route.key}: read (200) without a break-glass.access audit row`);
      }
      if (CHANGE_FORM.test(route.url)) {
        if (asReader < 400 && asLead === 200) problems.push(`${route.key}: a form to change the record, opened (${asReader})`);
      } else if (asLead === 200 && asReader !== 200) {
        problems.push(`${route.key}: the lead reads it, the reader gets ${asReader}`);
      }
      if (asReader >= 500) problems.push(`${route.key}: ${asReader}`);
    }
    console.log(`Break-glass reader: ${reads} of ${routes.length} GET routes about a person read, each audited`);
    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThanOrEqual(20);
  });

  it("is refused every change to the record, and nothing is written", { timeout: 60_000 }, async () => {
    const { db } = testApp.database;
    const openApi = (await testApp.client().getJson<OpenApiDocument>("/openapi.json")).body;
    const bodies = new Map(bodyEndpoints(testApp.app, openApi).map((endpoint) => [endpoint.key, sampleValue(endpoint.schema, "body", { ...ids, standIn: STAND_IN, personId: person.id, ownerOrganisationId: tenant.serviceOrganisationId, userId: lead.id })]));
    const routes = personRoutes((method) => method !== "GET");
    expect(routes.length).toBeGreaterThanOrEqual(30);
    const browser = await clientOf(reader, "browser");
    const token = csrfTokenIn(await (await browser.get(`/people/${person.id}`)).text());
    const problems: string[] = [];
    let refusedOutright = 0;
    for (const route of routes) {
      const before = await fingerprint(db, tenant.tenantId);
      const response = route.api
        ? await (await clientOf(reader, "api")).request(route.method, route.path, { json: bodies.get(route.key) ?? {} })
        : await browser.request(route.method, route.path, { form: { _csrf: token } });
      await response.arrayBuffer();
      const changed = changedTables(before, await fingerprint(db, tenant.tenantId));
      if (changed.length > 0) problems.push(`${route.key} (${response.status}) wrote: ${changed.join("; ")}`);
      // Forms are checked for access before their fields; an API body is validated first, so a 400
      // there means only that the guessed body was not valid — still nothing may be written.
      const refused = response.status === 403 || response.status === 404;
      if (refused) refusedOutright++;
      else if (!(route.api && response.status === 400)) problems.push(`${route.key}: ${response.status}, not refused`);
    }
    console.log(`Break-glass reader: ${routes.length} changing routes about a person, ${refusedOutright} refused outright (403/404), the rest 400, none wrote`);
    expect(problems).toEqual([]);
    expect(refusedOutright).toBeGreaterThanOrEqual(Math.floor(routes.length * 0.6));
  });
});
