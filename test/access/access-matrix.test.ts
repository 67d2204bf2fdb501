import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../support/factories.ts";
import { csrfTokenIn, HttpClient } from "../support/http.ts";
import { insertCalendarFeed } from "../support/contacts.ts";
import { changedTables, fingerprint } from "../reliability/tenant-snapshot.ts";
import { ACTORS, only, PUBLIC, recordParams, RELATIONSHIPS, SIGNED_IN, type Actor, type Outcome, type RecordScene, type Relationship, type Relationships, type Rule, type Who } from "./matrix.ts";
import { breakGlassOpener, breakGlassUses, createRelatedWorkers, moveCover } from "./relationships.ts";
import { futureCover, ids, RECORD_PARTS } from "./records.ts";
import { peopleRules } from "./rules/people.ts";
import { contactRules } from "./rules/contacts.ts";
import { chronologyRules } from "./rules/chronology.ts";
import { riskRules } from "./rules/risks.ts";
import { consentRules } from "./rules/consent.ts";
import { networkRules } from "./rules/network.ts";
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
 * Every registered route x every kind of actor, and every route about a person x every relationship
 * to the person that is not a role (covering the lead worker, a cover that has ended, break-glass).
 * A route without a rule here fails the test, and so does a route about a person whose rule does not
 * declare the relationships, so a new route cannot ship without someone deciding who may use it.
 *
 * A route whose path has the id of another record (`/goals/:goalId`, `/referrals/:referralId`) is
 * put to every actor with a real record (records.ts), its rule saying how to get one (`Rule.ids`),
 * and a route that reaches a person through their record declares the relationships too: so the
 * matrix shows a stranger refused a goal that exists, not only a goal that does not. A route with
 * such an id and no rule to get a real one fails.
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
  "GET /partnership": { expect: only(["administrator"]) },
  "GET /team/cover": { expect: only(["team manager", "other team's manager"]) },
  "GET /team/cover/new": { expect: only(["team manager", "other team's manager"]) },
  "POST /team/cover": { expect: only(["team manager", "other team's manager"]) },
  // A cover in the lead worker's team. The page that asks to confirm names nothing of the cover, so
  // any manager may open it; cancelling finds only a cover of the manager's own team
  // (src/caseload/cover-service.ts `cancelCover`). The empty form's version is stale: 303 back to the list.
  "GET /team/cover/:coverId/cancel": { expect: only(["team manager", "other team's manager"]), ids: ids({ coverId: futureCover }) },
  "POST /team/cover/:coverId/cancel": { expect: { ...only(["team manager"]), "other team's manager": "hidden" }, ids: ids({ coverId: futureCover }) },
  "POST /api/v1/session": { expect: PUBLIC, json: () => ({ email: users["lead worker"].email, password: TEST_PASSWORD }) },
  "DELETE /api/v1/session": { expect: SIGNED_IN },
  "GET /api/v1/me": { expect: SIGNED_IN },
  "GET /api/v1/team/caseloads": { expect: only(["team manager", "other team's manager"]) },
  ...peopleRules,
  ...contactRules,
  ...chronologyRules,
  ...riskRules,
  ...consentRules,
  ...networkRules,
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

/** A route about a person: its path has the person's id, or its rule says so by declaring the relationships. */
function aboutPerson(url: string, rule: Rule | undefined): boolean {
  return /:id\b/.test(url) || rule?.relationships !== undefined;
}

let testApp: TestApp;
let tenant: TestTenant;
const users = {} as Record<Who, TestUser>;
/** The public calendar file needs a live secret address to answer at all. */
let calendarToken = "";
/** The person every read about a person is about, with something in each part of their record (records.ts `RECORD_PARTS`). */
let recordPerson: TestPerson;
let openBreakGlass: (person: TestPerson) => Promise<void>;

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
  Object.assign(users, await createRelatedWorkers(db, tenant, users["lead worker"]));
  openBreakGlass = breakGlassOpener(() => clientFor("break-glass reader", true));
  calendarToken = await insertCalendarFeed(db, tenant, users["lead worker"].id);
  await setUpReferralIntakeMatrix(db, tenant, calendarToken);
  recordPerson = await freshPerson();
  for (const make of RECORD_PARTS) await make(sceneFor(recordPerson, false));
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
async function clientFor(who: Actor | Relationship, api: boolean, fresh = false): Promise<HttpClient> {
  if (who === "anonymous") return testApp.client();
  const key = `${who}:${api}`;
  const cached = signedInClients.get(key);
  if (cached && !fresh) return cached;
  const client = testApp.client();
  if (api) await client.signInApi(users[who].email, TEST_PASSWORD);
  else await client.signInBrowser(users[who].email, TEST_PASSWORD);
  if (!fresh) signedInClients.set(key, client);
  return client;
}

