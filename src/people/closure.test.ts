import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { queryRows } from "../platform/database/query.ts";
import { sql } from "drizzle-orm";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

const CHECKLIST = ["network", "told", "agencies", "handover"];

async function setting() {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const person = await createPerson(db, tenant, {
    givenName: "Closing",
    familyName: "Time",
    story: "I have my own flat now.",
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
    ],
    lastContactDaysAgo: 2,
  });
  const browser = testApp.client();
  await browser.signInBrowser(worker.email, TEST_PASSWORD);
  return { tenant, worker, partner, person, browser };
}

function closeForm(reason: string, checklist: string[]): string {
  const form = new URLSearchParams({ reason });
  for (const item of checklist) form.append("checklist", item);
  return form.toString();
}

describe("closing a case", () => {
  it("needs a reason and the whole handover checklist, and says so", async () => {
    const { person, browser } = await setting();
    const page = await (await browser.get(`/people/${person.id}/close`)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const response = await browser.request("POST", `/people/${person.id}/close`, {
      body: `_csrf=${encodeURIComponent(token)}&${closeForm("", ["network"])}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(400);
    const text = textOf(await response.text());
    expect(text).toContain("Enter why the case is closing");
    const partial = await browser.request("POST", `/people/${person.id}/close`, {
      body: `_csrf=${encodeURIComponent(token)}&${closeForm("Settled", ["network", "told"])}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(partial.status).toBe(400);
    expect(textOf(await partial.text())).toContain("Confirm every item of the handover checklist before closing");
    const [row] = await queryRows<{ closed_at: Date | null }>(testApp.database.db, sql`SELECT closed_at FROM people WHERE id = ${person.id}`);
    expect(row?.closed_at).toBeNull();
  });

  it("closes with a reason, takes them off the caseload, keeps everything, and re-opens", async () => {
    const { tenant, worker, person, browser } = await setting();
    const page = await (await browser.get(`/people/${person.id}/close`)).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const closed = await browser.request("POST", `/people/${person.id}/close`, {
      body: `_csrf=${encodeURIComponent(token)}&${closeForm("Settled with Housing First and a GP", CHECKLIST)}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(closed.status).toBe(303);
    const api = testApp.client();
    await api.signInApi(worker.email, TEST_PASSWORD);
    const caseload = await api.getJson<{ items: Array<{ id: string }> }>("/api/v1/people");
    expect(caseload.body.items.map((item) => item.id)).not.toContain(person.id);
    const record = await api.getJson<{ closedAt: string | null; story: string }>(`/api/v1/people/${person.id}`);
    expect(record.body.closedAt).not.toBeNull();
    expect(record.body.story).toBe("I have my own flat now.");
    const personPage = textOf(await (await browser.get(`/people/${person.id}`)).text());
    expect(personPage).toContain("Case closed");
    const reopenPage = await (await browser.get(`/people/${person.id}/reopen`)).text();
    const reopened = await browser.request("POST", `/people/${person.id}/reopen`, {
      form: { _csrf: /name="_csrf" value="([^"]+)"/.exec(reopenPage)?.[1] ?? "", reason: "Evicted again; asked us back" },
    });
    expect(reopened.status).toBe(303);
    const back = await api.getJson<{ items: Array<{ id: string }> }>("/api/v1/people");
    expect(back.body.items.map((item) => item.id)).toContain(person.id);
    const actions = (await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id })).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["person.close", "person.reopen"]));
    const events = await queryRows<{ kind: string }>(testApp.database.db, sql`SELECT kind FROM chronology_events WHERE person_id = ${person.id} ORDER BY id`);
    expect(events.map((event) => event.kind)).toEqual(["case-closed", "case-reopened"]);
  });

  it("is not open to a partner professional", async () => {
    const { partner, person } = await setting();
    const browser = testApp.client();
    await browser.signInBrowser(partner.email, TEST_PASSWORD);
    expect((await browser.get(`/people/${person.id}/close`)).status).toBe(403);
  });
});

describe("changes to a person on the chronology", () => {
  it("records engagement changes, story edits and other details as separate lines", async () => {
    const { worker, person } = await setting();
    const api = testApp.client();
    await api.signInApi(worker.email, TEST_PASSWORD);
    await api.sendJson("PATCH", `/api/v1/people/${person.id}`, { engagementStatus: "in-prison", story: "New words", phone: "07700 900111", version: 1 });
    const events = await queryRows<{ kind: string; summary: string; section: string }>(
      testApp.database.db,
      sql`SELECT kind, summary, section FROM chronology_events WHERE person_id = ${person.id} ORDER BY id`,
    );
    expect(events).toEqual([
      { kind: "engagement-changed", summary: "Engagement changed from engaged to in prison", section: "record" },
      { kind: "story-edited", summary: "Their story was updated", section: "story" },
      { kind: "details-changed", summary: "Details updated: phone number", section: "record" },
    ]);
  });
});
