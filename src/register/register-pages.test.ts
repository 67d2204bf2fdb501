import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { addEntry, apiAs, browserAs, dateFields, postForm, ratingRows, registerAuditRows, registerScene } from "../../test/support/register.ts";
import { fixedClock } from "../platform/clock.ts";

// The register's dates come from the app's clock: today is 1 May 2026 here.
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock("2026-05-01") });
});
afterAll(async () => {
  await testApp.close();
});

function entryIdFrom(response: Response): string {
  const location = response.headers.get("location") ?? "";
  expect(location).toMatch(/^\/register\/[0-9a-f-]{36}$/);
  return location.split("/").pop() ?? "";
}

describe("adding a young person", () => {
  it("explains every problem and keeps what was typed", async () => {
    const scene = await registerScene(testApp.database.db);
    const owner = await browserAs(testApp, scene.owner);
    const empty = await postForm(owner, "/register/new", "/register", { givenName: "Amira", familyName: "", reason: "" });
    expect(empty.status).toBe(400);
    const page = await empty.text();
    for (const message of ["Enter their family name", "Select their rating", "Enter the reason for the rating"]) expect(textOf(page)).toContain(message);
    expect(page).toContain('value="Amira"');
    expect(page).toContain('href="#rating"');
    const dates = await postForm(owner, "/register/new", "/register", {
      givenName: "Amira",
      familyName: "Khalil",
      rating: "red",
      reason: "Kept reason",
      "dateOfBirth-day": "31",
      "dateOfBirth-month": "2",
      "dateOfBirth-year": "2010",
      ...dateFields("nextReviewOn", "2026-04-30"),
    });
    expect(dates.status).toBe(400);
    const text = textOf(await dates.text());
    expect(text).toContain("Date of birth must be a real date");
    expect(text).toContain("Kept reason");
    const past = await postForm(owner, "/register/new", "/register", { givenName: "Amira", familyName: "Khalil", rating: "red", reason: "Kept reason", ...dateFields("nextReviewOn", "2026-04-30") });
    expect(past.status).toBe(400);
    expect(textOf(await past.text())).toContain("The next review date must be today or in the future");
    const { body } = await (await apiAs(testApp, scene.owner)).getJson<{ items: unknown[] }>("/api/v1/register");
    expect(body.items).toHaveLength(0);
  });

  it("saves a name and date of birth with the usual review for the rating, and says so on the form", async () => {
    const scene = await registerScene(testApp.database.db);
    const owner = await browserAs(testApp, scene.owner);
    expect(textOf(await (await owner.get("/register/new")).text())).toContain("in 1 month for red and amber-red, 3 months for amber, 6 months for green");
    const expected = { red: "1 June 2026", amber: "1 August 2026", green: "1 November 2026" };
    for (const [rating, review] of Object.entries(expected)) {
      const response = await postForm(owner, "/register/new", "/register", { givenName: "Amira", familyName: `Khalil-${rating}`, rating, reason: "School placement has broken down", ...dateFields("dateOfBirth", "2010-05-03") });
      expect(response.status).toBe(303);
      const page = textOf(await (await owner.get(response.headers.get("location") ?? "")).text());
      expect(page).toContain(`Amira Khalil-${rating} added to the register (${rating})`);
      expect(page).toContain(`Next review ${review}`);
      expect(page).toContain("3 May 2010 (15 years old)");
      expect(page).toContain("Rated by Sarah Lomas");
    }
    const chosen = await postForm(owner, "/register/new", "/register", { givenName: "Kai", familyName: "Brennan", rating: "amber-red", reason: "Self-harm increasing", ...dateFields("nextReviewOn", "2026-05-15") });
    expect(textOf(await (await owner.get(chosen.headers.get("location") ?? "")).text())).toContain("Next review 15 May 2026");
  });

  it("lets someone who also sees Keywork people link one they may see, and only one they may see", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const both = await (async () => {
      const { createUser } = await import("../../test/support/factories.ts");
      return createUser(db, scene.tenant, { roles: ["register-owner", "manager"], team: "other", name: "Pat Dual" });
    })();
    const mine = await createPerson(db, scene.tenant, { team: "other", givenName: "Zara", familyName: "Iqbal", dateOfBirth: "2009-04-30", members: [{ user: scene.childrenWorker, role: "lead" }] });
    const notMine = await createPerson(db, scene.tenant, { givenName: "Dean", familyName: "Holloway", members: [{ user: scene.worker, role: "lead" }] });
    const client = await browserAs(testApp, both);
    const form = await (await client.get("/register/new")).text();
    expect(form).toContain(`value="${mine.id}"`);
    expect(form).not.toContain(notMine.id);
    const refused = await postForm(client, "/register/new", "/register", { personId: notMine.id, rating: "amber", reason: "Should not link" });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain("Select a young person from the list, or enter their name");
    const linked = await postForm(client, "/register/new", "/register", { personId: mine.id, rating: "amber", reason: "Anxiety rising at college" });
    expect(linked.status).toBe(303);
    const entryId = entryIdFrom(linked);
    const page = await (await client.get(`/register/${entryId}`)).text();
    expect(page).toContain(`href="/people/${mine.id}"`);
    expect(textOf(page)).toContain("Zara Iqbal");
    const audits = await registerAuditRows(db, scene.tenant.tenantId, entryId);
    expect(audits.map((row) => row.action)).toEqual(expect.arrayContaining(["register.entry.create", "register.entry.read"]));
    expect(audits.every((row) => row.person_id === mine.id && row.subject_type === "register-entry")).toBe(true);
    expect((await auditRows(db, scene.tenant.tenantId, { personId: mine.id, action: "register.entry.create" })).length).toBe(1);
  });
});

