import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createPerson, createUser } from "../../test/support/factories.ts";
import { apiAs, registerAuditRows, registerScene, type EntryJson } from "../../test/support/register.ts";
import { fixedClock } from "../platform/clock.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock("2026-05-01") });
});
afterAll(async () => {
  await testApp.close();
});

interface ApiError {
  error: { status: number; message: string; issues?: Array<{ field: string; message: string }> };
}

describe("the register API", () => {
  it("adds by name (201 and Location) and lists entries with their current rating and the counts", async () => {
    const scene = await registerScene(testApp.database.db);
    const api = await apiAs(testApp, scene.owner);
    const response = await api.request("POST", "/api/v1/register", {
      json: { givenName: "Amira", familyName: "Khalil", dateOfBirth: "2010-05-03", rating: "amber-red", reason: "Excluded from school" },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as EntryJson;
    expect(response.headers.get("location")).toBe(`/api/v1/register/${created.id}`);
    expect(created).toMatchObject({
      personId: null,
      givenName: "Amira",
      familyName: "Khalil",
      dateOfBirth: "2010-05-03",
      rating: "amber-red",
      reason: "Excluded from school",
      ratedBy: { id: scene.owner.id, name: "Sarah Lomas" },
      nextReviewOn: "2026-06-01",
      reviewOverdue: false,
      inpatient: null,
      version: 1,
    });
    await api.sendJson("POST", "/api/v1/register", { givenName: "Hana", familyName: "Begum", rating: "green", reason: "Settled", nextReviewDate: "2026-09-01" });
    const { status, body } = await (await apiAs(testApp, scene.childrenManager)).getJson<{ items: EntryJson[]; counts: Record<string, unknown> }>("/api/v1/register");
    expect(status).toBe(200);
    expect(body.items.map((item) => [item.givenName, item.rating, item.nextReviewOn])).toEqual([
      ["Amira", "amber-red", "2026-06-01"],
      ["Hana", "green", "2026-09-01"],
    ]);
    expect(Object.keys(body.items[0] ?? {})).toEqual(
      expect.arrayContaining(["id", "personId", "givenName", "familyName", "dateOfBirth", "rating", "reason", "ratedBy", "ratedAt", "nextReviewOn", "reviewOverdue", "inpatient", "version"]),
    );
    expect(body.counts).toMatchObject({ red: 0, amberRed: 1, amber: 0, green: 1, blue: 0, total: 2, reviewsOverdue: 0, inpatients: 0 });
    const filtered = await api.getJson<{ items: EntryJson[] }>("/api/v1/register?rating=green");
    expect(filtered.body.items.map((item) => item.givenName)).toEqual(["Hana"]);
    expect((await api.getJson("/api/v1/register?rating=purple")).status).toBe(400);
    expect((await api.getJson("/api/v1/register?review=soon")).status).toBe(400);
  });

  it("links a Keywork person by id, records a new rating on their entry when they are already on it, and never reads a record the owner may not see", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    const person = await createPerson(db, scene.tenant, { team: "other", givenName: "Kwame", familyName: "Asante", dateOfBirth: "2009-01-17", members: [{ user: scene.childrenWorker, role: "lead" }] });
    const api = await apiAs(testApp, scene.owner);
    const unnamed = await api.sendJson<ApiError>("POST", "/api/v1/register", { personId: person.id, rating: "amber", reason: "Transition at 18 unclear" });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.issues?.map((issue) => issue.field).sort()).toEqual(["familyName", "givenName"]);
    expect(JSON.stringify(unnamed.body)).not.toContain("Kwame");
    const first = await api.sendJson<EntryJson>("POST", "/api/v1/register", { personId: person.id, givenName: "K", familyName: "A", rating: "amber", reason: "Transition at 18 unclear" });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ personId: person.id, givenName: "K", familyName: "A", dateOfBirth: null });
    expect(JSON.stringify(first.body)).not.toMatch(/Kwame|Asante|2009-01-17/);
    const again = await api.sendJson<EntryJson>("POST", "/api/v1/register", { personId: person.id, givenName: "K", familyName: "A", rating: "amber-red", reason: "No adult team has agreed to take him" });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, rating: "amber-red", version: 2 });
    const detail = await api.getJson<EntryJson>(`/api/v1/register/${first.body.id}`);
    expect(detail.body.ratings?.map((rating) => [rating.rating, rating.previousRating])).toEqual([
      ["amber-red", "amber"],
      ["amber", null],
    ]);
    expect(detail.body.episodes).toEqual([]);
    for (const personId of ["0190a000-0000-7000-8000-000000000009", "not-a-uuid"]) {
      const unknownUnnamed = await api.sendJson<ApiError>("POST", "/api/v1/register", { personId, rating: "red", reason: "Unknown" });
      expect(unknownUnnamed.status, personId).toBe(400);
      expect(unknownUnnamed.body.error.issues?.map((issue) => issue.field).sort()).toEqual(["familyName", "givenName"]);
      const unknown = await api.sendJson<EntryJson>("POST", "/api/v1/register", { personId, givenName: "Jay", familyName: "Unknown", rating: "red", reason: "Unknown" });
      expect(unknown.status, personId).toBe(201);
      expect(unknown.body).toMatchObject({ personId: null, givenName: "Jay" });
    }
    const audits = await registerAuditRows(db, scene.tenant.tenantId, first.body.id);
    expect(audits.map((row) => row.action)).toEqual(["register.entry.create", "register.entry.rate", "register.entry.read"]);
    expect(audits.every((row) => row.person_id === person.id && row.subject_type === "register-entry")).toBe(true);
  });

  it("copies the names and date of birth of a person the owner may see", async () => {
    const { db } = testApp.database;
    const scene = await registerScene(db);
    // A register owner who also manages the children's team sees that team's records.
    const owner = await createUser(db, scene.tenant, { roles: ["register-owner", "manager"], team: "other", name: "Priya Das" });
    const person = await createPerson(db, scene.tenant, { team: "other", givenName: "Ola", familyName: "Bright", dateOfBirth: "2010-03-02", members: [{ user: scene.childrenWorker, role: "lead" }] });
    const api = await apiAs(testApp, owner);
    const created = await api.sendJson<EntryJson>("POST", "/api/v1/register", { personId: person.id, rating: "amber", reason: "Placement at risk" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ personId: person.id, givenName: "Ola", familyName: "Bright", dateOfBirth: "2010-03-02" });
  });

  it("names each field that is not valid", async () => {
    const scene = await registerScene(testApp.database.db);
    const api = await apiAs(testApp, scene.owner);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ givenName: "A", familyName: "B", rating: "purple", reason: "x" }, ["rating"]],
      [{ givenName: "A", familyName: "B", rating: "red", reason: " " }, ["reason"]],
      [{ givenName: "A", familyName: "B", rating: "red", reason: "x", dateOfBirth: "2010-02-30" }, ["dateOfBirth"]],
      // After the app's today (1 May 2026), though not after the real date.
      [{ givenName: "A", familyName: "B", rating: "red", reason: "x", dateOfBirth: "2026-05-02" }, ["dateOfBirth"]],
      [{ givenName: "A", familyName: "B", rating: "red", reason: "x", dateOfBirth: "2099-01-01" }, ["dateOfBirth"]],
      [{ givenName: "A", familyName: "B", rating: "red", reason: "x", nextReviewOn: "2026-04-30" }, ["nextReviewOn"]],
      [{ givenName: "A", familyName: "B", rating: "red", reason: "x", nextReviewOn: "soon" }, ["nextReviewOn"]],
      [{ rating: "red", reason: "x" }, ["familyName", "givenName"]],
      [{ givenName: "A", familyName: "B", rating: "blue", reason: "x" }, ["rating"]],
      [{ givenName: "A", familyName: "B", rating: "red", reason: "x", nhsNumber: "1" }, ["body"]],
    ];
    for (const [json, fields] of cases) {
      const { status, body } = await api.sendJson<ApiError>("POST", "/api/v1/register", json);
      expect(status, JSON.stringify(json)).toBe(400);
      expect(body.error.issues?.map((issue) => issue.field).sort(), JSON.stringify(json)).toEqual(fields);
    }
    expect((await api.getJson<{ items: unknown[] }>("/api/v1/register")).body.items).toEqual([]);
  });

  it("records \"Reason not recorded\" when the API is sent no reason", async () => {
    const scene = await registerScene(testApp.database.db);
    const api = await apiAs(testApp, scene.owner);
    const { status, body } = await api.sendJson<EntryJson>("POST", "/api/v1/register", { givenName: "Lena", familyName: "Moss", rating: "amber" });
    expect(status).toBe(201);
    expect(body).toMatchObject({ rating: "amber", reason: "Reason not recorded" });
  });

  it("documents its routes in the OpenAPI document", async () => {
    const { body } = await testApp.client().getJson<{ paths: Record<string, Record<string, unknown>> }>("/openapi.json");
    expect(Object.keys(body.paths["/api/v1/register"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(body.paths["/api/v1/register/{entryId}"] ?? {})).toEqual(["get"]);
    expect(Object.keys(body.paths["/api/v1/register/{entryId}/episodes"] ?? {})).toEqual(["post"]);
  });
});
