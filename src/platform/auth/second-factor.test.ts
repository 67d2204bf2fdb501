import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { auditRows, createTenant, createUser, TEST_PASSWORD } from "../../../test/support/factories.ts";
import { textOf } from "../../../test/support/http.ts";
import { enrol, recoveryCodesIn, secondFactorRow, SteppingClock } from "../../../test/support/second-factor.ts";
import { queryRows } from "../database/query.ts";
import { paths } from "../http/paths.ts";
import { groupedSecret } from "./totp.ts";

/** The second factor where it is offered but not required (as in demo mode): enrolment, signing in with it, the API. */

const clock = new SteppingClock();
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ secondFactorRequired: false }, { clock });
});
afterAll(async () => {
  await testApp.close();
});

const challenge = paths.secondFactor.challenge();

async function newWorker() {
  const tenant = await createTenant(testApp.database.db);
  const user = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
  return { tenant, user };
}

/** A worker with a second factor set up, signed out again. */
async function enrolledWorker() {
  const { tenant, user } = await newWorker();
  const client = testApp.client();
  await client.signInBrowser(user.email, TEST_PASSWORD);
  const factor = await enrol(client, testApp.database.db, clock, user.id);
  return { tenant, user, ...factor };
}

describe("setting up a second factor", () => {
  it("shows the key and the QR code, refuses a wrong code, and turns on with a right one, showing the recovery codes once", async () => {
    const { db } = testApp.database;
    const { tenant, user } = await newWorker();
    const client = testApp.client();
    await client.signInBrowser(user.email, TEST_PASSWORD);
    const caseload = await (await client.get(paths.caseload())).text();
    expect(textOf(caseload)).toContain("Set up a second factor");

    const page = await (await client.get(paths.secondFactor.setup())).text();
    const { totp_secret: secret } = (await secondFactorRow(db, user.id)) ?? {};
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(page).toContain(groupedSecret(secret ?? ""));
    expect(page).toContain(`otpauth://totp/Keywork:${encodeURIComponent(user.email)}?secret=${secret}&amp;issuer=Keywork`);
    expect(page).toMatch(/<svg class="keywork-qr"[^>]*role="img"/);
    // A second visit shows the same key, so an app set up from the first still works.
    await client.get(paths.secondFactor.setup());
    expect((await secondFactorRow(db, user.id))?.totp_secret).toBe(secret);

    const wrong = await client.submitForm(paths.secondFactor.setup(), paths.secondFactor.setup(), { code: clock.wrongCode(secret ?? "") });
    expect(wrong.status).toBe(400);
    expect(textOf(await wrong.text())).toContain("The code is not right");
    expect((await secondFactorRow(db, user.id))?.totp_enabled_at).toBeNull();
    const malformed = await client.submitForm(paths.secondFactor.setup(), paths.secondFactor.setup(), { code: "12ab" });
    expect(malformed.status).toBe(400);
    expect(textOf(await malformed.text())).toContain("Enter the 6 digits your authenticator app shows");

    const done = await client.submitForm(paths.secondFactor.setup(), paths.secondFactor.setup(), { code: clock.nextCode(secret ?? "") });
    expect(done.status).toBe(200);
    const codes = recoveryCodesIn(await done.text());
    expect(codes).toHaveLength(10);
    expect((await secondFactorRow(db, user.id))?.totp_enabled_at).not.toBeNull();

    const stored = await queryRows<{ code_hash: string }>(db, sql`SELECT code_hash FROM recovery_codes WHERE user_id = ${user.id}`);
    expect(stored.map((row) => row.code_hash).sort()).toEqual(codes.map((code) => createHash("sha256").update(code).digest("hex")).sort());
    const dump = JSON.stringify(await queryRows(db, sql`SELECT * FROM recovery_codes WHERE user_id = ${user.id}`));
    for (const code of codes) expect(dump).not.toContain(code);

    const account = await client.get(paths.secondFactor.account());
    const accountText = textOf(await account.text());
    expect(accountText).toContain("10 of 10");
    expect(recoveryCodesIn(accountText)).toEqual([]);
    const again = await client.get(paths.secondFactor.setup());
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(paths.secondFactor.account());

    const actions = (await auditRows(db, tenant.tenantId)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["second-factor.failed", "second-factor.enabled", "second-factor.recovery-codes-generated"]));
  });
});