describe("the register page", () => {
  it("counts by rating, filters by rating, overdue review and name, and pages", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const api = await apiAs(testApp, scene.owner);
    const red = await addEntry(api, { givenName: "Riley", familyName: "Shaw", rating: "red" });
    await addEntry(api, { givenName: "Ollie", familyName: "Grant", rating: "amber-red" });
    await addEntry(api, { givenName: "Lacey", familyName: "Bradshaw", rating: "amber" });
    await addEntry(api, { givenName: "Hana", familyName: "Begum", rating: "green" });
    await db.execute(sql`UPDATE register_entries SET next_review_on = '2026-04-20' WHERE id = ${red.id}`);
    const manager = await browserAs(testApp, scene.childrenManager);
    const page = textOf(await (await manager.get("/register")).text());
    expect(page).toContain("Total 1 rated red 1 rated amber-red 1 rated amber 1 rated green 0 rated blue 4");
    expect(page).toContain("1 review overdue");
    expect(page).toContain("0 young people in hospital now");
    expect(page).toMatch(/Riley Shaw .*Red.* Ollie Grant .*Amber-red.* Lacey Bradshaw .*Amber.* Hana Begum .*Green/);
    expect(page).toContain("Review overdue");
    // The entries listed, after the counts and the "Needs taking on" panel.
    const listed = async (path: string) => textOf(await (await manager.get(path)).text()).split("Clear filters")[1] ?? "";
    const onlyRed = await listed("/register?rating=amber-red");
    expect(onlyRed).toContain("Ollie Grant");
    expect(onlyRed).not.toContain("Lacey Bradshaw");
    const overdue = await listed("/register?review=overdue");
    expect(overdue).toContain("Riley Shaw");
    expect(overdue).not.toContain("Ollie Grant");
    const named = await listed("/register?q=brad");
    expect(named).toContain("Lacey Bradshaw");
    expect(named).not.toContain("Hana Begum");
    const { body } = await api.getJson<{ items: Array<{ givenName: string }>; counts: Record<string, number | null> }>("/api/v1/register?review=overdue");
    expect(body.items.map((item) => item.givenName)).toEqual(["Riley"]);
    expect(body.counts).toMatchObject({ red: 1, amberRed: 1, amber: 1, green: 1, blue: 0, total: 4, reviewsOverdue: 1, inpatients: 0, averageLengthOfStayDays: null });
    expect((await manager.get("/register?rating=purple")).status).toBe(400);
    for (let index = 0; index < 23; index++) await addEntry(api, { givenName: "Young", familyName: `Person ${String(index).padStart(2, "0")}`, rating: "green" });
    const first = textOf(await (await manager.get("/register")).text());
    expect(first).toContain("Showing 1 to 25 of 27 entries");
    const second = textOf(await (await manager.get("/register?page=2")).text());
    expect(second).toContain("Showing 26 to 27 of 27 entries");
    const audits = await auditRows(db, scene.tenant.tenantId, { action: "register.list" });
    expect(audits.length).toBeGreaterThanOrEqual(6);
  });

  it("shows an empty register plainly", async () => {
    const scene = await registerScene(testApp.database.db);
    const page = textOf(await (await (await browserAs(testApp, scene.owner)).get("/register")).text());
    expect(page).toContain("Nobody is on the register yet.");
    expect(page).toContain("No stays in hospital ended in the last 12 months");
  });
});

