import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyFor, countIn, insertAppointment, insertContact, shareWithOrganisation, ukDateFields } from "../../test/support/contacts.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf } from "../../test/support/http.ts";
import type { Actor } from "../platform/access/index.ts";
import { queryRows } from "../platform/database/query.ts";
import { handoverContactsSummary, nextAppointments } from "./service.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser) {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

async function team() {
  const db = testApp.database.db;
  const tenant: TestTenant = await createTenant(db);
  const lead = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Lead" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const person = await createPerson(db, tenant, { givenName: "Gary", familyName: "Whitlock", members: [{ user: lead, role: "lead" }, { user: partner, role: "partner" }] });
  return { tenant, lead, partner, outsider, person };
}

function actorOf(user: TestUser, tenant: TestTenant, roles: Actor["roles"], organisationId = tenant.serviceOrganisationId): Actor {
  return { userId: user.id, tenantId: tenant.tenantId, organisationId, teamId: roles.includes("partner") ? null : tenant.teamId, email: user.email, displayName: user.displayName, roles, ip: "127.0.0.1" };
}

async function appointmentRow(id: string) {
  const [row] = await queryRows<{ status: string; starts_at: Date | string; place: string; version: number }>(
    testApp.database.db,
    sql`SELECT status, starts_at, place, version FROM appointments WHERE id = ${id}`,
  );
  return row;
}

const inDays = (days: number, hour = 10) => {
  const date = new Date(Date.now() + days * 86_400_000);
  return { ...ukDateFields("startsOn", date), startsTime: `${hour}:30` };
};