describe("signing in with a second factor", () => {
  it("asks for the code after the password, keeps where they were going, and gives a new token once it is right", async () => {
    const { db } = testApp.database;
    const { tenant, user, secret } = await enrolledWorker();
    const client = testApp.client();
    const page = await client.get("/sign-in?returnTo=%2Fpeople%3Fq%3Dsmith");
    const form = await client.request("POST", "/sign-in", {
      form: { _csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "", email: user.email, password: TEST_PASSWORD, returnTo: "/people?q=smith" },
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe(paths.secondFactor.challenge({ returnTo: "/people?q=smith" }));
    const waitingToken = client.cookie("keywork_session");
    expect(waitingToken).toBeTruthy();

    const challengePage = await client.get(form.headers.get("location") ?? "");
    expect(challengePage.status).toBe(200);
    expect(textOf(await challengePage.text())).toContain("Enter the code from your authenticator app");

    const wrong = await client.submitForm(challenge, challenge, { code: clock.wrongCode(secret), returnTo: "/people?q=smith" });
    expect(wrong.status).toBe(401);
    expect(textOf(await wrong.text())).toContain("The code is not right");

    const right = await client.submitForm(challenge, challenge, { code: clock.nextCode(secret), returnTo: "/people?q=smith" });
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toBe("/people?q=smith");
    const fullToken = client.cookie("keywork_session");
    expect(fullToken).not.toBe(waitingToken);
    expect((await client.get(paths.caseload())).status).toBe(200);
    // The token from before the second factor no longer opens anything.
    const stale = await testApp.client().get(paths.caseload(), { cookie: `keywork_session=${waitingToken}` });
    expect(stale.headers.get("location")).toContain("/sign-in");
    expect((await client.get(challenge)).headers.get("location")).toBe(paths.caseload());

    const actions = (await auditRows(db, tenant.tenantId)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["session.sign-in", "second-factor.failed", "session.second-factor-passed"]));
  });

  it("refuses a code used once already", async () => {
    const { user, secret } = await enrolledWorker();
    const first = testApp.client();
    await first.signInBrowser(user.email, TEST_PASSWORD);
    const code = clock.nextCode(secret);
    expect((await first.submitForm(challenge, challenge, { code })).status).toBe(303);
    const second = testApp.client();
    await second.signInBrowser(user.email, TEST_PASSWORD);
    const replay = await second.submitForm(challenge, challenge, { code });
    expect(replay.status).toBe(401);
    expect((await second.get(paths.caseload())).headers.get("location")).toContain(challenge);
  });

  it("accepts a recovery code once, however it is typed, and says how many are left", async () => {
    const { db } = testApp.database;
    const { tenant, user, recoveryCodes } = await enrolledWorker();
    const code = recoveryCodes[3] ?? "";
    const client = testApp.client();
    await client.signInBrowser(user.email, TEST_PASSWORD);
    const typed = ` ${code.replace("-", " ").toUpperCase()} `;
    const passed = await client.submitForm(challenge, challenge, { code: typed });
    expect(passed.status).toBe(303);
    expect(textOf(await (await client.get(passed.headers.get("location") ?? "")).text())).toContain("You have 9 recovery codes left");
    const [used] = await queryRows<{ used: number }>(db, sql`SELECT count(*)::int AS used FROM recovery_codes WHERE user_id = ${user.id} AND used_at IS NOT NULL`);
    expect(used?.used).toBe(1);

    const again = testApp.client();
    await again.signInBrowser(user.email, TEST_PASSWORD);
    const reused = await again.submitForm(challenge, challenge, { code });
    expect(reused.status).toBe(401);
    expect(textOf(await reused.text())).toContain("That recovery code is not right, or has already been used");
    expect((await auditRows(db, tenant.tenantId, { action: "recovery-code.used" })).length).toBe(1);
  });

  it("opens nothing else while waiting for the code: pages go back to it and the API never takes it", async () => {
    const { db } = testApp.database;
    const { user } = await enrolledWorker();
    const secretBefore = (await secondFactorRow(db, user.id))?.totp_secret;
    const client = testApp.client();
    await client.signInBrowser(user.email, TEST_PASSWORD);
    const waitingToken = client.cookie("keywork_session") ?? "";
    for (const path of [paths.caseload(), paths.people.search(), paths.welcome(), paths.secondFactor.account(), paths.home()]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get("location"), path).toMatch(/^\/sign-in\/second-factor/);
    }
    expect((await client.get(paths.people.search())).headers.get("location")).toBe(paths.secondFactor.challenge({ returnTo: paths.people.search() }));
    const write = await client.submitForm(challenge, paths.people.create(), { givenName: "Not", familyName: "Allowed" });
    expect(write.headers.get("location")).toBe(challenge);
    // Someone with a second factor cannot start a new one while waiting for it.
    expect((await client.get(paths.secondFactor.setup())).headers.get("location")).toBe(challenge);
    expect((await secondFactorRow(db, user.id))?.totp_secret).toBe(secretBefore);
    expect((await client.getJson("/api/v1/me")).status).toBe(401);
    const bearer = testApp.client();
    bearer.bearer = waitingToken;
    expect((await bearer.getJson("/api/v1/me")).status).toBe(401);
    expect((await bearer.getJson(paths.api.secondFactor())).status).toBe(401);

    const out = await client.submitForm(challenge, paths.signOut(), {});
    expect(out.headers.get("location")).toBe(paths.signedOut());
    expect((await client.get(challenge)).headers.get("location")).toContain("/sign-in");
  });
});