describe("ratings", () => {
  it("keeps every rating in an append-only history, newest first, with who, when, from and to", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const owner = await browserAs(testApp, scene.owner);
    const created = await postForm(owner, "/register/new", "/register", { givenName: "Kwame", familyName: "Asante", rating: "amber", reason: "Transition to adult services uncertain" });
    const entryId = entryIdFrom(created);
    const before = await ratingRows(db, scene.tenant.tenantId, entryId);
    for (const [rating, reason] of [["amber-red", "No adult team has agreed to take him"], ["amber-red", "Reviewed at CETR: no change"], ["red", "Crisis at college"]] as const) {
      const form = await (await owner.get(`/register/${entryId}/rating`)).text();
      const version = /name="version" value="(\d+)"/.exec(form)?.[1] ?? "";
      const response = await postForm(owner, `/register/${entryId}/rating`, `/register/${entryId}/rating`, { version, rating, reason });
      expect(response.status).toBe(303);
    }
    const rows = await ratingRows(db, scene.tenant.tenantId, entryId);
    expect(rows.map((row) => [row.rating, row.reason])).toEqual([
      ["amber", "Transition to adult services uncertain"],
      ["amber-red", "No adult team has agreed to take him"],
      ["amber-red", "Reviewed at CETR: no change"],
      ["red", "Crisis at college"],
    ]);
    expect(rows[0]).toEqual(before[0]);
    expect(rows.every((row) => row.rated_by === scene.owner.id)).toBe(true);
    const page = textOf(await (await owner.get(`/register/${entryId}`)).text());
    expect(page).toMatch(/Rating history .*Red from amber-red Crisis at college .*Amber-red Reviewed, unchanged .*Amber-red from amber .*Amber First rating/);
    const change = await db.execute(sql`UPDATE register_ratings SET rating = 'green' WHERE entry_id = ${entryId}`).catch((error: unknown) => error);
    expect(String((change as Error).cause)).toContain("append-only");
  });

  it("refuses a stale rating with what is saved now, and a missing rating", async () => {
    const scene = await registerScene(testApp.database.db);
    const owner = await browserAs(testApp, scene.owner);
    const entryId = entryIdFrom(await postForm(owner, "/register/new", "/register", { givenName: "Connor", familyName: "Walsh", rating: "amber", reason: "Not leaving his room" }));
    const first = await postForm(owner, `/register/${entryId}/rating`, `/register/${entryId}/rating`, { version: "1", rating: "red", reason: "Stopped eating" });
    expect(first.status).toBe(303);
    const stale = await postForm(owner, `/register/${entryId}/rating`, `/register/${entryId}/rating`, { version: "1", rating: "green", reason: "Doing better" });
    expect(stale.status).toBe(409);
    const text = textOf(await stale.text());
    expect(text).toContain("Someone else changed this entry while you were editing");
    expect(text).toContain("Stopped eating");
    const missing = await postForm(owner, `/register/${entryId}/rating`, `/register/${entryId}/rating`, { version: "2", reason: "" });
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toMatch(/Select the new rating.*Enter the reason for the rating/);
    expect(await ratingRows(testApp.database.db, scene.tenant.tenantId, entryId)).toHaveLength(2);
  });
});

describe("taking someone off the register", () => {
  it("needs a reason, keeps the history, finds them by name, and puts them back with a new rating", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const owner = await browserAs(testApp, scene.owner);
    const entryId = entryIdFrom(await postForm(owner, "/register/new", "/register", { givenName: "Isla", familyName: "McKenzie", rating: "green", reason: "Night nursing in place" }));
    const noReason = await postForm(owner, `/register/${entryId}/remove`, `/register/${entryId}/remove`, { version: "1", reason: " " });
    expect(noReason.status).toBe(400);
    expect(textOf(await noReason.text())).toContain("Enter why they are coming off the register");
    const removed = await postForm(owner, `/register/${entryId}/remove`, `/register/${entryId}/remove`, { version: "1", reason: "Moved out of the area" });
    expect(removed.status).toBe(303);
    expect(textOf(await (await owner.get(`/register/${entryId}`)).text())).toContain("Taken off the register on 1 May 2026: Moved out of the area");
    const list = textOf(await (await owner.get("/register")).text());
    expect(list).toContain("Nobody is on the register yet.");
    expect(textOf(await (await owner.get("/register?q=mckenzie")).text())).toMatch(/Taken off the register .*Isla McKenzie .*Off the register/);
    const back = await postForm(owner, `/register/${entryId}/rating`, `/register/${entryId}/rating`, { version: "2", rating: "amber", reason: "Moved back; respite has stopped" });
    expect(back.status).toBe(303);
    expect(textOf(await (await owner.get(`/register/${entryId}`)).text())).toContain("Isla McKenzie is back on the register");
    expect((await registerAuditRows(db, scene.tenant.tenantId, entryId)).map((row) => row.action)).toEqual(expect.arrayContaining(["register.entry.remove", "register.entry.rate"]));
  });
});
