import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/support/app.ts";
import { createReferralService, postReferralForm, publicFormFields } from "../test/support/referral-intake.ts";
import { TEST_PASSWORD, createTenant, createUser } from "../test/support/factories.ts";
import { HttpClient } from "../test/support/http.ts";
import { createApp, loggedPath } from "./app.ts";
import { readConfig } from "./config.ts";
import { systemClock } from "./platform/clock.ts";
import { paths } from "./platform/http/paths.ts";
import type { FastifyInstance } from "fastify";

/** Everything the app logs, one JSON line each. */
function logCapture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter((line) => line.trim() !== ""));
      done();
    },
  });
  return { stream, text: () => lines.join("\n"), requests: () => lines.map((line) => JSON.parse(line) as { req?: Record<string, unknown> }).filter((entry) => entry.req) };
}

describe("the request log", () => {
  let app: FastifyInstance;
  let baseUrl = "";
  const log = logCapture();

  beforeAll(async () => {
    const database = await openTestDatabase();
    const config = { ...readConfig({ LOG_LEVEL: "info" }), demo: false, signInRateLimitPerMinute: 10_000, escalationMinutes: 0, secondFactorRequired: false };
    app = await createApp({ config, database, clock: systemClock }, { logStream: log.stream });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    app.server.closeAllConnections();
    await app.close();
  });

  it("masks capability tokens and drops query strings", () => {
    expect(loggedPath("/referral-status/abcDEF123_-abcDEF123_-abcDEF123_-abcDEF123_")).toBe("/referral-status/…");
    expect(loggedPath("/refer/demo-adults?x=1")).toBe("/refer/…");
    expect(loggedPath("/calendar/secret-token.ics")).toBe("/calendar/…");
    expect(loggedPath("/people?q=Jordan+Smith&dateOfBirth=1990-01-01")).toBe("/people");
    expect(loggedPath("/referrals/sent")).toBe("/referrals/sent");
  });

  it("never holds a name searched for, a date of birth, or a private link's token", async () => {
    const { db } = await openTestDatabase();
    const tenant = await createTenant(db);
    const worker = await createUser(db, tenant, { roles: ["key-worker"] });
    const service = await createReferralService(db, tenant);
    const token = service.token ?? "";
    const client = new HttpClient(baseUrl);
    const link = paths.referrals.publicForm(token);
    expect((await postReferralForm(client, link, link, publicFormFields())).status).toBe(200);
    const statusToken = "Zq9".repeat(14) + "x";
    await client.get(paths.referrals.status(statusToken));
    await client.get(paths.calendarFile("calendar-secret-token"));
    const browser = new HttpClient(baseUrl);
    await browser.signInBrowser(worker.email, TEST_PASSWORD);
    await browser.get(paths.people.search({ q: "Quillon Marchbanks" }));
    await browser.get(`${paths.people.search()}?dateOfBirth=1987-06-05`);

    const text = log.text();
    expect(text).not.toContain(token);
    expect(text).not.toContain(statusToken);
    expect(text).not.toContain("calendar-secret-token");
    expect(text).not.toContain("Quillon");
    expect(text).not.toContain("Marchbanks");
    expect(text).not.toContain("1987-06-05");
    const urls = log.requests().map((entry) => entry.req?.url);
    expect(urls).toContain("/refer/…");
    expect(urls).toContain("/referral-status/…");
    expect(urls).toContain("/calendar/…");
    expect(urls).toContain("/people");
    expect(log.requests()[0]?.req).toEqual({ method: expect.any(String), url: expect.any(String) });
  });
});