/** What a rule's `ids` needs to make a record on `person`: afresh for a write, shared for a read. */
function sceneFor(person: TestPerson, fresh: boolean): RecordScene {
  return { db: testApp.database.db, tenant, users, person, fresh, client: (who, api) => clientFor(who, api), newPerson: freshPerson, baseUrl: testApp.baseUrl };
}

/**
 * The request's path: the person's id, the matrix's public token, and a real record for each other
 * id in the path, which the route's rule must give (`Rule.ids`); a route that cannot have one fails.
 */
async function pathFor(method: string, url: string, rule: Rule | undefined, person: TestPerson): Promise<string> {
  if (url === "/api/v1/audit") return `/api/v1/audit?person=${person.id}`;
  if (url.endsWith("/*")) return url === "/assets/*" ? "/assets/manifest.json" : url === "/govuk/*" ? "/govuk/govuk-frontend.min.css" : "/static/keywork.css";
  let path = url.replace(":id", person.id).replace(":token", calendarToken);
  const params = recordParams(url);
  if (params.length > 0) {
    if (!rule?.ids) throw new Error(`${method} ${url}: its rule gives no real ${params.join(" or ")} (Rule.ids)`);
    const found = await rule.ids(sceneFor(person, method !== "GET"));
    for (const param of params) {
      const id = found[param];
      if (!id) throw new Error(`${method} ${url}: its rule's ids give no ${param}`);
      path = path.replace(`:${param}`, id);
    }
  }
  if (/\/:/.test(path)) throw new Error(`${method} ${url}: no value for a parameter of ${path}`);
  return path;
}

interface Answer {
  outcome: Outcome;
  status: number;
}

async function classify(response: Response): Promise<Answer> {
  await response.arrayBuffer();
  const { status } = response;
  if (status === 401) return { outcome: "sign-in", status };
  if (status === 303 && (response.headers.get("location") ?? "").startsWith("/sign-in") && !response.url.endsWith("/sign-in")) return { outcome: "sign-in", status };
  if (status === 403) return { outcome: "forbidden", status };
  if (status === 404) return { outcome: "hidden", status };
  if (status < 500) return { outcome: "allowed", status };
  throw new Error(`server error ${status}`);
}

let notAboutPerson: TestPerson | undefined;

/**
 * The person a request is about: a fresh one for each write about a person; for reads about a
 * person, the one with a full record (reads change nothing that decides access); one shared by
 * routes that are not about a person.
 */
async function personFor(method: string, url: string): Promise<TestPerson> {
  if (aboutPerson(url, RULES[`${method} ${url}`])) return method === "GET" ? recordPerson : freshPerson();
  notAboutPerson ??= await freshPerson();
  return notAboutPerson;
}

async function send(who: Actor | Relationship, method: string, url: string, rule: Rule, person: TestPerson, path: string): Promise<Answer> {
  const api = url.startsWith("/api/");
  const endsSession = url === "/sign-out" || url === "/api/v1/session";
  const client = await clientFor(who, api, endsSession);
  if (method === "GET" || method === "DELETE") return classify(await client.request(method, path));
  if (api) return classify(await client.request(method, path, { json: rule.json?.(person) ?? {} }));
  // Any page with a form carries a CSRF token: the sign-in form, or the sign-out button.
  const token = csrfTokenIn(await (await client.get(who === "anonymous" ? "/sign-in" : "/api/docs")).text());
  return classify(await client.request(method, path, { form: { _csrf: token } }));
}

async function attempt(actor: Actor, method: string, url: string, rule: Rule): Promise<Answer> {
  const person = await personFor(method, url);
  return send(actor, method, url, rule, person, await pathFor(method, url, rule, person));
}

