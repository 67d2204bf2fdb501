import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";
import { apiAs, browserAs } from "../../test/support/register.ts";
import type { Db } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

interface Scene {
  tenant: TestTenant;
  /** A key worker of the adults team who is not in the person's team. */
  outsider: TestUser;
  manager: TestUser;
  otherManager: TestUser;
  admin: TestUser;
  /** With the adults team. */
  person: TestPerson;
  /** With the children's team. */
  childrenPerson: TestPerson;
}

async function scene(db: Db): Promise<Scene> {
  const tenant = await createTenant(db);
  const lead = await createUser(db, tenant, { roles: ["key-worker"] });
  const childrenLead = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], name: "Jo Whitfield" });
  const manager = await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" });
  const otherManager = await createUser(db, tenant, { roles: ["manager"], team: "other", name: "Grace Adeyemi" });
  const admin = await createUser(db, tenant, { roles: ["admin"], team: "none" });
  const person = await createPerson(db, tenant, { givenName: "Dean", familyName: "Holloway", members: [{ user: lead, role: "lead" }] });
  const childrenPerson = await createPerson(db, tenant, { team: "other", givenName: "Ethan", familyName: "Marsden", members: [{ user: childrenLead, role: "lead" }] });
  return { tenant, outsider, manager, otherManager, admin, person, childrenPerson };
}

const REASON = "Out of hours call from A&E: needs the crisis plan";

async function open(client: HttpClient, person: TestPerson, reason = REASON): Promise<string> {
  const response = await client.sendJson<{ id: string }>("POST", "/api/v1/break-glass", { personId: person.id, givenName: person.givenName, familyName: person.familyName, dateOfBirth: "1988-04-12", reason, hours: 4 });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function grantRow(db: Db, id: string) {
  const [row] = await queryRows<{ reviewed_by: string | null; review_outcome: string | null; review_note: string | null; ended_at: Date | null }>(
    db,
    sql`SELECT reviewed_by, review_outcome, review_note, ended_at FROM break_glass_grants WHERE id = ${id}`,
  );
  return row;
}

async function postFrom(client: HttpClient, pagePath: string, actionPath: string, fields: Record<string, string>): Promise<Response> {
  const page = await client.get(pagePath);
  expect(page.status, pagePath).toBe(200);
  return client.request("POST", actionPath, { form: { _csrf: csrfTokenIn(await page.text()), ...fields } });
}

describe("the managers' report", () => {
  it("lists access to the team's people and by the team's workers, with how often the record was opened", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const worker = await apiAs(testApp, s.outsider);
    await open(worker, s.person);
    await open(worker, s.childrenPerson, "Ethan's mum rang: he has gone missing from the unit");
    const browser = await browserAs(testApp, s.outsider);
    for (let view = 0; view < 3; view++) expect((await browser.get(`/people/${s.person.id}`)).status).toBe(200);

    const manager = await browserAs(testApp, s.manager);
    const team = textOf(await (await manager.get("/team")).text());
    expect(team).toContain("Break-glass access report (2 grants awaiting review)");
    const report = textOf(await (await manager.get("/break-glass/report")).text());
    expect(report).toContain("2 grants awaiting review");
    expect(report).toContain("Jo Whitfield (Adults team)");
    expect(report).toContain("Dean Holloway");
    expect(report).toContain(REASON);
    // The children's team's person is not named to the adults team's manager.
    expect(report).toContain("a person of Children's team");
    expect(report).not.toContain("Marsden");
    expect(report).toMatch(/Open until .* 3 Awaiting review/);
    const reads = await auditRows(db, s.tenant.tenantId, { action: "break-glass.report" });
    expect(reads).toHaveLength(1);

    // The children's team's manager sees only the access to their person, by name.
    const other = textOf(await (await (await browserAs(testApp, s.otherManager)).get("/break-glass/report")).text());
    expect(other).toContain("Ethan Marsden");
    expect(other).not.toContain("Holloway");
    expect(other).toContain("Showing 1 to 1 of 1");

    // Administrators see the whole partnership's, with nobody named.
    const admin = textOf(await (await (await browserAs(testApp, s.admin)).get("/break-glass/report")).text());
    expect(admin).toContain("a person of Adults team");
    expect(admin).toContain("a person of Children's team");
    expect(admin).not.toContain("Holloway");

    const api = await apiAs(testApp, s.manager);
    const items = await api.getJson<{ items: Array<{ person: { id: string | null; name: string | null; team: string }; timesOpened: number; review: unknown }>; awaitingReview: number }>("/api/v1/break-glass");
    expect(items.status).toBe(200);
    expect(items.body.awaitingReview).toBe(2);
    expect(items.body.items.map((item) => item.person)).toEqual([
      { id: null, name: null, team: "Children's team" },
      { id: s.person.id, name: "Dean Holloway", team: "Adults team" },
    ]);
    expect(items.body.items[1]?.timesOpened).toBe(3);
    expect((await worker.getJson("/api/v1/break-glass")).status).toBe(403);
    expect((await browser.get("/break-glass/report")).status).toBe(403);
    expect((await api.getJson("/api/v1/break-glass?status=everything")).status).toBe(400);
  });

  it("says so when there is nothing to show", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const manager = await browserAs(testApp, s.manager);
    expect(textOf(await (await manager.get("/break-glass/report")).text())).toContain("Nobody has used break-glass access.");
    expect(textOf(await (await manager.get("/break-glass/report?status=awaiting-review")).text())).toContain("Nothing is awaiting review.");
    expect(textOf(await (await manager.get("/team")).text())).not.toContain("awaiting review");
    expect((await manager.get("/break-glass/report?status=nonsense")).status).toBe(400);
  });
});

