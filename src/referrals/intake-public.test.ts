import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createTenant } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { createReferralService, postReferralForm, publicFormFields, referralRowCounts, statusLinkIn } from "../../test/support/referral-intake.ts";
import { fixedClock } from "../platform/clock.ts";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";
import { REFERRAL_LIMITS } from "./schema.ts";

let testApp: TestApp;
beforeAll(async () => {
  // Friday 6 March 2026: two working days to acknowledge is Tuesday 10 March, ten to decide is Friday 20 March.
  testApp = await startTestApp({}, { clock: fixedClock("2026-03-06T10:00:00Z") });
});
afterAll(async () => {
  await testApp.close();
});

async function scene(options: { accepting?: boolean } = {}) {
  const tenant = await createTenant(testApp.database.db);
  const service = await createReferralService(testApp.database.db, tenant, { name: "Northside Key Work", ...options });
  const link = paths.referrals.publicForm(service.token ?? "");
  return { tenant, service, link };
}

describe("a referral through a service's public link", () => {
  it("needs no account: the referrer gets a reference and a private status link, and the service gets the referral with its dates, a received step and an email", async () => {
    const { tenant, link } = await scene();
    const client = testApp.client();
    const form = await client.get(link);
    expect(form.status).toBe(200);
    expect(form.headers.get("referrer-policy")).toBe("no-referrer");
    const formText = textOf(await form.text());
    expect(formText).toContain("Refer someone");
    expect(formText).toContain("Northside Key Work");
    expect(formText).toContain("You do not need an account");

    const response = await postReferralForm(client, link, link, publicFormFields(), ["housing", "mental-health", "housing"]);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await response.text();
    const reference = /KW-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec(page)?.[0];
    expect(reference).toBeDefined();
    const statusUrl = statusLinkIn(page);
    expect(statusUrl.startsWith(`${testApp.config.publicUrl}/referral-status/`)).toBe(true);
    expect(textOf(page)).toContain("acknowledge the referral by 10 March 2026 and decide whether it can offer support by 20 March 2026");

    const token = new URL(statusUrl).pathname.split("/").pop() ?? "";
    const [stored] = await queryRows<Record<string, unknown>>(
      testApp.database.db,
      sql`SELECT reference, status, channel, given_name, family_name, aliases, date_of_birth::text AS dob, needs, reason, referrer_email, referred_by,
        status_token_hash, acknowledge_by::text AS acknowledge_by, decide_by::text AS decide_by, person_consented
      FROM referrals WHERE tenant_id = ${tenant.tenantId}`,
    );
    expect(stored).toMatchObject({
      reference,
      status: "awaiting-acknowledgement",
      channel: "public-link",
      given_name: "Jordan",
      family_name: "Whitlock",
      aliases: ["Jay"],
      dob: "1996-02-14",
      needs: ["housing", "mental-health"],
      reason: "Sleeping rough since March; missed two hospital appointments.",
      referrer_email: "priya.nair@example.test",
      referred_by: null,
      acknowledge_by: "2026-03-10",
      decide_by: "2026-03-20",
      person_consented: true,
    });
    // Only the token's hash is kept.
    expect(stored?.status_token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    const everything = JSON.stringify(await queryRows(testApp.database.db, sql`SELECT * FROM referrals WHERE tenant_id = ${tenant.tenantId}`));
    expect(everything).not.toContain(token);

    const steps = await queryRows<{ step: string; visible_to_referrer: boolean }>(testApp.database.db, sql`SELECT step, visible_to_referrer FROM referral_steps WHERE tenant_id = ${tenant.tenantId}`);
    expect(steps).toEqual([{ step: "received", visible_to_referrer: true }]);
    const emails = await queryRows<{ to_address: string; subject: string; body: string }>(testApp.database.db, sql`SELECT to_address, subject, body FROM outbound_emails WHERE tenant_id = ${tenant.tenantId}`);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.to_address).toBe("priya.nair@example.test");
    expect(emails[0]?.subject).toBe(`Referral received: ${reference}`);
    expect(emails[0]?.body).toContain(statusUrl);
    expect(emails[0]?.body).toContain("J. W.");
    // Email is not a secure channel: no name, nothing the referrer wrote about the person.
    expect(emails[0]?.body).not.toMatch(/Jordan|Whitlock|Sleeping rough/);
    const audit = await queryRows<{ action: string; actor_user_id: string | null }>(testApp.database.db, sql`SELECT action, actor_user_id FROM audit_events WHERE tenant_id = ${tenant.tenantId}`);
    expect(audit).toEqual([{ action: "referral.create", actor_user_id: null }]);

    const status = await client.get(new URL(statusUrl).pathname);
    expect(status.status).toBe(200);
    expect(textOf(await status.text())).toContain(reference ?? "missing");
  });

  it("refuses an unknown or replaced link with a clear page, and writes nothing", async () => {
    const { tenant, service, link } = await scene();
    const client = testApp.client();
    const unknown = await client.get(paths.referrals.publicForm("not-a-real-link"));
    expect(unknown.status).toBe(404);
    expect(textOf(await unknown.text())).toContain("This referral link is not valid");

    await client.get(link);
    await testApp.database.db.execute(sql`UPDATE referral_settings SET public_link_token = ${"replaced-" + (service.token ?? "")} WHERE service_id = ${service.serviceId}`);
    const before = await referralRowCounts(testApp.database.db, tenant.tenantId);
    const stale = await client.get(link);
    expect(stale.status).toBe(404);
    expect(textOf(await stale.text())).toContain("The service may have replaced it with a new one");
    // A form loaded before the link was replaced cannot be sent through it either.
    const formPage = await client.get(paths.referrals.publicForm("replaced-" + (service.token ?? "")));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await formPage.text())?.[1] ?? "";
    const posted = await client.request("POST", link, { form: { _csrf: csrf, ...publicFormFields() }, headers: { accept: "text/html" } });
    expect(posted.status).toBe(404);
    expect(await referralRowCounts(testApp.database.db, tenant.tenantId)).toEqual(before);
  });

  it("says clearly when the service is not taking referrals, and writes nothing", async () => {
    const { tenant, link } = await scene({ accepting: false });
    const client = testApp.client();
    const page = await client.get(link);
    expect(page.status).toBe(200);
    const text = textOf(await page.text());
    expect(text).toContain("Northside Key Work is not taking referrals at the moment");
    expect(text).toContain("0161 496 0000");
    await testApp.database.db.execute(sql`UPDATE referral_settings SET accepting_referrals = true WHERE tenant_id = ${tenant.tenantId}`);
    const formPage = await client.get(link);
    await testApp.database.db.execute(sql`UPDATE referral_settings SET accepting_referrals = false WHERE tenant_id = ${tenant.tenantId}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await formPage.text())?.[1] ?? "";
    const body = new URLSearchParams({ _csrf: csrf, ...publicFormFields(), needs: "housing" }).toString();
    const posted = await client.request("POST", link, { body, headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" } });
    expect(posted.status).toBe(400);
    expect(textOf(await posted.text())).toContain("is not taking referrals at the moment");
    expect(await referralRowCounts(testApp.database.db, tenant.tenantId)).toEqual({ referrals: 0, steps: 0, emails: 0, audit: 0 });
  });

  it("shows every problem beside its field, keeps what was typed, and writes nothing", async () => {
    const { tenant, link } = await scene();
    const client = testApp.client();
    const response = await postReferralForm(
      client,
      link,
      link,
      publicFormFields({ givenName: "", "dateOfBirth-day": "31", "dateOfBirth-month": "2", referrerEmail: "not an email", personConsented: "", reason: "x".repeat(REFERRAL_LIMITS.reason + 1) }),
      ["housing", "flying"],
    );
    expect(response.status).toBe(400);
    const page = await response.text();
    const text = textOf(page);
    expect(text).toContain("There is a problem");
    for (const message of [
      "Enter the person's given name",
      "Date of birth must be a real date",
      "Say whether the person knows about and agrees to the referral",
      "Select the needs from the list",
      `The reason must be ${REFERRAL_LIMITS.reason} characters or fewer`,
      "Your email address must be an email address",
    ]) {
      expect(text).toContain(message);
    }
    expect(page).toContain('value="Whitlock"');
    expect(page).toContain('value="housing" checked');
    expect(await referralRowCounts(testApp.database.db, tenant.tenantId)).toEqual({ referrals: 0, steps: 0, emails: 0, audit: 0 });

    const future = await postReferralForm(client, link, link, publicFormFields({ "dateOfBirth-year": "2030", referrerEmail: "", referrerPhone: "" }));
    expect(future.status).toBe(400);
    const futureText = textOf(await future.text());
    expect(futureText).toContain("Date of birth must be in the past");
    expect(futureText).toContain("Give an email address or a phone number, so the service can contact you");
    const noNeeds = await postReferralForm(client, link, link, publicFormFields(), []);
    expect(textOf(await noNeeds.text())).toContain("Select at least one need");
    expect(await referralRowCounts(testApp.database.db, tenant.tenantId)).toEqual({ referrals: 0, steps: 0, emails: 0, audit: 0 });
  });

  it("refuses an oversized submission with a clear page, before reading it, and writes nothing", async () => {
    const { tenant, link } = await scene();
    const client = testApp.client();
    const page = await client.get(link);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
    const body = new URLSearchParams({ _csrf: csrf, ...publicFormFields({ reason: "a".repeat(REFERRAL_LIMITS.publicBodyBytes) }), needs: "housing" }).toString();
    const response = await client.request("POST", link, { body, headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" } });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("text/html");
    const text = textOf(await response.text());
    expect(text).toContain("Too much to send");
    expect(text).toContain("The request is too large. Shorten the text");
    expect(await referralRowCounts(testApp.database.db, tenant.tenantId)).toEqual({ referrals: 0, steps: 0, emails: 0, audit: 0 });
  });

  it("refuses a malformed submission (JSON to the form, no CSRF token) with a clear message, and writes nothing", async () => {
    const { tenant, link } = await scene();
    const client = testApp.client();
    await client.get(link);
    const json = await client.request("POST", link, { body: "{not json", headers: { "content-type": "application/json" } });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { message: string } }).error.message).toBe("The request body is not valid JSON.");
    const noToken = await client.request("POST", link, { form: publicFormFields(), headers: { accept: "text/html" } });
    expect(noToken.status).toBe(403);
    expect(textOf(await noToken.text())).toContain("This form has expired");
    expect(await referralRowCounts(testApp.database.db, tenant.tenantId)).toEqual({ referrals: 0, steps: 0, emails: 0, audit: 0 });
  });

  it("treats a filled-in hidden field as spam: it answers as if received, but writes nothing at all", async () => {
    const { tenant, link } = await scene();
    const client = testApp.client();
    const response = await postReferralForm(client, link, link, publicFormFields({ website: "http://spam.example" }));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(textOf(page)).toContain("Referral sent");
    expect(await referralRowCounts(testApp.database.db, tenant.tenantId)).toEqual({ referrals: 0, steps: 0, emails: 0, audit: 0 });
    // The link it shows leads nowhere.
    expect((await client.get(new URL(statusLinkIn(page)).pathname)).status).toBe(404);
  });

  it("keeps script and HTML in every field as text, and shows it escaped", async () => {
    const { tenant, link } = await scene();
    const client = testApp.client();
    const attack = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const fields = publicFormFields({
      givenName: `A${attack}`,
      familyName: `B${attack}`,
      aliases: `C${attack}`,
      area: `D${attack}`,
      personPhone: `E${attack}`,
      reason: `F${attack}`,
      safetyInformation: `G${attack}`,
      referrerName: `H${attack}`,
      referrerOrganisation: `I${attack}`,
      referrerRole: `J${attack}`,
      referrerPhone: `K${attack}`,
    });
    const invalid = await postReferralForm(client, link, link, { ...fields, referrerEmail: `x${attack}` });
    const invalidPage = await invalid.text();
    expect(invalid.status).toBe(400);
    expect(invalidPage).not.toContain("<script>alert");
    expect(invalidPage).not.toContain("<img src=x");
    expect(invalidPage).toContain("&lt;script&gt;alert");

    const response = await postReferralForm(client, link, link, fields);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).not.toContain("<script>alert");
    const [stored] = await queryRows<Record<string, unknown>>(
      testApp.database.db,
      sql`SELECT given_name, family_name, aliases, area, person_phone, reason, safety_information, referrer_name, referrer_organisation, referrer_role, referrer_phone FROM referrals WHERE tenant_id = ${tenant.tenantId}`,
    );
    expect(stored).toEqual({
      given_name: `A${attack}`,
      family_name: `B${attack}`,
      aliases: [`C${attack}`],
      area: `D${attack}`,
      person_phone: `E${attack}`,
      reason: `F${attack}`,
      safety_information: `G${attack}`,
      referrer_name: `H${attack}`,
      referrer_organisation: `I${attack}`,
      referrer_role: `J${attack}`,
      referrer_phone: `K${attack}`,
    });
    const status = await (await client.get(new URL(statusLinkIn(page)).pathname)).text();
    expect(status).not.toContain("<script>alert");
    expect(status).not.toContain("<img src=x");
  });
});

describe("the public link's rate limit", () => {
  it("stops an address after the configured number of referrals an hour, with a clear message, and writes nothing more", async () => {
    const limited = await startTestApp({ referralRateLimitPerHour: 2 }, { clock: fixedClock("2026-03-06T10:00:00Z") });
    try {
      const tenant = await createTenant(limited.database.db);
      const service = await createReferralService(limited.database.db, tenant);
      const link = paths.referrals.publicForm(service.token ?? "");
      const client = limited.client();
      expect((await postReferralForm(client, link, link, publicFormFields())).status).toBe(200);
      expect((await postReferralForm(client, link, link, publicFormFields())).status).toBe(200);
      const before = await referralRowCounts(limited.database.db, tenant.tenantId);
      expect(before.referrals).toBe(2);
      const third = await postReferralForm(client, link, link, publicFormFields());
      expect(third.status).toBe(429);
      expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(3000);
      expect(textOf(await third.text())).toContain("You have sent as many referrals from this address as we accept in an hour. Nothing has been sent this time.");
      expect(await referralRowCounts(limited.database.db, tenant.tenantId)).toEqual(before);
      // Reading the form is not limited.
      expect((await client.get(link)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
