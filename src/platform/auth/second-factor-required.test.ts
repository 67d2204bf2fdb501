import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../config.ts";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { auditRows, createTenant, createUser, TEST_PASSWORD } from "../../../test/support/factories.ts";
import { csrfTokenIn, textOf } from "../../../test/support/http.ts";
import { enrol, recoveryCodesIn, secondFactorRow, secretOf, SteppingClock } from "../../../test/support/second-factor.ts";
import type { Role } from "../access/roles.ts";
import { queryRows } from "../database/query.ts";
import { paths } from "../http/paths.ts";

/** The second factor where the setting requires it for roles that see more than their own cases; throttling; turning it off. */

const clock = new SteppingClock();
let required: TestApp;
let optional: TestApp;
beforeAll(async () => {
  required = await startTestApp({ secondFactorRequired: true }, { clock });
  optional = await startTestApp({ secondFactorRequired: false }, { clock });
});
afterAll(async () => {
  await required.close();
  await optional.close();
});

const challenge = paths.secondFactor.challenge();
const setup = paths.secondFactor.setup();

async function newUser(app: TestApp, role: Role) {
  const tenant = await createTenant(app.database.db);
  const user = await createUser(app.database.db, tenant, { roles: [role], team: role === "admin" || role === "register-owner" ? "none" : "main" });
  return { tenant, user };
}

