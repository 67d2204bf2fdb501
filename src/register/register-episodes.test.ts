import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
import { addEntry, apiAs, browserAs, dateFields, notificationRows, postForm, ratingRows, registerAuditRows, registerScene, type EntryJson } from "../../test/support/register.ts";
import { fixedClock } from "../platform/clock.ts";

// Lengths of stay are counted to today on the app's clock: 1 May 2026.
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock("2026-05-01") });
});
afterAll(async () => {
  await testApp.close();
});

const OAKFIELD = "Tier 4 CAMHS unit, Oakfield";

async function admitThroughPage(owner: HttpClient, entryId: string, admittedOn: string, setting = OAKFIELD): Promise<Response> {
  return postForm(owner, `/register/${entryId}/episodes/new`, `/register/${entryId}/episodes`, { ...dateFields("admittedOn", admittedOn), setting });
}

async function entryJson(api: HttpClient, entryId: string): Promise<EntryJson> {
  const { status, body } = await api.getJson<EntryJson>(`/api/v1/register/${entryId}`);
  expect(status).toBe(200);
  return body;
}

function dischargeFields(episode: { admittedOn: string; version: number }, fields: Record<string, string>): Record<string, string> {
  return { ...dateFields("admittedOn", episode.admittedOn), setting: OAKFIELD, version: String(episode.version), ...fields };
}

