import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { daysFromToday, insertConsent, insertFamilyMember } from "../../test/support/consent.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { DEMO_USERS } from "../demo/seed.ts";
import { demoPeople } from "../demo/people.ts";
import type { DemoContext } from "../demo/types.ts";
import { newId } from "../platform/database/ids.ts";
import { organisations } from "../platform/tenancy/tables.ts";
import { loadConsentDemo } from "./demo.ts";
import type { Actor } from "../platform/access/index.ts";
import type { Role } from "../platform/access/roles.ts";
import { queryRows } from "../platform/database/query.ts";
import { Forbidden, NotFound } from "../platform/http/errors.ts";
import { consentForHandover, consentReviewsDue } from "./service.ts";
import { consentHandoverSection } from "./views.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

function actorFor(user: TestUser, tenant: TestTenant, roles: Role[], organisationId = tenant.serviceOrganisationId): Actor {
  return { userId: user.id, tenantId: tenant.tenantId, organisationId, teamId: tenant.teamId, email: user.email, displayName: user.displayName, roles, ip: "127.0.0.1" };
}

describe("consentReviewsDue, for ordering caseloads", () => {
  it("gives the earliest review of current consents due within 14 days, and whether it has passed", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const [overdue, today, soon, later, withdrawn, future, none] = await Promise.all(Array.from({ length: 7 }, () => createPerson(db, tenant)));
    if (!overdue || !today || !soon || !later || !withdrawn || !future || !none) throw new Error("people were not created");
    await insertConsent(db, tenant, overdue, { type: "work-with-service", reviewOn: daysFromToday(-5) });
    await insertConsent(db, tenant, overdue, { type: "work-with-service", reviewOn: daysFromToday(-2) });
    await insertConsent(db, tenant, today, { type: "work-with-service", reviewOn: daysFromToday(0) });
    await insertConsent(db, tenant, soon, { type: "work-with-service", reviewOn: daysFromToday(14) });
    await insertConsent(db, tenant, later, { type: "work-with-service", reviewOn: daysFromToday(15) });
    await insertConsent(db, tenant, withdrawn, { type: "work-with-service", reviewOn: daysFromToday(-5), withdrawnOn: daysFromToday(-1) });
    await insertConsent(db, tenant, future, { type: "work-with-service", givenOn: daysFromToday(2), reviewOn: daysFromToday(3) });
    const ids = [overdue, today, soon, later, withdrawn, future, none].map((person) => person.id);
    const due = await consentReviewsDue(db, tenant.tenantId, [...ids, "not-an-id"]);
    expect(Object.fromEntries(due)).toEqual({
      [overdue.id]: { dueOn: daysFromToday(-5), overdue: true },
      [today.id]: { dueOn: daysFromToday(0), overdue: false },
      [soon.id]: { dueOn: daysFromToday(14), overdue: false },
    });
    expect((await consentReviewsDue(db, tenant.tenantId, [])).size).toBe(0);
    const otherTenant = await createTenant(db);
    expect((await consentReviewsDue(db, otherTenant.tenantId, ids)).size).toBe(0);
  });
});

describe("consentForHandover", () => {
  it("summarises current consent for the full audience and renders it in a few lines", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
    const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
    const person = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }] });
    await insertConsent(db, tenant, person, { type: "work-with-service", givenOn: daysFromToday(-200), reviewOn: daysFromToday(-1) });
    await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["story", "contacts"], reviewOn: daysFromToday(60) });
    await insertConsent(db, tenant, person, { organisationId: tenant.partnerOrganisationId, scopes: ["health"], withdrawnOn: daysFromToday(-3) });
    const handover = await consentForHandover(db, actorFor(worker, tenant, ["key-worker"]), person.id);
    expect(handover.current).toEqual([
      { subject: "Consent to share with Test housing association", scopes: "story, contacts", givenOn: daysFromToday(-30), reviewOn: daysFromToday(60), reviewDue: false },
      { subject: "Consent to work with the service", scopes: "", givenOn: daysFromToday(-200), reviewOn: daysFromToday(-1), reviewDue: true },
    ]);
    const text = textOf(consentHandoverSection(person.id, handover).value);
    expect(text).toContain("Consent to share with Test housing association Shares: story, contacts");
    expect(text).toContain("Review due");
    expect(text).not.toContain("health");
    await expect(consentForHandover(db, actorFor(partner, tenant, ["partner"], tenant.partnerOrganisationId), person.id)).rejects.toBeInstanceOf(Forbidden);
    await expect(consentForHandover(db, { ...actorFor(outsider, tenant, ["key-worker"]), teamId: tenant.otherTeamId }, person.id)).rejects.toBeInstanceOf(NotFound);
  });
});

