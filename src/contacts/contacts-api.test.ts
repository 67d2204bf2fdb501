import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { countIn, insertAppointment, insertContact, revisionsOf, shareWithOrganisation } from "../../test/support/contacts.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function apiAs(user: TestUser) {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

async function team() {
  const db = testApp.database.db;
  const tenant: TestTenant = await createTenant(db);
  const lead = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Lead" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const person = await createPerson(db, tenant, { members: [{ user: lead, role: "lead" }, { user: partner, role: "partner" }] });
  return { tenant, lead, partner, outsider, person };
}

interface ContactItem {
  id: string;
  type: string;
  occurredAt: string;
  durationMinutes: number | null;
  location: string | null;
  workKind: string | null;
  purpose: string | null;
  note: string | null;
  worker: { id: string; name: string };
  version: number;
}

describe("contacts API", () => {
  it("records a contact from just a type and a note, at now, answering 201 with the contact", async () => {
    const { tenant, lead, person } = await team();
    const client = await apiAs(lead);
    const before = Date.now();
    const { status, body } = await client.sendJson<ContactItem>("POST", `/api/v1/people/${person.id}/contacts`, { type: "phone", note: "Rang him about the PIP form." });
    expect(status).toBe(201);
    expect(body).toMatchObject({ type: "phone", note: "Rang him about the PIP form.", durationMinutes: null, location: null, workKind: null, purpose: null, worker: { id: lead.id, name: "Sam Lead" }, version: 1 });
    expect(Date.parse(body.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(body.occurredAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await revisionsOf(testApp.database.db, tenant.tenantId, body.id)).map((revision) => revision.version)).toEqual([1]);
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "contact.create" })).toHaveLength(1);
  });

  it("takes every optional field and lists contacts newest first in the documented shape", async () => {
    const { lead, person } = await team();
    const client = await apiAs(lead);
    const older = await client.sendJson("POST", `/api/v1/people/${person.id}/contacts`, {
      type: "face-to-face",
      occurredAt: "2026-01-10T10:00:00Z",
      durationMinutes: 40,
      location: "street",
      workKind: "support",
      purpose: "crisis",
      note: "Found him by the station, very low.",
    });
    expect(older.status).toBe(201);
    await client.sendJson("POST", `/api/v1/people/${person.id}/contacts`, { type: "professional-contact", occurredAt: "2026-01-12T09:15:00+00:00", workKind: "co-ordination", purpose: "co-ordination", note: "Called the housing officer." });
    const { status, body } = await client.getJson<{ items: ContactItem[]; total: number }>(`/api/v1/people/${person.id}/contacts`);
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    expect(body.items.map((item) => item.type)).toEqual(["professional-contact", "face-to-face"]);
    expect(Object.keys(body.items[1] ?? {}).sort()).toEqual(["durationMinutes", "id", "location", "note", "occurredAt", "personId", "purpose", "type", "version", "worker", "workKind"].sort());
    expect(body.items[1]).toMatchObject({ occurredAt: "2026-01-10T10:00:00.000Z", durationMinutes: 40, location: "street", workKind: "support", purpose: "crisis" });
  });

  it("answers 400 with an issue per field for bad input, refuses the future, and writes nothing", async () => {
    const { tenant, lead, person } = await team();
    const client = await apiAs(lead);
    const bad = await client.sendJson<{ error: { issues: Array<{ field: string }> } }>("POST", `/api/v1/people/${person.id}/contacts`, {
      type: "carrier-pigeon",
      durationMinutes: -5,
      location: "moon",
      occurredAt: "yesterday",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((issue) => issue.field).sort()).toEqual(["durationMinutes", "location", "occurredAt", "type"]);
    const unknown = await client.sendJson<{ error: { issues: Array<{ message: string }> } }>("POST", `/api/v1/people/${person.id}/contacts`, { type: "phone", mood: "fine" });
    expect(unknown.status).toBe(400);
    const future = await client.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", `/api/v1/people/${person.id}/contacts`, {
      type: "phone",
      occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.error.issues).toEqual([{ field: "occurredAt", message: "A contact cannot be in the future — add an appointment instead" }]);
    expect(await countIn(testApp.database.db, "contacts", tenant.tenantId)).toBe(0);
  });

  it("changes a contact against its version, keeps the old one, and answers 409 with what is saved when stale", async () => {
    const { tenant, lead, person } = await team();
    const client = await apiAs(lead);
    const created = await client.sendJson<ContactItem>("POST", `/api/v1/people/${person.id}/contacts`, { type: "text", note: "Texted about Tuesday.", location: "office" });
    const changed = await client.sendJson<ContactItem>("PATCH", `/api/v1/contacts/${created.body.id}`, { note: "Texted about Tuesday; he replied.", version: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ note: "Texted about Tuesday; he replied.", location: "office", type: "text", version: 2 });
    const cleared = await client.sendJson<ContactItem>("PATCH", `/api/v1/contacts/${created.body.id}`, { location: null, version: 2 });
    expect(cleared.body).toMatchObject({ location: null, note: "Texted about Tuesday; he replied.", version: 3 });
    const stale = await client.sendJson<{ error: { status: number; current: ContactItem } }>("PATCH", `/api/v1/contacts/${created.body.id}`, { note: "Overwrite?", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ id: created.body.id, version: 3, note: "Texted about Tuesday; he replied." });
    const revisions = await revisionsOf(testApp.database.db, tenant.tenantId, created.body.id);
    expect(revisions.map((revision) => revision.snapshot.note)).toEqual(["Texted about Tuesday.", "Texted about Tuesday; he replied.", "Texted about Tuesday; he replied."]);
    const future = await client.sendJson("PATCH", `/api/v1/contacts/${created.body.id}`, { occurredAt: new Date(Date.now() + 86_400_000).toISOString(), version: 3 });
    expect(future.status).toBe(400);
  });

  it("gives a partner an empty list that says contacts are withheld, until the person shares them", async () => {
    const { tenant, lead, partner, person } = await team();
    const db = testApp.database.db;
    await insertContact(db, tenant, { personId: person.id, workerId: lead.id, note: "Private words." });
    await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id });
    const client = await apiAs(partner);
    const withheld = await client.getJson<{ items: unknown[]; withheld?: string[] }>(`/api/v1/people/${person.id}/contacts`);
    expect(withheld.status).toBe(200);
    expect(withheld.body.items).toEqual([]);
    expect(withheld.body.withheld).toEqual(["contacts"]);
    expect(JSON.stringify(withheld.body)).not.toContain("Private words");
    const appointments = await client.getJson<{ items: unknown[]; withheld?: string[] }>(`/api/v1/people/${person.id}/appointments`);
    expect(appointments.body).toEqual({ items: [], withheld: ["contacts"] });

    await shareWithOrganisation(db, tenant, person.id, tenant.partnerOrganisationId, ["contacts"]);
    const shared = await client.getJson<{ items: ContactItem[]; withheld?: string[] }>(`/api/v1/people/${person.id}/contacts`);
    expect(shared.body.withheld).toBeUndefined();
    expect(shared.body.items.map((item) => item.note)).toEqual(["Private words."]);
    expect((await client.getJson<{ items: unknown[] }>(`/api/v1/people/${person.id}/appointments`)).body.items).toHaveLength(1);
    // Seeing is not changing.
    expect((await client.sendJson("POST", `/api/v1/people/${person.id}/contacts`, { type: "phone", note: "x" })).status).toBe(403);
    const contactId = shared.body.items[0]?.id ?? "";
    expect((await client.sendJson("PATCH", `/api/v1/contacts/${contactId}`, { note: "x", version: 1 })).status).toBe(403);
  });

  it("answers 404 on every contacts and appointments endpoint for a person the actor may not see", async () => {
    const { tenant, lead, outsider, person } = await team();
    const contactId = await insertContact(testApp.database.db, tenant, { personId: person.id, workerId: lead.id });
    const client = await apiAs(outsider);
    expect((await client.getJson(`/api/v1/people/${person.id}/contacts`)).status).toBe(404);
    expect((await client.sendJson("POST", `/api/v1/people/${person.id}/contacts`, { type: "phone", note: "x" })).status).toBe(404);
    expect((await client.sendJson("PATCH", `/api/v1/contacts/${contactId}`, { note: "x", version: 1 })).status).toBe(404);
    expect((await client.getJson(`/api/v1/people/${person.id}/appointments`)).status).toBe(404);
    expect((await client.sendJson("POST", `/api/v1/people/${person.id}/appointments`, { startsAt: new Date(Date.now() + 86_400_000).toISOString(), place: "Café" })).status).toBe(404);
    expect((await client.getJson("/api/v1/people/not-a-person/contacts")).status).toBe(404);
    expect((await client.sendJson("PATCH", "/api/v1/contacts/not-a-contact", { note: "x", version: 1 })).status).toBe(404);
    expect(await countIn(testApp.database.db, "contacts", tenant.tenantId)).toBe(1);
    expect(await countIn(testApp.database.db, "appointments", tenant.tenantId)).toBe(0);
  });

  it("is described in the OpenAPI document", async () => {
    const { body } = await testApp.client().getJson<{ paths: Record<string, Record<string, unknown>> }>("/openapi.json");
    expect(Object.keys(body.paths["/api/v1/people/{id}/contacts"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(body.paths["/api/v1/contacts/{contactId}"] ?? {})).toEqual(["patch"]);
    expect(Object.keys(body.paths["/api/v1/people/{id}/appointments"] ?? {}).sort()).toEqual(["get", "post"]);
  });

  it("audits every read and write", async () => {
    const { tenant, lead, person } = await team();
    const client = await apiAs(lead);
    const created = await client.sendJson<ContactItem>("POST", `/api/v1/people/${person.id}/contacts`, { type: "email", note: "Sent the letter." });
    await client.sendJson("PATCH", `/api/v1/contacts/${created.body.id}`, { note: "Sent the letter again.", version: 1 });
    await client.getJson(`/api/v1/people/${person.id}/contacts`);
    await client.sendJson("POST", `/api/v1/people/${person.id}/appointments`, { startsAt: new Date(Date.now() + 86_400_000).toISOString(), place: "Day centre" });
    await client.getJson(`/api/v1/people/${person.id}/appointments`);
    const actions = (await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id })).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["contact.create", "contact.update", "contacts.read", "appointment.create", "appointments.read"]));
    const rows = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id });
    expect(JSON.stringify(rows)).not.toContain("Sent the letter");
  });
});
