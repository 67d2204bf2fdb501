import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { seedScale, type SeedScaleSummary } from "./seed-scale.ts";
import { buildWorld } from "./seed-scale-world.ts";

/**
 * A small city (200 people) through the same COPY path as the 100,000-person one, into the test
 * database: every constraint, foreign key and check of the migrations holds, the distributions look
 * like the real thing, and a generated worker can sign in and use the pages.
 */

const PEOPLE = 200;
const suffix = randomUUID().slice(0, 8);
let testApp: TestApp;
let summary: SeedScaleSummary;

beforeAll(async () => {
  testApp = await startTestApp();
  const seeded = await seedScale(testApp.database, { people: PEOPLE, seed: 7, tenantName: `City scale test ${suffix}`, emailDomain: `scale-${suffix}.test`, password: "scale-test-password" });
  if (!seeded) throw new Error("the tenant was already there");
  summary = seeded;
});

afterAll(async () => {
  await testApp.close();
});

async function perPerson(table: string): Promise<number[]> {
  const rows = await queryRows<{ count: number }>(testApp.database.db, sql`
    SELECT count(t.id)::int AS count FROM people p LEFT JOIN ${sql.identifier(table)} t ON t.tenant_id = p.tenant_id AND t.person_id = p.id
    WHERE p.tenant_id = ${summary.tenantId} GROUP BY p.id ORDER BY count`);
  return rows.map((row) => row.count);
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe("keywork seed-scale", () => {
  it("loads what it counted, in proportion to the people", async () => {
    const [people] = await queryRows<{ count: number }>(testApp.database.db, sql`SELECT count(*)::int AS count FROM people WHERE tenant_id = ${summary.tenantId}`);
    expect(people?.count).toBe(PEOPLE);
    expect(summary.rows.people).toBe(PEOPLE);
    expect(summary.rows.plans).toBe(PEOPLE);
    expect(summary.rows.person_revisions).toBe(PEOPLE);
    expect((summary.rows.contacts ?? 0) / PEOPLE).toBeGreaterThan(35);
    expect((summary.rows.contacts ?? 0) / PEOPLE).toBeLessThan(70);
    expect((summary.rows.plan_actions ?? 0) / PEOPLE).toBeGreaterThan(7);
    expect((summary.rows.plan_actions ?? 0) / PEOPLE).toBeLessThan(14);
    expect((summary.rows.consents ?? 0) / PEOPLE).toBeGreaterThan(2.3);
    expect((summary.rows.consents ?? 0) / PEOPLE).toBeLessThan(3.7);
    expect(summary.rows.referrals).toBeGreaterThan(0);
    expect(summary.rows.chronology_events).toBeGreaterThan(PEOPLE * 10);
  });

  it("skews contacts: most people have tens, a few many more", async () => {
    const counts = await perPerson("contacts");
    const median = counts[Math.floor(counts.length / 2)] ?? 0;
    expect(median).toBeGreaterThanOrEqual(15);
    expect(median).toBeLessThan(80);
    expect(counts[counts.length - 1]).toBeGreaterThan(median * 3);
    expect(mean(counts)).toBeGreaterThan(median);
  });

  it("gives key workers caseloads of about 20 to 60 and leaves plenty overdue, owned by many organisations", async () => {
    expect(summary.caseloads.median).toBeGreaterThanOrEqual(20);
    expect(summary.caseloads.median).toBeLessThanOrEqual(60);
    const [overdue] = await queryRows<{ actions: number; owners: number; open: number }>(testApp.database.db, sql`
      SELECT count(*) FILTER (WHERE status = 'open' AND due_on < current_date)::int AS actions,
        count(DISTINCT owner_organisation_id) FILTER (WHERE status = 'open' AND due_on < current_date)::int AS owners,
        count(*) FILTER (WHERE status = 'open')::int AS open
      FROM plan_actions WHERE tenant_id = ${summary.tenantId}`);
    expect(overdue?.actions).toBeGreaterThan((summary.rows.plan_actions ?? 0) * 0.05);
    expect(overdue?.owners).toBeGreaterThan(3);
    expect(overdue?.open).toBeLessThan((summary.rows.plan_actions ?? 0) * 0.6);
    const [leads] = await queryRows<{ without: number }>(testApp.database.db, sql`
      SELECT count(*)::int AS without FROM people p WHERE p.tenant_id = ${summary.tenantId}
        AND NOT EXISTS (SELECT 1 FROM care_team_members m WHERE m.tenant_id = p.tenant_id AND m.person_id = p.id AND m.role = 'lead')`);
    expect(leads?.without).toBe(0);
  });

  it("makes the same city from the same seed", () => {
    const options = { people: 50, seed: 3, tenantName: "same", emailDomain: "same.test", passwordHash: "x", now: Date.UTC(2026, 0, 1) };
    const first = buildWorld(options);
    const second = buildWorld(options);
    expect(second.people.map((person) => person.id)).toEqual(first.people.map((person) => person.id));
    expect(second.users.map((user) => user.email)).toEqual(first.users.map((user) => user.email));
    expect(buildWorld({ ...options, seed: 4 }).people[0]?.id).not.toBe(first.people[0]?.id);
  });

  it("lets a generated key worker sign in and see their caseload, a person and the overdue actions", async () => {
    const client = testApp.client();
    await client.signInBrowser(summary.worker.email, "scale-test-password");
    const caseload = await client.get(paths.caseload());
    expect(caseload.status).toBe(200);
    const page = await caseload.text();
    const personId = /\/people\/([0-9a-f-]{36})/.exec(page)?.[1];
    expect(personId).toBeDefined();
    expect((await client.get(paths.people.show(personId ?? ""))).status).toBe(200);
    expect((await client.get(paths.people.chronology(personId ?? ""))).status).toBe(200);
    expect((await client.get(paths.actions.byAgency({ status: "overdue" }))).status).toBe(200);
  });
});
