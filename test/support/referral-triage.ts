import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import type { EligibilityRules, NeedDomain, Priority, ReferralStatus } from "../../src/referrals/schema.ts";
import { referralSteps, referrals } from "../../src/referrals/tables.ts";
import { addWorkingDays } from "../../src/referrals/working-days.ts";
import type { TestApp } from "./app.ts";
import { createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "./factories.ts";
import { csrfTokenIn, type HttpClient } from "./http.ts";
import { createReferralService, type ReferralService } from "./referral-intake.ts";

/**
 * A partnership whose main team receives a service's referrals: its manager and three key workers
 * (with specialisms and keyworking hours), the other team's manager and worker, a partner
 * professional who refers, and an administrator.
 */
export interface TriageScene {
  tenant: TestTenant;
  service: ReferralService;
  manager: TestUser;
  otherManager: TestUser;
  worker: TestUser;
  housingWorker: TestUser;
  partTimeWorker: TestUser;
  otherWorker: TestUser;
  partner: TestUser;
  admin: TestUser;
}

export async function triageScene(db: Db, options: { eligibility?: EligibilityRules } = {}): Promise<TriageScene> {
  const tenant = await createTenant(db);
  const service = await createReferralService(db, tenant);
  if (options.eligibility) await setEligibility(db, tenant, service.serviceId, options.eligibility);
  const scene: TriageScene = {
    tenant,
    service,
    manager: await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" }),
    otherManager: await createUser(db, tenant, { roles: ["manager"], team: "other", name: "Grace Adeyemi" }),
    worker: await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor", keyworkingHours: 37 }),
    housingWorker: await createUser(db, tenant, { roles: ["key-worker"], name: "Priya Nair", keyworkingHours: 37 }),
    partTimeWorker: await createUser(db, tenant, { roles: ["key-worker"], name: "Aisha Begum", keyworkingHours: 15 }),
    otherWorker: await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Jo Whitfield" }),
    partner: await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" }),
    admin: await createUser(db, tenant, { roles: ["admin"], team: "none", name: "Alex Chen" }),
  };
  await setSpecialisms(db, scene.housingWorker, ["housing", "substance-use"]);
  return scene;
}

export async function setEligibility(db: Db, tenant: TestTenant, serviceId: string, eligibility: EligibilityRules): Promise<void> {
  await db.execute(sql`UPDATE referral_settings SET eligibility = ${JSON.stringify(eligibility)}::jsonb WHERE tenant_id = ${tenant.tenantId} AND service_id = ${serviceId}`);
}

export async function setSpecialisms(db: Db, user: TestUser, specialisms: string[]): Promise<void> {
  await db.execute(sql`UPDATE users SET specialisms = ${`{${specialisms.join(",")}}`}::text[] WHERE id = ${user.id}`);
}

export async function signedIn(testApp: TestApp, user: TestUser, api = false): Promise<HttpClient> {
  const client = testApp.client();
  if (api) await client.signInApi(user.email, TEST_PASSWORD);
  else expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

/** A referral through the API, as a signed-in partner: the way most referrals arrive. */
export async function referByApi(
  partnerApi: HttpClient,
  serviceId: string,
  overrides: { givenName?: string; familyName?: string; aliases?: string[]; dateOfBirth?: string; needs?: NeedDomain[]; reason?: string; area?: string } = {},
): Promise<{ id: string; reference: string; statusUrl: string }> {
  const { status, body } = await partnerApi.sendJson<{ id: string; reference: string; statusUrl: string }>("POST", "/api/v1/referrals", {
    serviceId,
    person: {
      givenName: overrides.givenName ?? "Kieran",
      familyName: overrides.familyName ?? "Lowe",
      aliases: overrides.aliases ?? [],
      dateOfBirth: overrides.dateOfBirth ?? "1991-08-14",
      area: overrides.area ?? "Northmoor",
    },
    personConsented: true,
    needs: overrides.needs ?? ["housing", "mental-health", "substance-use", "physical-health"],
    reason: overrides.reason ?? "Sleeping at the day centre door for three weeks; will not see a doctor about his leg.",
    referrer: { email: "marcus.bell@example.test" },
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return body;
}

/** A referral written straight to the database, received on a chosen UK date, in a chosen status. */
export async function insertReferral(
  db: Db,
  tenant: TestTenant,
  serviceId: string,
  options: { receivedOn: string; status?: ReferralStatus; priority?: Priority; givenName?: string; familyName?: string; dateOfBirth?: string | null; aliases?: string[]; needs?: string[] } ,
): Promise<string> {
  const id = newId();
  const receivedAt = new Date(`${options.receivedOn}T10:00:00Z`);
  await db.insert(referrals).values({
    id,
    tenantId: tenant.tenantId,
    serviceId,
    reference: `KW-${randomBytes(4).toString("hex").toUpperCase()}`,
    statusTokenHash: randomBytes(32).toString("hex"),
    status: options.status ?? "awaiting-acknowledgement",
    priority: options.priority ?? "normal",
    channel: "api",
    givenName: options.givenName ?? "Test",
    familyName: options.familyName ?? `Person${id.slice(-6)}`,
    aliases: options.aliases ?? [],
    dateOfBirth: options.dateOfBirth === undefined ? "1990-01-01" : options.dateOfBirth,
    reason: "Needs a key worker.",
    needs: options.needs ?? ["housing"],
    referrerName: "Marcus Bell",
    referrerOrganisation: "Harbour Housing",
    receivedAt,
    acknowledgeBy: addWorkingDays(options.receivedOn, 2),
    decideBy: addWorkingDays(options.receivedOn, 10),
  });
  await db.insert(referralSteps).values({ id: newId(), tenantId: tenant.tenantId, referralId: id, step: "received", at: receivedAt, visibleToReferrer: true });
  return id;
}

/** Loads the page carrying a form (for its CSRF token and the referral's version), then posts the form. */
export async function postFrom(client: HttpClient, pagePath: string, actionPath: string, fields: Record<string, string> = {}, lists: Record<string, string[]> = {}): Promise<Response> {
  const page = await (await client.get(pagePath)).text();
  const version = /name="version" value="(\d*)"/.exec(page)?.[1] ?? "";
  const body = new URLSearchParams({ _csrf: csrfTokenIn(page), version, ...fields });
  for (const [name, values] of Object.entries(lists)) for (const value of values) body.append(name, value);
  return client.request("POST", actionPath, { body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
}

export async function referralRow(db: Db, referralId: string) {
  const [row] = await queryRows<{ status: string; priority: string; person_id: string | null; decision_reason: string | null; suggested_service_ids: string[]; allocated_worker_id: string | null; version: number }>(
    db,
    sql`SELECT status, priority, person_id, decision_reason, suggested_service_ids, allocated_worker_id, version FROM referrals WHERE id = ${referralId}`,
  );
  return row;
}

export async function stepsOf(db: Db, referralId: string): Promise<Array<{ step: string; note: string | null; visible_to_referrer: boolean }>> {
  return queryRows(db, sql`SELECT step, note, visible_to_referrer FROM referral_steps WHERE referral_id = ${referralId} ORDER BY at, id`);
}

export async function chronologyOf(db: Db, personId: string): Promise<Array<{ kind: string; summary: string; section: string; detail: Record<string, unknown> | null }>> {
  return queryRows(db, sql`SELECT kind, summary, section, detail FROM chronology_events WHERE person_id = ${personId} ORDER BY occurred_at, id`);
}