/**
 * A relationship's request. The break-glass reader first opens the record (as the person's grant is
 * what relates them); whatever they are answered, they may write nothing (the tenant's rows are
 * compared before and after each change they ask for), and each read they are allowed is audited.
 */
async function attemptRelated(relationship: Relationship, method: string, url: string, rule: Rule): Promise<Answer & { problems: string[] }> {
  const person = await personFor(method, url);
  const path = await pathFor(method, url, rule, person);
  if (relationship !== "break-glass reader") return { ...(await send(relationship, method, url, rule, person, path)), problems: [] };
  const { db } = testApp.database;
  await openBreakGlass(person);
  const uses = await breakGlassUses(db, tenant.tenantId, users[relationship].id, person.id);
  const before = method === "GET" ? undefined : await fingerprint(db, tenant.tenantId);
  const answer = await send(relationship, method, url, rule, person, path);
  const problems: string[] = [];
  if (before) {
    const changed = changedTables(before, await fingerprint(db, tenant.tenantId));
    if (changed.length > 0) problems.push(`the break-glass reader (${answer.status}) wrote: ${changed.join("; ")}`);
  }
  if (method === "GET" && answer.outcome === "allowed" && (await breakGlassUses(db, tenant.tenantId, users[relationship].id, person.id)) === uses) {
    problems.push(`the break-glass reader read it (${answer.status}) without a break-glass.access audit row`);
  }
  return { ...answer, problems };
}

describe("access matrix", () => {
  it("has a rule for every registered route, and no rule for a route that does not exist", () => {
    const registered = testApp.app.registeredRoutes().map((route) => `${route.method} ${route.url}`);
    const missing = registered.filter((key) => !(key in RULES));
    expect(missing, "routes without an access rule in this test").toEqual([]);
    const stale = Object.keys(RULES).filter((key) => !registered.includes(key));
    expect(stale, "rules for routes that are not registered").toEqual([]);
  });

  it("has a real record for every id in a route's path besides the person's", () => {
    const withoutIds = testApp.app
      .registeredRoutes()
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => recordParams(key).length > 0 && RULES[key]?.ids === undefined);
    expect(withoutIds, "routes with another record's id whose rule gives no real one (Rule.ids)").toEqual([]);
    // As many as there were when this was written, near enough: over 40 of them reach a person through their record.
    const withIds = Object.values(RULES).filter((rule) => rule.ids !== undefined);
    expect(withIds.length).toBeGreaterThanOrEqual(100);
    expect(withIds.filter((rule) => rule.relationships !== undefined).length).toBeGreaterThanOrEqual(50);
  });

  it("declares how every route about a person answers each relationship to the person", () => {
    const personRoutes = testApp.app
      .registeredRoutes()
      .map((route) => ({ key: `${route.method} ${route.url}`, method: route.method, url: route.url }))
      .filter((route) => aboutPerson(route.url, RULES[route.key]));
    const undeclared = personRoutes.filter((route) => RULES[route.key]?.relationships === undefined).map((route) => route.key);
    expect(undeclared, "routes about a person without the relationships declared in their rule").toEqual([]);
    // The walk reaches the record: as many routes as there were when this was written, near enough.
    const reads = personRoutes.filter((route) => route.method === "GET");
    const declared = (route: { key: string }, relationship: Relationship): Outcome | undefined => RULES[route.key]?.relationships?.[relationship];
    expect(reads.length).toBeGreaterThanOrEqual(75);
    expect(personRoutes.length - reads.length).toBeGreaterThanOrEqual(60);
    expect(reads.filter((route) => declared(route, "break-glass reader") === "allowed").length).toBeGreaterThanOrEqual(35);
    expect(personRoutes.filter((route) => declared(route, "covering the lead worker") === "allowed").length).toBeGreaterThanOrEqual(130);
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
    const relationshipsToo = aboutPerson(url, rule);
    it(`${key} answers each actor${relationshipsToo ? " and each relationship" : ""} as its rule says`, async () => {
      const seen = {} as Record<Actor, Outcome>;
      const statuses = {} as Record<Actor | Relationship, number>;
      for (const actor of ACTORS) {
        const answer = await attempt(actor, method, url, rule);
        seen[actor] = answer.outcome;
        statuses[actor] = answer.status;
      }
      if (!relationshipsToo) {
        expect(seen).toEqual(rule.expect);
        return;
      }
      const related = {} as Relationships;
      const problems: string[] = [];
      for (const relationship of RELATIONSHIPS) {
        const answer = await attemptRelated(relationship, method, url, rule);
        related[relationship] = answer.outcome;
        statuses[relationship] = answer.status;
        problems.push(...answer.problems);
      }
      // Cover is the lead worker's own access, to the status: the same page, the same refusal.
      if (rule.relationships?.["covering the lead worker"] === rule.expect["lead worker"] && statuses["covering the lead worker"] !== statuses["lead worker"]) {
        problems.push(`the covering worker was answered ${statuses["covering the lead worker"]}, the lead worker ${statuses["lead worker"]}`);
      }
      // A grant reads what the lead worker reads.
      if (method === "GET" && rule.relationships?.["break-glass reader"] === "allowed" && rule.expect["lead worker"] === "allowed" && statuses["break-glass reader"] !== statuses["lead worker"]) {
        problems.push(`the break-glass reader was answered ${statuses["break-glass reader"]}, the lead worker ${statuses["lead worker"]}`);
      }
      expect({ outcomes: { ...seen, ...related }, problems }).toEqual({ outcomes: { ...rule.expect, ...rule.relationships }, problems: [] });
    });
  }
});

