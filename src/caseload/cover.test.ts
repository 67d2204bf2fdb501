import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { newId } from "../platform/database/ids.ts";
import { todayIso } from "../platform/http/validation.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

function dayOffset(days: number): string {
  const date = new Date(`${todayIso()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function setting() {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const manager = await createUser(db, tenant, { roles: ["manager"] });
  const absent = await createUser(db, tenant, { roles: ["key-worker"], name: "Away Worker" });
  const covering = await createUser(db, tenant, { roles: ["key-worker"], name: "Cover Worker" });
  const person = await createPerson(db, tenant, { givenName: "Covered", familyName: "Person", members: [{ user: absent, role: "lead" }] });
  return { tenant, manager, absent, covering, person };
}

async function insertCover(tenantId: string, absent: TestUser, covering: TestUser, startsOn: string, endsOn: string) {
  await testApp.database.db.execute(sql`INSERT INTO covers (id, tenant_id, absent_user_id, covering_user_id, starts_on, ends_on, handover_note)
    VALUES (${newId()}, ${tenantId}, ${absent.id}, ${covering.id}, ${startsOn}, ${endsOn}, 'Check on Covered first: court on Thursday')`);
}

async function apiAs(user: TestUser) {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

describe("cover for an absence", () => {
  it("gives the covering worker the absent worker's people from the first day to the last, and not outside it", async () => {
    const cases = [
      { starts: 1, ends: 5, visible: false },
      { starts: -5, ends: -1, visible: false },
      { starts: 0, ends: 0, visible: true },
      { starts: -3, ends: 3, visible: true },
    ];
    for (const example of cases) {
      const { tenant, absent, covering, person } = await setting();
      await insertCover(tenant.tenantId, absent, covering, dayOffset(example.starts), dayOffset(example.ends));
      const client = await apiAs(covering);
      const { status } = await client.getJson(`/api/v1/people/${person.id}`);
      expect(status, JSON.stringify(example)).toBe(example.visible ? 200 : 404);
      const caseload = await client.getJson<{ items: Array<{ id: string; careTeamRole: string }> }>("/api/v1/people");
      expect(caseload.body.items.some((item) => item.id === person.id && item.careTeamRole === "covering"), JSON.stringify(example)).toBe(example.visible);
    }
  });

  it("shows the covering worker the handover note on their caseload and lets them record the work", async () => {
    const { tenant, absent, covering, person } = await setting();
    await insertCover(tenant.tenantId, absent, covering, dayOffset(0), dayOffset(7));
    const browser = testApp.client();
    await browser.signInBrowser(covering.email, TEST_PASSWORD);
    const page = textOf(await (await browser.get("/caseload")).text());
    expect(page).toContain("You are covering for Away Worker until");
    expect(page).toContain("Check on Covered first: court on Thursday");
    expect(page).toContain("Covering");
    const api = await apiAs(covering);
    const patched = await api.sendJson("PATCH", `/api/v1/people/${person.id}`, { pronouns: "he/him", version: 1 });
    expect(patched.status).toBe(200);
  });

  it("is arranged by the team's manager with clear messages for mistakes, and can be cancelled", async () => {
    const { tenant, manager, absent, covering, person } = await setting();
    const browser = testApp.client();
    await browser.signInBrowser(manager.email, TEST_PASSWORD);
    const [year, month, day] = dayOffset(0).split("-");
    const [endYear, endMonth, endDay] = dayOffset(-2).split("-");
    const wrong = await browser.submitForm("/team/cover/new", "/team/cover", {
      absentUserId: absent.id,
      coveringUserId: absent.id,
      "startsOn-day": String(Number(day)),
      "startsOn-month": String(Number(month)),
      "startsOn-year": year ?? "",
      "endsOn-day": String(Number(endDay)),
      "endsOn-month": String(Number(endMonth)),
      "endsOn-year": endYear ?? "",
    });
    expect(wrong.status).toBe(400);
    const wrongText = textOf(await wrong.text());
    expect(wrongText).toContain("Select someone other than the person who is away");
    expect(wrongText).toContain("The last day must be on or after the first day");
    const [, month2, day2] = dayOffset(3).split("-");
    const right = await browser.submitForm("/team/cover/new", "/team/cover", {
      absentUserId: absent.id,
      coveringUserId: covering.id,
      "startsOn-day": String(Number(day)),
      "startsOn-month": String(Number(month)),
      "startsOn-year": year ?? "",
      "endsOn-day": String(Number(day2)),
      "endsOn-month": String(Number(month2)),
      "endsOn-year": dayOffset(3).slice(0, 4),
      handoverNote: "Ring the hostel on Monday",
    });
    expect(right.status).toBe(303);
    const list = await (await browser.get("/team/cover")).text();
    expect(textOf(list)).toContain("Cover Worker covering Away Worker");
    expect(textOf(list)).toContain("Covering now");
    expect((await (await apiAs(covering)).getJson(`/api/v1/people/${person.id}`)).status).toBe(200);
    const cancelHref = /href="(\/team\/cover\/[^"]+\/cancel\?version=\d+)"/.exec(list)?.[1] ?? "";
    const cancelPage = await browser.get(cancelHref.replace(/&amp;/g, "&"));
    const token = /name="_csrf" value="([^"]+)"/.exec(await cancelPage.text())?.[1] ?? "";
    const cancelled = await browser.request("POST", cancelHref.split("?")[0] ?? "", { form: { _csrf: token, version: "1" } });
    expect(cancelled.status).toBe(303);
    expect((await (await apiAs(covering)).getJson(`/api/v1/people/${person.id}`)).status).toBe(404);
    void tenant;
  });

  it("cannot be arranged with a worker from another team", async () => {
    const { tenant, manager, absent } = await setting();
    const elsewhere = await createUser(testApp.database.db, tenant, { roles: ["key-worker"], team: "other" });
    const browser = testApp.client();
    await browser.signInBrowser(manager.email, TEST_PASSWORD);
    const [year, month, day] = dayOffset(1).split("-");
    const response = await browser.submitForm("/team/cover/new", "/team/cover", {
      absentUserId: absent.id,
      coveringUserId: elsewhere.id,
      "startsOn-day": day ?? "",
      "startsOn-month": month ?? "",
      "startsOn-year": year ?? "",
      "endsOn-day": day ?? "",
      "endsOn-month": month ?? "",
      "endsOn-year": year ?? "",
    });
    expect(response.status).toBe(400);
    expect(textOf(await response.text())).toContain("Select a worker in your team");
  });
});
