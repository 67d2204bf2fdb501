import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSENT_SCOPES, type ConsentScope } from "../platform/access/index.ts";
import { users } from "../platform/auth/tables.ts";
import { paths } from "../platform/http/paths.ts";
import { insertOrganisation } from "../../test/support/accountability.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { daysFromToday } from "../../test/support/consent.ts";
import { createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";
import {
  allowed,
  created,
  dateFields,
  found,
  MARKERS,
  NOT_READS_OF_THE_RECORD,
  onChronology,
  otherActions,
  PATTERNS,
  PHRASES,
  plantRecord as plantRecordFor,
  RECORD_PART,
  ROUTES,
  whenShared,
  type Marker,
  type Phrase,
  type PlantedRecord,
  type Route,
  type Rule,
} from "../../test/support/partner-access.ts";

/**
 * Partner access follows consent (PRODUCT.md, C3), walked end to end: a partner professional in the
 * team around a person opens every page and API route that shows any part of the person's record,
 * with no consent, with consent for one section at a time, and on the very next request after the
 * consent is withdrawn. Each part of the record carries a marker planted by the lead worker; what
 * the partner sees is compared, route by route, with what the lead worker sees on the same route.
 */

let testApp: TestApp;
let tenant: TestTenant;
/** A second partner agency of the partnership, with a professional of its own in the team. */
let probationId: string;
let worker: TestUser;
let partner: TestUser;
let probationOfficer: TestUser;
/** A professional of the housing association who is not in the person's team. */
let outsider: TestUser;
const clients = new Map<string, { page: HttpClient; api: HttpClient }>();

async function signIn(user: TestUser): Promise<{ page: HttpClient; api: HttpClient }> {
  const page = testApp.client();
  expect((await page.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  const api = testApp.client();
  await api.signInApi(user.email, TEST_PASSWORD);
  return { page, api };
}

function as(user: TestUser): { page: HttpClient; api: HttpClient } {
  const signedIn = clients.get(user.id);
  if (!signedIn) throw new Error(`${user.displayName} has not signed in`);
  return signedIn;
}

/** A person with the lead worker, the partner and the probation officer in their team, and a whole record written by the lead worker. */
function plantRecord(): Promise<PlantedRecord> {
  return plantRecordFor({ app: testApp, tenant, worker, workerClients: as(worker), partner, probationOfficer });
}

interface Seen {
  status: number;
  text: string;
}

async function fetchRoute(client: { page: HttpClient; api: HttpClient }, route: Route, record: PlantedRecord): Promise<Seen> {
  const response = await (route.api ? client.api : client.page).get(route.path(record));
  const body = await response.text();
  return { status: response.status, text: route.api ? body : textOf(body) };
}

/**
 * A record nobody gives consent for: the lead worker's walk of it is the most any reader may see on
 * each route, and partners' walks of it change nothing that decides what they see.
 */
let reference: PlantedRecord;
/** What the lead worker sees on each route: the most any reader may see there. */
let workerSees: Map<string, { markers: Set<Marker>; phrases: Set<Phrase> }>;

/**
 * What a partner professional should see on `route` with `scopes` shared with their organisation;
 * `ownsActions` false for a professional of an agency that owns none of the person's actions.
 */
function expectedFor(route: Route, scopes: ReadonlySet<ConsentScope>, ownsActions: boolean) {
  const status = route.ownAction && !ownsActions ? whenShared("plan")(scopes) : (route.partnerStatus?.(scopes) ?? 200);
  const most = workerSees.get(route.name);
  if (!most) throw new Error(`no baseline for ${route.name}`);
  const shows = new Set([...(route.shows ?? most.markers)].filter((name) => !route.partnerShowsAtMost || route.partnerShowsAtMost.includes(name)));
  const ruleFor = (name: Marker): Rule => (!ownsActions && (name === "OWNACTION" || name === "OWNREC") ? otherActions : MARKERS[name]);
  if (status !== 200) return { status, markers: [] as Marker[], phrases: [] as Phrase[] };
  return {
    status,
    markers: [...shows].filter((name) => allowed(ruleFor(name), scopes, route.name)).sort(),
    phrases: onChronology(route.name) ? (Object.keys(PHRASES) as Phrase[]).filter((phrase) => allowed(PHRASES[phrase], scopes, route.name)).sort() : [],
  };
}

/** Walks the routes (every one unless told) as `user`, and gives, route by route, the status and the markers seen. */
async function walk(user: TestUser, record: PlantedRecord, routes: Route[] = ROUTES) {
  const client = as(user);
  const results = await Promise.all(routes.map(async (route) => [route.name, await fetchRoute(client, route, record)] as const));
  return Object.fromEntries(
    results.map(([name, seen]) => {
      const { markers, phrases } = found(seen.text, record);
      return [name, { status: seen.status, markers: [...markers].sort(), phrases: [...phrases].sort() }];
    }),
  );
}

function expectedWalk(scopes: ReadonlySet<ConsentScope>, ownsActions = true, routes: Route[] = ROUTES) {
  return Object.fromEntries(routes.map((route) => [route.name, expectedFor(route, scopes, ownsActions)]));
}

/** For a partner who may not see the person: not found, and nothing of the person in any list. */
function expectedHidden() {
  const nothing = { markers: [] as Marker[], phrases: [] as Phrase[] };
  return Object.fromEntries(ROUTES.map((route) => [route.name, { status: route.list ? 200 : (route.hiddenStatus ?? 404), ...nothing }]));
}

/** The routes on which sharing `scope` changes what the partner sees. */
function routesChangedBy(scope: ConsentScope): Route[] {
  const without = expectedWalk(new Set());
  const shared = expectedWalk(new Set([scope]));
  return ROUTES.filter((route) => JSON.stringify(without[route.name]) !== JSON.stringify(shared[route.name]));
}

/** The sections of the chronology the partner gets through the API. */
async function chronologySections(user: TestUser, record: PlantedRecord): Promise<string[]> {
  const { status, body } = await as(user).api.getJson<{ items: Array<{ section: string }> }>(`/api/v1/people/${record.person.id}/chronology?limit=100`);
  expect(status).toBe(200);
  return [...new Set(body.items.map((item) => item.section))].sort();
}

function expectedSections(scopes: ReadonlySet<ConsentScope>): string[] {
  return ["record", "team", "risks", ...["story", "contacts", "plan", "health", "offending"].filter((scope) => scopes.has(scope as ConsentScope))].sort();
}

// ---------------------------------------------------------------------------------------------
// Consent, as the lead worker gives and withdraws it.

async function giveConsentByApi(record: PlantedRecord, organisationId: string, scopes: ConsentScope[]): Promise<string> {
  return created(
    as(worker).api.sendJson("POST", `/api/v1/people/${record.person.id}/consents`, { type: "share-with", party: { organisationId }, scopes, howGiven: "verbal" }),
    "a consent",
  );
}

async function giveConsentByPage(record: PlantedRecord, organisationId: string, scope: ConsentScope): Promise<void> {
  const response = await as(worker).page.submitForm(`/people/${record.person.id}/consent/new`, `/people/${record.person.id}/consent`, {
    type: "share-with",
    partyKind: "organisation",
    partyOrganisationId: organisationId,
    scopes: scope,
    howGiven: "written",
    ...dateFields("givenOn", daysFromToday(0)),
    ...dateFields("reviewOn", daysFromToday(180)),
  });
  expect(response.status).toBe(303);
}

async function consentIdFor(record: PlantedRecord): Promise<string> {
  const { body } = await as(worker).api.getJson<{ items: Array<{ id: string; type: string; status: string }> }>(`/api/v1/people/${record.person.id}/consents`);
  const consent = body.items.find((item) => item.type === "share-with" && item.status !== "withdrawn");
  if (!consent) throw new Error("no current consent to share");
  return consent.id;
}

async function withdrawByPage(consentId: string): Promise<void> {
  const response = await as(worker).page.submitForm(`/consents/${consentId}/withdraw`, `/consents/${consentId}/withdraw`, {});
  expect(response.status).toBe(303);
}

async function withdrawByApi(consentId: string): Promise<void> {
  const { status } = await as(worker).api.sendJson("PATCH", `/api/v1/consents/${consentId}`, { version: 1, withdrawnOn: daysFromToday(0) });
  expect(status).toBe(200);
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  probationId = await insertOrganisation(db, tenant, { name: "Test probation service" });
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" });
  probationOfficer = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Priya Shah" });
  await db.update(users).set({ organisationId: probationId }).where(eq(users.id, probationOfficer.id));
  outsider = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Jo Reid" });
  for (const user of [worker, partner, probationOfficer, outsider]) clients.set(user.id, await signIn(user));
  reference = await plantRecord();
  workerSees = new Map(
    await Promise.all(
      ROUTES.map(async (route) => {
        const seen = await fetchRoute(as(worker), route, reference);
        expect(seen.status, `the lead worker opens the ${route.name}`).toBe(route.workerStatus ?? 200);
        return [route.name, found(seen.text, reference)] as const;
      }),
    ),
  );
});
afterAll(async () => {
  await testApp.close();
});

describe("the walk itself", () => {
  it("covers every route that reads a person's record or a part of it", () => {
    const walked = new Set(ROUTES.map((route) => route.path(PATTERNS).split("?")[0]));
    const unwalked = testApp.app
      .registeredRoutes()
      .filter((route) => route.method === "GET" && RECORD_PART.test(route.url))
      .map((route) => route.url)
      .filter((url) => !walked.has(url) && !NOT_READS_OF_THE_RECORD.has(url));
    expect(unwalked, "routes about a person, or a part of their record, that this walk does not open").toEqual([]);
  });

  it("plants every marker where the lead worker can see it", () => {
    const everywhere = new Set([...workerSees.values()].flatMap((seen) => [...seen.markers]));
    expect([...everywhere].sort()).toEqual((Object.keys(MARKERS) as Marker[]).sort());
    expect([...(workerSees.get("chronology page")?.phrases ?? [])].sort()).toEqual((Object.keys(PHRASES) as Phrase[]).sort());
  });
});

describe("a partner professional in the team around the person", () => {
  it("without consent sees the person, risks to workers, the meetings and their own agency's actions, and nothing else", async () => {
    expect(await walk(partner, reference)).toEqual(expectedWalk(new Set()));
    expect(await chronologySections(partner, reference)).toEqual(expectedSections(new Set()));
  });

  for (const scope of CONSENT_SCOPES) {
    it(`sees the ${scope} section only while the person shares it with their organisation`, async () => {
      const record = await plantRecord();
      if (scope === "story") await giveConsentByPage(record, tenant.partnerOrganisationId, scope);
      else await giveConsentByApi(record, tenant.partnerOrganisationId, [scope]);
      const shared = new Set<ConsentScope>([scope]);
      expect(await walk(partner, record)).toEqual(expectedWalk(shared));
      expect(await chronologySections(partner, record)).toEqual(expectedSections(shared));

      const consentId = await consentIdFor(record);
      if (CONSENT_SCOPES.indexOf(scope) % 2 === 0) await withdrawByPage(consentId);
      else await withdrawByApi(consentId);
      // Every route the consent opened is closed again on the very next request (the rest are as without consent, tested above).
      const changed = routesChangedBy(scope);
      expect(changed.length > 0 || scope === "wellness-plan", `sharing ${scope} opens some route`).toBe(true);
      expect(await walk(partner, record, changed)).toEqual(expectedWalk(new Set(), true, changed));
      expect(await chronologySections(partner, record)).toEqual(expectedSections(new Set()));
    });
  }
});

describe("when the person shares every section with the housing association", () => {
  /** Only read by the tests here, which walk it as different partners. */
  let everythingShared: PlantedRecord;
  beforeAll(async () => {
    everythingShared = await plantRecord();
    await giveConsentByApi(everythingShared, tenant.partnerOrganisationId, [...CONSENT_SCOPES]);
  });

  it("shows its professional in the team every section at once", async () => {
    expect(await walk(partner, everythingShared)).toEqual(expectedWalk(new Set(CONSENT_SCOPES)));
  });

  it("gives a professional of another agency in the team nothing of what is shared", async () => {
    expect(await walk(probationOfficer, everythingShared)).toEqual(expectedWalk(new Set(), false));
    expect(await chronologySections(probationOfficer, everythingShared)).toEqual(expectedSections(new Set()));
  });

  it("tells a professional of the same agency who is not in the team that the record does not exist", async () => {
    expect(await walk(outsider, everythingShared)).toEqual(expectedHidden());
  });

  it("hides the record from its professional on the very next request after their place in the team ends", async () => {
    const record = await plantRecord();
    await giveConsentByApi(record, tenant.partnerOrganisationId, [...CONSENT_SCOPES]);
    expect((await as(partner).api.getJson(`/api/v1/people/${record.person.id}`)).status).toBe(200);
    const endPage = paths.people.endTeamMember(record.person.id, partner.id);
    const form = await (await as(worker).page.get(endPage)).text();
    const version = /name="version" value="(\d+)"/.exec(form)?.[1] ?? "";
    const ended = await as(worker).page.request("POST", endPage, { form: { _csrf: csrfTokenIn(form), version } });
    expect(ended.status).toBe(303);
    expect(await walk(partner, record)).toEqual(expectedHidden());
  });
});
