import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../support/factories.ts";
import { csrfTokenIn, HttpClient } from "../support/http.ts";
import { insertCalendarFeed } from "../support/contacts.ts";
import { ACTORS, creators, only, personAudit, personEdit, personRecord, PUBLIC, SIGNED_IN, type Actor, type Outcome, type Rule } from "./matrix.ts";
import { accountabilityRules } from "./rules/accountability.ts";
import { meetingRules } from "./rules/meetings.ts";
import { planRules } from "./rules/plans.ts";
import { registerRules } from "./rules/register.ts";
import { supervisionRules } from "./rules/supervision.ts";
import { breakGlassRules } from "./rules/break-glass.ts";
import { secondFactorRules } from "./rules/second-factor.ts";
import { referralIntakeRules, setUpReferralIntakeMatrix } from "./rules/referral-intake.ts";
import { referralTriageRules } from "./rules/referral-triage.ts";
import { wellnessPlanRules } from "./rules/wellness-plans.ts";
import { outcomeRules } from "./rules/outcomes.ts";
import { personalBudgetRules } from "./rules/personal-budgets.ts";

/**
 * Every registered route x every kind of actor. A route without a rule here fails the test, so a
 * new route cannot ship without someone deciding who may use it.
 */

const RULES: Record<string, Rule> = {
  "GET /health": { expect: PUBLIC },
  "GET /openapi.json": { expect: PUBLIC },
  "GET /api/docs": { expect: PUBLIC },
  "GET /assets/*": { expect: PUBLIC },
  "GET /govuk/*": { expect: PUBLIC },
  "GET /static/*": { expect: PUBLIC },
  "GET /sign-in": { expect: PUBLIC },
  "GET /signed-out": { expect: PUBLIC },
  "POST /sign-in": { expect: PUBLIC },
  "POST /sign-out": { expect: SIGNED_IN },
  "GET /": { expect: SIGNED_IN },
  "GET /welcome": { expect: SIGNED_IN },
  "GET /caseload": { expect: SIGNED_IN },
  "GET /team": { expect: only(["team manager", "other team's manager"]) },
  "GET /people": { expect: only(["lead worker", "worker outside the team", "team manager", "other team's manager", "partner in the team", "partner outside the team", "peer mentor in the team"]) },
  "GET /people/new": { expect: creators },
  "POST /people": { expect: creators },
  "GET /people/:id": { expect: personRecord },
  "GET /people/:id/edit": { expect: personEdit },
  "POST /people/:id": { expect: personEdit },
  "GET /people/:id/audit": { expect: personAudit },
  "GET /people/:id/handover": { expect: personEdit },
  "GET /people/:id/close": { expect: personEdit },
  "POST /people/:id/close": { expect: personEdit },
  "GET /people/:id/reopen": { expect: personEdit },
  "POST /people/:id/reopen": { expect: personEdit },
  "GET /partnership": { expect: only(["administrator"]) },
  "GET /team/cover": { expect: only(["team manager", "other team's manager"]) },
  "GET /team/cover/new": { expect: only(["team manager", "other team's manager"]) },
  "POST /team/cover": { expect: only(["team manager", "other team's manager"]) },
  "GET /team/cover/:coverId/cancel": { expect: only(["team manager", "other team's manager"]) },
  // No cover has that id, so managers are told it does not exist.
  "POST /team/cover/:coverId/cancel": { expect: { ...only([]), "team manager": "hidden", "other team's manager": "hidden" } },
  "POST /api/v1/session": { expect: PUBLIC, json: () => ({ email: users["lead worker"].email, password: TEST_PASSWORD }) },
  "DELETE /api/v1/session": { expect: SIGNED_IN },
  "GET /api/v1/me": { expect: SIGNED_IN },
  "GET /api/v1/people": { expect: SIGNED_IN },
  "POST /api/v1/people": { expect: creators, json: () => ({ givenName: "Matrix", familyName: "Test" }) },
  "GET /api/v1/people/:id": { expect: personRecord },
  "PATCH /api/v1/people/:id": { expect: personEdit, json: () => ({ pronouns: "they/them", version: 1 }) },
  "GET /api/v1/audit": { expect: personAudit },
  "GET /api/v1/team/caseloads": { expect: only(["team manager", "other team's manager"]) },
  // Contacts and appointments (src/contacts). No contact or appointment has the stand-in id.
  "GET /people/:id/contacts": { expect: personRecord },
  "GET /people/:id/contacts/new": { expect: personEdit },
  "POST /people/:id/contacts": { expect: personEdit },
  "GET /contacts/:contactId/edit": { expect: only([], "hidden") },
  "POST /contacts/:contactId": { expect: only([], "hidden") },
  "GET /people/:id/appointments": { expect: personRecord },
  "GET /people/:id/appointments/new": { expect: personEdit },
  "POST /people/:id/appointments": { expect: personEdit },
  "GET /appointments/:appointmentId/edit": { expect: only([], "hidden") },
  "POST /appointments/:appointmentId": { expect: only([], "hidden") },
  "GET /diary": { expect: creators },
  "GET /diary/calendar": { expect: creators },
  "POST /diary/calendar": { expect: creators },
  "GET /calendar/:token.ics": { expect: PUBLIC },
  "GET /api/v1/people/:id/contacts": { expect: personRecord },
  "POST /api/v1/people/:id/contacts": { expect: personEdit, json: () => ({ type: "phone", note: "Matrix check" }) },
  "PATCH /api/v1/contacts/:contactId": { expect: only([], "hidden"), json: () => ({ note: "Matrix check", version: 1 }) },
  "GET /api/v1/people/:id/appointments": { expect: personRecord },
  "POST /api/v1/people/:id/appointments": { expect: personEdit, json: () => ({ startsAt: new Date(Date.now() + 86_400_000).toISOString(), place: "Matrix café" }) },
  // Chronology, significant events and the story's history (src/chronology). No event has the stand-in id.
  "GET /people/:id/chronology": { expect: personRecord },
  "GET /people/:id/chronology/events/new": { expect: personEdit },
  "POST /people/:id/chronology/events": { expect: personEdit },
  "GET /significant-events/:eventId/edit": { expect: only([], "hidden") },
  "POST /significant-events/:eventId": { expect: only([], "hidden") },
  "GET /people/:id/story": { expect: personRecord },
  "GET /api/v1/people/:id/chronology": { expect: personRecord },
  // Risks (src/risks). No risk has the stand-in id.
  "GET /people/:id/risks": { expect: personRecord },
  "GET /people/:id/risks/new": { expect: personEdit },
  "POST /people/:id/risks": { expect: personEdit },
  "GET /risks/:riskId/edit": { expect: only([], "hidden") },
  "POST /risks/:riskId": { expect: only([], "hidden") },
  "GET /api/v1/people/:id/risks": { expect: personRecord },
  "POST /api/v1/people/:id/risks": { expect: personEdit, json: () => ({ category: "to-workers", level: "high", description: "Matrix check" }) },
  "PATCH /api/v1/risks/:riskId": { expect: only([], "hidden"), json: () => ({ level: "high", version: 1 }) },
  // Consent (src/consent): the person's key workers and manager only; partners and peer mentors who
  // see the person are refused. No consent has the stand-in id (consent-access.test.ts uses real ones).
  "GET /people/:id/consent": { expect: personEdit },
  "GET /people/:id/consent/new": { expect: personEdit },
  "POST /people/:id/consent": { expect: personEdit },
  "GET /people/:id/consent/information-received": { expect: personEdit },
  "POST /people/:id/consent/information-received": { expect: personEdit },
  "GET /consents/:consentId/edit": { expect: only([], "hidden") },
  "POST /consents/:consentId": { expect: only([], "hidden") },
  "GET /consents/:consentId/withdraw": { expect: only([], "hidden") },
  "POST /consents/:consentId/withdraw": { expect: only([], "hidden") },
  "POST /consents/:consentId/review": { expect: only([], "hidden") },
  "GET /api/v1/people/:id/consents": { expect: personEdit },
  "POST /api/v1/people/:id/consents": { expect: personEdit, json: () => ({ type: "work-with-service", howGiven: "verbal" }) },
  "PATCH /api/v1/consents/:consentId": { expect: only([], "hidden"), json: () => ({ note: "Matrix check", version: 1 }) },
  // Team around the person and the directory (src/network). The stand-in user is not in the team and
  // no entry, service or organisation has the stand-in id; src/network/network-access.test.ts uses real ones.
  "GET /people/:id/team": { expect: personRecord },
  "GET /people/:id/team/members/new": { expect: personEdit },
  "POST /people/:id/team/members": { expect: personEdit },
  "GET /people/:id/team/lead": { expect: personEdit },
  "POST /people/:id/team/lead": { expect: personEdit },
  "GET /people/:id/team/members/:userId/end": { expect: { ...only([], "hidden"), "partner in the team": "forbidden", "peer mentor in the team": "forbidden" } },
  "POST /people/:id/team/members/:userId/end": { expect: { ...only([], "hidden"), "partner in the team": "forbidden", "peer mentor in the team": "forbidden" } },
  "GET /people/:id/team/professionals/new": { expect: personEdit },
  "POST /people/:id/team/professionals": { expect: personEdit },
  "GET /people/:id/team/family/new": { expect: personEdit },
  "POST /people/:id/team/family": { expect: personEdit },
  "GET /people/:id/team/services/new": { expect: personEdit },
  "POST /people/:id/team/services": { expect: personEdit },
  "GET /external-professionals/:professionalId/edit": { expect: only([], "hidden") },
  "POST /external-professionals/:professionalId": { expect: only([], "hidden") },
  "POST /external-professionals/:professionalId/end": { expect: only([], "hidden") },
  "GET /family-members/:familyMemberId/edit": { expect: only([], "hidden") },
  "POST /family-members/:familyMemberId": { expect: only([], "hidden") },
  "POST /family-members/:familyMemberId/end": { expect: only([], "hidden") },
  "GET /services-involved/:serviceInvolvedId/edit": { expect: only([], "hidden") },
  "POST /services-involved/:serviceInvolvedId": { expect: only([], "hidden") },
  "POST /services-involved/:serviceInvolvedId/end": { expect: only([], "hidden") },
  "GET /directory": { expect: SIGNED_IN },
  "GET /directory/services/new": { expect: only(["administrator"]) },
  "POST /directory/services": { expect: only(["administrator"]) },
  "GET /directory/services/:serviceId/edit": { expect: { ...only([]), administrator: "hidden" } },
  "POST /directory/services/:serviceId": { expect: { ...only([]), administrator: "hidden" } },
  "GET /directory/organisations/new": { expect: only(["administrator"]) },
  "POST /directory/organisations": { expect: only(["administrator"]) },
  "GET /directory/organisations/:organisationId/edit": { expect: { ...only([]), administrator: "hidden" } },
  "POST /directory/organisations/:organisationId": { expect: { ...only([]), administrator: "hidden" } },
  "GET /api/v1/people/:id/team": { expect: personRecord },
  "POST /api/v1/people/:id/team": { expect: personEdit, json: () => ({ kind: "external", name: "Dr Matrix", role: "GP", organisationName: "Matrix Practice" }) },
  "GET /api/v1/services": { expect: SIGNED_IN },
  ...planRules,
  ...accountabilityRules,
  ...meetingRules,
  ...registerRules,
  ...supervisionRules,
  ...breakGlassRules,
  ...secondFactorRules,
  ...referralIntakeRules,
  ...referralTriageRules,
  ...wellnessPlanRules,
  ...outcomeRules,
  ...personalBudgetRules,
};

