import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { auditRows, createTenant, createUser, TEST_PASSWORD } from "../../../test/support/factories.ts";
import { textOf } from "../../../test/support/http.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ sessionIdleMinutes: 30 });
});
afterAll(async () => {
  await testApp.close();
});

async function newWorker(options: { active?: boolean } = {}) {
  const tenant = await createTenant(testApp.database.db);
  const user = await createUser(testApp.database.db, tenant, { roles: ["key-worker"], ...options });
  return { tenant, user };
}

describe("POST /api/v1/session", () => {
  it("gives a bearer token for the right password and 401 for a wrong one", async () => {
    const { tenant, user } = await newWorker();
    const client = testApp.client();
    const good = await client.sendJson<{ token: string }>("POST", "/api/v1/session", { email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(good.status).toBe(200);
    expect(good.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    client.bearer = good.body.token;
    const me = await client.getJson<{ id: string }>("/api/v1/me");
    expect(me.body.id).toBe(user.id);
    const bad = await testApp.client().sendJson<{ error: { message: string } }>("POST", "/api/v1/session", { email: user.email, password: "wrong password" });
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toBe("Enter a correct email address and password");
    const actions = (await auditRows(testApp.database.db, tenant.tenantId)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["session.sign-in", "session.sign-in-failed"]));
  });

  it("answers an unknown email exactly as a wrong password", async () => {
    const unknown = await testApp.client().sendJson<{ error: { message: string } }>("POST", "/api/v1/session", { email: "nobody@example.test", password: "whatever" });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe("Enter a correct email address and password");
  });

  it("refuses a deactivated account", async () => {
    const { user } = await newWorker({ active: false });
    const { status } = await testApp.client().sendJson("POST", "/api/v1/session", { email: user.email, password: TEST_PASSWORD });
    expect(status).toBe(401);
  });

  it("locks an account for a while after five failures, even with the right password", async () => {
    const { user } = await newWorker();
    for (let attempt = 0; attempt < 5; attempt++) {
      const { status } = await testApp.client().sendJson("POST", "/api/v1/session", { email: user.email, password: `guess ${attempt}` });
      expect(status).toBe(401);
    }
    const locked = await testApp.client().request("POST", "/api/v1/session", { json: { email: user.email, password: TEST_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses malformed bodies with a clear message", async () => {
    const client = testApp.client();
    const notJson = await client.request("POST", "/api/v1/session", { body: "{email:", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);
    const missing = await client.sendJson<{ error: { issues: Array<{ field: string }> } }>("POST", "/api/v1/session", { email: "a@b.test" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues.map((issue) => issue.field)).toContain("password");
  });

  it("ends the token on DELETE", async () => {
    const { user } = await newWorker();
    const client = testApp.client();
    await client.signInApi(user.email, TEST_PASSWORD);
    expect((await client.request("DELETE", "/api/v1/session")).status).toBe(204);
    expect((await client.getJson("/api/v1/me")).status).toBe(401);
  });
});

describe("browser sign-in", () => {
  it("sets an HttpOnly, SameSite session cookie and lands on the caseload", async () => {
    const { user } = await newWorker();
    const client = testApp.client();
    const response = await client.signInBrowser(user.email, TEST_PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/caseload");
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith("keywork_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await client.get("/caseload")).status).toBe(200);
  });

  it("shows the error summary for missing and wrong details", async () => {
    const { user } = await newWorker();
    const client = testApp.client();
    const empty = await client.submitForm("/sign-in", "/sign-in", { email: "", password: "" });
    expect(empty.status).toBe(400);
    const emptyText = textOf(await empty.text());
    expect(emptyText).toContain("There is a problem");
    expect(emptyText).toContain("Enter your email address");
    expect(emptyText).toContain("Enter your password");
    const wrong = await client.submitForm("/sign-in", "/sign-in", { email: user.email, password: "nope" });
    expect(wrong.status).toBe(401);
    const wrongPage = await wrong.text();
    expect(textOf(wrongPage)).toContain("Enter a correct email address and password");
    expect(wrongPage).toContain(`value="${user.email}"`);
  });

  it("refuses a form posted without the CSRF token and changes nothing", async () => {
    const { user } = await newWorker();
    const client = testApp.client();
    await client.get("/sign-in");
    const response = await client.request("POST", "/sign-in", { form: { email: user.email, password: TEST_PASSWORD } });
    expect(response.status).toBe(403);
    expect(textOf(await response.text())).toContain("This form has expired or did not come from Keywork");
    expect(client.cookie("keywork_session")).toBeUndefined();
  });

  it("sends a signed-out visitor to sign in and back to where they were going", async () => {
    const { user } = await newWorker();
    const client = testApp.client();
    const response = await client.get("/people?q=smith");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/sign-in?returnTo=%2Fpeople%3Fq%3Dsmith");
    const page = await client.get("/sign-in?returnTo=%2Fpeople%3Fq%3Dsmith");
    const signedIn = await client.request("POST", "/sign-in", {
      form: { _csrf: /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "", email: user.email, password: TEST_PASSWORD, returnTo: "/people?q=smith" },
    });
    expect(signedIn.headers.get("location")).toBe("/people?q=smith");
  });

  it("never returns to another site after sign-in", async () => {
    const { user } = await newWorker();
    const client = testApp.client();
    const response = await client.submitForm("/sign-in", "/sign-in", { email: user.email, password: TEST_PASSWORD, returnTo: "//evil.example/x" });
    expect(response.headers.get("location")).toBe("/caseload");
  });

  it("signs out: the cookie no longer works", async () => {
    const { user } = await newWorker();
    const client = testApp.client();
    await client.signInBrowser(user.email, TEST_PASSWORD);
    const sessionCookie = client.cookie("keywork_session");
    const out = await client.submitForm("/caseload", "/sign-out", {});
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/signed-out");
    expect(textOf(await (await client.get("/signed-out")).text())).toContain("You have signed out");
    const replay = testApp.client();
    const response = await replay.get("/caseload", { cookie: `keywork_session=${sessionCookie}` });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("/sign-in");
  });

  it("ends a session left idle longer than the idle timeout", async () => {
    const { user } = await newWorker();
    const client = testApp.client();
    await client.signInBrowser(user.email, TEST_PASSWORD);
    expect((await client.get("/caseload")).status).toBe(200);
    await testApp.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = ${user.id}`);
    const response = await client.get("/caseload");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("/sign-in");
  });

  it("does not accept the browser cookie on the API, nor an API token as a cookie", async () => {
    const { user } = await newWorker();
    const browser = testApp.client();
    await browser.signInBrowser(user.email, TEST_PASSWORD);
    expect((await browser.getJson("/api/v1/me")).status).toBe(401);
    const api = testApp.client();
    await api.signInApi(user.email, TEST_PASSWORD);
    const response = await testApp.client().get("/caseload", { cookie: `keywork_session=${api.bearer}` });
    expect(response.status).toBe(303);
  });
});

describe("sign-in rate limit by address", () => {
  it("answers 429 once an address has tried too often in a minute", async () => {
    const limited = await startTestApp({ signInRateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt++) {
        statuses.push((await limited.client().sendJson("POST", "/api/v1/session", { email: "nobody@example.test", password: "x" })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
