import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD } from "../../test/support/factories.ts";
import { newId } from "../platform/database/ids.ts";
import { todayIso } from "../platform/http/validation.ts";
import { needOf, orderByNeed } from "./needs.ts";
import type { CaseloadRow } from "./store.ts";

const NOW = new Date("2026-11-22T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

function row(overrides: Partial<CaseloadRow>): CaseloadRow {
  return {
    personId: newId(),
    givenName: "Test",
    familyName: "Person",
    preferredName: null,
    dateOfBirth: null,
    engagementStatus: "engaged",
    contactIntensity: "medium",
    careTeamRole: "lead",
    lastContactAt: daysAgo(1),
    nextAppointmentAt: null,
    nextAppointmentPlace: null,
    crisesInEightWeeks: 0,
    lastCrisisAt: null,
    riskReviewDueOn: null,
    risksToWorkers: false,
    highestRisk: null,
    consentReviewDueOn: null,
    planReviewDueOn: null,
    overdueActions: 0,
    ...overrides,
  };
}

describe("why someone needs their worker now", () => {
  it("measures days since contact against the target for how often they should be seen", () => {
    expect(needOf(row({ contactIntensity: "high", lastContactAt: daysAgo(9) }), NOW).reasons).toEqual(["No contact for 9 days (aim: every 7 days)"]);
    expect(needOf(row({ contactIntensity: "low", lastContactAt: daysAgo(9) }), NOW).reasons).toEqual([]);
    expect(needOf(row({ lastContactAt: null }), NOW).reasons).toEqual(["Not seen yet"]);
  });

  it("names a recent crisis, repeated crises and reviews due", () => {
    const need = needOf(
      row({ lastCrisisAt: daysAgo(2), crisesInEightWeeks: 3, riskReviewDueOn: "2026-11-01", consentReviewDueOn: "2026-11-20" }),
      NOW,
    );
    expect(need.reasons).toEqual(["Crisis 2 days ago", "3 crises in 8 weeks", "Risk review due 1 November 2026", "Consent review due: 20 November 2026"]);
  });

  it("names overdue actions in the plan and a plan review due or coming up", () => {
    expect(needOf(row({ overdueActions: 2, planReviewDueOn: "2026-11-20" }), NOW).reasons).toEqual(["2 actions in the plan overdue", "Plan review due: 20 November 2026"]);
    expect(needOf(row({ overdueActions: 1, planReviewDueOn: "2026-12-01" }), NOW).reasons).toEqual(["1 action in the plan overdue", "Plan review due soon: 1 December 2026"]);
  });

  it("puts the most pressing first, never just alphabetically", () => {
    const calm = row({ familyName: "Aaron", lastContactAt: daysAgo(1) });
    const overdue = row({ familyName: "Brown", lastContactAt: daysAgo(30) });
    const crisis = row({ familyName: "Clark", lastContactAt: daysAgo(1), lastCrisisAt: daysAgo(0) });
    const unseen = row({ familyName: "Dunn", lastContactAt: null });
    expect(orderByNeed([calm, overdue, crisis, unseen], NOW).map((item) => item.familyName)).toEqual(["Dunn", "Clark", "Brown", "Aaron"]);
  });
});

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

describe("the caseload order, from the record", () => {
  it("reads crises, risk and consent reviews from the record and explains the order", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    const calm = await createPerson(db, tenant, { familyName: "Calm", members: [{ user: worker, role: "lead" }], lastContactDaysAgo: 1 });
    const crisis = await createPerson(db, tenant, { familyName: "Crisis", members: [{ user: worker, role: "lead" }], lastContactDaysAgo: 1 });
    const reviews = await createPerson(db, tenant, { familyName: "Reviews", members: [{ user: worker, role: "lead" }], lastContactDaysAgo: 1 });
    const today = todayIso();
    await db.execute(sql`INSERT INTO significant_events (id, tenant_id, person_id, occurred_at, kind, title)
      VALUES (${newId()}, ${tenant.tenantId}, ${crisis.id}, now() - interval '1 day', 'crisis', 'Taken to A&E by ambulance')`);
    await db.execute(sql`INSERT INTO risks (id, tenant_id, person_id, category, level, description, review_on)
      VALUES (${newId()}, ${tenant.tenantId}, ${reviews.id}, 'to-workers', 'high', 'Dog at the flat', ${today}::date - 3)`);
    await db.execute(sql`INSERT INTO consents (id, tenant_id, person_id, type, scopes, how_given, given_on, review_on)
      VALUES (${newId()}, ${tenant.tenantId}, ${reviews.id}, 'work-with-service', '{}', 'verbal', ${today}::date - 200, ${today}::date - 1)`);
    const organisationId = tenant.partnerOrganisationId;
    await db.execute(sql`INSERT INTO plan_actions (id, tenant_id, person_id, description, owner_organisation_id, due_on)
      VALUES (${newId()}, ${tenant.tenantId}, ${reviews.id}, 'Book the housing assessment', ${organisationId}, ${today}::date - 2),
             (${newId()}, ${tenant.tenantId}, ${calm.id}, 'Not due yet', ${organisationId}, ${today}::date + 2)`);
    await db.execute(sql`INSERT INTO plans (id, tenant_id, person_id, next_review_on) VALUES (${newId()}, ${tenant.tenantId}, ${calm.id}, ${today}::date + 60)`);
    const client = testApp.client();
    await client.signInApi(worker.email, TEST_PASSWORD);
    const { body } = await client.getJson<{ items: Array<{ id: string; need: { reasons: string[] } }> }>("/api/v1/people");
    expect(body.items.map((item) => item.id)).toEqual([crisis.id, reviews.id, calm.id]);
    expect(body.items[0]?.need.reasons).toEqual(["Crisis yesterday"]);
    expect(body.items[1]?.need.reasons).toEqual([expect.stringMatching(/^Risk review due /), expect.stringMatching(/^Consent review due: /), "1 action in the plan overdue"]);
    expect(body.items[2]?.need.reasons).toEqual([]);
  });

  it("never drops someone for not engaging: only a decision to close takes them off", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    const person = await createPerson(db, tenant, { familyName: "Longgone", members: [{ user: worker, role: "lead" }], lastContactDaysAgo: 400 });
    await db.execute(sql`UPDATE people SET engagement_status = 'out-of-contact' WHERE id = ${person.id}`);
    const client = testApp.client();
    await client.signInApi(worker.email, TEST_PASSWORD);
    const { body } = await client.getJson<{ items: Array<{ id: string; need: { reasons: string[] } }> }>("/api/v1/people");
    expect(body.items[0]?.id).toBe(person.id);
    expect(body.items[0]?.need.reasons).toEqual(["No contact for 400 days (aim: every 14 days)", "Out of contact"]);
  });
});
