import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyEventRows } from "../../test/support/chronology.ts";
import { auditRows, createPerson, createUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { addEntry, apiAs, browserAs, notificationRows, postForm, ratingRows, registerScene, type EntryJson } from "../../test/support/register.ts";
import { queryRows } from "../platform/database/query.ts";
import { fixedClock } from "../platform/clock.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock("2026-05-01") });
});
afterAll(async () => {
  await testApp.close();
});

async function rate(owner: Awaited<ReturnType<typeof browserAs>>, entryId: string, rating: string, reason = "Reviewed"): Promise<void> {
  const form = await (await owner.get(`/register/${entryId}/rating`)).text();
  const version = /name="version" value="(\d+)"/.exec(form)?.[1] ?? "";
  const response = await postForm(owner, `/register/${entryId}/rating`, `/register/${entryId}/rating`, { version, rating, reason });
  expect(response.status, `rate ${rating}`).toBe(303);
}

describe("the prompt to take someone on", () => {
  it("asks each active children's manager once when a rating rises to amber-red or red, and not otherwise", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    await createUser(db, scene.tenant, { roles: ["manager"], team: "other", active: false });
    const secondManager = await createUser(db, scene.tenant, { roles: ["manager"], team: "other", name: "Second Manager" });
    const api = await apiAs(testApp, scene.owner);
    const owner = await browserAs(testApp, scene.owner);
    const amira = await addEntry(api, { givenName: "Amira", familyName: "Khalil", rating: "amber" });
    expect(await notificationRows(db, scene.tenant.tenantId)).toEqual([]);
    await rate(owner, amira.id, "green", "Settled at home");
    await rate(owner, amira.id, "amber", "Sleep has broken down again");
    expect(await notificationRows(db, scene.tenant.tenantId)).toEqual([]);
    await rate(owner, amira.id, "amber-red", "Excluded from school");
    const ratings = await ratingRows(db, scene.tenant.tenantId, amira.id);
    const raised = ratings[ratings.length - 1];
    const prompts = await notificationRows(db, scene.tenant.tenantId);
    expect(prompts.map((row) => row.user_id).sort()).toEqual([scene.childrenManager.id, secondManager.id].sort());
    expect(prompts[0]).toEqual({
      user_id: expect.any(String),
      person_id: null,
      kind: "register-take-on",
      message: "A young person on the register is now rated amber-red: consider taking them on",
      subject_type: "register-entry",
      subject_id: amira.id,
      dedupe_key: `register-take-on:${amira.id}:${raised?.id}`,
    });
    await rate(owner, amira.id, "amber-red", "Reviewed at the CETR");
    expect(await notificationRows(db, scene.tenant.tenantId)).toHaveLength(2);
    await rate(owner, amira.id, "red", "Crisis at home");
    expect((await notificationRows(db, scene.tenant.tenantId)).map((row) => row.message)).toContain("A young person on the register is now rated red: consider taking them on");
    expect(await notificationRows(db, scene.tenant.tenantId)).toHaveLength(4);
    await rate(owner, amira.id, "red", "Still in crisis");
    await rate(owner, amira.id, "amber-red", "A little calmer");
    expect(await notificationRows(db, scene.tenant.tenantId)).toHaveLength(4);
    const riley = await addEntry(api, { givenName: "Riley", familyName: "Shaw", rating: "red" });
    const forRiley = (await notificationRows(db, scene.tenant.tenantId)).filter((row) => row.subject_id === riley.id);
    expect(forRiley.map((row) => row.message)).toEqual(["A young person on the register is now rated red: consider taking them on", "A young person on the register is now rated red: consider taking them on"]);
    expect(forRiley.some((row) => row.user_id === scene.adultsManager.id)).toBe(false);
  });

  it("tells the lead worker instead when the young person is already with the service", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const person = await createPerson(db, scene.tenant, { team: "other", givenName: "Oliver", familyName: "Grant", members: [{ user: scene.childrenWorker, role: "lead" }] });
    const entry = await addEntry(await apiAs(testApp, scene.owner), { personId: person.id, givenName: "Oliver", familyName: "Grant", rating: "amber-red" });
    expect(entry.personId).toBe(person.id);
    const rows = await notificationRows(db, scene.tenant.tenantId);
    expect(rows).toEqual([expect.objectContaining({ user_id: scene.childrenWorker.id, person_id: person.id, kind: "register-rating", subject_type: "person", subject_id: person.id, message: "A young person you key-work is now rated amber-red on the dynamic support register" })]);
    const panel = textOf(await (await (await browserAs(testApp, scene.childrenManager)).get("/register")).text());
    expect(panel).toContain("Nobody is waiting to be taken on.");
    const events = await chronologyEventRows(db, scene.tenant.tenantId, person.id);
    expect(events).toEqual([expect.objectContaining({ kind: "register-added", summary: "Added to the dynamic support register (amber-red)", section: "health" })]);
    // Without a lead worker they need taking on again, but they cannot be taken on twice: their team page is the way.
    await db.execute(sql`UPDATE care_team_members SET ended_on = '2026-04-01' WHERE person_id = ${person.id}`);
    const without = textOf(await (await (await browserAs(testApp, scene.childrenManager)).get("/register")).text());
    expect(without).toMatch(/Needs taking on .*Oliver Grant .*Known to the service, with no lead worker/);
  });
});