describe("the demo consent loader", () => {
  it("gives everyone consent to work with the service, and shows the housing partner and Dean's mum the difference sharing makes", async () => {
    const { db } = testApp.database;
    const base = await createTenant(db);
    const harbour = newId();
    await db.insert(organisations).values({ id: harbour, tenantId: base.tenantId, name: "Harbour Housing", kind: "housing" });
    const tenant = { ...base, partnerOrganisationId: harbour };
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
    const carer = await createUser(db, tenant, { roles: ["carer"], team: "none" });
    const keys = ["dean-holloway", "mariusz-nowak", "chantelle-morgan", "daniel-price"];
    const people: DemoContext["people"] = [];
    for (const key of keys) {
      const demo = demoPeople.find((person) => person.key === key);
      if (!demo) throw new Error(`no demo person ${key}`);
      const person = await createPerson(db, tenant, { givenName: demo.givenName, familyName: demo.familyName, members: [{ user: worker, role: "lead" }, { user: partner, role: "partner" }] });
      people.push({ id: person.id, demo });
    }
    const dean = people[0];
    if (!dean) throw new Error("no Dean");
    await insertFamilyMember(db, tenant, { id: dean.id, givenName: "Dean", familyName: "Holloway" }, { name: "Maureen Holloway", relationship: "Mum", user: carer });
    const userIds = Object.fromEntries(Object.keys(DEMO_USERS).map((key) => [key, worker.id])) as DemoContext["userIds"];
    await db.transaction((tx) => loadConsentDemo(tx, { tenantId: tenant.tenantId, now: new Date(), userIds, organisationIds: {}, people }));

    const [counts] = await queryRows<{ working: number; withdrawn: number; due: number; received: number }>(db, sql`
      SELECT (SELECT count(DISTINCT person_id)::int FROM consents WHERE tenant_id = ${tenant.tenantId} AND type = 'work-with-service' AND withdrawn_on IS NULL) AS working,
        (SELECT count(*)::int FROM consents WHERE tenant_id = ${tenant.tenantId} AND withdrawn_on IS NOT NULL) AS withdrawn,
        (SELECT count(*)::int FROM consents WHERE tenant_id = ${tenant.tenantId} AND review_on <= (now() AT TIME ZONE 'Europe/London')::date AND withdrawn_on IS NULL) AS due,
        (SELECT count(*)::int FROM information_received WHERE tenant_id = ${tenant.tenantId} AND family_member_id IS NOT NULL) AS received`);
    expect(counts).toEqual({ working: keys.length, withdrawn: 1, due: 1, received: 1 });

    const partnerApi = testApp.client();
    await partnerApi.signInApi(partner.email, TEST_PASSWORD);
    const withheld: Record<string, string[]> = {};
    for (const person of people) {
      const { body } = await partnerApi.getJson<{ withheld: string[] }>(`/api/v1/people/${person.id}`);
      withheld[person.demo.givenName] = body.withheld.filter((section) => section === "story" || section === "contactDetails");
    }
    expect(withheld).toEqual({ Dean: [], Mariusz: [], Chantelle: ["story"], Daniel: ["story", "contactDetails"] });
    const carerApi = testApp.client();
    await carerApi.signInApi(carer.email, TEST_PASSWORD);
    expect((await carerApi.getJson<{ withheld: string[] }>(`/api/v1/people/${dean.id}`)).body.withheld).not.toContain("story");
  });
});
