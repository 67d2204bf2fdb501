import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { apiErrorSchema } from "../../src/platform/http/api.ts";
import { todayIso } from "../../src/platform/http/validation.ts";
import { startTestApp } from "../support/app.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD } from "../support/factories.ts";
import type { HttpClient } from "../support/http.ts";
import { bodyEndpoints, fieldNames, freeTextFields, sampleValue, type BodyEndpoint, type OpenApiDocument } from "./api-endpoints.ts";
import { describeBody, FUZZ_RUNS, hostileBody, seedFor } from "./hostile.ts";
import { changedTables, fingerprint, fingerprintedTables, type Fingerprint } from "./tenant-snapshot.ts";

/**
 * Property-based fuzzing of every JSON endpoint with a body (issue #7). The endpoints are read from
 * the running app — its registered routes and its OpenAPI document — so a new endpoint is fuzzed
 * without being listed here. Each is sent hostile bodies built from a plausible one (see
 * hostile.ts) by a user who may use it, and must answer:
 *  - never a 5xx;
 *  - a 4xx in the API's error shape, `{ error: { status, message, issues? } }`, with the same status;
 *  - after a 4xx, nothing written: the tenant's fingerprint (tenant-snapshot.ts: every table with a
 *    tenant_id, row count and md5 of the rows) is what it was before the request. The test's tenant
 *    is its own, so nothing else writes to it meanwhile.
 * A 2xx is allowed (hostile text that fits is stored as text); what is stored is then the new
 * baseline for the next request.
 */

// Built while the file is collected, so that each endpoint found is a test of its own.
const testApp = await startTestApp();
afterAll(async () => {
  await testApp.close();
});
const { db } = testApp.database;
const tenant = await createTenant(db);
const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Fuzz Worker" });
const manager = await createUser(db, tenant, { roles: ["manager"], name: "Fuzz Manager" });
const registerOwner = await createUser(db, tenant, { roles: ["register-owner"], partner: true, name: "Fuzz Register Owner" });
const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Fuzz Outsider" });
const person = await createPerson(db, tenant, { givenName: "Fuzz", familyName: "Target", members: [{ user: worker, role: "lead" }] });

async function signedIn(email: string): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInApi(email, TEST_PASSWORD);
  return client;
}
const clients = {
  anonymous: testApp.client(),
  worker: await signedIn(worker.email),
  manager: await signedIn(manager.email),
  registerOwner: await signedIn(registerOwner.email),
  outsider: await signedIn(outsider.email),
};

/** Who sends an endpoint's bodies: someone who may use it, so that what passes validation goes on to the database. */
function clientFor(endpoint: BodyEndpoint): HttpClient {
  if (endpoint.access === "public") return clients.anonymous;
  if (endpoint.url.startsWith("/api/v1/register")) return clients.registerOwner;
  if (endpoint.url.startsWith("/api/v1/break-glass")) return clients.outsider;
  if (/\/(decision|allocation|acknowledgement)$/.test(endpoint.url)) return clients.manager;
  return clients.worker;
}

async function created(client: HttpClient, path: string, body: unknown): Promise<string> {
  const { status, body: answer } = await client.sendJson<{ id: string }>("POST", path, body);
  if (status !== 201) throw new Error(`setting up: POST ${path} answered ${status}: ${JSON.stringify(answer)}`);
  return answer.id;
}

// Real records for the endpoints' path parameters and id fields; a stand-in id for anything else.
const STAND_IN = "0190a000-0000-7000-8000-000000000000";
const base = `/api/v1/people/${person.id}`;
const goalId = await created(clients.worker, `${base}/goals`, { description: "I want my own flat" });
const ids: Record<string, string> = {
  standIn: STAND_IN,
  id: person.id,
  personId: person.id,
  goalId,
  actionId: await created(clients.worker, `${base}/actions`, { description: "Book the housing appointment", dueDate: todayIso(), ownerOrganisationId: tenant.serviceOrganisationId }),
  contactId: await created(clients.worker, `${base}/contacts`, { type: "phone", note: "First call" }),
  consentId: await created(clients.worker, `${base}/consents`, { type: "work-with-service", howGiven: "verbal" }),
  riskId: await created(clients.worker, `${base}/risks`, { category: "to-workers", level: "high", description: "Shouts at staff" }),
  spendId: await created(clients.worker, `${base}/budget/spends`, { amountPence: 500, category: "food-essentials", goalId }),
  entryId: await created(clients.registerOwner, "/api/v1/register", { givenName: "Fuzz", familyName: "Register", rating: "amber" }),
  // The person's own names, so that a break-glass request can match them.
  givenName: person.givenName,
  familyName: person.familyName,
  ownerOrganisationId: tenant.serviceOrganisationId,
  organisationId: tenant.partnerOrganisationId,
  userId: worker.id,
  leadWorkerId: worker.id,
  workerId: worker.id,
  ownerUserId: worker.id,
};