describe("roles that must have a second factor", () => {
  it.each(["manager", "psychologist", "register-owner", "admin", "evaluator"] as Role[])("sends someone whose role is %s and who has none to set it up, and opens nothing else until they have", async (role) => {
    const { db } = required.database;
    const { user } = await newUser(required, role);
    const client = required.client();
    const signedIn = await client.signInBrowser(user.email, TEST_PASSWORD);
    expect(signedIn.headers.get("location")).toBe(setup);
    expect((await client.get(paths.team())).headers.get("location")).toBe(paths.secondFactor.setup({ returnTo: paths.team() }));
    expect((await client.get(challenge)).headers.get("location")).toBe(setup);
    const api = await client.sendJson<{ error: { message: string } }>("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD });
    expect(api.status).toBe(403);
    expect(api.body.error.message).toContain("Sign in to Keywork in a browser to set one up");

    const page = await client.get(setup);
    expect(textOf(await page.text())).toContain("Your role lets you see more than your own cases, so you need a second factor");
    const waitingToken = client.cookie("keywork_session");
    const secret = await secretOf(db, user.id);
    const done = await client.submitForm(setup, setup, { code: clock.nextCode(secret) });
    expect(done.status).toBe(200);
    const donePage = await done.text();
    expect(recoveryCodesIn(donePage)).toHaveLength(10);
    expect(client.cookie("keywork_session")).not.toBe(waitingToken);
    expect((await client.get(paths.welcome())).status).toBe(200);
    const stale = await required.client().get(paths.welcome(), { cookie: `keywork_session=${waitingToken}` });
    expect(stale.headers.get("location")).toContain("/sign-in");
  });

  it("leaves key workers to sign in with the password alone, and offers them a second factor", async () => {
    const { user } = await newUser(required, "key-worker");
    const client = required.client();
    expect((await client.signInBrowser(user.email, TEST_PASSWORD)).headers.get("location")).toBe(paths.caseload());
    const { status, body } = await (async () => {
      const api = required.client();
      await api.signInApi(user.email, TEST_PASSWORD);
      return api.getJson(paths.api.secondFactor());
    })();
    expect(status).toBe(200);
    expect(body).toEqual({ enabled: false, required: false, recoveryCodesRemaining: 0 });
  });

  it("will not turn off a required second factor, and says why", async () => {
    const { db } = required.database;
    const { user } = await newUser(required, "manager");
    const client = required.client();
    await client.signInBrowser(user.email, TEST_PASSWORD);
    const { secret } = await enrol(client, db, clock, user.id);
    const account = await (await client.get(paths.secondFactor.account())).text();
    expect(textOf(account)).toContain("Your role needs a second factor, so it cannot be turned off");
    expect(account).not.toContain(`action="${paths.secondFactor.turnOff()}"`);
    const refused = await client.submitForm(paths.secondFactor.account(), paths.secondFactor.turnOff(), { code: clock.nextCode(secret) });
    expect(refused.status).toBe(403);
    expect(textOf(await refused.text())).toContain("Your role needs a second factor, so you cannot turn it off");
    expect((await secondFactorRow(db, user.id))?.totp_enabled_at).not.toBeNull();

    const api = required.client();
    const token = await api.sendJson<{ token: string }>("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD, totp: clock.nextCode(secret) });
    expect(token.status).toBe(200);
    api.bearer = token.body.token;
    expect((await api.getJson(paths.api.secondFactor())).body).toEqual({ enabled: true, required: true, recoveryCodesRemaining: 10 });
  });
});

describe("too many wrong codes", () => {
  it("refuses even the right code after five wrong ones, in the browser and the API", async () => {
    const { db } = optional.database;
    const { user } = await newUser(optional, "key-worker");
    const client = optional.client();
    await client.signInBrowser(user.email, TEST_PASSWORD);
    const { secret } = await enrol(client, db, clock, user.id);
    await client.submitForm(paths.caseload(), paths.signOut(), {});

    await client.signInBrowser(user.email, TEST_PASSWORD);
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await client.submitForm(challenge, challenge, { code: clock.wrongCode(secret) })).status).toBe(401);
    }
    const locked = await client.submitForm(challenge, challenge, { code: clock.nextCode(secret) });
    expect(locked.status).toBe(429);
    const lockedPage = await locked.text();
    expect(textOf(lockedPage)).toContain("There is a problem");
    expect(textOf(lockedPage)).toContain("Too many wrong codes. Wait 15 minutes");
    expect((await client.get(paths.caseload())).headers.get("location")).toContain(challenge);

    const api = await optional.client().request("POST", paths.api.session(), { json: { email: user.email, password: TEST_PASSWORD, totp: clock.nextCode(secret) } });
    expect(api.status).toBe(429);
    expect(Number(api.headers.get("retry-after"))).toBeGreaterThan(0);

    // Once the failures are older than the window, the right code works again.
    await db.execute(sql`UPDATE second_factor_attempts SET at = at - interval '16 minutes' WHERE user_id = ${user.id}`);
    expect((await client.submitForm(challenge, challenge, { code: clock.nextCode(secret) })).status).toBe(303);
  });

  it("counts wrong codes sent all at once one by one: no more than five are tried", async () => {
    const { db } = optional.database;
    const { user } = await newUser(optional, "key-worker");
    const client = optional.client();
    await client.signInBrowser(user.email, TEST_PASSWORD);
    const { secret } = await enrol(client, db, clock, user.id);
    await client.submitForm(paths.caseload(), paths.signOut(), {});

    await client.signInBrowser(user.email, TEST_PASSWORD);
    const token = csrfTokenIn(await (await client.get(challenge)).text());
    const wrong = clock.wrongCode(secret);
    const responses = await Promise.all(Array.from({ length: 12 }, () => client.request("POST", challenge, { form: { _csrf: token, code: wrong } })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
    const [failures] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM second_factor_attempts WHERE user_id = ${user.id} AND NOT succeeded`);
    expect(failures?.count).toBe(5);
  });

  it("limits how often an address may send a code to the challenge page, as it does the sign-in page", async () => {
    const limited = await startTestApp({ secondFactorRequired: false, signInRateLimitPerMinute: 3 }, { clock });
    try {
      const { db } = limited.database;
      const { user } = await newUser(limited, "key-worker");
      const client = limited.client();
      await client.signInBrowser(user.email, TEST_PASSWORD);
      const { secret } = await enrol(client, db, clock, user.id);
      await client.submitForm(paths.caseload(), paths.signOut(), {});
      await client.signInBrowser(user.email, TEST_PASSWORD);
      const token = csrfTokenIn(await (await client.get(challenge)).text());
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        statuses.push((await client.request("POST", challenge, { form: { _csrf: token, code: clock.wrongCode(secret) } })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const [failures] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM second_factor_attempts WHERE user_id = ${user.id} AND NOT succeeded`);
      expect(failures?.count).toBe(3);
    } finally {
      await limited.close();
    }
  });
});

