import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../support/factories.ts";
import { csrfTokenIn, HttpClient } from "../support/http.ts";

/**
 * Every registered route x every kind of actor. A route without a rule here fails the test, so a
 * new route cannot ship without someone deciding who may use it.
 */

type Actor =
  | "anonymous"
  | "lead worker"
  | "worker outside the team"
  | "team manager"
  | "other team's manager"
  | "partner in the team"
  | "partner outside the team"
  | "peer mentor in the team"
  | "administrator"
  | "referrer";

const ACTORS: Actor[] = [
  "anonymous",
  "lead worker",
  "worker outside the team",
  "team manager",
  "other team's manager",
  "partner in the team",
  "partner outside the team",
  "peer mentor in the team",
  "administrator",
  "referrer",
];

/** allowed: got past access (2xx, 3xx other than to sign-in, or 400 on a deliberately empty form); forbidden: 403; hidden: 404. */
type Outcome = "allowed" | "forbidden" | "hidden" | "sign-in";

const SIGNED_IN = Object.fromEntries(ACTORS.map((actor) => [actor, actor === "anonymous" ? "sign-in" : "allowed"])) as Record<Actor, Outcome>;
const PUBLIC = Object.fromEntries(ACTORS.map((actor) => [actor, "allowed"])) as Record<Actor, Outcome>;

function only(allowed: Actor[], otherwise: Outcome = "forbidden"): Record<Actor, Outcome> {
  return Object.fromEntries(
    ACTORS.map((actor) => [actor, actor === "anonymous" ? "sign-in" : allowed.includes(actor) ? "allowed" : otherwise]),
  ) as Record<Actor, Outcome>;
}

const SEES_PERSON: Actor[] = ["lead worker", "team manager", "partner in the team", "peer mentor in the team"];
const personRecord = only(SEES_PERSON, "hidden");
const personEdit = { ...only(["lead worker", "team manager"], "hidden"), "partner in the team": "forbidden", "peer mentor in the team": "forbidden" } as Record<Actor, Outcome>;
// Roles that never read audit trails are refused outright (which says nothing about the person);
// a manager of another team is told the person does not exist.
const personAudit = { ...only(["team manager", "administrator"]), "other team's manager": "hidden" } as Record<Actor, Outcome>;
const creators = only(["lead worker", "worker outside the team", "team manager", "other team's manager"]);

interface Rule {
  expect: Record<Actor, Outcome>;
  /** JSON body for API writes; forms are posted empty with a valid CSRF token. */
  json?: (person: TestPerson) => unknown;
}

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
  "GET /partnership": { expect: only(["administrator"]) },
  "POST /api/v1/session": { expect: PUBLIC, json: () => ({ email: users["lead worker"].email, password: TEST_PASSWORD }) },
  "DELETE /api/v1/session": { expect: SIGNED_IN },
  "GET /api/v1/me": { expect: SIGNED_IN },
  "GET /api/v1/people": { expect: SIGNED_IN },
  "POST /api/v1/people": { expect: creators, json: () => ({ givenName: "Matrix", familyName: "Test" }) },
  "GET /api/v1/people/:id": { expect: personRecord },
  "PATCH /api/v1/people/:id": { expect: personEdit, json: () => ({ pronouns: "they/them", version: 1 }) },
  "GET /api/v1/audit": { expect: personAudit },
  "GET /api/v1/team/caseloads": { expect: only(["team manager", "other team's manager"]) },
};

let testApp: TestApp;
let tenant: TestTenant;
const users = {} as Record<Exclude<Actor, "anonymous">, TestUser>;

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
  return url.replace(":id", person.id);
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

async function attempt(actor: Actor, method: string, url: string, rule: Rule): Promise<Outcome> {
  const api = url.startsWith("/api/");
  const person = await freshPerson();
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
