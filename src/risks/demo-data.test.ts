import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { queryRows } from "../platform/database/query.ts";
import { loadChronologyDemo } from "../chronology/demo.ts";
import { demoPeople } from "../demo/people.ts";
import type { DemoContext, DemoUserKey } from "../demo/types.ts";
import { loadRisksDemo } from "./demo.ts";

let testApp: TestApp;
let tenant: TestTenant;
let worker: TestUser;
let peerMentor: TestUser;
const ids = new Map<string, string>();

/**
 * Runs the chronology and risks demo loaders over the demo's people, made in a tenant of this
 * test's own (the whole demo is loaded once per database by src/demo's test). Every person is led
 * by one worker here, with one peer mentor for those who have one.
 */
beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
  const people: DemoContext["people"] = [];
  for (const demo of demoPeople) {
    const person = await createPerson(db, tenant, {
      team: demo.service === "children" ? "other" : "main",
      givenName: demo.givenName,
      familyName: demo.familyName,
      members: [{ user: worker, role: "lead" }, ...(demo.peerMentor ? [{ user: peerMentor, role: "peer-mentor" as const }] : [])],
    });
    ids.set(demo.key, person.id);
    people.push({ id: person.id, demo });
  }
  const userIds = new Proxy({} as Record<DemoUserKey, string>, { get: () => worker.id });
  const context: DemoContext = { tenantId: tenant.tenantId, now: new Date(), userIds, organisationIds: {}, people };
  await db.transaction(async (tx) => {
    await loadChronologyDemo(tx, context);
    await loadRisksDemo(tx, context);
  });
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser) {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

describe("the demo's risks and significant events", () => {
  it("give the worker a lone-working risk overdue for review, and Gary's crisis on his chronology", async () => {
    const gary = ids.get("gary-whitlock") ?? "";
    const client = await browserAs(worker);
    const risks = textOf(await (await client.get(`/people/${gary}/risks`)).text());
    expect(risks).toMatch(/Risks to workers .*Medium risk.*verbally aggressive/);
    expect(risks).toContain("Review overdue");
    const chronology = textOf(await (await client.get(`/people/${gary}/chronology`)).text());
    expect(chronology).toContain("Crisis Found unconscious in his room after drinking");
    expect(chronology).toContain("Risk to workers added (medium)");
  });

  it("have lone-working risks for at least three people, and hospital admissions for the children's service", async () => {
    const [row] = await queryRows<{ to_workers: number; overdue: number; admissions: number }>(
      testApp.database.db,
      sql`SELECT
        (SELECT count(DISTINCT person_id)::int FROM risks WHERE tenant_id = ${tenant.tenantId} AND category = 'to-workers' AND closed_at IS NULL) AS to_workers,
        (SELECT count(*)::int FROM risks WHERE tenant_id = ${tenant.tenantId} AND review_on < CURRENT_DATE) AS overdue,
        (SELECT count(*)::int FROM significant_events events JOIN people ON people.tenant_id = events.tenant_id AND people.id = events.person_id
          WHERE events.tenant_id = ${tenant.tenantId} AND people.team_id = ${tenant.otherTeamId} AND events.kind = 'admitted-to-hospital') AS admissions`,
    );
    expect(row?.to_workers).toBeGreaterThanOrEqual(3);
    expect(row?.overdue).toBe(1);
    expect(row?.admissions).toBeGreaterThanOrEqual(2);
  });

  it("show the peer mentor only the risk to workers for their mentee", async () => {
    const shabana = ids.get("shabana-akhtar") ?? "";
    const text = textOf(await (await (await browserAs(peerMentor)).get(`/people/${shabana}/risks`)).text());
    expect(text).toContain("followed professionals before");
    expect(text).not.toContain("MARAC");
  });
});
