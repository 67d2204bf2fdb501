import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { chronologyFor, countIn, insertContact, revisionsOf, shareWithOrganisation, ukDateFields, ukTime } from "../../test/support/contacts.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf } from "../../test/support/http.ts";
import { queryRows } from "../platform/database/query.ts";
import { pageNumbers } from "./views.ts";
import { sql } from "drizzle-orm";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser) {
  const client = testApp.client();
  const response = await client.signInBrowser(user.email, TEST_PASSWORD);
  expect(response.status).toBe(303);
  return client;
}

interface Team {
  tenant: TestTenant;
  lead: TestUser;
  coWorker: TestUser;
  manager: TestUser;
  partner: TestUser;
  peerMentor: TestUser;
  outsider: TestUser;
  person: { id: string; givenName: string; familyName: string };
}

async function team(): Promise<Team> {
  const db = testApp.database.db;
  const tenant = await createTenant(db);
  const lead = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Lead" });
  const coWorker = await createUser(db, tenant, { roles: ["key-worker"], name: "Priya Second" });
  const manager = await createUser(db, tenant, { roles: ["manager"] });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const person = await createPerson(db, tenant, {
    givenName: "Dean",
    familyName: "Holloway",
    members: [
      { user: lead, role: "lead" },
      { user: coWorker, role: "co-worker" },
      { user: partner, role: "partner" },
      { user: peerMentor, role: "peer-mentor" },
    ],
  });
  return { tenant, lead, coWorker, manager, partner, peerMentor, outsider, person };
}

async function contactRowsOf(tenantId: string) {
  return queryRows<{ id: string; type: string; occurred_at: Date | string; worker_id: string; note: string | null; location: string | null; version: number }>(
    testApp.database.db,
    sql`SELECT id, type, occurred_at, worker_id, note, location, version FROM contacts WHERE tenant_id = ${tenantId} ORDER BY id`,
  );
}