describe("POST /api/v1/session with a second factor", () => {
  it("needs the code in totp, refuses a wrong one and gives a token for a right one or a recovery code", async () => {
    const { user, secret, recoveryCodes } = await enrolledWorker();
    const client = testApp.client();
    const without = await client.sendJson<{ error: { status: number; message: string; code?: string } }>("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD });
    expect(without.status).toBe(401);
    expect(without.body.error.code).toBe("second-factor-required");
    expect(without.body.error.message).toContain("`totp`");
    const wrongPassword = await client.sendJson<{ error: { code?: string } }>("POST", paths.api.session(), { email: user.email, password: "nope" });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.error.code).toBeUndefined();

    const wrong = await client.sendJson<{ error: { message: string } }>("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD, totp: clock.wrongCode(secret) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toContain("The code is not right");
    const extra = await client.sendJson<{ error: { issues: Array<{ field: string }> } }>("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD, otp: "123456" });
    expect(extra.status).toBe(400);
    const notText = await client.sendJson("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD, totp: 123456 });
    expect(notText.status).toBe(400);

    const right = await client.sendJson<{ token: string }>("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD, totp: clock.nextCode(secret) });
    expect(right.status).toBe(200);
    expect(Object.keys(right.body)).toEqual(["token"]);
    client.bearer = right.body.token;
    expect((await client.getJson<{ id: string }>(paths.api.me())).body.id).toBe(user.id);
    expect((await client.getJson(paths.api.secondFactor())).body).toEqual({ enabled: true, required: false, recoveryCodesRemaining: 10 });

    const recovery = await testApp.client().sendJson<{ token: string }>("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD, totp: recoveryCodes[0] });
    expect(recovery.status).toBe(200);
    expect((await client.getJson(paths.api.secondFactor())).body).toEqual({ enabled: true, required: false, recoveryCodesRemaining: 9 });
  });

  it("ignores totp for an account without a second factor, and says so in GET /api/v1/me/second-factor", async () => {
    const { user } = await newWorker();
    const client = testApp.client();
    const signedIn = await client.sendJson<{ token: string }>("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD, totp: "123456" });
    expect(signedIn.status).toBe(200);
    client.bearer = signedIn.body.token;
    expect((await client.getJson(paths.api.secondFactor())).body).toEqual({ enabled: false, required: false, recoveryCodesRemaining: 0 });
  });

  it("documents totp and the 403 in the OpenAPI document", async () => {
    const document = (await testApp.client().getJson<{ paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> }>("/openapi.json")).body;
    const session = document.paths[paths.api.session()]?.post;
    expect(JSON.stringify(session?.requestBody)).toContain("totp");
    expect(Object.keys(session?.responses ?? {})).toEqual(expect.arrayContaining(["200", "401", "403", "429"]));
    expect(document.paths[paths.api.secondFactor()]?.get).toBeDefined();
  });
});
