import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.ts";
import { createTenant, createUser, TEST_PASSWORD, type TestUser } from "../support/factories.ts";
import { csrfTokenIn } from "../support/http.ts";

/**
 * Security headers, cookie flags and sign-in throttling (issue #7), on every kind of answer.
 *
 * Already tested elsewhere, and not repeated here: the CSP, no-sniff and referrer policy of the
 * sign-in page and its no-store caching (src/platform/http/http.test.ts); the session cookie's
 * HttpOnly and SameSite=Lax after a browser sign-in, the address limit on POST /api/v1/session with
 * wrong passwords, and the per-account lockout that refuses even the right password
 * (src/platform/auth/auth.test.ts); the limit on the second-factor page
 * (src/platform/auth/second-factor-required.test.ts).
 */

let testApp: TestApp;
let secureApp: TestApp;
let worker: TestUser;

beforeAll(async () => {
  testApp = await startTestApp();
  secureApp = await startTestApp({ secureCookies: true });
  const tenant = await createTenant(testApp.database.db);
  worker = await createUser(testApp.database.db, tenant, { roles: ["key-worker"] });
});
afterAll(async () => {
  await testApp.close();
  await secureApp.close();
});

function expectSecurityHeaders(response: Response, what: string): void {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("default-src 'self'");
  expect(csp, `${what}: CSP`).toContain("script-src 'self'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(csp, `${what}: CSP`).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(response.headers.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), `${what}: referrer policy`).toMatch(/^(same-origin|no-referrer)$/);
  expect(response.headers.get("x-powered-by"), `${what}: X-Powered-By`).toBeNull();
  expect(response.headers.get("server"), `${what}: Server`).toBeNull();
}

/** The Set-Cookie header for `name`, as sent. */
function cookieSet(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}

describe("security headers on every kind of answer", () => {
  it("a signed-in page, a JSON answer, API and page errors, and static assets all carry them", async () => {
    const browser = testApp.client();
    expect((await browser.signInBrowser(worker.email, TEST_PASSWORD)).status).toBe(303);
    const api = testApp.client();
    await api.signInApi(worker.email, TEST_PASSWORD);
    const anonymous = testApp.client();

    const answers: Array<[string, Response, number]> = [
      ["the caseload page", await browser.get("/caseload"), 200],
      ["a JSON answer", await api.get("/api/v1/me"), 200],
      ["the OpenAPI document", await anonymous.get("/openapi.json"), 200],
      ["an API 401", await anonymous.get("/api/v1/me"), 401],
      ["an API 404", await api.get("/api/v1/people/0190a000-0000-7000-8000-000000000000"), 404],
      ["the 404 page", await browser.get("/no-such-page"), 404],
      ["a refused form (403 page)", await browser.request("POST", "/people", { form: { _csrf: "forged", givenName: "X" }, headers: { accept: "text/html" } }), 403],
      ["the design system's stylesheet", await anonymous.get("/govuk/govuk-frontend.min.css"), 200],
      ["Keywork's stylesheet", await anonymous.get("/static/keywork.css"), 200],
      ["a design system asset", await anonymous.get("/assets/manifest.json"), 200],
    ];
    for (const [what, response, status] of answers) {
      await response.arrayBuffer();
      expect(response.status, what).toBe(status);
      expectSecurityHeaders(response, what);
    }
  });

  it("asks browsers to keep to HTTPS only where cookies are secure", async () => {
    expect((await testApp.client().get("/sign-in")).headers.get("strict-transport-security")).toBeNull();
    expect((await secureApp.client().get("/sign-in")).headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
  });
});

describe("cookie flags", () => {
  it("sets the CSRF cookie HttpOnly, SameSite=Lax, for the whole site, and never Secure over plain HTTP", async () => {
    const cookie = cookieSet(await testApp.client().get("/sign-in"), "_csrf");
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("marks the session and CSRF cookies Secure when KEYWORK_SECURE_COOKIES is on", async () => {
    const client = secureApp.client();
    const page = await client.get("/sign-in");
    const csrf = cookieSet(page, "_csrf");
    expect(csrf).toMatch(/;\s*Secure/i);
    expect(csrf).toMatch(/;\s*HttpOnly/i);
    const token = csrfTokenIn(await page.text());
    const signedIn = await client.request("POST", "/sign-in", { form: { _csrf: token, email: worker.email, password: TEST_PASSWORD } });
    expect(signedIn.status).toBe(303);
    const session = cookieSet(signedIn, "keywork_session");
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
    expect(session).toMatch(/;\s*Path=\//i);
  });

  it("never sets a session cookie over plain HTTP with the Secure flag, and never without HttpOnly", async () => {
    const signedIn = await testApp.client().signInBrowser(worker.email, TEST_PASSWORD);
    const session = cookieSet(signedIn, "keywork_session");
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).not.toMatch(/;\s*Secure/i);
  });
});

describe("sign-in throttling by address", () => {
  const LIMIT = 3;
  let throttled: TestApp;
  beforeAll(async () => {
    throttled = await startTestApp({ signInRateLimitPerMinute: LIMIT });
  });
  afterAll(async () => {
    await throttled.close();
  });

  it("refuses the sign-in form after the limit, even with the right password, and sets no session", async () => {
    const client = throttled.client();
    const token = csrfTokenIn(await (await client.get("/sign-in")).text());
    const statuses: number[] = [];
    // Different unknown accounts, so that the per-account lockout plays no part: only the address counts.
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      const response = await client.request("POST", "/sign-in", { form: { _csrf: token, email: `nobody-${attempt}@example.test`, password: "wrong" } });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual(Array<number>(LIMIT).fill(401));
    const right = await client.request("POST", "/sign-in", { form: { _csrf: token, email: worker.email, password: TEST_PASSWORD }, headers: { accept: "text/html" } });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(cookieSet(right, "keywork_session")).toBeUndefined();
    expect(await right.text()).toContain("Too many attempts");
    expectSecurityHeaders(right, "the 429 page");
    // Still signed out: the caseload sends them to sign in.
    const caseload = await client.get("/caseload");
    expect(caseload.status).toBe(303);
    expect(caseload.headers.get("location") ?? "").toMatch(/^\/sign-in/);
  });

  it("refuses POST /api/v1/session after the limit, even with the right password, and gives no token", async () => {
    const client = throttled.client();
    for (let attempt = 0; attempt < LIMIT; attempt++) {
      const { status } = await client.sendJson("POST", "/api/v1/session", { email: `nobody-api-${attempt}@example.test`, password: "wrong" });
      expect(status).toBe(401);
    }
    const right = await client.sendJson<{ token?: string; error?: { status: number; message: string } }>("POST", "/api/v1/session", { email: worker.email, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect(right.body.token).toBeUndefined();
    expect(right.body.error?.status).toBe(429);
  });
});
