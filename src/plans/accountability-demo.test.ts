import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
import { systemClock } from "../platform/clock.ts";
import { queryRows } from "../platform/database/query.ts";
import { demoEmail, seedDemo } from "../demo/seed.ts";
import type { DemoUserKey } from "../demo/types.ts";
import { runActionEscalation } from "./escalation.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, DEMO_TEST_PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(key: DemoUserKey): Promise<HttpClient> {
  const client = testApp.client();
  expect((await client.signInBrowser(demoEmail(key), DEMO_TEST_PASSWORD)).status).toBe(303);
  return client;
}

describe("accountability in the demo partnership", () => {
  it("gives Sam a chase list with a chasing message, and Helen the team's view with each key worker", async () => {
    const worker = await browserAs("worker");
    const chase = await (await worker.get("/actions/chase")).text();
    expect(textOf(chase)).toMatch(/\d+ actions? to chase with \d+ (agency|agencies)/);
    const link = /href="(\/actions\/chase\/[0-9a-f-]{36})"/.exec(chase)?.[1];
    expect(link).toBeDefined();
    const message = textOf(await (await worker.get(link ?? "")).text());
    expect(message).toContain("Dear colleagues at");
    expect(message).toContain("Sam Okafor Service coordinator, Northmoor Together");
    const manager = await browserAs("manager");
    const view = textOf(await (await manager.get("/actions/chase")).text());
    expect(view).toContain("Key worker");
    expect(view).toContain("Sam Okafor");
    expect(textOf(await (await manager.get("/actions")).text())).toMatch(/Open actions by agency/);
  });

  it("raises reminders for the demo's overdue actions on the first sweep, and none on the second", async () => {
    // The demo's own tenant: other test files sharing a PostgreSQL database make overdue actions of their own meanwhile.
    const [demo] = await queryRows<{ tenant_id: string }>(testApp.database.db, sql`SELECT tenant_id FROM users WHERE email = ${demoEmail("worker")}`);
    const only = { tenantId: demo?.tenant_id ?? "" };
    const first = await runActionEscalation(testApp.database.db, systemClock, only);
    expect(first.reminded).toBeGreaterThan(0);
    expect(first.chased).toBeGreaterThan(0);
    const [row] = await queryRows<{ count: number }>(
      testApp.database.db,
      sql`SELECT count(*)::int AS count FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = ${demoEmail("worker")} AND n.kind = 'action-chase'`,
    );
    expect(row?.count).toBeGreaterThan(0);
    expect(await runActionEscalation(testApp.database.db, systemClock, only)).toEqual({ reminded: 0, chased: 0 });
  });
});
