import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { textOf } from "../../test/support/http.ts";
import { demoPeople } from "../demo/people.ts";
import { demoEmail, seedDemo } from "../demo/seed.ts";
import { queryRows } from "../platform/database/query.ts";

const PASSWORD = DEMO_TEST_PASSWORD;
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

describe("demo contacts and appointments", () => {
  it("gives Sam and Priya appointments in the coming week, in their diaries", async () => {
    for (const [key, expected] of [["worker", "Dean Holloway"], ["coworker", "Shabana Akhtar"]] as const) {
      const client = testApp.client();
      expect((await client.signInBrowser(demoEmail(key), PASSWORD)).status).toBe(303);
      const diary = textOf(await (await client.get("/diary")).text());
      expect(diary).toContain(expected);
      expect(diary).not.toContain("You have no appointments");
    }
  });

  it("has notes, places and purposes, with crisis contacts in the last fortnight", async () => {
    const rows = await queryRows<{ purpose: string | null; note: string | null; occurred_at: Date | string; revisions: number }>(
      testApp.database.db,
      sql`SELECT contacts.purpose, contacts.note, contacts.occurred_at,
            (SELECT count(*)::int FROM contact_revisions revision WHERE revision.contact_id = contacts.id) AS revisions
          FROM contacts JOIN tenants ON tenants.id = contacts.tenant_id
          WHERE tenants.name LIKE 'Northmoor%' AND contacts.note IS NOT NULL`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.every((row) => row.revisions === 1)).toBe(true);
    const crises = rows.filter((row) => row.purpose === "crisis" && Date.now() - new Date(row.occurred_at).getTime() < 14 * 86_400_000);
    expect(crises.length).toBeGreaterThanOrEqual(2);
  });

  it("leaves everyone's last contact where the core demo put it", async () => {
    // The core demo's contacts have no note; every contact this loader adds has one.
    const latest = await queryRows<{ given_name: string; note: string | null }>(
      testApp.database.db,
      sql`SELECT DISTINCT ON (people.id) people.given_name, contacts.note
          FROM people JOIN tenants ON tenants.id = people.tenant_id
          JOIN contacts ON contacts.tenant_id = people.tenant_id AND contacts.person_id = people.id
          WHERE tenants.name LIKE 'Northmoor%'
          ORDER BY people.id, contacts.occurred_at DESC`,
    );
    expect(latest.length).toBe(demoPeople.filter((person) => person.lastContactDaysAgo !== null).length);
    expect(latest.filter((row) => row.note !== null).map((row) => row.given_name)).toEqual([]);
  });
});