describe("a cover that ends", () => {
  it("leaves the worker who covered, from the day after its last, as the rules say of a cover that has ended, on every read about a person", async () => {
    const covering = users["covering the lead worker"];
    const seen: Record<string, Outcome> = {};
    const expected: Record<string, Outcome | undefined> = {};
    // The cover that ran from yesterday to tomorrow ended yesterday instead.
    await moveCover(testApp.database.db, tenant, covering, -3, -1);
    try {
      for (const [key, rule] of Object.entries(RULES)) {
        const [method, url] = key.split(" ") as [string, string];
        if (method !== "GET" || !aboutPerson(url, rule)) continue;
        const person = await personFor(method, url);
        seen[key] = (await send("covering the lead worker", method, url, rule, person, await pathFor(method, url, rule, person))).outcome;
        expected[key] = rule.relationships?.["cover has ended"];
      }
    } finally {
      await moveCover(testApp.database.db, tenant, covering, -1, 1);
    }
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(75);
    expect(seen).toEqual(expected);
  });
});

describe("audit completeness", () => {
  it("leaves an audit row for every route that reads or writes a person's record", async () => {
    // The person's own routes, and those that reach the person through a record of theirs.
    const personRoutes = Object.entries(RULES)
      .filter(([key, rule]) => key.includes(":id") || key.endsWith("/api/v1/audit") || (rule.ids !== undefined && rule.relationships !== undefined))
      .map(([key]) => key);
    expect(personRoutes.length).toBeGreaterThanOrEqual(140);
    const silent: string[] = [];
    for (const key of personRoutes) {
      const [method, url] = key.split(" ") as [string, string];
      const person = await freshPerson();
      const actor: Actor = url.includes("audit") ? "team manager" : "lead worker";
      const client = await clientFor(actor, url.startsWith("/api/"));
      // Made before counting: the lead worker's making a record leaves rows of its own.
      const path = await pathFor(method, url, RULES[key], person);
      // A page with a form, for its CSRF token, that reads nothing of the person.
      const token = method === "GET" || url.startsWith("/api/") ? "" : csrfTokenIn(await (await client.get("/api/docs")).text());
      const byActor = async () => (await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id })).filter((row) => row.actor_user_id === users[actor as Exclude<Actor, "anonymous">].id).length;
      const before = await byActor();
      if (method === "GET") await client.request("GET", path);
      else if (url.startsWith("/api/")) await client.request(method, path, { json: RULES[key]?.json?.(person) });
      else await client.request(method, path, { form: { _csrf: token, givenName: "Audit", familyName: "Check", engagementStatus: "engaged", version: "1" } });
      if ((await byActor()) <= before) silent.push(key);
    }
    expect(silent, "routes that left no audit row of the request").toEqual([]);
  });
});
