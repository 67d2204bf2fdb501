import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../../src/platform/database/open.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import type { TestApp } from "./app.ts";
import { createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "./factories.ts";
import { csrfTokenIn, type HttpClient } from "./http.ts";

/**
 * A partnership with a register: its owner (at an ICB, outside the key-worker service), the
 * children's team manager (prompted to take people on) and key worker, the adults' team manager,
 * a psychologist, and a partner professional.
 */
export interface RegisterScene {
  tenant: TestTenant;
  owner: TestUser;
  childrenManager: TestUser;
  childrenWorker: TestUser;
  adultsManager: TestUser;
  psychologist: TestUser;
  worker: TestUser;
  partner: TestUser;
}

export async function registerScene(db: Db): Promise<RegisterScene> {
  const tenant = await createTenant(db);
  return {
    tenant,
    owner: await createUser(db, tenant, { roles: ["register-owner"], partner: true, name: "Sarah Lomas" }),
    childrenManager: await createUser(db, tenant, { roles: ["manager"], team: "other", name: "Grace Adeyemi" }),
    childrenWorker: await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Jo Whitfield" }),
    adultsManager: await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" }),
    psychologist: await createUser(db, tenant, { roles: ["psychologist"], team: "other", name: "Dr Tom Reilly" }),
    worker: await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" }),
    partner: await createUser(db, tenant, { roles: ["partner"], partner: true }),
  };
}

export async function browserAs(testApp: TestApp, user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  const response = await client.signInBrowser(user.email, TEST_PASSWORD);
  expect(response.status).toBe(303);
  return client;
}

export async function apiAs(testApp: TestApp, user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

/** A GOV.UK date input's fields for `name` from YYYY-MM-DD. */
export function dateFields(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? "" };
}

/** Posts a form from the page that carries it (for its CSRF token). */
export async function postForm(client: HttpClient, pagePath: string, actionPath: string, fields: Record<string, string>): Promise<Response> {
  const page = await client.get(pagePath);
  expect(page.status, `GET ${pagePath}`).toBe(200);
  return client.request("POST", actionPath, { form: { _csrf: csrfTokenIn(await page.text()), ...fields } });
}

export interface EntryJson {
  id: string;
  personId: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  rating: string;
  reason: string;
  ratedBy: { id: string; name: string } | null;
  ratedAt: string;
  nextReviewOn: string;
  reviewOverdue: boolean;
  inpatient: { since: string; setting: string } | null;
  version: number;
  ratings?: Array<{ id: string; rating: string; previousRating: string | null; reason: string; ratedBy: { id: string; name: string } | null; nextReviewOn: string }>;
  episodes?: Array<{ id: string; admittedOn: string; dischargedOn: string | null; setting: string; lengthOfStayDays: number; current: boolean; version: number }>;
}

/** Puts someone on the register through the API, as the owner; returns the entry. */
export async function addEntry(owner: HttpClient, body: Record<string, unknown>): Promise<EntryJson> {
  const { status, body: entry } = await owner.sendJson<EntryJson>("POST", "/api/v1/register", { reason: "Placement breaking down", ...body });
  expect(status, JSON.stringify(entry)).toBe(201);
  return entry;
}

export async function notificationRows(db: Db, tenantId: string) {
  return queryRows<{ user_id: string; person_id: string | null; kind: string; message: string; subject_type: string | null; subject_id: string | null; dedupe_key: string }>(
    db,
    sql`SELECT user_id, person_id, kind, message, subject_type, subject_id, dedupe_key FROM notifications WHERE tenant_id = ${tenantId} ORDER BY created_at, id`,
  );
}

export async function ratingRows(db: Db, tenantId: string, entryId: string) {
  return queryRows<{ id: string; rating: string; reason: string; rated_by: string | null; next_review_on: string }>(
    db,
    sql`SELECT id, rating, reason, rated_by, next_review_on::text AS next_review_on FROM register_ratings WHERE tenant_id = ${tenantId} AND entry_id = ${entryId} ORDER BY rated_at, id`,
  );
}

export async function registerAuditRows(db: Db, tenantId: string, entryId: string) {
  return queryRows<{ action: string; actor_user_id: string | null; person_id: string | null; subject_type: string | null; detail: Record<string, unknown> | null }>(
    db,
    sql`SELECT action, actor_user_id, person_id, subject_type, detail FROM audit_events WHERE tenant_id = ${tenantId} AND subject_id = ${entryId} ORDER BY id`,
  );
}
