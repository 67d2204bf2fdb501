import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
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

async function apiAs(key: DemoUserKey): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInApi(demoEmail(key), DEMO_TEST_PASSWORD);
  return client;
}

async function browserAs(key: DemoUserKey): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInBrowser(demoEmail(key), DEMO_TEST_PASSWORD);
  return client;
}

interface StuckItem {
  personId: string;
  name: string;
  reasons: Array<{ rule: string; text: string }>;
  lastCaseReviewOn: string | null;
}

describe("the demo's stuck cases and supervision", () => {
  it("finds Mac's crises (with his reflective review), the long unseen and the never seen on the manager's stuck list", async () => {
    const { status, body } = await (await apiAs("manager")).getJson<{ items: StuckItem[] }>("/api/v1/stuck-cases");
    expect(status).toBe(200);
    const byName = new Map(body.items.map((item) => [item.name, item]));
    const mac = byName.get("Mac Reid");
    expect(mac?.reasons.map((reason) => reason.text)).toContain("3 crises in 8 weeks");
    expect(mac?.lastCaseReviewOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(mac?.reasons.map((reason) => reason.rule)).not.toContain("no-goals");
    // 47 days before now, an hour or more earlier in the day: 47 or 48 calendar days.
    expect(byName.get("Jade Whitfield")?.reasons.map((reason) => reason.text).join()).toMatch(/No contact for 4[78] days — aim is every 14 days/);
    expect(byName.get("Adrian Popescu")?.reasons.map((reason) => reason.text).join()).toMatch(/^Not seen since the case opened \d+ days ago/);
    // The children's team is not this manager's.
    expect(byName.has("Connor Walsh")).toBe(false);
  });

  it("gives the psychologist Mac's review, with its refocused goals in his plan", async () => {
    const { body } = await (await apiAs("psychologist")).getJson<{ items: StuckItem[] }>("/api/v1/stuck-cases");
    const mac = body.items.find((item) => item.name === "Mac Reid");
    expect(mac).toBeDefined();
    const client = await browserAs("psychologist");
    const reviews = await (await client.get(`/people/${mac?.personId}/case-reviews`)).text();
    const link = /href="(\/case-reviews\/[^"]+)"/.exec(reviews)?.[1] ?? "";
    const review = textOf(await (await client.get(link)).text());
    expect(review).toContain("Get back to the veterans' walking group");
    expect(review).toContain("Recorded by Dr Tom Reilly");
    const plan = await (await apiAs("psychologist")).getJson(`/api/v1/people/${mac?.personId}/plan`);
    expect(plan.status).toBe(200);
    expect(JSON.stringify(plan.body)).toContain("Get back to the veterans' walking group");
  });

  it("gives Sam the notes of his supervision with Helen and Tom, and Helen only the notes she wrote", async () => {
    const sam = textOf(await (await (await browserAs("worker")).get("/supervision")).text());
    expect(sam).toContain("of 6 notes");
    expect(sam).toContain("Helen Marsh");
    expect(sam).toContain("Dr Tom Reilly");
    const helen = textOf(await (await (await browserAs("manager")).get("/supervision")).text());
    expect(helen).toContain("of 9 notes");
    expect(helen).not.toContain("Jo Whitfield");
  });
});
