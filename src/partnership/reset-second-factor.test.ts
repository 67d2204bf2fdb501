import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";
import { browserAs } from "../../test/support/register.ts";
import { enrol, secondFactorRow, SteppingClock } from "../../test/support/second-factor.ts";
import type { Db } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";

/** An administrator's reset of a user's second factor, for someone who has lost their phone and recovery codes. */

const clock = new SteppingClock();
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ secondFactorRequired: false }, { clock });
});
afterAll(async () => {
  await testApp.close();
});

interface Scene {
  tenant: TestTenant;
  admin: TestUser;
  worker: TestUser;
  secret: string;
}

/** An administrator, and a key worker with a second factor, signed out again. */
async function scene(db: Db): Promise<Scene> {
  const tenant = await createTenant(db);
  const admin = await createUser(db, tenant, { roles: ["admin"], team: "none", name: "Ruth Adams" });
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Jo Whitfield" });
  const client = await browserAs(testApp, worker);
  const { secret } = await enrol(client, db, clock, worker.id);
  await client.submitForm(paths.caseload(), paths.signOut(), {});
  return { tenant, admin, worker, secret };
}

async function openSessions(db: Db, userId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM sessions WHERE user_id = ${userId} AND ended_at IS NULL`);
  return row?.count ?? 0;
}

async function recoveryCodeCount(db: Db, userId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM recovery_codes WHERE user_id = ${userId}`);
  return row?.count ?? 0;
}

/** Signed in with the password and the code, in the browser and through the API. */
async function signedInWithCode(s: Scene): Promise<{ browser: HttpClient; api: HttpClient }> {
  const browser = testApp.client();
  await browser.signInBrowser(s.worker.email, TEST_PASSWORD);
  const challenge = paths.secondFactor.challenge();
  expect((await browser.submitForm(challenge, challenge, { code: clock.nextCode(s.secret) })).status).toBe(303);
  const api = testApp.client();
  const session = await api.sendJson<{ token: string }>("POST", paths.api.session(), { email: s.worker.email, password: TEST_PASSWORD, totp: clock.nextCode(s.secret) });
  expect(session.status).toBe(200);
  api.bearer = session.body.token;
  return { browser, api };
}