let testApp: TestApp;
let tenant: TestTenant;
const users = {} as Record<Exclude<Actor, "anonymous">, TestUser>;
/** The public calendar file needs a live secret address to answer at all. */
let calendarToken = "";

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  users["lead worker"] = await createUser(db, tenant, { roles: ["key-worker"] });
  users["worker outside the team"] = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  users["team manager"] = await createUser(db, tenant, { roles: ["manager"] });
  users["other team's manager"] = await createUser(db, tenant, { roles: ["manager"], team: "other" });
  users["partner in the team"] = await createUser(db, tenant, { roles: ["partner"], partner: true });
  users["partner outside the team"] = await createUser(db, tenant, { roles: ["partner"], partner: true });
  users["peer mentor in the team"] = await createUser(db, tenant, { roles: ["peer-mentor"] });
  users.administrator = await createUser(db, tenant, { roles: ["admin"], team: "none" });
  users.referrer = await createUser(db, tenant, { roles: ["referrer"], partner: true });
  users["register owner"] = await createUser(db, tenant, { roles: ["register-owner"], partner: true });
  calendarToken = await insertCalendarFeed(db, tenant, users["lead worker"].id);
  await setUpReferralIntakeMatrix(db, tenant, calendarToken);
});
afterAll(async () => {
  await testApp.close();
});