describe("stays in hospital", () => {
  it("makes the rating blue on admission, counts the stay to today, and asks for the rating on discharge", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const api = await apiAs(testApp, scene.owner);
    const owner = await browserAs(testApp, scene.owner);
    const entry = await addEntry(api, { givenName: "Zara", familyName: "Iqbal", rating: "red", reason: "Self-harm increasing" });
    const future = await admitThroughPage(owner, entry.id, "2026-05-02");
    expect(future.status).toBe(400);
    expect(textOf(await future.text())).toContain("The admission date must be today or in the past");
    const empty = await postForm(owner, `/register/${entry.id}/episodes/new`, `/register/${entry.id}/episodes`, {});
    expect(textOf(await empty.text())).toMatch(/Enter the date they were admitted.*Enter where they were admitted/);
    const admitted = await admitThroughPage(owner, entry.id, "2026-03-02");
    expect(admitted.status).toBe(303);
    let json = await entryJson(api, entry.id);
    expect(json).toMatchObject({ rating: "blue", reason: `Admitted to ${OAKFIELD}`, inpatient: { since: "2026-03-02", setting: OAKFIELD }, nextReviewOn: "2026-06-01" });
    expect(json.episodes).toEqual([expect.objectContaining({ admittedOn: "2026-03-02", dischargedOn: null, lengthOfStayDays: 60, current: true })]);
    const page = textOf(await (await owner.get(`/register/${entry.id}`)).text());
    expect(page).toContain("Admission recorded: Zara Iqbal is now blue on the register");
    expect(page).toContain("60 days (about 2 months) so far");
    expect(page).toMatch(/Blue \(in hospital\) from red Admitted to Tier 4 CAMHS unit, Oakfield/);
    expect((await admitThroughPage(owner, entry.id, "2026-04-01")).status).toBe(400);
    const removing = await postForm(owner, `/register/${entry.id}/remove`, `/register/${entry.id}/remove`, { version: String(json.version), reason: "Moved away" });
    expect(removing.status).toBe(400);
    expect(textOf(await removing.text())).toContain("record their discharge before taking them off the register");
    // A review while in hospital keeps the rating blue.
    const review = await postForm(owner, `/register/${entry.id}/rating`, `/register/${entry.id}/rating`, { version: String(json.version), rating: "green", reason: "Reviewed on the ward" });
    expect(review.status).toBe(303);
    json = await entryJson(api, entry.id);
    expect(json).toMatchObject({ rating: "blue", reason: "Reviewed on the ward" });
    const episode = json.episodes?.[0];
    if (!episode) throw new Error("no episode");
    const edit = `/inpatient-episodes/${episode.id}/edit`;
    const noRating = await postForm(owner, edit, `/inpatient-episodes/${episode.id}`, dischargeFields(episode, dateFields("dischargedOn", "2026-04-30")));
    expect(noRating.status).toBe(400);
    expect(textOf(await noRating.text())).toContain("Select their rating after discharge");
    const early = await postForm(owner, edit, `/inpatient-episodes/${episode.id}`, dischargeFields(episode, { ...dateFields("dischargedOn", "2026-03-01"), rating: "amber" }));
    expect(textOf(await early.text())).toContain("The discharge date must be the same as or after the admission date");
    const later = await postForm(owner, edit, `/inpatient-episodes/${episode.id}`, dischargeFields(episode, { ...dateFields("dischargedOn", "2026-05-02"), rating: "amber" }));
    expect(textOf(await later.text())).toContain("The discharge date must be today or in the past");
    const discharged = await postForm(owner, edit, `/inpatient-episodes/${episode.id}`, dischargeFields(episode, { ...dateFields("dischargedOn", "2026-04-30"), rating: "amber-red", dischargePlan: "Home to Mum with CAMHS outreach twice a week" }));
    expect(discharged.status).toBe(303);
    expect(textOf(await (await owner.get(`/register/${entry.id}`)).text())).toContain("Discharge recorded after 59 days (about 2 months): Zara Iqbal is now amber-red");
    json = await entryJson(api, entry.id);
    expect(json).toMatchObject({ rating: "amber-red", reason: `Discharged from ${OAKFIELD}`, inpatient: null });
    expect(json.episodes).toEqual([expect.objectContaining({ dischargedOn: "2026-04-30", lengthOfStayDays: 59, current: false })]);
    expect((await ratingRows(db, scene.tenant.tenantId, entry.id)).map((row) => row.rating)).toEqual(["red", "blue", "blue", "amber-red"]);
    // Straight from hospital to amber-red, not with the service yet: the managers are asked to take her on.
    expect((await notificationRows(db, scene.tenant.tenantId)).map((row) => row.message)).toContain("A young person on the register is now rated amber-red: consider taking them on");
    const audits = (await registerAuditRows(db, scene.tenant.tenantId, entry.id)).map((row) => row.action);
    expect(audits).toEqual(expect.arrayContaining(["register.episode.create", "register.episode.update", "register.entry.rate"]));
    const reopen = await postForm(owner, edit, `/inpatient-episodes/${episode.id}`, dischargeFields({ ...episode, version: episode.version + 1 }, {}));
    expect(textOf(await reopen.text())).toContain("a stay that has ended cannot be reopened");
    const overlapping = await admitThroughPage(owner, entry.id, "2026-04-29");
    expect(textOf(await overlapping.text())).toContain("The admission date must be after the end of their previous stay in hospital");
  });

  it("refuses a stale change to a stay, showing what is saved now", async () => {
    const scene = await registerScene(testApp.database.db);
    const api = await apiAs(testApp, scene.owner);
    const owner = await browserAs(testApp, scene.owner);
    const entry = await addEntry(api, { givenName: "Ethan", familyName: "Marsden", rating: "red" });
    const { status, body } = await api.sendJson<{ id: string; version: number; entry: EntryJson }>("POST", `/api/v1/register/${entry.id}/episodes`, { admittedOn: "2026-02-13", setting: "Oakwood adolescent unit" });
    expect(status).toBe(201);
    expect(body.entry.rating).toBe("blue");
    const fields = { ...dateFields("admittedOn", "2026-02-13"), setting: "Oakwood adolescent unit", version: "1" };
    expect((await postForm(owner, `/inpatient-episodes/${body.id}/edit`, `/inpatient-episodes/${body.id}`, { ...fields, dischargePlan: "Step-down to a residential school" })).status).toBe(303);
    const stale = await postForm(owner, `/inpatient-episodes/${body.id}/edit`, `/inpatient-episodes/${body.id}`, { ...fields, setting: "Oakwood" });
    expect(stale.status).toBe(409);
    expect(textOf(await stale.text())).toMatch(/Someone else changed this stay while you were editing.*Step-down to a residential school/);
  });

  it("averages the stays that ended in the last 12 months", async () => {
    const scene = await registerScene(testApp.database.db);
    const api = await apiAs(testApp, scene.owner);
    const owner = await browserAs(testApp, scene.owner);
    const stays = [
      ["Kai", "2025-01-10", "2025-03-01"],
      ["Noor", "2025-12-01", "2026-03-01"],
      ["Jay", "2026-02-01", "2026-04-01"],
    ] as const;
    for (const [name, admittedOn, dischargedOn] of stays) {
      const entry = await addEntry(api, { givenName: name, familyName: "Test", rating: "amber" });
      const { body } = await api.sendJson<{ id: string }>("POST", `/api/v1/register/${entry.id}/episodes`, { admittedOn, setting: OAKFIELD });
      const discharged = await postForm(owner, `/inpatient-episodes/${body.id}/edit`, `/inpatient-episodes/${body.id}`, {
        ...dateFields("admittedOn", admittedOn),
        ...dateFields("dischargedOn", dischargedOn),
        setting: OAKFIELD,
        version: "1",
        rating: "green",
      });
      expect(discharged.status).toBe(303);
    }
    const inHospital = await addEntry(api, { givenName: "Still", familyName: "Admitted", rating: "red" });
    await api.sendJson("POST", `/api/v1/register/${inHospital.id}/episodes`, { admittedOn: "2026-04-21", setting: OAKFIELD });
    const { body } = await api.getJson<{ counts: Record<string, number | null>; items: EntryJson[] }>("/api/v1/register");
    // Noor stayed 90 days and Jay 59; Kai's stay ended more than 12 months ago.
    expect(body.counts).toMatchObject({ completedStays: 2, averageLengthOfStayDays: 75, inpatients: 1, blue: 1, green: 3, total: 4 });
    expect(body.items.map((item) => item.givenName)).toEqual(["Jay", "Kai", "Noor", "Still"]);
    const page = textOf(await (await owner.get("/register")).text());
    expect(page).toContain("Average length of stay 75 days (about 2 months), over 2 stays that ended in the last 12 months");
    expect(page).toMatch(/In hospital now \(blue\) .*Still Admitted 21 April 2026 Tier 4 CAMHS unit, Oakfield/);
    const invalid = await api.sendJson<{ error: { issues: Array<{ field: string }> } }>("POST", `/api/v1/register/${inHospital.id}/episodes`, { admittedOn: "2026-02-30", setting: "" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((issue) => issue.field).sort()).toEqual(["admittedOn", "setting"]);
  });
});
