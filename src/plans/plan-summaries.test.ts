import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { isoDaysFromToday } from "../../test/support/chronology.ts";
import { TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { planScene, type PlanScene } from "../../test/support/plans.ts";
import { addMonths } from "../platform/clock.ts";
import { formatIsoDate } from "../platform/views/format.ts";

/** The plan where others show it: the handover summary and the person's overview. */

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function as(user: TestUser, kind: "browser" | "api") {
  const client = testApp.client();
  if (kind === "api") await client.signInApi(user.email, TEST_PASSWORD);
  else await client.signInBrowser(user.email, TEST_PASSWORD);
  return client;
}

async function plan(scene: PlanScene) {
  const api = await as(scene.worker, "api");
  const goal = (await api.sendJson<{ id: string }>("POST", `/api/v1/people/${scene.person.id}/goals`, { description: "Keep my flat" })).body;
  const ended = (await api.sendJson<{ id: string }>("POST", `/api/v1/people/${scene.person.id}/goals`, { description: "Get a bus pass" })).body;
  await api.sendJson("PATCH", `/api/v1/goals/${ended.id}`, { status: "achieved", version: 1 });
  await api.sendJson("POST", `/api/v1/goals/${goal.id}/progress`, { note: "Paid rent on time", rating: 8 });
  const add = (description: string, ownerOrganisationId: string) =>
    api.sendJson<{ id: string }>("POST", `/api/v1/people/${scene.person.id}/actions`, { description, dueDate: isoDaysFromToday(4), ownerOrganisationId, ...(description.includes("rent") ? { ownerUserId: scene.partner.id } : {}) });
  await add("Set up direct payment of rent", scene.tenant.partnerOrganisationId);
  const done = (await add("Book the boiler service", scene.tenant.serviceOrganisationId)).body;
  await api.sendJson("PATCH", `/api/v1/actions/${done.id}`, { status: "done", version: 1 });
}

describe("the plan on the handover summary", () => {
  it("lists the goals being worked on, open actions with owners and due dates, and the next review", async () => {
    const scene = await planScene(testApp.database.db);
    await plan(scene);
    const response = await (await as(scene.worker, "browser")).get(`/people/${scene.person.id}/handover`);
    expect(response.status).toBe(200);
    const text = textOf(await response.text());
    expect(text).toContain("The plan");
    expect(text).toContain("Keep my flat (latest: 8 out of 10)");
    expect(text).not.toContain("Get a bus pass");
    expect(text).toContain(`Set up direct payment of rent – Marcus Bell, Test housing association, due ${formatIsoDate(isoDaysFromToday(4))}`);
    expect(text).not.toContain("Book the boiler service");
    expect(text).toContain(`Next plan review by ${formatIsoDate(addMonths(isoDaysFromToday(0), 3))}`);
  });
});

describe("the plan on the person's overview", () => {
  it("gives the plan in numbers to those who see it, and nothing to a peer mentor", async () => {
    const scene = await planScene(testApp.database.db);
    await plan(scene);
    const worker = textOf(await (await (await as(scene.worker, "browser")).get(`/people/${scene.person.id}`)).text());
    expect(worker).toContain("1 goal being worked on; 1 open action.");
    const partner = textOf(await (await (await as(scene.partner, "browser")).get(`/people/${scene.person.id}`)).text());
    expect(partner).toContain("Your organisation's actions: 1 open action.");
    const mentor = textOf(await (await (await as(scene.peerMentor, "browser")).get(`/people/${scene.person.id}`)).text());
    expect(mentor).not.toContain("open action");
  });
});
