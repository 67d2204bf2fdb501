import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { TEST_PASSWORD, createTenant, createUser, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
import { createReferralService, postReferralForm, referralRowCounts, statusLinkIn } from "../../test/support/referral-intake.ts";
import { fixedClock } from "../platform/clock.ts";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";
import { NEED_DOMAINS } from "./schema.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ publicUrl: "https://keywork.example.org" }, { clock: fixedClock("2026-03-06T10:00:00Z") });
});
afterAll(async () => {
  await testApp.close();
});

async function scene() {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Priya Nair" });
  const otherPartner = await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Dev Shah" });
  const manager = await createUser(db, tenant, { roles: ["manager"], name: "Morgan Ellis" });
  const otherManager = await createUser(db, tenant, { roles: ["manager"], team: "other", name: "Lee Grant" });
  const service = await createReferralService(db, tenant, { name: "Northside Key Work" });
  return { tenant, partner, otherPartner, manager, otherManager, service };
}

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInBrowser(user.email, TEST_PASSWORD);
  return client;
}

async function apiAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

const API_BODY = {
  person: { givenName: "Jordan", familyName: "Whitlock", dateOfBirth: "1996-02-14" },
  reason: "Sleeping rough since March.",
  needs: ["housing", "mental-health"],
};

describe("a referral from a signed-in professional", () => {
  it("uses the account's name, organisation and email, and lists the referral among theirs with its own page", async () => {
    const { tenant, partner, otherPartner, service } = await scene();
    const client = await browserAs(partner);
    const choose = textOf(await (await client.get(paths.referrals.new())).text());
    expect(choose).toContain("Choose a service to refer to");
    expect(choose).toContain("Northside Key Work");
    const formPath = paths.referrals.new({ service: service.serviceId });
    const form = textOf(await (await client.get(formPath)).text());
    expect(form).toContain(`The service will see this referral is from Priya Nair, Test housing association, and email you at ${partner.email}`);

    const fields = {
      serviceId: service.serviceId,
      givenName: "Jordan",
      familyName: "Whitlock",
      "dateOfBirth-day": "14",
      "dateOfBirth-month": "2",
      "dateOfBirth-year": "1996",
      personConsented: "no",
      reason: "Known to us since 2024.",
      referrerRole: "Tenancy support",
      referrerPhone: "0161 496 0123",
      // A signed-in referrer cannot claim to be someone else.
      referrerName: "Somebody Else",
      referrerEmail: "else@example.test",
    };
    const response = await postReferralForm(client, formPath, paths.referrals.create(), fields, ["offending"]);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(statusLinkIn(page).startsWith("https://keywork.example.org/referral-status/")).toBe(true);
    const [stored] = await queryRows<Record<string, unknown>>(
      testApp.database.db,
      sql`SELECT id, channel, referred_by, referrer_name, referrer_organisation, referrer_email, referrer_role, referrer_phone, person_consented, needs FROM referrals WHERE tenant_id = ${tenant.tenantId}`,
    );
    expect(stored).toMatchObject({
      channel: "form",
      referred_by: partner.id,
      referrer_name: "Priya Nair",
      referrer_organisation: "Test housing association",
      referrer_email: partner.email,
      referrer_role: "Tenancy support",
      referrer_phone: "0161 496 0123",
      person_consented: false,
      needs: ["offending"],
    });
    const referralId = String(stored?.id);

    const sent = textOf(await (await client.get(paths.referrals.sent())).text());
    expect(sent).toContain("1 referral, newest first");
    expect(sent).toContain("Jordan Whitlock");
    expect(sent).toContain("Awaiting acknowledgement");
    const own = textOf(await (await client.get(paths.referrals.show(referralId))).text());
    expect(own).toContain("What you sent");
    expect(own).toContain("Known to us since 2024.");
    expect(own).toContain("Referral received");

    const stranger = await browserAs(otherPartner);
    expect((await stranger.get(paths.referrals.show(referralId))).status).toBe(404);
    const empty = textOf(await (await stranger.get(paths.referrals.sent())).text());
    expect(empty).toContain("You have not made any referrals through Keywork yet");
  });

  it("keeps the input and writes nothing when the form has problems; refuses a service that takes no referrals", async () => {
    const { tenant, partner, service } = await scene();
    const client = await browserAs(partner);
    const formPath = paths.referrals.new({ service: service.serviceId });
    const response = await postReferralForm(client, formPath, paths.referrals.create(), { serviceId: service.serviceId, givenName: "Jordan" }, []);
    expect(response.status).toBe(400);
    const text = textOf(await response.text());
    expect(text).toContain("Enter the person's family name");
    expect(text).toContain("Enter the person's date of birth");
    expect(text).toContain("Select at least one need");
    const missing = await postReferralForm(client, formPath, paths.referrals.create(), { serviceId: "00000000-0000-7000-8000-000000000000" });
    expect(missing.status).toBe(404);
    expect((await client.get(paths.referrals.new({ service: "not-a-service" }))).status).toBe(404);
    expect(await referralRowCounts(testApp.database.db, tenant.tenantId)).toEqual({ referrals: 0, steps: 0, emails: 0, audit: 0 });
  });
});

