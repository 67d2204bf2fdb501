import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";
import { insertNote, stuckScene, type StuckScene } from "../../test/support/supervision.ts";
import { queryRows } from "../platform/database/query.ts";
import { fixedClock } from "../platform/clock.ts";

const TODAY = "2027-03-01";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock(TODAY) });
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

async function postForm(client: HttpClient, path: string, fields: Record<string, string>): Promise<Response> {
  const token = csrfTokenIn(await (await client.get("/api/docs")).text());
  return client.request("POST", path, { form: { _csrf: token, ...fields } });
}

const NOTE_TEXT = "Sam is tired: three crises on the caseload in a fortnight. We talked about Mac's weekends and what Sam can let go of.";
const FIELDS = { "heldOn-day": "22", "heldOn-month": "2", "heldOn-year": "2027", note: NOTE_TEXT, agreedActions: "Sam to take Friday afternoon as protected time." };

async function supervisionAuditRows(tenantId: string) {
  return queryRows<{ action: string; actor_user_id: string; person_id: string | null; subject_type: string | null; subject_id: string | null; detail: unknown }>(
    testApp.database.db,
    sql`SELECT action, actor_user_id, person_id, subject_type, subject_id, detail FROM audit_events WHERE tenant_id = ${tenantId} AND action LIKE 'supervision-note.%' ORDER BY id`,
  );
}

/** A note Helen (manager) wrote after supervising Sam (worker), through the form. */
async function writtenNote(scene: StuckScene): Promise<{ noteId: string; manager: HttpClient }> {
  const manager = await browserAs(scene.manager);
  const form = await (await manager.get(`/supervision/new?worker=${scene.worker.id}`)).text();
  expect(form).toMatch(new RegExp(`<option value="${scene.worker.id}" selected>Sam Okafor</option>`));
  expect(form).not.toContain(scene.otherWorker.id);
  const response = await manager.submitForm(`/supervision/new?worker=${scene.worker.id}`, "/supervision", { worker: scene.worker.id, ...FIELDS });
  expect(response.status).toBe(303);
  const noteId = (response.headers.get("location") ?? "").split("/").pop() ?? "";
  return { noteId, manager };
}

describe("writing a supervision note", () => {
  it("lets a manager write a note for a worker in their team, seen by that worker; audited without its text", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { noteId, manager } = await writtenNote(scene);
    const shown = textOf(await (await manager.get(`/supervision/${noteId}`)).text());
    expect(shown).toContain("Supervision note saved");
    expect(shown).toContain("Private: only Sam Okafor and Helen Marsh can read this note.");
    expect(shown).toContain(NOTE_TEXT);
    expect(shown).toContain("Sam to take Friday afternoon as protected time.");
    const list = textOf(await (await manager.get("/supervision")).text());
    expect(list).toMatch(/22 February 2027 — open the note about Sam Okafor Sam Okafor/);

    const worker = await browserAs(scene.worker);
    const workerList = await (await worker.get("/supervision")).text();
    expect(workerList).toContain(`href="/supervision/${noteId}"`);
    expect(textOf(workerList)).toContain("Notes of your supervision, written by your supervisor");
    const workerView = await (await worker.get(`/supervision/${noteId}`)).text();
    expect(textOf(workerView)).toContain(NOTE_TEXT);
    expect(workerView).not.toContain(`/supervision/${noteId}/edit`);

    const audits = await supervisionAuditRows(scene.tenant.tenantId);
    expect(audits.map((row) => [row.action, row.actor_user_id])).toEqual([
      ["supervision-note.create", scene.manager.id],
      ["supervision-note.read", scene.manager.id],
      ["supervision-note.read", scene.worker.id],
    ]);
    for (const row of audits) {
      expect(row).toEqual(expect.objectContaining({ person_id: null, subject_type: "supervision-note", subject_id: noteId }));
      expect(JSON.stringify(row.detail)).not.toContain("crises");
    }
  });

  it("lets a psychologist supervise too, and filters their notes by worker in the team", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    await insertNote(db, scene.tenant, { worker: scene.worker, supervisor: scene.psychologist, heldOn: "2027-01-10" });
    await insertNote(db, scene.tenant, { worker: scene.coworker, supervisor: scene.psychologist, heldOn: "2027-02-10" });
    await insertNote(db, scene.tenant, { worker: scene.worker, supervisor: scene.manager, heldOn: "2027-02-01" });
    const psychologist = await browserAs(scene.psychologist);
    const all = textOf(await (await psychologist.get("/supervision")).text());
    expect(all).toContain("Showing 1 to 2 of 2 notes");
    const sams = textOf(await (await psychologist.get(`/supervision?worker=${scene.worker.id}`)).text());
    expect(sams).toContain("Showing 1 to 1 of 1 note");
    expect(sams).toContain("10 January 2027");
    expect((await psychologist.get(`/supervision?worker=${scene.otherWorker.id}`)).status).toBe(404);
    expect((await psychologist.get("/supervision?worker=not-a-uuid")).status).toBe(404);
    const response = await psychologist.submitForm("/supervision/new", "/supervision", { worker: scene.coworker.id, ...FIELDS });
    expect(response.status).toBe(303);
  });

  it("explains what is missing, and refuses a worker outside the team, an inactive worker and a future date", async () => {
    const scene = await stuckScene(testApp.database.db);
    const inactive = await createUser(testApp.database.db, scene.tenant, { roles: ["key-worker"], active: false, name: "Left Lastyear" });
    const manager = await browserAs(scene.manager);
    const empty = await manager.submitForm("/supervision/new", "/supervision", { worker: "", "heldOn-day": "", "heldOn-month": "", "heldOn-year": "", note: "", agreedActions: "Kept" });
    expect(empty.status).toBe(400);
    const page = await empty.text();
    for (const message of ["Choose the worker the supervision was with", "Enter the date the supervision was held", "Write the note of the supervision"]) expect(textOf(page)).toContain(message);
    expect(page).toContain("Kept</textarea>");
    for (const worker of [scene.otherWorker, inactive, scene.manager]) {
      const refused = await manager.submitForm("/supervision/new", "/supervision", { worker: worker.id, ...FIELDS });
      expect(refused.status, worker.displayName).toBe(400);
      expect(textOf(await refused.text())).toContain("Select a worker in your team");
    }
    const future = await manager.submitForm("/supervision/new", "/supervision", { worker: scene.worker.id, ...FIELDS, "heldOn-day": "2", "heldOn-month": "3" });
    expect(future.status).toBe(400);
    expect(textOf(await future.text())).toContain("The date of the supervision must be today or in the past");
    expect((await manager.get(`/supervision/new?worker=${scene.otherWorker.id}`)).status).toBe(404);
    const [count] = await queryRows<{ count: number }>(testApp.database.db, sql`SELECT count(*)::int AS count FROM supervision_notes WHERE tenant_id = ${scene.tenant.tenantId}`);
    expect(count?.count).toBe(0);
  });

  it("is written by managers and psychologists only", async () => {
    const scene = await stuckScene(testApp.database.db);
    for (const user of [scene.worker, scene.peerMentor, scene.partner, scene.admin]) {
      const client = await browserAs(user);
      expect((await client.get("/supervision/new")).status, user.displayName).toBe(403);
      expect((await postForm(client, "/supervision", { worker: scene.worker.id, ...FIELDS })).status, user.displayName).toBe(403);
    }
  });
});