describe("managing the second factor", () => {
  it("gives new recovery codes for a right code, and the old ones stop working", async () => {
    const { db } = optional.database;
    const { tenant, user } = await newUser(optional, "key-worker");
    const client = optional.client();
    await client.signInBrowser(user.email, TEST_PASSWORD);
    const { secret, recoveryCodes } = await enrol(client, db, clock, user.id);
    const account = paths.secondFactor.account();
    const wrong = await client.submitForm(account, paths.secondFactor.recoveryCodes(), { code: clock.wrongCode(secret) });
    expect(wrong.status).toBe(400);
    expect(textOf(await wrong.text())).toContain("The code is not right");
    const fresh = await client.submitForm(account, paths.secondFactor.recoveryCodes(), { code: clock.nextCode(secret) });
    expect(fresh.status).toBe(200);
    const newCodes = recoveryCodesIn(await fresh.text());
    expect(newCodes).toHaveLength(10);
    expect(newCodes).not.toContain(recoveryCodes[0]);

    const old = await optional.client().sendJson("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD, totp: recoveryCodes[0] });
    expect(old.status).toBe(401);
    const current = await optional.client().sendJson("POST", paths.api.session(), { email: user.email, password: TEST_PASSWORD, totp: newCodes[0] });
    expect(current.status).toBe(200);
    expect((await auditRows(db, tenant.tenantId, { action: "second-factor.recovery-codes-generated" })).length).toBe(2);
  });

  it("turns off for a right code where it is optional: the password alone works again", async () => {
    const { db } = optional.database;
    const { tenant, user } = await newUser(optional, "manager");
    const client = optional.client();
    expect((await client.signInBrowser(user.email, TEST_PASSWORD)).headers.get("location")).toBe(paths.team());
    const { secret } = await enrol(client, db, clock, user.id);
    const account = paths.secondFactor.account();
    const wrong = await client.submitForm(account, paths.secondFactor.turnOff(), { code: clock.wrongCode(secret) });
    expect(wrong.status).toBe(400);
    expect((await secondFactorRow(db, user.id))?.totp_enabled_at).not.toBeNull();
    const off = await client.submitForm(account, paths.secondFactor.turnOff(), { code: clock.nextCode(secret) });
    expect(off.status).toBe(303);
    expect(textOf(await (await client.get(account)).text())).toContain("Second factor turned off");
    expect(await secondFactorRow(db, user.id)).toEqual({ totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    const [left] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM recovery_codes WHERE user_id = ${user.id}`);
    expect(left?.count).toBe(0);
    expect((await auditRows(db, tenant.tenantId, { action: "second-factor.disabled" })).length).toBe(1);
    const again = optional.client();
    expect((await again.signInBrowser(user.email, TEST_PASSWORD)).headers.get("location")).toBe(paths.team());
  });
});

describe("the setting", () => {
  it("is on by default, off in demo mode, and can be set either way", () => {
    expect(readConfig({ DATABASE_URL: "postgresql://localhost/keywork" }).secondFactorRequired).toBe(true);
    expect(readConfig({ DATABASE_URL: "postgresql://localhost/keywork", KEYWORK_DEMO: "1" }).secondFactorRequired).toBe(false);
    expect(readConfig({}).secondFactorRequired).toBe(false);
    expect(readConfig({ KEYWORK_REQUIRE_SECOND_FACTOR: "1" }).secondFactorRequired).toBe(true);
    expect(readConfig({ DATABASE_URL: "postgresql://localhost/keywork", KEYWORK_REQUIRE_SECOND_FACTOR: "0" }).secondFactorRequired).toBe(false);
  });

  it("leaves the second factor optional when off: a manager signs in with the password and may set one up", async () => {
    const { user } = await newUser(optional, "manager");
    const client = optional.client();
    expect((await client.signInBrowser(user.email, TEST_PASSWORD)).headers.get("location")).toBe(paths.team());
    expect((await client.get(paths.team())).status).toBe(200);
    const account = textOf(await (await client.get(paths.secondFactor.account())).text());
    expect(account).toContain("Off");
    expect(account).toContain("Set up a second factor");
  });
});
