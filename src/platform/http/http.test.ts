import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

describe("GET /health", () => {
  it("says the service is up and which database it runs on", async () => {
    const { status, body } = await testApp.client().getJson("/health");
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok", database: testApp.database.kind });
    expect(["pglite", "postgresql"]).toContain(body.database);
  });
});

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document describing the contract endpoints", async () => {
    const { status, body } = await testApp.client().getJson<{ openapi: string; paths: Record<string, Record<string, unknown>> }>("/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths["/api/v1/session"] ?? {})).toEqual(expect.arrayContaining(["post", "delete"]));
    expect(Object.keys(body.paths["/api/v1/people"] ?? {})).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(body.paths["/api/v1/people/{id}"] ?? {})).toEqual(expect.arrayContaining(["get", "patch"]));
    expect(Object.keys(body.paths["/api/v1/audit"] ?? {})).toContain("get");
    const createPerson = body.paths["/api/v1/people"]?.post as { requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown>; required: string[] } } } } };
    const schema = createPerson.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["givenName", "familyName"]));
    expect(Object.keys(schema.properties)).toContain("dateOfBirth");
  });
});

describe("security headers", () => {
  it("sends a strict content security policy, no-sniff, a referrer policy and denies framing", async () => {
    const response = await testApp.client().get("/sign-in");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("does not let the pages be cached", async () => {
    const response = await testApp.client().get("/sign-in");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("serves the design system's stylesheet and Keywork's own assets", async () => {
    const client = testApp.client();
    expect((await client.get("/govuk/govuk-frontend.min.css")).status).toBe(200);
    expect((await client.get("/static/keywork.css")).status).toBe(200);
    expect((await client.get("/govuk/index.scss")).status).toBe(404);
  });
});

describe("unknown pages", () => {
  it("answer a GOV.UK-style 404 page, or JSON under /api", async () => {
    const client = testApp.client();
    const page = await client.get("/no-such-page");
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Page not found");
    const api = await client.getJson<{ error: { status: number } }>("/api/v1/no-such-thing");
    expect(api.status).toBe(404);
    expect(api.body.error.status).toBe(404);
  });
});