describe("reviewing", () => {
  it("records the manager's conclusion once, with a note when it was not justified", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const grantId = await open(await apiAs(testApp, s.outsider), s.person);
    const manager = await browserAs(testApp, s.manager);
    const page = textOf(await (await manager.get(`/break-glass/${grantId}/review`)).text());
    expect(page).toContain("Was the access justified?");
    expect(page).toContain(REASON);

    const noOutcome = await postFrom(manager, `/break-glass/${grantId}/review`, `/break-glass/${grantId}/review`, {});
    expect(noOutcome.status).toBe(400);
    expect(textOf(await noOutcome.text())).toContain("Choose whether the access was justified");
    const noNote = await postFrom(manager, `/break-glass/${grantId}/review`, `/break-glass/${grantId}/review`, { outcome: "not-justified", note: " " });
    expect(noNote.status).toBe(400);
    expect(textOf(await noNote.text())).toContain("Say what was wrong and what has been done about it");
    expect((await grantRow(db, grantId))?.reviewed_by).toBeNull();

    const recorded = await postFrom(manager, `/break-glass/${grantId}/review`, `/break-glass/${grantId}/review`, { outcome: "not-justified", note: "No emergency: discussed in supervision" });
    expect(recorded.status).toBe(303);
    expect(recorded.headers.get("location")).toBe("/break-glass/report");
    expect(await grantRow(db, grantId)).toMatchObject({ reviewed_by: s.manager.id, review_outcome: "not-justified", review_note: "No emergency: discussed in supervision" });
    const reviewed = await auditRows(db, s.tenant.tenantId, { personId: s.person.id, action: "break-glass.reviewed" });
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]?.detail).toEqual({ outcome: "not-justified" });
    const report = textOf(await (await manager.get("/break-glass/report")).text());
    expect(report).toContain("Review recorded");
    expect(report).toContain("Not justified");
    expect(report).toContain("0 grants awaiting review");
    expect(textOf(await (await manager.get("/break-glass/report?status=awaiting-review")).text())).toContain("Nothing is awaiting review.");
    expect(textOf(await (await manager.get("/break-glass/report?status=reviewed")).text())).toContain("Jo Whitfield");

    // A second review, by anyone, changes nothing.
    const admin = await browserAs(testApp, s.admin);
    const reviewPage = await admin.get(`/break-glass/${grantId}/review`);
    const reviewText = textOf(await reviewPage.text());
    expect(reviewText).toContain("Not justified by Helen Marsh");
    expect(reviewText).not.toContain("Was the access justified?");
    const again = await admin.request("POST", `/break-glass/${grantId}/review`, { form: { _csrf: csrfTokenIn(await (await admin.get("/break-glass/report")).text()), outcome: "justified" } });
    expect(again.status).toBe(409);
    expect((await grantRow(db, grantId))?.review_outcome).toBe("not-justified");
  });

  it("is for another manager's team only when their people or workers are involved, and never one's own", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const grantId = await open(await apiAs(testApp, s.outsider), s.person);
    const other = await browserAs(testApp, s.otherManager);
    expect((await other.get(`/break-glass/${grantId}/review`)).status).toBe(404);
    const worker = await browserAs(testApp, s.outsider);
    expect((await worker.get(`/break-glass/${grantId}/review`)).status).toBe(403);

    // The adults team's manager opens a children's record: they do not review it; the children's manager does.
    const ownId = await open(await apiAs(testApp, s.manager), s.childrenPerson);
    const manager = await browserAs(testApp, s.manager);
    expect((await manager.get(`/break-glass/${ownId}/review`)).status).toBe(403);
    expect(textOf(await (await manager.get("/break-glass/report")).text())).toContain("Your own: another manager reviews it");
    const reviewed = await postFrom(other, `/break-glass/${ownId}/review`, `/break-glass/${ownId}/review`, { outcome: "justified", note: "" });
    expect(reviewed.status).toBe(303);
    expect((await grantRow(db, ownId))?.review_outcome).toBe("justified");
  });

  it("lets the manager end a worker's access at once", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const grantId = await open(await apiAs(testApp, s.outsider), s.person);
    const worker = await browserAs(testApp, s.outsider);
    expect((await worker.get(`/people/${s.person.id}`)).status).toBe(200);
    const manager = await browserAs(testApp, s.manager);
    expect(textOf(await (await manager.get(`/break-glass/${grantId}/review`)).text())).toContain("End this access now");
    const ended = await postFrom(manager, `/break-glass/${grantId}/review`, `/break-glass/${grantId}/end`, { from: "report" });
    expect(ended.status).toBe(303);
    expect(ended.headers.get("location")).toBe(`/break-glass/${grantId}/review`);
    const after = textOf(await (await manager.get(`/break-glass/${grantId}/review`)).text());
    expect(after).toContain("Break-glass access ended");
    expect(after).toContain("Ended early");
    expect(after).not.toContain("End this access now");
    expect((await grantRow(db, grantId))?.ended_at).not.toBeNull();
    expect((await worker.get(`/people/${s.person.id}`)).status).toBe(404);
  });
});