/** A fresh person per request, so that one actor's change (a version bump) cannot affect another's outcome. */
async function freshPerson(): Promise<TestPerson> {
  return createPerson(testApp.database.db, tenant, {
    members: [
      { user: users["lead worker"], role: "lead" },
      { user: users["partner in the team"], role: "partner" },
      { user: users["peer mentor in the team"], role: "peer-mentor" },
    ],
  });
}

const signedInClients = new Map<string, HttpClient>();

/** Signed-in clients are reused across routes (signing in is deliberately slow); `fresh` for routes that end the session. */
async function clientFor(actor: Actor, api: boolean, fresh = false): Promise<HttpClient> {
  if (actor === "anonymous") return testApp.client();
  const key = `${actor}:${api}`;
  const cached = signedInClients.get(key);
  if (cached && !fresh) return cached;
  const client = testApp.client();
  if (api) await client.signInApi(users[actor].email, TEST_PASSWORD);
  else await client.signInBrowser(users[actor].email, TEST_PASSWORD);
  if (!fresh) signedInClients.set(key, client);
  return client;
}

function concretePath(url: string, person: TestPerson): string {
  if (url === "/api/v1/audit") return `/api/v1/audit?person=${person.id}`;
  if (url.endsWith("/*")) return url === "/assets/*" ? "/assets/manifest.json" : url === "/govuk/*" ? "/govuk/govuk-frontend.min.css" : "/static/keywork.css";
  // Ids of things other than the person are unknown ids: only the person's routes exercise real rows.
  return url.replace(":id", person.id).replace(/:[A-Za-z]+Id\b/g, "0190a000-0000-7000-8000-000000000000").replace(":token", calendarToken);
}