describe("taking someone on", () => {
  it("shows who needs taking on to managers, creates and links the person with a lead worker, and refuses a second time", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const api = await apiAs(testApp, scene.owner);
    const amira: EntryJson = await addEntry(api, { givenName: "Amira", familyName: "Khalil", dateOfBirth: "2010-05-03", rating: "red", reason: "Family placement at risk" });
    await addEntry(api, { givenName: "Lacey", familyName: "Bradshaw", rating: "amber" });
    const manager = await browserAs(testApp, scene.childrenManager);
    const panel = textOf(await (await manager.get("/register")).text());
    expect(panel).toMatch(/Needs taking on .*Amira Khalil .*Red .*Family placement at risk .*Take on Amira Khalil/);
    expect(panel.split("Entries")[0]).not.toContain("Lacey Bradshaw");
    for (const reader of [scene.owner, scene.psychologist]) expect(textOf(await (await (await browserAs(testApp, reader)).get("/register")).text())).not.toContain("Needs taking on");
    const form = await (await manager.get(`/register/${amira.id}/take-on`)).text();
    expect(form).toContain(`value="${scene.childrenWorker.id}"`);
    const noLead = await postForm(manager, `/register/${amira.id}/take-on`, `/register/${amira.id}/take-on`, {});
    expect(noLead.status).toBe(400);
    expect(textOf(await noLead.text())).toContain("Select a lead worker");
    const taken = await postForm(manager, `/register/${amira.id}/take-on`, `/register/${amira.id}/take-on`, { leadWorkerId: scene.childrenWorker.id });
    expect(taken.status).toBe(303);
    const location = taken.headers.get("location") ?? "";
    expect(location).toMatch(/^\/people\/[0-9a-f-]{36}\/team$/);
    const personId = location.split("/")[2] ?? "";
    const teamPage = textOf(await (await manager.get(location)).text());
    expect(teamPage).toContain("Amira Khalil has been taken on");
    expect(teamPage).toContain("Jo Whitfield");
    const [person] = await queryRows<{ team_id: string; given_name: string; family_name: string; date_of_birth: string; engagement_status: string }>(
      db,
      sql`SELECT team_id, given_name, family_name, date_of_birth::text AS date_of_birth, engagement_status FROM people WHERE id = ${personId}`,
    );
    expect(person).toEqual({ team_id: scene.tenant.otherTeamId, given_name: "Amira", family_name: "Khalil", date_of_birth: "2010-05-03", engagement_status: "not-yet-engaged" });
    const { body } = await api.getJson<EntryJson>(`/api/v1/register/${amira.id}`);
    expect(body.personId).toBe(personId);
    expect(await chronologyEventRows(db, scene.tenant.tenantId, personId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "register-take-on", summary: "Taken on from the dynamic support register (red)", section: "record" })]),
    );
    expect(await auditRows(db, scene.tenant.tenantId, { personId, action: "register.take-on" })).toEqual([expect.objectContaining({ actor_user_id: scene.childrenManager.id })]);
    const again = await postForm(manager, `/register/${amira.id}`, `/register/${amira.id}/take-on`, { leadWorkerId: scene.childrenWorker.id });
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain("Amira Khalil is already known to the key-worker service");
    expect((await manager.get(`/register/${amira.id}/take-on`)).status).toBe(409);
    const [count] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM people WHERE tenant_id = ${scene.tenant.tenantId} AND family_name = 'Khalil'`);
    expect(count?.count).toBe(1);
    expect(textOf(await (await manager.get("/register")).text())).toContain("Nobody is waiting to be taken on.");
  });

  it("refuses, with a message, to take on an entry whose date of birth is not in the past", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const entry = await addEntry(await apiAs(testApp, scene.owner), { givenName: "Noor", familyName: "Hale", dateOfBirth: "2012-01-01", rating: "red" });
    // As an entry saved before the API checked the date of birth could be.
    await db.execute(sql`UPDATE register_entries SET date_of_birth = '2099-01-01' WHERE id = ${entry.id}`);
    const manager = await browserAs(testApp, scene.childrenManager);
    const response = await postForm(manager, `/register/${entry.id}/take-on`, `/register/${entry.id}/take-on`, { leadWorkerId: scene.childrenWorker.id });
    expect(response.status).toBe(400);
    expect(textOf(await response.text())).toContain("Date of birth must be in the past");
  });

  it("puts a line on the person's overview for those who see the whole record, linking to the entry for register readers", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const partner = await createUser(db, scene.tenant, { roles: ["partner"], partner: true });
    const person = await createPerson(db, scene.tenant, {
      team: "other",
      givenName: "Ethan",
      familyName: "Marsden",
      members: [
        { user: scene.childrenWorker, role: "lead" },
        { user: partner, role: "partner" },
      ],
    });
    const entry = await addEntry(await apiAs(testApp, scene.owner), { personId: person.id, givenName: "Ethan", familyName: "Marsden", rating: "red" });
    const worker = textOf(await (await (await browserAs(testApp, scene.childrenWorker)).get(`/people/${person.id}`)).text());
    expect(worker).toContain("On the dynamic support register: Red – reviewed by Sarah Lomas, next review 1 June 2026");
    const managerPage = await (await (await browserAs(testApp, scene.childrenManager)).get(`/people/${person.id}`)).text();
    expect(managerPage).toContain(`href="/register/${entry.id}"`);
    expect(await (await (await browserAs(testApp, scene.childrenWorker)).get(`/people/${person.id}`)).text()).not.toContain(`href="/register/${entry.id}"`);
    expect(textOf(await (await (await browserAs(testApp, partner)).get(`/people/${person.id}`)).text())).not.toContain("dynamic support register");
    const reads = await auditRows(db, scene.tenant.tenantId, { personId: person.id, action: "register.entry.read" });
    expect(reads.map((row) => row.actor_user_id)).toEqual(expect.arrayContaining([scene.childrenWorker.id, scene.childrenManager.id]));
  });
});