describe("the referrals API", () => {
  it("takes a referral (201 with id, reference and the absolute status link) and gives it back with its dated steps", async () => {
    const { tenant, partner, manager, otherManager, otherPartner, service } = await scene();
    const api = await apiAs(partner);
    const created = await api.sendJson<{ id: string; reference: string; statusUrl: string; status: string }>("POST", paths.api.referrals(), { serviceId: service.serviceId, ...API_BODY });
    expect(created.status).toBe(201);
    expect(created.body.reference).toMatch(/^KW-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(created.body.statusUrl).toMatch(/^https:\/\/keywork\.example\.org\/referral-status\/[A-Za-z0-9_-]{43}$/);
    expect(created.body.status).toBe("awaiting-acknowledgement");

    const own = await api.getJson<{ view: string; person: unknown; steps: Array<{ step: string; at: string }>; submitted: { givenName: string; referrer: { email: string } } }>(
      paths.api.referral(created.body.id),
    );
    expect(own.status).toBe(200);
    expect(own.body.view).toBe("referrer");
    expect(own.body.person).toEqual({ initials: "J. W." });
    expect(own.body.steps.map((step) => step.step)).toEqual(["received"]);
    expect(own.body.steps[0]?.at).toBe("2026-03-06T10:00:00.000Z");
    expect(own.body.submitted.givenName).toBe("Jordan");
    expect(own.body.submitted.referrer.email).toBe(partner.email);

    const triage = await (await apiAs(manager)).getJson<{ view: string; person: { givenName: string }; steps: Array<{ step: string; visibleToReferrer: boolean }> }>(
      paths.api.referral(created.body.id),
    );
    expect(triage.status).toBe(200);
    expect(triage.body.view).toBe("triage");
    expect(triage.body.person.givenName).toBe("Jordan");
    expect(triage.body.steps).toEqual([expect.objectContaining({ step: "received", visibleToReferrer: true })]);

    expect((await (await apiAs(otherManager)).getJson(paths.api.referral(created.body.id))).status).toBe(404);
    expect((await (await apiAs(otherPartner)).getJson(paths.api.referral(created.body.id))).status).toBe(404);
    expect((await api.getJson(paths.api.referral("not-an-id"))).status).toBe(404);
    const [counts] = await queryRows<{ emails: number }>(testApp.database.db, sql`SELECT count(*)::int AS emails FROM outbound_emails WHERE tenant_id = ${tenant.tenantId}`);
    expect(counts?.emails).toBe(1);
  });

  it("refuses unknown fields, needs not in the list, a future date of birth and an unknown service with clear messages, and writes nothing", async () => {
    const { tenant, partner, service } = await scene();
    const api = await apiAs(partner);
    const post = (body: unknown) => api.sendJson<{ error: { message: string; issues?: Array<{ field: string; message: string }> } }>("POST", paths.api.referrals(), body);

    const unknownKey = await post({ serviceId: service.serviceId, ...API_BODY, nickname: "JJ" });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.error.message).toContain("Remove the unknown field: nickname");
    const nestedKey = await post({ serviceId: service.serviceId, ...API_BODY, person: { ...API_BODY.person, nhsNumber: "1" } });
    expect(nestedKey.status).toBe(400);
    expect(nestedKey.body.error.message).toContain("nhsNumber");

    const badNeeds = await post({ serviceId: service.serviceId, ...API_BODY, needs: ["housing", "flying"] });
    expect(badNeeds.status).toBe(400);
    expect(badNeeds.body.error.issues).toEqual([{ field: "needs.1", message: `Each need must be one of: ${NEED_DOMAINS.join(", ")}` }]);

    const future = await post({ serviceId: service.serviceId, ...API_BODY, person: { ...API_BODY.person, dateOfBirth: "2027-01-01" } });
    expect(future.status).toBe(400);
    expect(future.body.error.issues).toEqual([{ field: "person.dateOfBirth", message: "Date of birth must be in the past" }]);

    const missing = await post({ serviceId: service.serviceId, person: { givenName: "Jordan" }, needs: ["housing"] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues?.map((issue) => issue.field)).toEqual(expect.arrayContaining(["person.familyName", "person.dateOfBirth", "reason"]));

    const unknownService = await post({ ...API_BODY, serviceId: "00000000-0000-7000-8000-000000000000" });
    expect(unknownService.status).toBe(404);
    expect(unknownService.body.error.message).toBe("That service does not take referrals through Keywork");

    const malformed = await api.request("POST", paths.api.referrals(), { body: '{"serviceId": ', headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toBe("The request body is not valid JSON.");

    await testApp.database.db.execute(sql`UPDATE referral_settings SET accepting_referrals = false WHERE service_id = ${service.serviceId}`);
    const closed = await post({ serviceId: service.serviceId, ...API_BODY });
    expect(closed.status).toBe(400);
    expect(closed.body.error.message).toBe("Northside Key Work is not taking referrals at the moment. Contact the service to ask what to do instead.");

    expect(await referralRowCounts(testApp.database.db, tenant.tenantId)).toEqual({ referrals: 0, steps: 0, emails: 0, audit: 0 });
  });

  it("refuses roles that cannot make referrals", async () => {
    const { db } = testApp.database;
    const { service } = await scene();
    const tenant: TestTenant = await createTenant(db);
    const evaluator = await createUser(db, tenant, { roles: ["evaluator"] });
    const api = await apiAs(evaluator);
    const response = await api.sendJson("POST", paths.api.referrals(), { serviceId: service.serviceId, ...API_BODY });
    expect(response.status).toBe(403);
  });

  it("documents both endpoints in the OpenAPI document", async () => {
    const { body } = await testApp.client().getJson<{ paths: Record<string, Record<string, { summary: string }>> }>("/openapi.json");
    expect(body.paths["/api/v1/referrals"]?.post?.summary).toContain("Refer someone to a service");
    expect(body.paths["/api/v1/referrals/{referralId}"]?.get?.summary).toContain("A referral with its dated steps");
  });
});