async function classify(response: Response): Promise<Outcome> {
  await response.arrayBuffer();
  if (response.status === 401) return "sign-in";
  if (response.status === 303 && (response.headers.get("location") ?? "").startsWith("/sign-in") && !response.url.endsWith("/sign-in")) return "sign-in";
  if (response.status === 403) return "forbidden";
  if (response.status === 404) return "hidden";
  if (response.status < 500) return "allowed";
  throw new Error(`server error ${response.status}`);
}

const personForReads = new Map<string, TestPerson>();

/**
 * The person a request is about: a fresh one for each write to a person's record; one per route for
 * reads, which change nothing that decides access; one shared by routes that are not about a person.
 */
async function personFor(method: string, url: string): Promise<TestPerson> {
  const aboutPerson = /:id\b/.test(url);
  if (aboutPerson && method !== "GET") return freshPerson();
  const key = aboutPerson ? `${method} ${url}` : "not about a person";
  const known = personForReads.get(key);
  if (known) return known;
  const person = await freshPerson();
  personForReads.set(key, person);
  return person;
}

async function attempt(actor: Actor, method: string, url: string, rule: Rule): Promise<Outcome> {
  const api = url.startsWith("/api/");
  const person = await personFor(method, url);
  const endsSession = url === "/sign-out" || url === "/api/v1/session";
  const client = await clientFor(actor, api, endsSession);
  const path = concretePath(url, person);
  if (method === "GET" || method === "DELETE") return classify(await client.request(method, path));
  if (api) return classify(await client.request(method, path, { json: rule.json?.(person) ?? {} }));
  // Any page with a form carries a CSRF token: the sign-in form, or the sign-out button.
  const token = csrfTokenIn(await (await client.get(actor === "anonymous" ? "/sign-in" : "/api/docs")).text());
  return classify(await client.request(method, path, { form: { _csrf: token } }));
}

describe("access matrix", () => {
  it("has a rule for every registered route, and no rule for a route that does not exist", () => {
    const registered = testApp.app.registeredRoutes().map((route) => `${route.method} ${route.url}`);
    const missing = registered.filter((key) => !(key in RULES));
    expect(missing, "routes without an access rule in this test").toEqual([]);
    const stale = Object.keys(RULES).filter((key) => !registered.includes(key));
    expect(stale, "rules for routes that are not registered").toEqual([]);
  });

  it("marks as public exactly the routes this test expects anonymous people to use", () => {
    const publicRoutes = testApp.app
      .registeredRoutes()
      .filter((route) => route.access === "public")
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    const expected = Object.entries(RULES)
      .filter(([, rule]) => rule.expect.anonymous === "allowed")
      .map(([key]) => key)
      .sort();
    expect(publicRoutes).toEqual(expected);
  });

  for (const [key, rule] of Object.entries(RULES)) {
    const [method, url] = key.split(" ") as [string, string];
    it(`${key} answers each actor as its rule says`, async () => {
      const seen = {} as Record<Actor, Outcome>;
      for (const actor of ACTORS) seen[actor] = await attempt(actor, method, url, rule);
      expect(seen).toEqual(rule.expect);
    });
  }
});

describe("audit completeness", () => {
  it("leaves an audit row for every route that reads or writes a person's record", async () => {
    const personRoutes = Object.keys(RULES).filter((key) => key.includes(":id") || key.endsWith("/api/v1/audit"));
    expect(personRoutes.length).toBeGreaterThanOrEqual(6);
    for (const key of personRoutes) {
      const [method, url] = key.split(" ") as [string, string];
      const person = await freshPerson();
      const actor: Actor = url.includes("audit") ? "team manager" : "lead worker";
      const client = await clientFor(actor, url.startsWith("/api/"));
      const path = concretePath(url, person);
      if (method === "GET") await client.request("GET", path);
      else if (url.startsWith("/api/")) await client.request(method, path, { json: RULES[key]?.json?.(person) });
      else {
        const form = await (await client.get(`/people/${person.id}/edit`)).text();
        await client.request(method, path, { form: { _csrf: csrfTokenIn(form), givenName: "Audit", familyName: "Check", engagementStatus: "engaged", version: "1" } });
      }
      const rows = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id });
      const byActor = rows.filter((row) => row.actor_user_id === users[actor as Exclude<Actor, "anonymous">].id);
      expect(byActor.length, `${key} left no audit row`).toBeGreaterThan(0);
    }
  });
});