const openApi = (await clients.anonymous.getJson<OpenApiDocument>("/openapi.json")).body;
const endpoints = bodyEndpoints(testApp.app, openApi);

function concretePath(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_match, name: string) => ids[name] ?? STAND_IN);
}

/** Status counts per endpoint, printed at the end: what the fuzzing reached. */
const seen = new Map<string, Map<number, number>>();
afterAll(() => {
  const lines = [...seen].map(([key, statuses]) => `${key}: ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}x${count}`).join(" ")}`);
  console.log(`Fuzzed ${seen.size} endpoints, ${FUZZ_RUNS} bodies each:\n${lines.join("\n")}`);
});

describe("the endpoints to fuzz", () => {
  it("are every API route with a JSON body, and every API route is in the OpenAPI document", () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(20);
    const documented = new Set(Object.entries(openApi.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)));
    const undocumented = testApp.app
      .registeredRoutes()
      .filter((route) => route.url.startsWith("/api/v1/"))
      .map((route) => `${route.method} ${route.url.replace(/:([A-Za-z]+)/g, "{$1}")}`)
      .filter((key) => !documented.has(key));
    // A route outside the registry would be neither documented nor fuzzed.
    expect(undocumented).toEqual([]);
  });

  it("leave the tenant's fingerprint covering every table with a tenant", async () => {
    expect((await fingerprintedTables(db)).length).toBeGreaterThanOrEqual(30);
  });
});

describe("hostile JSON bodies", () => {
  let last: Fingerprint | undefined;

  for (const endpoint of endpoints) {
    it(`${endpoint.key}: never a 5xx, a 4xx in the error shape, nothing written on a 4xx`, { timeout: 60_000 }, async () => {
      const client = clientFor(endpoint);
      const path = concretePath(endpoint.url);
      const sampled = sampleValue(endpoint.schema, "body", ids);
      const baseline = sampled !== null && typeof sampled === "object" && !Array.isArray(sampled) ? (sampled as Record<string, unknown>) : {};
      const statuses = new Map<number, number>();
      seen.set(endpoint.key, statuses);
      last = undefined;

      const property = fc.asyncProperty(hostileBody(baseline, fieldNames(endpoint.schema), freeTextFields(endpoint.schema)), async (body) => {
        const before = last ?? (await fingerprint(db, tenant.tenantId));
        last = undefined;
        const response = await client.request(endpoint.method, path, { body: JSON.stringify(body), headers: { "content-type": "application/json" } });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const sent = `${endpoint.method} ${path} with ${describeBody(body)}`;
        if (response.status >= 500) throw new Error(`${response.status} for ${sent}: ${text.slice(0, 300)}`);
        if (response.status < 400) return;
        let answer: unknown;
        try {
          answer = JSON.parse(text);
        } catch {
          throw new Error(`${response.status} that is not JSON for ${sent}: ${text.slice(0, 200)}`);
        }
        const shape = apiErrorSchema.safeParse(answer);
        if (!shape.success || shape.data.error.status !== response.status || shape.data.error.message.length === 0) {
          throw new Error(`${response.status} not in the API's error shape for ${sent}: ${text.slice(0, 300)}`);
        }
        const after = await fingerprint(db, tenant.tenantId);
        const changed = changedTables(before, after);
        if (changed.length > 0) throw new Error(`${response.status} for ${sent}, yet it wrote: ${changed.join("; ")}`);
        last = after;
      });
      const details = await fc.check(property, { numRuns: FUZZ_RUNS, seed: seedFor(endpoint.key), endOnFailure: true });
      if (details.failed) {
        const reason = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`${endpoint.key} failed on run ${details.numRuns} (seed ${details.seed}, path ${details.counterexamplePath}): ${reason}`);
      }
    });
  }
});
