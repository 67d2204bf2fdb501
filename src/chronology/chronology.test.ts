import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { queryRows } from "../platform/database/query.ts";
import {
  daysAgo,
  insertChronologyEvent,
  insertContact,
  insertShareConsent,
  insertSignificantEvent,
  isoDaysFromToday,
  personSeenByEveryAudience,
  type AudienceScene,
} from "../../test/support/chronology.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

/**
 * A person with a lead worker (Sam Okafor), a partner and a peer mentor in their team, a carer,
 * and one of everything on their timeline: contacts, a significant event, record, consent and
 * risk events.
 */

async function scene(): Promise<AudienceScene> {
  const { db } = testApp.database;
  const everyone = await personSeenByEveryAudience(db, { partner: "Marcus Bell" });
  const { tenant, worker, person } = everyone;
  await insertContact(db, tenant, person, worker, { occurredAt: daysAgo(10), type: "phone", location: null, durationMinutes: 15, note: "Secret contact note" });
  await insertContact(db, tenant, person, worker, { occurredAt: daysAgo(2), type: "face-to-face", location: "day-centre", durationMinutes: 45 });
  await insertSignificantEvent(db, tenant, person, { title: "Evicted from St Anne's Hostel", occurredAt: daysAgo(6), note: "Rent arrears and a fight", recordedBy: worker });
  await insertChronologyEvent(db, tenant, person, { kind: "engagement-changed", summary: "Engagement changed to engaged", section: "record", occurredAt: daysAgo(8), actor: worker });
  await insertChronologyEvent(db, tenant, person, { kind: "consent-given", summary: "Consent to share given", section: "consent", occurredAt: daysAgo(7), actor: worker });
  await insertChronologyEvent(db, tenant, person, { kind: "risk-added", summary: "Risk to workers added (high)", section: "risks", occurredAt: daysAgo(5), actor: worker, detail: { category: "to-workers" } });
  await insertChronologyEvent(db, tenant, person, { kind: "story-edited", summary: "Their story was changed", section: "story", occurredAt: daysAgo(4), actor: worker });
  return everyone;
}

