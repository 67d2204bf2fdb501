import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { services } from "../../src/network/tables.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { referralSettings } from "../../src/referrals/tables.ts";
import type { TestTenant } from "./factories.ts";
import { csrfTokenIn, type HttpClient } from "./http.ts";

export interface ReferralService {
  serviceId: string;
  name: string;
  /** The public referral link's token; null when the service has none. */
  token: string | null;
}

/** A service in the directory that takes referrals, received by the tenant's main team. */
export async function createReferralService(
  db: Db,
  tenant: TestTenant,
  options: { name?: string; publicLink?: boolean; accepting?: boolean; phone?: string | null; email?: string | null } = {},
): Promise<ReferralService> {
  const serviceId = newId();
  const name = options.name ?? `Key work service ${serviceId.slice(-4)}`;
  await db.insert(services).values({
    id: serviceId,
    tenantId: tenant.tenantId,
    organisationId: tenant.serviceOrganisationId,
    name,
    phone: options.phone === undefined ? "0161 496 0000" : options.phone,
    email: options.email === undefined ? "referrals@example.test" : options.email,
  });
  const token = options.publicLink === false ? null : randomBytes(24).toString("base64url");
  await db.insert(referralSettings).values({
    id: newId(),
    tenantId: tenant.tenantId,
    serviceId,
    teamId: tenant.teamId,
    acceptingReferrals: options.accepting ?? true,
    publicLinkToken: token,
  });
  return { serviceId, name, token };
}

/** How many rows of each referral table belong to the tenant: to show nothing was written. */
export async function referralRowCounts(db: Db, tenantId: string): Promise<{ referrals: number; steps: number; emails: number; audit: number }> {
  const [row] = await queryRows<{ referrals: number; steps: number; emails: number; audit: number }>(
    db,
    sql`SELECT
      (SELECT count(*)::int FROM referrals WHERE tenant_id = ${tenantId}) AS referrals,
      (SELECT count(*)::int FROM referral_steps WHERE tenant_id = ${tenantId}) AS steps,
      (SELECT count(*)::int FROM outbound_emails WHERE tenant_id = ${tenantId}) AS emails,
      (SELECT count(*)::int FROM audit_events WHERE tenant_id = ${tenantId} AND action LIKE 'referral%') AS audit`,
  );
  return row ?? { referrals: 0, steps: 0, emails: 0, audit: 0 };
}

/** A complete public-link form, to change one field at a time. */
export function publicFormFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    givenName: "Jordan",
    familyName: "Whitlock",
    aliases: "Jay",
    "dateOfBirth-day": "14",
    "dateOfBirth-month": "2",
    "dateOfBirth-year": "1996",
    area: "Longsight",
    personPhone: "07700 900123",
    personConsented: "yes",
    reason: "Sleeping rough since March; missed two hospital appointments.",
    safetyInformation: "",
    referrerName: "Priya Nair",
    referrerOrganisation: "City Housing Options",
    referrerRole: "Housing officer",
    referrerEmail: "priya.nair@example.test",
    referrerPhone: "",
    ...overrides,
  };
}

/** Loads a form page for its CSRF token, then posts the fields with each need ticked (a repeated field). */
export async function postReferralForm(
  client: HttpClient,
  pagePath: string,
  actionPath: string,
  fields: Record<string, string>,
  needs: string[] = ["housing", "mental-health"],
): Promise<Response> {
  const page = await client.get(pagePath);
  const token = csrfTokenIn(await page.text());
  const body = new URLSearchParams({ _csrf: token, ...fields });
  for (const need of needs) body.append("needs", need);
  return client.request("POST", actionPath, { body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" } });
}

/** The private status link on a confirmation page. */
export function statusLinkIn(page: string): string {
  const match = /id="status-link">([^<]+)</.exec(page);
  if (!match?.[1]) throw new Error("no status link on the page");
  return match[1];
}