describe("booking an appointment", () => {
  it("books one in the future with a time and place, and lists it on the person's appointments", async () => {
    const { tenant, lead, person } = await team();
    const client = await browserAs(lead);
    const form = await client.get(`/people/${person.id}/appointments/new`);
    expect(form.status).toBe(200);
    const response = await client.submitForm(`/people/${person.id}/appointments/new`, `/people/${person.id}/appointments`, {
      ...inDays(3),
      durationMinutes: "45",
      place: "Housing office, Civic Centre",
      purpose: "Going with him to the housing appointment",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/people/${person.id}/appointments`);
    const page = textOf(await (await client.get(`/people/${person.id}/appointments`)).text());
    expect(page).toContain("Appointment booked");
    expect(page).toContain("Housing office, Civic Centre");
    expect(page).toContain("Planned");
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "appointment.create" })).toHaveLength(1);
  });

  it("refuses a time in the past and asks for the place, saving nothing", async () => {
    const { tenant, lead, person } = await team();
    const client = await browserAs(lead);
    const response = await client.submitForm(`/people/${person.id}/appointments/new`, `/people/${person.id}/appointments`, { ...inDays(-2), place: "" });
    expect(response.status).toBe(400);
    const text = textOf(await response.text());
    expect(text).toContain("An appointment must be in the future");
    expect(text).toContain("Enter where you will meet");
    const missingTime = await client.submitForm(`/people/${person.id}/appointments/new`, `/people/${person.id}/appointments`, { ...inDays(2), startsTime: "", place: "Café" });
    expect(textOf(await missingTime.text())).toContain("Enter the time of the appointment, like 14:30");
    expect(await countIn(testApp.database.db, "appointments", tenant.tenantId)).toBe(0);
  });

  it("is for the person's workers: a partner is refused and an outsider is told it does not exist", async () => {
    const { tenant, lead, partner, outsider, person } = await team();
    const db = testApp.database.db;
    const appointmentId = await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id });
    const partnerClient = await browserAs(partner);
    expect((await partnerClient.get(`/people/${person.id}/appointments/new`)).status).toBe(403);
    expect((await partnerClient.get(`/appointments/${appointmentId}/edit`)).status).toBe(404);
    const outside = await browserAs(outsider);
    expect((await outside.get(`/people/${person.id}/appointments/new`)).status).toBe(404);
    expect((await outside.get(`/people/${person.id}/appointments`)).status).toBe(404);
    expect((await outside.get(`/appointments/${appointmentId}/edit`)).status).toBe(404);
    const token = csrfTokenIn(await (await outside.get("/api/docs")).text());
    expect((await outside.request("POST", `/appointments/${appointmentId}`, { form: { _csrf: token, status: "cancelled", version: "1" } })).status).toBe(404);
    expect((await outside.request("POST", `/people/${person.id}/appointments`, { form: { _csrf: token, ...inDays(2), place: "Café" } })).status).toBe(404);
    expect((await appointmentRow(appointmentId))?.status).toBe("planned");
    await shareWithOrganisation(db, tenant, person.id, tenant.partnerOrganisationId, ["contacts"]);
    expect((await partnerClient.get(`/appointments/${appointmentId}/edit`)).status).toBe(403);
    expect(textOf(await (await partnerClient.get(`/people/${person.id}/appointments`)).text())).toContain("Costa, Market Street");
  });
});

describe("after an appointment", () => {
  it("marking it attended offers to record the contact, prefilled with its time", async () => {
    const { tenant, lead, person } = await team();
    const startsAt = new Date(Date.now() - 2 * 3_600_000);
    const appointmentId = await insertAppointment(testApp.database.db, tenant, { personId: person.id, workerId: lead.id, startsAt, durationMinutes: 45 });
    const client = await browserAs(lead);
    const marked = await client.submitForm(`/appointments/${appointmentId}/edit`, `/appointments/${appointmentId}`, { status: "attended", version: "1" });
    expect(marked.status).toBe(303);
    const page = await (await client.get(marked.headers.get("location") ?? "")).text();
    expect(textOf(page)).toContain("Marked as attended");
    const link = new RegExp(`href="(/people/${person.id}/contacts/new\\?appointment=${appointmentId})"`).exec(page)?.[1];
    expect(link).toBeDefined();
    const form = await (await client.get(link ?? "")).text();
    expect(form).toMatch(/value="face-to-face" checked/);
    expect(form).toContain('name="durationMinutes" type="text" value="45"');
    expect(form).toContain(`value="${ukDateFields("x", startsAt)["x-day"]}"`);
    expect((await appointmentRow(appointmentId))?.status).toBe("attended");
    expect(await chronologyFor(testApp.database.db, tenant.tenantId, person.id)).toEqual([]);
    // A contact recorded from it is an ordinary contact.
    expect((await client.request("POST", `/people/${person.id}/contacts`, { form: { _csrf: csrfTokenIn(form), type: "face-to-face" } })).status).toBe(303);
  });

  it("puts cancelled and missed appointments on the chronology, in the contacts section, without the place", async () => {
    const { tenant, lead, person } = await team();
    const db = testApp.database.db;
    const missed = await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, startsAt: new Date(Date.now() - 3_600_000), place: "Greggs, High St" });
    const cancelled = await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, startsAt: new Date(Date.now() + 5 * 86_400_000) });
    const client = await browserAs(lead);
    expect((await client.submitForm(`/appointments/${missed}/edit`, `/appointments/${missed}`, { status: "did-not-attend", version: "1" })).status).toBe(303);
    const missedPage = await (await client.get(`/appointments/${missed}/edit`)).text();
    expect(missedPage).toContain(`/people/${person.id}/contacts/new?appointment=${missed}`);
    expect((await client.submitForm(`/appointments/${cancelled}/edit`, `/appointments/${cancelled}`, { status: "cancelled", version: "1" })).status).toBe(303);
    const events = await chronologyFor(db, tenant.tenantId, person.id);
    expect(events.map((event) => [event.kind, event.section])).toEqual([
      ["appointment-did-not-attend", "contacts"],
      ["appointment-cancelled", "contacts"],
    ]);
    expect(events[0]?.summary).toMatch(/^Appointment on .+ at .+ missed: they did not attend$/);
    expect(JSON.stringify(events)).not.toContain("Greggs");
  });

  it("will not mark a future appointment as attended, and answers a stale version with what is saved", async () => {
    const { lead, person, tenant } = await team();
    const appointmentId = await insertAppointment(testApp.database.db, tenant, { personId: person.id, workerId: lead.id, startsAt: new Date(Date.now() + 3 * 86_400_000) });
    const client = await browserAs(lead);
    const early = await client.submitForm(`/appointments/${appointmentId}/edit`, `/appointments/${appointmentId}`, { status: "attended", version: "1" });
    expect(early.status).toBe(400);
    expect(textOf(await early.text())).toContain("This appointment has not happened yet");

    const form = await (await client.get(`/appointments/${appointmentId}/edit`)).text();
    const moved = await client.request("POST", `/appointments/${appointmentId}`, { form: { _csrf: csrfTokenIn(form), ...inDays(4, 11), durationMinutes: "60", place: "Day centre", version: "1" } });
    expect(moved.status).toBe(303);
    const stale = await client.request("POST", `/appointments/${appointmentId}`, { form: { _csrf: csrfTokenIn(form), ...inDays(6, 9), durationMinutes: "60", place: "Library", version: "1" } });
    expect(stale.status).toBe(409);
    const page = textOf(await stale.text());
    expect(page).toContain("Someone else changed this appointment while you were editing");
    expect(page).toContain("Day centre");
    expect((await appointmentRow(appointmentId))?.place).toBe("Day centre");
  });
});

describe("the diary", () => {
  it("shows the worker's planned appointments for the next 4 weeks, grouped by UK day, and nothing else", async () => {
    const { tenant, lead, person } = await team();
    const db = testApp.database.db;
    const other = await createPerson(db, tenant, { givenName: "Kyle", familyName: "Bennett", members: [{ user: lead, role: "lead" }] });
    const colleague = await createUser(db, tenant, { roles: ["key-worker"] });
    const tomorrow = new Date(Date.now() + 86_400_000);
    await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, startsAt: tomorrow, place: "Café Nero" });
    await insertAppointment(db, tenant, { personId: other.id, workerId: lead.id, startsAt: new Date(tomorrow.getTime() + 60_000), place: "Probation office" });
    await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, startsAt: new Date(Date.now() + 10 * 86_400_000), place: "Job centre" });
    await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, startsAt: new Date(Date.now() + 40 * 86_400_000), place: "Far future" });
    await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, startsAt: new Date(Date.now() + 2 * 86_400_000), place: "Was cancelled", status: "cancelled" });
    await insertAppointment(db, tenant, { personId: person.id, workerId: colleague.id, startsAt: tomorrow, place: "Someone else's" });
    const page = await (await (await browserAs(lead)).get("/diary")).text();
    const text = textOf(page);
    expect(text).toContain("3 appointments");
    expect(text).toContain("Tomorrow,");
    expect(text).toContain("Café Nero");
    expect(text).toContain("Probation office");
    expect(text).toContain("Job centre");
    expect(text).toContain("Gary Whitlock");
    expect(text).not.toContain("Far future");
    expect(text).not.toContain("Was cancelled");
    expect(text).not.toContain("Someone else's");
    expect((page.match(/<h2 class="govuk-heading-m">/g) ?? []).length).toBe(2);
    expect(textOf(await (await (await browserAs(lead)).get("/diary?weeks=12")).text())).toContain("Far future");
    // Two diary reads, each also on the trail of every person whose appointment was listed.
    const reads = await auditRows(db, tenant.tenantId, { action: "diary.read" });
    expect(reads.filter((row) => row.person_id === null)).toHaveLength(2);
    expect(reads.filter((row) => row.person_id !== null).length).toBeGreaterThanOrEqual(2);
  });

  it("says so when there is nothing booked, and is only for those who keep a diary", async () => {
    const { partner, outsider } = await team();
    expect(textOf(await (await (await browserAs(outsider)).get("/diary")).text())).toContain("You have no appointments in the next 4 weeks");
    expect((await (await browserAs(partner)).get("/diary")).status).toBe(403);
  });
});

describe("what the caseload and handover summary use", () => {
  it("gives each person's next planned appointment, leaving out people the actor may not see", async () => {
    const { tenant, lead, outsider, person } = await team();
    const db = testApp.database.db;
    const soon = new Date(Date.now() + 86_400_000);
    await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, startsAt: new Date(Date.now() + 5 * 86_400_000), place: "Later" });
    await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, startsAt: soon, place: "Sooner" });
    await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, startsAt: new Date(Date.now() + 3_600_000), place: "Cancelled", status: "cancelled" });
    const next = await nextAppointments(db, actorOf(lead, tenant, ["key-worker"]), [person.id, "not-an-id"]);
    expect(next.get(person.id)).toMatchObject({ place: "Sooner", workerName: "Sam Lead" });
    expect(next.get(person.id)?.startsAt.getTime()).toBe(soon.getTime());
    expect((await nextAppointments(db, actorOf(outsider, tenant, ["key-worker"]), [person.id])).size).toBe(0);
  });

  it("summarises next appointments and recent contacts, and holds them back from a partner without consent", async () => {
    const { tenant, lead, partner, person } = await team();
    const db = testApp.database.db;
    await insertContact(db, tenant, { personId: person.id, workerId: lead.id, note: "Most recent words." });
    await insertAppointment(db, tenant, { personId: person.id, workerId: lead.id, place: "Library" });
    const mine = await handoverContactsSummary(db, actorOf(lead, tenant, ["key-worker"]), person.id);
    expect(mine.shared).toBe(true);
    expect(mine.recentContacts.map((contact) => contact.note)).toEqual(["Most recent words."]);
    expect(mine.nextAppointments.map((appointment) => appointment.place)).toEqual(["Library"]);
    const partnerActor = actorOf(partner, tenant, ["partner"], tenant.partnerOrganisationId);
    const theirs = await handoverContactsSummary(db, partnerActor, person.id);
    expect(theirs).toMatchObject({ shared: false, recentContacts: [], nextAppointments: [] });
    expect((await nextAppointments(db, partnerActor, [person.id])).size).toBe(0);
    await shareWithOrganisation(db, tenant, person.id, tenant.partnerOrganisationId, ["contacts"]);
    expect((await handoverContactsSummary(db, partnerActor, person.id)).shared).toBe(true);
  });
});