describe("recording a contact from the street", () => {
  it("needs only the type: the type comes first, a Save button straight after it, the rest is optional below", async () => {
    const { tenant, lead, person } = await team();
    const client = await browserAs(lead);
    const form = await (await client.get(`/people/${person.id}/contacts/new`)).text();
    const typeRadio = form.indexOf('name="type"');
    const firstSave = form.indexOf('type="submit"', form.indexOf('action="/people/'));
    const moreDetail = form.indexOf("More detail (optional)");
    const firstOptional = form.indexOf('name="occurredOn-day"');
    expect(typeRadio).toBeGreaterThan(0);
    expect(firstSave).toBeGreaterThan(typeRadio);
    expect(moreDetail).toBeGreaterThan(firstSave);
    expect(firstOptional).toBeGreaterThan(moreDetail);
    for (const label of ["Face to face", "Phone call", "Text message", "Email", "Outreach attempt (not found)", "Did not attend", "With another professional"]) {
      expect(textOf(form)).toContain(label);
    }

    // Tap the type, tap Save: nothing else is sent but the form's own token.
    const before = Date.now();
    const saved = await client.request("POST", `/people/${person.id}/contacts`, { form: { _csrf: csrfTokenIn(form), type: "outreach-attempt" } });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/people/${person.id}/chronology`);
    const [row] = await contactRowsOf(tenant.tenantId);
    expect(row?.type).toBe("outreach-attempt");
    expect(row?.worker_id).toBe(lead.id);
    const occurredAt = new Date(row?.occurred_at ?? 0).getTime();
    expect(occurredAt).toBeGreaterThanOrEqual(before - 1000);
    expect(occurredAt).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await countIn(testApp.database.db, "contact_revisions", tenant.tenantId)).toBe(1);

    // The next page shows the message once, wherever the chronology is.
    const next = await client.get(saved.headers.get("location") ?? "");
    const nextText = next.status === 200 ? textOf(await next.text()) : textOf(await (await client.get(`/people/${person.id}/contacts`)).text());
    expect(nextText).toContain("Contact recorded");
    const audits = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "contact.create" });
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actor_user_id).toBe(lead.id);
  });

  it("keeps the optional detail, read as UK time", async () => {
    const { tenant, coWorker, person } = await team();
    const client = await browserAs(coWorker);
    const response = await client.submitForm(`/people/${person.id}/contacts/new`, `/people/${person.id}/contacts`, {
      type: "face-to-face",
      "occurredOn-day": "14",
      "occurredOn-month": "7",
      "occurredOn-year": "2025",
      occurredTime: "14:30",
      location: "cafe",
      workKind: "support",
      purpose: "emotional-support",
      durationMinutes: "45",
      note: "Met at the café on Market St.\nTalked about his daughter.",
    });
    expect(response.status).toBe(303);
    const [row] = await contactRowsOf(tenant.tenantId);
    // 14:30 in British Summer Time is 13:30 UTC.
    expect(new Date(row?.occurred_at ?? 0).toISOString()).toBe("2025-07-14T13:30:00.000Z");
    expect(row?.location).toBe("cafe");
    const page = textOf(await (await client.get(`/people/${person.id}/contacts`)).text());
    expect(page).toContain("Face to face, 14 Jul 2025, 2:30pm");
    expect(page).toContain("Café");
    expect(page).toContain("Emotional support");
    expect(page).toContain("45 minutes");
    expect(page).toContain("Talked about his daughter.");
    expect(page).toContain("Priya Second");
  });

  it("refuses a time in the future, keeps what was typed and saves nothing", async () => {
    const { tenant, lead, person } = await team();
    const client = await browserAs(lead);
    const later = new Date(Date.now() + 2 * 3_600_000);
    const response = await client.submitForm(`/people/${person.id}/contacts/new`, `/people/${person.id}/contacts`, {
      type: "phone",
      ...ukDateFields("occurredOn", later),
      occurredTime: ukTime(later),
      note: "Rang about the flat",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(textOf(page)).toContain("A contact cannot be in the future — add an appointment instead");
    expect(textOf(page)).toContain("There is a problem");
    expect(page).toContain("Rang about the flat");
    expect(page).toMatch(/value="phone" checked/);
    expect(await countIn(testApp.database.db, "contacts", tenant.tenantId)).toBe(0);
  });

  it("asks for the type, and explains bad detail field by field", async () => {
    const { tenant, lead, person } = await team();
    const client = await browserAs(lead);
    const response = await client.submitForm(`/people/${person.id}/contacts/new`, `/people/${person.id}/contacts`, {
      durationMinutes: "half an hour",
      occurredTime: "25:99",
      location: "moon",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    const text = textOf(page);
    expect(text).toContain("Select what kind of contact it was");
    expect(text).toContain("Enter a time like 14:30");
    expect(text).toContain("Select where it happened from the list");
    expect(text).toContain("Enter how long it took in whole minutes, like 30");
    expect(page).toContain('href="#type"');
    expect(page).toContain('href="#occurredTime"');
    expect(await countIn(testApp.database.db, "contacts", tenant.tenantId)).toBe(0);
  });

  it("is for the person's workers and manager: partners and peer mentors are refused, others are told it does not exist", async () => {
    const { tenant, manager, partner, peerMentor, outsider, person } = await team();
    const managerClient = await browserAs(manager);
    expect((await managerClient.get(`/people/${person.id}/contacts/new`)).status).toBe(200);
    expect((await managerClient.submitForm(`/people/${person.id}/contacts/new`, `/people/${person.id}/contacts`, { type: "professional-contact" })).status).toBe(303);
    for (const user of [partner, peerMentor]) {
      const client = await browserAs(user);
      expect((await client.get(`/people/${person.id}/contacts/new`)).status).toBe(403);
      const token = csrfTokenIn(await (await client.get(`/people/${person.id}/contacts`)).text());
      expect((await client.request("POST", `/people/${person.id}/contacts`, { form: { _csrf: token, type: "phone" } })).status).toBe(403);
    }
    const outside = await browserAs(outsider);
    expect((await outside.get(`/people/${person.id}/contacts/new`)).status).toBe(404);
    expect((await outside.get(`/people/${person.id}/contacts`)).status).toBe(404);
    const token = csrfTokenIn(await (await outside.get("/api/docs")).text());
    expect((await outside.request("POST", `/people/${person.id}/contacts`, { form: { _csrf: token, type: "phone" } })).status).toBe(404);
    expect(await countIn(testApp.database.db, "contacts", tenant.tenantId)).toBe(1);
  });
});

describe("a person's contacts", () => {
  it("lists them newest first, 25 a page, with an Edit link for those who may change them", async () => {
    const { tenant, lead, person } = await team();
    const db = testApp.database.db;
    for (let index = 0; index < 27; index++) {
      await insertContact(db, tenant, { personId: person.id, workerId: lead.id, occurredAt: new Date(Date.now() - (index + 1) * 86_400_000), note: `Note number ${index + 1}.` });
    }
    const client = await browserAs(lead);
    const first = await (await client.get(`/people/${person.id}/contacts`)).text();
    const text = textOf(first);
    expect(text).toContain("27 contacts, newest first");
    expect(text.indexOf("Note number 1.")).toBeLessThan(text.indexOf("Note number 2."));
    expect(text).not.toContain("Note number 26.");
    expect((first.match(/>\s*Edit<span class="govuk-visually-hidden">/g) ?? []).length).toBe(25);
    expect(first).toContain(`/people/${person.id}/contacts?page=2`);
    const second = textOf(await (await client.get(`/people/${person.id}/contacts?page=2`)).text());
    expect(second).toContain("Note number 26.");
    expect(second).toContain("Note number 27.");
    expect(second).not.toContain("Note number 25.");
    const audits = await auditRows(db, tenant.tenantId, { personId: person.id, action: "contacts.read" });
    expect(audits).toHaveLength(2);
  });

  it("offers the first, last and nearby pages when there are many", () => {
    expect(pageNumbers(1, 2)).toEqual([1, 2]);
    expect(pageNumbers(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageNumbers(1, 40)).toEqual([1, 2, null, 40]);
  });

  it("shows a partner nothing until the person shares contacts with their organisation", async () => {
    const { tenant, lead, partner, person } = await team();
    const db = testApp.database.db;
    await insertContact(db, tenant, { personId: person.id, workerId: lead.id, note: "Worried about the rent arrears letter." });
    const client = await browserAs(partner);
    const withheld = await client.get(`/people/${person.id}/contacts`);
    expect(withheld.status).toBe(200);
    const withheldPage = await withheld.text();
    expect(textOf(withheldPage)).toContain("Contacts with Dean Holloway are not shared with you");
    expect(withheldPage).not.toContain("rent arrears");

    await shareWithOrganisation(db, tenant, person.id, tenant.partnerOrganisationId, ["contacts"]);
    const shared = await (await client.get(`/people/${person.id}/contacts`)).text();
    expect(textOf(shared)).toContain("Worried about the rent arrears letter.");
    expect(shared).not.toContain("/edit");
  });

  it("never shares contacts with a peer mentor", async () => {
    const { tenant, lead, peerMentor, person } = await team();
    const db = testApp.database.db;
    await insertContact(db, tenant, { personId: person.id, workerId: lead.id, note: "Talked about relapse." });
    await shareWithOrganisation(db, tenant, person.id, tenant.serviceOrganisationId, ["contacts"]);
    const page = await (await (await browserAs(peerMentor)).get(`/people/${person.id}/contacts`)).text();
    expect(textOf(page)).toContain("are not shared with you");
    expect(page).not.toContain("relapse");
  });
});

describe("changing a contact", () => {
  it("keeps every version: the first as recorded, then each change, and shows them", async () => {
    const { tenant, lead, coWorker, person } = await team();
    const client = await browserAs(lead);
    await client.submitForm(`/people/${person.id}/contacts/new`, `/people/${person.id}/contacts`, { type: "phone", note: "First words." });
    const [row] = await contactRowsOf(tenant.tenantId);
    const contactId = row?.id ?? "";

    const edit = await client.get(`/contacts/${contactId}/edit`);
    expect(edit.status).toBe(200);
    const editPage = await edit.text();
    expect(editPage).toContain('name="version" value="1"');
    expect(textOf(editPage)).toContain("Not changed since it was recorded");
    const values = { type: "face-to-face", ...ukDateFields("occurredOn", new Date(row?.occurred_at ?? 0)), occurredTime: ukTime(new Date(row?.occurred_at ?? 0)) };
    const first = await client.request("POST", `/contacts/${contactId}`, { form: { _csrf: csrfTokenIn(editPage), ...values, note: "Second words.", version: "1" } });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`/people/${person.id}/contacts`);

    const other = await browserAs(coWorker);
    const second = await other.submitForm(`/contacts/${contactId}/edit`, `/contacts/${contactId}`, { ...values, note: "Third words.", version: "2" });
    expect(second.status).toBe(303);

    const revisions = await revisionsOf(testApp.database.db, tenant.tenantId, contactId);
    expect(revisions.map((revision) => [revision.version, revision.snapshot.note])).toEqual([
      [1, "First words."],
      [2, "Second words."],
      [3, "Third words."],
    ]);
    expect(revisions[2]?.changed_by).toBe(coWorker.id);
    const history = textOf(await (await client.get(`/contacts/${contactId}/edit`)).text());
    expect(history).toContain("Edited 2 times — see earlier versions");
    expect(history).toContain("Version 1, saved by Sam Lead");
    expect(history).toContain("First words.");
    expect(history).toContain("Version 2, saved by Sam Lead");
    expect(history).toContain("Second words.");
    const list = textOf(await (await client.get(`/people/${person.id}/contacts`)).text());
    expect(list).toContain("Edited 2 times — see earlier versions");
    expect(await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "contact.update" })).toHaveLength(2);
  });

  it("keeps the original of a contact that came without history before changing it", async () => {
    const { tenant, lead, person } = await team();
    const contactId = await insertContact(testApp.database.db, tenant, { personId: person.id, workerId: lead.id, note: "Imported note." });
    const client = await browserAs(lead);
    const occurredAt = new Date(Date.now() - 3_600_000);
    const response = await client.submitForm(`/contacts/${contactId}/edit`, `/contacts/${contactId}`, {
      type: "phone",
      ...ukDateFields("occurredOn", occurredAt),
      occurredTime: ukTime(occurredAt),
      note: "Corrected note.",
      version: "1",
    });
    expect(response.status).toBe(303);
    const revisions = await revisionsOf(testApp.database.db, tenant.tenantId, contactId);
    expect(revisions.map((revision) => revision.snapshot.note)).toEqual(["Imported note.", "Corrected note."]);
  });

  it("shows what someone else saved first, saves nothing, and lets the user save again", async () => {
    const { tenant, lead, coWorker, person } = await team();
    const contactId = await insertContact(testApp.database.db, tenant, { personId: person.id, workerId: lead.id, note: "Original." });
    const mine = await browserAs(lead);
    const theirs = await browserAs(coWorker);
    const myForm = await (await mine.get(`/contacts/${contactId}/edit`)).text();
    const occurredAt = new Date(Date.now() - 3_600_000);
    const fields = { type: "phone", ...ukDateFields("occurredOn", occurredAt), occurredTime: ukTime(occurredAt), version: "1" };
    expect((await theirs.submitForm(`/contacts/${contactId}/edit`, `/contacts/${contactId}`, { ...fields, note: "Their version." })).status).toBe(303);

    const stale = await mine.request("POST", `/contacts/${contactId}`, { form: { _csrf: csrfTokenIn(myForm), ...fields, note: "My version." } });
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(textOf(page)).toContain("Someone else changed this contact while you were editing");
    expect(textOf(page)).toContain("Their version.");
    expect(page).toContain("My version.");
    expect(page).toContain('name="version" value="2"');
    const [row] = await contactRowsOf(tenant.tenantId);
    expect(row?.note).toBe("Their version.");

    const again = await mine.request("POST", `/contacts/${contactId}`, { form: { _csrf: csrfTokenIn(page), ...fields, note: "My version.", version: "2" } });
    expect(again.status).toBe(303);
    const [saved] = await contactRowsOf(tenant.tenantId);
    expect(saved?.note).toBe("My version.");
    expect(saved?.version).toBe(3);
  });

  it("refuses a future time when changing, and keeps the contact as it was", async () => {
    const { tenant, lead, person } = await team();
    const contactId = await insertContact(testApp.database.db, tenant, { personId: person.id, workerId: lead.id, note: "As it was." });
    const client = await browserAs(lead);
    const later = new Date(Date.now() + 3 * 86_400_000);
    const response = await client.submitForm(`/contacts/${contactId}/edit`, `/contacts/${contactId}`, {
      type: "phone",
      ...ukDateFields("occurredOn", later),
      occurredTime: "10:00",
      note: "Changed.",
      version: "1",
    });
    expect(response.status).toBe(400);
    expect(textOf(await response.text())).toContain("A contact cannot be in the future — add an appointment instead");
    const [row] = await contactRowsOf(tenant.tenantId);
    expect(row?.note).toBe("As it was.");
  });

  it("is not found for anyone who may not see the person's contacts, and refused to a partner who may", async () => {
    const { tenant, lead, partner, peerMentor, outsider, person } = await team();
    const db = testApp.database.db;
    const contactId = await insertContact(db, tenant, { personId: person.id, workerId: lead.id });
    for (const user of [outsider, partner, peerMentor]) {
      const client = await browserAs(user);
      expect((await client.get(`/contacts/${contactId}/edit`)).status).toBe(404);
      const token = csrfTokenIn(await (await client.get("/api/docs")).text());
      expect((await client.request("POST", `/contacts/${contactId}`, { form: { _csrf: token, type: "phone", version: "1" } })).status).toBe(404);
    }
    await shareWithOrganisation(db, tenant, person.id, tenant.partnerOrganisationId, ["contacts"]);
    const partnerClient = await browserAs(partner);
    expect((await partnerClient.get(`/contacts/${contactId}/edit`)).status).toBe(403);
    const otherTenant = await createTenant(db);
    const stranger = await createUser(db, otherTenant, { roles: ["key-worker"] });
    expect((await (await browserAs(stranger)).get(`/contacts/${contactId}/edit`)).status).toBe(404);
    expect((await (await browserAs(lead)).get("/contacts/not-a-uuid/edit")).status).toBe(404);
    expect(await chronologyFor(db, tenant.tenantId, person.id)).toEqual([]);
  });
});
