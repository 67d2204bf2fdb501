import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import type { EntryJson } from "../../test/support/register.ts";
import { queryRows } from "../platform/database/query.ts";
import { demoEmail, seedDemo } from "../demo/seed.ts";
import type { DemoUserKey } from "../demo/types.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, DEMO_TEST_PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

async function signedIn(key: DemoUserKey, api: boolean) {
  const client = testApp.client();
  if (api) await client.signInApi(demoEmail(key), DEMO_TEST_PASSWORD);
  else await client.signInBrowser(demoEmail(key), DEMO_TEST_PASSWORD);
  return client;
}

describe("the demo register", () => {
  it("holds the children's service's young people, two of them in hospital, with stays that have ended", async () => {
    const owner = await signedIn("register-owner", true);
    const { status, body } = await owner.getJson<{ items: EntryJson[]; counts: Record<string, number> }>("/api/v1/register");
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ total: 12, blue: 2, inpatients: 2, reviewsOverdue: 2 });
    expect(body.counts.completedStays).toBeGreaterThanOrEqual(3);
    expect(body.counts.averageLengthOfStayDays).toBeGreaterThan(30);
    expect(body.counts.averageLengthOfStayDays).toBeLessThan(155);
    const ethan = body.items.find((item) => item.givenName === "Ethan");
    expect(ethan).toMatchObject({ rating: "blue", inpatient: { setting: expect.stringContaining("Oakwood") } });
    const detail = await owner.getJson<EntryJson>(`/api/v1/register/${ethan?.id}`);
    expect(detail.body.ratings?.map((rating) => rating.rating).reverse()).toEqual(["amber", "amber-red", "red", "blue", "blue"]);
    expect(detail.body.episodes?.[0]?.lengthOfStayDays).toBe(77);
    const jade = body.items.find((item) => item.givenName === "Jade");
    expect(jade).toMatchObject({ personId: null, rating: "amber-red" });
  });

  it("asks the children's manager to take on the young people the service does not know yet", async () => {
    const manager = await signedIn("children-manager", false);
    const page = textOf(await (await manager.get("/register")).text());
    const panel = page.split("Needs taking on")[1]?.split("Entries")[0] ?? "";
    for (const name of ["Amira Khalil", "Tyler Brooks", "Jade Okonkwo"]) expect(panel).toContain(`Take on ${name}`);
    expect(panel).not.toContain("Riley Shaw");
    const prompts = await queryRows<{ message: string }>(
      testApp.database.db,
      sql`SELECT message FROM notifications WHERE kind = 'register-take-on' AND user_id = (SELECT id FROM users WHERE email = ${demoEmail("children-manager")}) ORDER BY message`,
    );
    expect(prompts.map((row) => row.message)).toEqual([
      "A young person on the register is now rated amber-red: consider taking them on",
      "A young person on the register is now rated amber-red: consider taking them on",
      "A young person on the register is now rated red: consider taking them on",
    ]);
  });

  it("shows the register line on a young person's overview to their key worker", async () => {
    const worker = await signedIn("other", true);
    const { body } = await worker.getJson<{ items: Array<{ id: string; givenName: string }> }>("/api/v1/people");
    const oliver = body.items.find((item) => item.givenName === "Oliver");
    const page = textOf(await (await (await signedIn("other", false)).get(`/people/${oliver?.id}`)).text());
    expect(page).toMatch(/On the dynamic support register: Amber-red – reviewed by Sarah Lomas, next review/);
  });
});