describe("a note is private to its worker and its supervisor", () => {
  it("is not found by another manager of the same team, the psychologist, an administrator, a colleague or another team", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { noteId } = await writtenNote(scene);
    const secondManager = await createUser(testApp.database.db, scene.tenant, { roles: ["manager"], name: "Ruth Second" });
    for (const user of [secondManager, scene.psychologist, scene.admin, scene.coworker, scene.otherManager, scene.otherWorker, scene.peerMentor, scene.partner]) {
      const client = await browserAs(user);
      expect((await client.get(`/supervision/${noteId}`)).status, user.displayName).toBe(404);
      expect((await client.get(`/supervision/${noteId}/edit`)).status, user.displayName).toBe(404);
      expect((await postForm(client, `/supervision/${noteId}`, { ...FIELDS, note: "Overwritten", version: "1" })).status, user.displayName).toBe(404);
      const list = await client.get("/supervision");
      if (list.status === 200) expect(await list.text(), user.displayName).not.toContain(noteId);
      else expect(list.status, user.displayName).toBe(403);
    }
    const [row] = await queryRows<{ note: string }>(testApp.database.db, sql`SELECT note FROM supervision_notes WHERE id = ${noteId}`);
    expect(row?.note).toBe(NOTE_TEXT);
  });

  it("lets the worker read it but not change it", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { noteId } = await writtenNote(scene);
    const worker = await browserAs(scene.worker);
    expect((await worker.get(`/supervision/${noteId}/edit`)).status).toBe(403);
    expect((await postForm(worker, `/supervision/${noteId}`, { ...FIELDS, note: "Not what was said", version: "1" })).status).toBe(403);
    expect((await worker.get(`/supervision?worker=${scene.coworker.id}`)).status).toBe(404);
  });
});

describe("changing a note", () => {
  it("saves the supervisor's changes, and does not overwrite a change made since: 409 with the note as it is now", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { noteId, manager } = await writtenNote(scene);
    const form = await (await manager.get(`/supervision/${noteId}/edit`)).text();
    expect(form).toContain('name="version" value="1"');
    expect(textOf(form)).toContain(NOTE_TEXT);
    const saved = await manager.submitForm(`/supervision/${noteId}/edit`, `/supervision/${noteId}`, { ...FIELDS, note: "Corrected: two crises, not three.", version: "1" });
    expect(saved.status).toBe(303);
    const shown = textOf(await (await manager.get(`/supervision/${noteId}`)).text());
    expect(shown).toContain("Changes saved");
    expect(shown).toContain("Corrected: two crises, not three.");
    expect(shown).toContain("Last changed by Helen Marsh");
    const stale = await manager.submitForm(`/supervision/${noteId}/edit`, `/supervision/${noteId}`, { ...FIELDS, note: "My older version", version: "1" });
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(textOf(page)).toContain("This note was changed while you were editing");
    expect(textOf(page)).toContain("Corrected: two crises, not three.");
    expect(page).toContain("My older version</textarea>");
    expect(page).toContain('name="version" value="2"');
    const invalid = await manager.submitForm(`/supervision/${noteId}/edit`, `/supervision/${noteId}`, { ...FIELDS, note: "", version: "2" });
    expect(invalid.status).toBe(400);
    const audits = await supervisionAuditRows(scene.tenant.tenantId);
    expect(audits.filter((row) => row.action === "supervision-note.update")).toEqual([
      expect.objectContaining({ actor_user_id: scene.manager.id, person_id: null, detail: { workerId: scene.worker.id, fields: ["note"], version: 2 } }),
    ]);
  });
});