async function apiAs(user: TestUser) {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

async function browserAs(user: TestUser) {
  const client = testApp.client();
  const response = await client.signInBrowser(user.email, TEST_PASSWORD);
  expect(response.status).toBe(303);
  return client;
}

interface Item {
  id: string;
  occurredAt: string;
  kind: string;
  summary: string;
  section: string;
  recordedBy: { id: string; name: string } | null;
  source: { type: string; id: string };
}

async function chronologyOf(user: TestUser, person: TestPerson, query = ""): Promise<Item[]> {
  const client = await apiAs(user);
  const { status, body } = await client.getJson<{ items: Item[] }>(`/api/v1/people/${person.id}/chronology${query}`);
  expect(status).toBe(200);
  return body.items;
}

describe("GET /api/v1/people/{id}/chronology", () => {
  it("gives everything to the person's worker, newest first, contacts included", async () => {
    const { worker, person } = await scene();
    const items = await chronologyOf(worker, person);
    expect(items.map((item) => item.summary)).toEqual([
      "Face to face at the day centre — Sam Okafor, 45 minutes",
      "Their story was changed",
      "Risk to workers added (high)",
      "Evicted from St Anne's Hostel",
      "Consent to share given",
      "Engagement changed to engaged",
      "Phone call — Sam Okafor, 15 minutes",
    ]);
    const times = items.map((item) => Date.parse(item.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const contact = items[0];
    expect(contact).toMatchObject({ kind: "contact", section: "contacts", recordedBy: { id: worker.id, name: "Sam Okafor" }, source: { type: "contact" } });
    expect(contact?.source.id).toBe(contact?.id);
    expect(items.find((item) => item.kind === "significant-event")).toMatchObject({ section: "record", eventKind: "eviction" });
    expect(JSON.stringify(items)).not.toContain("Secret contact note");
    expect(JSON.stringify(items)).not.toContain("Rent arrears");
  });

  it("filters by kind and by UK dates", async () => {
    const { worker, person } = await scene();
    expect((await chronologyOf(worker, person, "?kind=contacts")).map((item) => item.kind)).toEqual(["contact", "contact"]);
    expect((await chronologyOf(worker, person, "?kind=significant-events")).map((item) => item.summary)).toEqual(["Evicted from St Anne's Hostel"]);
    expect((await chronologyOf(worker, person, "?kind=consent")).map((item) => item.summary)).toEqual(["Consent to share given"]);
    expect((await chronologyOf(worker, person, "?kind=risks")).map((item) => item.summary)).toEqual(["Risk to workers added (high)"]);
    expect((await chronologyOf(worker, person, "?kind=record")).map((item) => item.summary)).toEqual(["Their story was changed", "Engagement changed to engaged"]);
    const week = await chronologyOf(worker, person, `?from=${isoDaysFromToday(-7)}&to=${isoDaysFromToday(-3)}`);
    expect(week.map((item) => item.summary)).toEqual(["Their story was changed", "Risk to workers added (high)", "Evicted from St Anne's Hostel", "Consent to share given"]);
    const contactsSince = await chronologyOf(worker, person, `?kind=contacts&from=${isoDaysFromToday(-5)}`);
    expect(contactsSince).toHaveLength(1);
  });

  it("refuses filters that are not valid", async () => {
    const { worker, person } = await scene();
    const client = await apiAs(worker);
    for (const query of ["?kind=everything", "?from=2026-02-30", `?from=${isoDaysFromToday(-1)}&to=${isoDaysFromToday(-3)}`, "?before=yesterday", "?colour=red"]) {
      const { status, body } = await client.getJson<{ error: { issues: unknown[] } }>(`/api/v1/people/${person.id}/chronology${query}`);
      expect(status, query).toBe(400);
      expect(body.error.issues.length, query).toBeGreaterThan(0);
    }
  });

  it("pages with `next` and `before`, never repeating or skipping an item", async () => {
    const { db } = testApp.database;
    const { tenant, worker, person } = await scene();
    const sameMoment = daysAgo(1);
    for (let index = 0; index < 4; index++) await insertContact(db, tenant, person, worker, { occurredAt: sameMoment, durationMinutes: 10 + index });
    const client = await apiAs(worker);
    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const query: string = next ? `&before=${encodeURIComponent(next)}` : "";
      const { body }: { body: { items: Item[]; next: string | null } } = await client.getJson(`/api/v1/people/${person.id}/chronology?limit=3${query}`);
      seen.push(...body.items.map((item) => item.id));
      next = body.next;
      pages++;
    } while (next && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    expect(seen).toEqual((await chronologyOf(worker, person)).map((item) => item.id));
    const older = await chronologyOf(worker, person, `?before=${daysAgo(9).toISOString()}`);
    expect(older.map((item) => item.summary)).toEqual(["Phone call — Sam Okafor, 15 minutes"]);
  });

  it("gives a partner without consent the record and risks, but not contacts, consent or the story", async () => {
    const { partner, person } = await scene();
    const items = await chronologyOf(partner, person);
    // A significant event reads as its kind alone to anyone but the person's own workers.
    expect(items.map((item) => item.summary)).toEqual(["Risk to workers added (high)", "Evicted", "Engagement changed to engaged"]);
  });

  it("gives a partner the contacts once the person shares them with the partner's organisation", async () => {
    const { tenant, partner, person } = await scene();
    await insertShareConsent(testApp.database.db, tenant, person, tenant.partnerOrganisationId, ["contacts"]);
    const items = await chronologyOf(partner, person);
    expect(items.filter((item) => item.kind === "contact")).toHaveLength(2);
    expect(items.map((item) => item.section)).not.toContain("consent");
    expect(items.map((item) => item.section)).not.toContain("story");
  });

  it("gives a peer mentor the record alone, and a carer the record and what is shared with them, never risks", async () => {
    const { db } = testApp.database;
    const { peerMentor, carer, tenant, person } = await scene();
    expect((await chronologyOf(peerMentor, person)).map((item) => item.section)).toEqual(["record", "record"]);
    expect((await chronologyOf(carer, person)).map((item) => item.section)).toEqual(["record", "record"]);
    await db.execute(sql`
      INSERT INTO consents (id, tenant_id, person_id, type, party_family_member_id, scopes, how_given, given_on)
      SELECT gen_random_uuid(), tenant_id, person_id, 'share-with', id, ARRAY['story'], 'verbal', CURRENT_DATE - 1
      FROM family_members WHERE tenant_id = ${tenant.tenantId} AND person_id = ${person.id}`);
    const shared = await chronologyOf(carer, person);
    expect(shared.map((item) => item.section)).toEqual(["story", "record", "record"]);
  });

  it("is 404 for someone who may not see the person, and for an unknown person", async () => {
    const { outsider, person } = await scene();
    const client = await apiAs(outsider);
    expect((await client.getJson(`/api/v1/people/${person.id}/chronology`)).status).toBe(404);
    const worker = await apiAs((await scene()).worker);
    expect((await worker.getJson("/api/v1/people/not-a-person/chronology")).status).toBe(404);
  });

  it("audits each read", async () => {
    const { tenant, worker, person } = await scene();
    await chronologyOf(worker, person, "?kind=contacts");
    const rows = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "chronology.read" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: worker.id, detail: expect.objectContaining({ purpose: "api", filter: "contacts" }) });
  });
});

describe("the chronology page", () => {
  it("shows each entry with who recorded it, and the significant event's note to the worker only", async () => {
    const { worker, partner, person } = await scene();
    const page = await (await (await browserAs(worker)).get(`/people/${person.id}/chronology`)).text();
    const text = textOf(page);
    expect(text).toContain("Face to face at the day centre — Sam Okafor, 45 minutes");
    expect(text).toContain("Evicted Evicted from St Anne's Hostel");
    expect(text).toContain("Rent arrears and a fight");
    expect(text).toContain("Everything: showing 1 to 7 of 7 entries, newest first");
    expect(page).toContain("<caption");
    expect(page).toContain("Add a significant event");
    expect(text.indexOf("Face to face")).toBeLessThan(text.indexOf("Phone call"));
    const partnerPage = textOf(await (await (await browserAs(partner)).get(`/people/${person.id}/chronology`)).text());
    expect(partnerPage).toContain("Evicted");
    expect(partnerPage).not.toContain("Evicted from St Anne's Hostel");
    expect(partnerPage).not.toContain("Rent arrears");
    expect(partnerPage).not.toContain("Face to face");
    expect(partnerPage).not.toContain("Add a significant event");
  });

  it("filters with a GET form, keeps the filters across pages, and says when nothing matches", async () => {
    const { db } = testApp.database;
    const { tenant, worker, person } = await scene();
    for (let index = 0; index < 55; index++) await insertContact(db, tenant, person, worker, { occurredAt: daysAgo(20 + index), durationMinutes: 30 });
    const client = await browserAs(worker);
    const first = await (await client.get(`/people/${person.id}/chronology?kind=contacts`)).text();
    expect(textOf(first)).toContain("Contacts: showing 1 to 50 of 57 entries");
    expect(first).toContain(`href="/people/${person.id}/chronology?kind=contacts&amp;page=2"`);
    const second = textOf(await (await client.get(`/people/${person.id}/chronology?kind=contacts&page=2`)).text());
    expect(second).toContain("showing 51 to 57 of 57 entries");
    const [from, to] = [isoDaysFromToday(-3), isoDaysFromToday(-1)].map((iso) => iso.split("-"));
    const ranged = textOf(
      await (await client.get(`/people/${person.id}/chronology?kind=&from-day=${from?.[2]}&from-month=${from?.[1]}&from-year=${from?.[0]}&to-day=${to?.[2]}&to-month=${to?.[1]}&to-year=${to?.[0]}`)).text(),
    );
    expect(ranged).toContain("showing 1 to 1 of 1 entry");
    const none = textOf(await (await client.get(`/people/${person.id}/chronology?kind=significant-events&to=${isoDaysFromToday(-100)}`)).text());
    expect(none).toContain("Nothing matches these filters");
  });

  it("explains a date that is not valid", async () => {
    const { worker, person } = await scene();
    const response = await (await browserAs(worker)).get(`/people/${person.id}/chronology?from-day=31&from-month=2&from-year=2026`);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(textOf(page)).toContain("There is a problem");
    expect(textOf(page)).toContain("The ‘from’ date must be a real date");
    expect(page).toContain('href="#from-day"');
    expect(page).toContain('value="31"');
  });

  it("has an empty state", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    const person = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }] });
    const text = textOf(await (await (await browserAs(worker)).get(`/people/${person.id}/chronology`)).text());
    expect(text).toContain("Nothing on the chronology yet");
  });

  it("prints as a plain page without menus or filters", async () => {
    const { worker, person } = await scene();
    const client = await browserAs(worker);
    const page = await (await client.get(`/people/${person.id}/chronology`)).text();
    expect(page).toContain(`href="/people/${person.id}/chronology?print=1"`);
    const printed = await (await client.get(`/people/${person.id}/chronology?kind=contacts&print=1`)).text();
    expect(printed).not.toContain("keywork-person-nav");
    expect(printed).not.toContain("govuk-service-navigation");
    expect(printed).not.toContain("Filter the chronology");
    expect(textOf(printed)).toContain("Contacts. 2 entries, newest first.");
    expect(textOf(printed)).toContain("Printed");
  });

  it("is 404 for someone who may not see the person", async () => {
    const { outsider, person } = await scene();
    const client = await browserAs(outsider);
    for (const path of [`/people/${person.id}/chronology`, `/people/${person.id}/chronology?print=1`]) {
      expect((await client.get(path)).status, path).toBe(404);
    }
  });
});

describe("chronology events", () => {
  it("cannot be changed or removed once written", async () => {
    const { db } = testApp.database;
    const { tenant, person } = await scene();
    const failure = (query: Promise<unknown>) =>
      query.then(
        () => "changed",
        (error: unknown) => `${String(error)} ${String((error as { cause?: unknown }).cause ?? "")}`,
      );
    expect(await failure(db.execute(sql`UPDATE chronology_events SET summary = 'Rewritten' WHERE tenant_id = ${tenant.tenantId} AND person_id = ${person.id}`))).toMatch(/append-only/);
    expect(await failure(db.execute(sql`DELETE FROM chronology_events WHERE tenant_id = ${tenant.tenantId} AND person_id = ${person.id}`))).toMatch(/append-only/);
    const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM chronology_events WHERE tenant_id = ${tenant.tenantId} AND person_id = ${person.id} AND summary <> 'Rewritten'`);
    expect(row?.count).toBe(4);
  });
});