describe("resetting a user's second factor", () => {
  it("clears it and their recovery codes, signs them out everywhere, audits it, and lets them in with the password alone", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const { browser, api } = await signedInWithCode(s);
    expect((await browser.get(paths.caseload())).status).toBe(200);
    expect((await api.getJson(paths.api.me())).status).toBe(200);
    expect(await recoveryCodeCount(db, s.worker.id)).toBe(10);

    const admin = await browserAs(testApp, s.admin);
    const overview = await (await admin.get(paths.partnership.overview())).text();
    expect(overview).toContain(`href="${paths.partnership.resetSecondFactor(s.worker.id)}"`);
    // Nobody without a second factor has a reset, nor the administrator themselves.
    expect(overview).not.toContain(paths.partnership.resetSecondFactor(s.admin.id));

    const confirm = await admin.get(paths.partnership.resetSecondFactor(s.worker.id));
    expect(confirm.status).toBe(200);
    const confirmPage = await confirm.text();
    expect(textOf(confirmPage)).toContain("Jo Whitfield");
    expect(textOf(confirmPage)).toContain("Reset their second factor?");
    // Looking at the page changes nothing.
    expect((await secondFactorRow(db, s.worker.id))?.totp_enabled_at).not.toBeNull();

    const reset = await admin.request("POST", paths.partnership.resetSecondFactor(s.worker.id), { form: { _csrf: csrfTokenIn(confirmPage) } });
    expect(reset.status).toBe(303);
    expect(reset.headers.get("location")).toBe(paths.partnership.overview());
    const after = textOf(await (await admin.get(paths.partnership.overview())).text());
    expect(after).toContain("Second factor reset Jo Whitfield is signed out everywhere");

    expect(await secondFactorRow(db, s.worker.id)).toEqual({ totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    expect(await recoveryCodeCount(db, s.worker.id)).toBe(0);
    expect(await openSessions(db, s.worker.id)).toBe(0);
    expect((await browser.get(paths.caseload())).headers.get("location")).toContain("/sign-in");
    expect((await api.getJson(paths.api.me())).status).toBe(401);
    const audited = await auditRows(db, s.tenant.tenantId, { action: "second-factor.reset" });
    expect(audited).toEqual([{ action: "second-factor.reset", actor_user_id: s.admin.id, person_id: null, detail: { sessionsEnded: 2 } }]);
    const [subject] = await queryRows<{ subject_id: string }>(db, sql`SELECT subject_id FROM audit_events WHERE tenant_id = ${s.tenant.tenantId} AND action = 'second-factor.reset'`);
    expect(subject?.subject_id).toBe(s.worker.id);

    // The password alone signs them in now, and they may set up a new second factor.
    const again = testApp.client();
    const signedIn = await again.signInBrowser(s.worker.email, TEST_PASSWORD);
    expect(signedIn.headers.get("location")).toBe(paths.caseload());
    expect((await again.get(paths.secondFactor.setup())).status).toBe(200);

    // A second reset has nothing to do, and says so.
    const page = await (await admin.get(paths.partnership.overview())).text();
    expect(page).not.toContain(paths.partnership.resetSecondFactor(s.worker.id));
    expect((await admin.get(paths.partnership.resetSecondFactor(s.worker.id))).headers.get("location")).toBe(paths.partnership.overview());
    const twice = await admin.request("POST", paths.partnership.resetSecondFactor(s.worker.id), { form: { _csrf: csrfTokenIn(page) } });
    expect(twice.status).toBe(303);
    expect(textOf(await (await admin.get(paths.partnership.overview())).text())).toContain("Jo Whitfield has no second factor to reset");
    expect(await auditRows(db, s.tenant.tenantId, { action: "second-factor.reset" })).toHaveLength(1);
  });

  it("is for administrators of the user's own partnership only", async () => {
    const { db } = testApp.database;
    const s = await scene(db);
    const elsewhere = await createTenant(db);
    const otherAdmin = await createUser(db, elsewhere, { roles: ["admin"], team: "none" });
    const manager = await createUser(db, s.tenant, { roles: ["manager"] });
    const path = paths.partnership.resetSecondFactor(s.worker.id);

    const outsider = await browserAs(testApp, otherAdmin);
    expect((await outsider.get(path)).status).toBe(404);
    const outsiderPage = await outsider.get(paths.partnership.overview());
    expect((await outsider.request("POST", path, { form: { _csrf: csrfTokenIn(await outsiderPage.text()) } })).status).toBe(404);
    for (const user of [manager, s.worker]) {
      const client = user === s.worker ? await signedInWithCode(s).then(({ browser }) => browser) : await browserAs(testApp, user);
      expect((await client.get(path)).status, user.email).toBe(403);
      const page = await client.get(paths.welcome());
      expect((await client.request("POST", path, { form: { _csrf: csrfTokenIn(await page.text()) } })).status, user.email).toBe(403);
    }
    const admin = await browserAs(testApp, s.admin);
    expect((await admin.get(paths.partnership.resetSecondFactor("not-a-user"))).status).toBe(404);
    // An administrator manages their own second factor on the Second factor page.
    const own = await admin.get(paths.partnership.resetSecondFactor(s.admin.id));
    expect(own.status).toBe(403);
    expect(textOf(await own.text())).toContain("Manage your own second factor on the Second factor page");

    expect((await secondFactorRow(db, s.worker.id))?.totp_enabled_at).not.toBeNull();
    expect(await recoveryCodeCount(db, s.worker.id)).toBe(10);
    expect(await auditRows(db, s.tenant.tenantId, { action: "second-factor.reset" })).toEqual([]);
    expect(await auditRows(db, elsewhere.tenantId, { action: "second-factor.reset" })).toEqual([]);
  });
});
