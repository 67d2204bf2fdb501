import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { capacityFor } from "./service.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser) {
  const client = testApp.client();
  await client.signInBrowser(user.email, TEST_PASSWORD);
  return client;
}

describe("a key worker's caseload", () => {
  it("lists their people, longest without contact first, with engagement and last contact", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    await createPerson(db, tenant, { givenName: "Recent", familyName: "Contact", members: [{ user: worker, role: "lead" }], lastContactDaysAgo: 1 });
    await createPerson(db, tenant, { givenName: "Long", familyName: "Time", members: [{ user: worker, role: "lead" }], lastContactDaysAgo: 40 });
    await createPerson(db, tenant, { givenName: "Never", familyName: "Seen", members: [{ user: worker, role: "lead" }] });
    const page = textOf(await (await (await browserAs(worker)).get("/caseload")).text());
    expect(page).toContain("3 people: lead worker for 3, co-worker for 0.");
    const order = ["Never Seen", "Long Time", "Recent Contact"].map((name) => page.indexOf(name));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page).toContain("Not seen yet");
    expect(page).toContain("No contact for 40 days (aim: every 14 days)");
    expect(page).toContain("(yesterday)");
    expect(page).toContain("Nothing pressing");
  });

  it("shows a helpful empty state", async () => {
    const tenant = await createTenant(testApp.database.db);
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    const page = textOf(await (await (await browserAs(worker)).get("/caseload")).text());
    expect(page).toContain("Nobody is on your caseload yet");
  });
});

describe("the manager's team view", () => {
  it("shows each worker's caseload size against capacity scaled by keyworking hours", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const manager = await createUser(db, tenant, { roles: ["manager"] });
    const fullTime = await createUser(db, tenant, { roles: ["key-worker"], name: "Full Timer", keyworkingHours: 37 });
    const partTime = await createUser(db, tenant, { roles: ["key-worker"], name: "Part Timer", keyworkingHours: 15 });
    await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Other Teamer" });
    await createPerson(db, tenant, { members: [{ user: fullTime, role: "lead" }] });
    await createPerson(db, tenant, { members: [{ user: fullTime, role: "lead" }, { user: partTime, role: "co-worker" }] });
    const client = testApp.client();
    await client.signInApi(manager.email, TEST_PASSWORD);
    const { status, body } = await client.getJson<{ target: number; items: Array<{ name: string; leadCount: number; coWorkerCount: number; capacity: number }> }>("/api/v1/team/caseloads");
    expect(status).toBe(200);
    expect(body.target).toBe(20);
    expect(body.items.map((item) => item.name)).toEqual(["Full Timer", "Part Timer"]);
    expect(body.items[0]).toMatchObject({ leadCount: 2, coWorkerCount: 0, capacity: 20 });
    expect(body.items[1]).toMatchObject({ leadCount: 0, coWorkerCount: 1, capacity: 8 });
    const page = textOf(await (await (await browserAs(manager)).get("/team")).text());
    expect(page).toContain("Full Timer");
    expect(page).not.toContain("Other Teamer");
  });

  it("lets a manager open a worker's caseload in their team, and no other", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const manager = await createUser(db, tenant, { roles: ["manager"] });
    const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Team Member" });
    const elsewhere = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
    await createPerson(db, tenant, { givenName: "Caseload", familyName: "Person", members: [{ user: worker, role: "lead" }] });
    const client = await browserAs(manager);
    const page = await client.get(`/caseload?worker=${worker.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(textOf(html)).toContain("Caseload Person");
    expect(textOf(html)).toContain("Change lead worker");
    expect((await client.get(`/caseload?worker=${elsewhere.id}`)).status).toBe(404);
  });

  it("is refused to key workers", async () => {
    const tenant = await createTenant(testApp.database.db);
    const worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
    const client = testApp.client();
    await client.signInApi(worker.email, TEST_PASSWORD);
    expect((await client.getJson("/api/v1/team/caseloads")).status).toBe(403);
    const browser = await browserAs(worker);
    expect((await browser.get(`/caseload?worker=${worker.id}`)).status).toBe(200);
  });
});

describe("capacity", () => {
  it("scales the target of 20 by protected keyworking hours", () => {
    expect(capacityFor(null)).toBe(20);
    expect(capacityFor(37.5)).toBe(20);
    expect(capacityFor(45)).toBe(20);
    expect(capacityFor(18.75)).toBe(10);
    expect(capacityFor(0)).toBe(1);
  });
});
