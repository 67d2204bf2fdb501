import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";
import { demoEmail, seedDemo } from "../demo/seed.ts";
import { ensureDefaultScale } from "./service.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, DEMO_TEST_PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

async function demoPerson(givenName: string, familyName: string): Promise<{ id: string; tenantId: string }> {
  const [row] = await queryRows<{ id: string; tenant_id: string }>(
    testApp.database.db,
    sql`SELECT people.id, people.tenant_id FROM people JOIN tenants ON tenants.id = people.tenant_id WHERE tenants.name LIKE 'Northmoor%' AND given_name = ${givenName} AND family_name = ${familyName}`,
  );
  if (!row) throw new Error(`no demo person ${givenName} ${familyName}`);
  return { id: row.id, tenantId: row.tenant_id };
}

interface ApiOutcomes {
  readings: Array<{ takenOn: string }>;
  distanceTravelled: Array<{ domainKey: string; first: number | null; latest: number | null; change: number | null }>;
}

describe("the demo outcomes", () => {
  it("gives Dean Holloway six months of readings with real distance travelled, on the one default scale", async () => {
    const dean = await demoPerson("Dean", "Holloway");
    const client = testApp.client();
    await client.signInApi(demoEmail("worker"), DEMO_TEST_PASSWORD);
    const { status, body } = await client.getJson<ApiOutcomes>(paths.api.personOutcomes(dean.id));
    expect(status).toBe(200);
    expect(body.readings).toHaveLength(4);
    expect(body.distanceTravelled.find((row) => row.domainKey === "somewhere-to-live")).toMatchObject({ first: 2, latest: 4, change: 2 });
    expect(body.distanceTravelled.filter((row) => (row.change ?? 0) > 0).length).toBe(8);

    const before = await ensureDefaultScale(testApp.database.db, dean.tenantId);
    const again = await ensureDefaultScale(testApp.database.db, dean.tenantId);
    expect(again.id).toBe(before.id);
    const [count] = await queryRows<{ scales: number }>(testApp.database.db, sql`SELECT count(*)::int AS scales FROM outcome_scales WHERE tenant_id = ${dean.tenantId}`);
    expect(count?.scales).toBe(1);
  });

  it("puts the distance travelled on the handover summary, and says so when there are no readings", async () => {
    const dean = await demoPerson("Dean", "Holloway");
    const client = testApp.client();
    await client.signInBrowser(demoEmail("worker"), DEMO_TEST_PASSWORD);
    const page = textOf(await (await client.get(paths.people.handover(dean.id))).text());
    expect(page).toContain("4 readings, the latest on");
    expect(page).toContain("8 of 8 areas have improved");
    const [unread] = await queryRows<{ id: string }>(
      testApp.database.db,
      sql`SELECT people.id FROM people JOIN care_team_members member ON member.person_id = people.id AND member.role = 'lead'
          JOIN users ON users.id = member.user_id AND users.email = ${demoEmail("worker")}
          WHERE NOT EXISTS (SELECT 1 FROM outcome_readings reading WHERE reading.person_id = people.id) LIMIT 1`,
    );
    if (!unread) throw new Error("every demo person of the worker has readings");
    expect(textOf(await (await client.get(paths.people.handover(unread.id))).text())).toContain("No outcome readings have been recorded yet.");
  });
});
