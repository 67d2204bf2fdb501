import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/app.ts";
import { TEST_PASSWORD, createTenant, createUser } from "../../../test/support/factories.ts";
import { textOf } from "../../../test/support/http.ts";
import { createReferralService, postReferralForm, publicFormFields } from "../../../test/support/referral-intake.ts";
import type { Db } from "../database/open.ts";
import { queryRows } from "../database/query.ts";
import { paths } from "../http/paths.ts";
import { MAX_ATTEMPTS, REMOVED_LINK_NOTE, deliverPendingEmails } from "./delivery.ts";
import { queueEmail } from "./outbox.ts";
import { developmentSender, notifySender, parseNotifyApiKey } from "./senders.ts";

interface EmailRow {
  status: string;
  sender: string | null;
  attempts: number;
  last_error: string | null;
  provider_reference: string | null;
  subject: string;
}

async function emailsOf(db: Db, tenantId: string): Promise<EmailRow[]> {
  return queryRows<EmailRow>(db, sql`SELECT status, sender, attempts, last_error, provider_reference, subject FROM outbound_emails WHERE tenant_id = ${tenantId} ORDER BY created_at, id`);
}

/** Waits for delivery, which runs just after the response that queued the email. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the development sender and the outbox page", () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });

  it("keeps each email in the outbox, shown newest first to administrators only, with the status link to follow", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const admin = await createUser(db, tenant, { roles: ["admin"] });
    const manager = await createUser(db, tenant, { roles: ["manager"] });
    const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
    const service = await createReferralService(db, tenant);
    const link = paths.referrals.publicForm(service.token ?? "");
    const client = testApp.client();
    expect((await postReferralForm(client, link, link, publicFormFields())).status).toBe(200);
    const rows = await until(() => emailsOf(db, tenant.tenantId), (emails) => emails.every((email) => email.status === "outbox"));
    expect(rows).toEqual([expect.objectContaining({ status: "outbox", sender: "development", attempts: 1, last_error: null })]);

    const browser = testApp.client();
    await browser.signInBrowser(admin.email, TEST_PASSWORD);
    const page = await (await browser.get(paths.outbox())).text();
    const text = textOf(page);
    expect(text).toContain("Outbox");
    expect(text).toContain("1 email");
    expect(text).toContain("Referral received: KW-");
    expect(text).toContain("priya.nair@example.test");
    expect(text).toContain("Kept in the outbox");
    expect(page).toMatch(/<a class="govuk-link" href="http:\/\/[^"]+\/referral-status\/[A-Za-z0-9_-]{43}">/);

    const partnerClient = testApp.client();
    await partnerClient.signInBrowser(partner.email, TEST_PASSWORD);
    expect((await partnerClient.get(paths.outbox())).status).toBe(403);
    // Managers see referrals of other teams' services there too, status links and all: not theirs to read.
    const managerClient = testApp.client();
    await managerClient.signInBrowser(manager.email, TEST_PASSWORD);
    expect((await managerClient.get(paths.outbox())).status).toBe(403);
  });

  it("is empty for a new partnership, and pages through many emails", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const admin = await createUser(db, tenant, { roles: ["admin"] });
    const browser = testApp.client();
    await browser.signInBrowser(admin.email, TEST_PASSWORD);
    expect(textOf(await (await browser.get(paths.outbox())).text())).toContain("There are no emails yet");
    for (let index = 1; index <= 23; index++) {
      await queueEmail(db, { tenantId: tenant.tenantId, to: "someone@example.test", kind: "test", subject: `Email number ${index}`, body: "Hello", dedupeKey: `test:${index}` });
      await db.execute(sql`UPDATE outbound_emails SET created_at = ${new Date(Date.UTC(2026, 2, 1, 9, index)).toISOString()}::timestamptz WHERE tenant_id = ${tenant.tenantId} AND dedupe_key = ${`test:${index}`}`);
    }
    const first = textOf(await (await browser.get(paths.outbox())).text());
    expect(first).toContain("23 emails, page 1 of 2");
    expect(first.indexOf("Email number 23")).toBeLessThan(first.indexOf("Email number 22"));
    expect(first).not.toContain("Email number 3 ");
    const second = textOf(await (await browser.get(paths.outbox({ page: 2 }))).text());
    expect(second).toContain("Email number 1 ");
    expect(second).toContain("Email number 3 ");
    expect(second).not.toContain("Email number 4 ");
  });

  it("queues one email per dedupe key", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const email = { tenantId: tenant.tenantId, to: "a@example.test", kind: "test", subject: "Once", body: "Only once", dedupeKey: "same" };
    expect(await queueEmail(db, email)).toBe(true);
    expect(await queueEmail(db, email)).toBe(false);
    expect(await emailsOf(db, tenant.tenantId)).toHaveLength(1);
  });

  it("is not written when the change that queued it rolls back", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    await expect(
      db.transaction(async (tx) => {
        await queueEmail(tx, { tenantId: tenant.tenantId, to: "a@example.test", kind: "test", subject: "Doomed", body: "x", dedupeKey: "doomed" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await emailsOf(db, tenant.tenantId)).toEqual([]);
  });

  it("leaves alone an email queued for another sender, such as GOV.UK Notify", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    await queueEmail(db, { tenantId: tenant.tenantId, to: "a@example.test", kind: "test", subject: "For Notify", body: "x", dedupeKey: "for-notify", sender: "notify" });
    await deliverPendingEmails(db, developmentSender);
    expect(await emailsOf(db, tenant.tenantId)).toEqual([expect.objectContaining({ status: "pending", sender: "notify", attempts: 0 })]);
  });
});

interface NotifyRequest {
  authorization: string;
  claims: { iss: string; iat: number };
  body: { email_address: string; template_id: string; personalisation: Record<string, string>; reference: string };
}

/** A stand-in for GOV.UK Notify on 127.0.0.1 that checks each request's JWT as Notify does. */
async function fakeNotify(secretKey: string, serviceId: string, answer: () => { status: number; body: unknown }) {
  const received: NotifyRequest[] = [];
  const readBody = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = "";
      request.on("data", (chunk: Buffer) => (text += chunk.toString()));
      request.on("end", () => resolve(text));
    });
  const server: Server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const reply = (status: number, body: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (request.method !== "POST" || request.url !== "/v2/notifications/email") return reply(404, { errors: [{ error: "NotFound" }] });
      const token = (request.headers.authorization ?? "").replace(/^Bearer /, "");
      const [header, claims, signature] = token.split(".");
      const expected = createHmac("sha256", secretKey).update(`${header}.${claims}`).digest();
      const given = Buffer.from(signature ?? "", "base64url");
      if (!header || !claims || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reply(403, { status_code: 403, errors: [{ error: "AuthError", message: "Invalid token: signature" }] });
      }
      const decodedHeader = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg: string; typ: string };
      const decodedClaims = JSON.parse(Buffer.from(claims, "base64url").toString()) as { iss: string; iat: number };
      if (decodedHeader.alg !== "HS256" || decodedClaims.iss !== serviceId || Math.abs(decodedClaims.iat - Date.now() / 1000) > 30) {
        return reply(403, { status_code: 403, errors: [{ error: "AuthError", message: "Invalid token: claims" }] });
      }
      received.push({ authorization: token, claims: decodedClaims, body: JSON.parse(text) as NotifyRequest["body"] });
      const { status, body } = answer();
      return reply(status, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("the GOV.UK Notify sender", () => {
  const serviceId = randomUUID();
  const secretKey = randomUUID();
  const apiKey = `keywork_test-${serviceId}-${secretKey}`;
  const templateId = randomUUID();
  let answer = { status: 201, body: { id: "notify-notification-1" } as unknown };
  let notify: Awaited<ReturnType<typeof fakeNotify>>;
  let testApp: TestApp;
  beforeAll(async () => {
    notify = await fakeNotify(secretKey, serviceId, () => answer);
    testApp = await startTestApp({ notify: { apiKey, templateId, baseUrl: notify.baseUrl } });
  });
  afterAll(async () => {
    await testApp.close();
    await notify.close();
  });

  it("reads the service id and the secret key from the end of the API key", () => {
    expect(parseNotifyApiKey(apiKey)).toEqual({ serviceId, secretKey });
    expect(parseNotifyApiKey(`my-key-with-dashes-${serviceId}-${secretKey}`)).toEqual({ serviceId, secretKey });
    expect(() => parseNotifyApiKey("not-a-key")).toThrow("KEYWORK_NOTIFY_API_KEY is not a GOV.UK Notify API key");
  });

  it("sends the referral email through Notify right after the referral, signed with the key, and marks it sent", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const service = await createReferralService(db, tenant);
    const link = paths.referrals.publicForm(service.token ?? "");
    answer = { status: 201, body: { id: "notify-notification-1", reference: null, content: {} } };
    const before = notify.received.length;
    expect((await postReferralForm(testApp.client(), link, link, publicFormFields())).status).toBe(200);
    const rows = await until(() => emailsOf(db, tenant.tenantId), (emails) => emails[0]?.status === "sent");
    expect(rows).toEqual([expect.objectContaining({ status: "sent", sender: "notify", attempts: 1, provider_reference: "notify-notification-1", last_error: null })]);
    const request = notify.received.slice(before).find((item) => item.body.email_address === "priya.nair@example.test");
    expect(request?.claims.iss).toBe(serviceId);
    expect(request?.body.template_id).toBe(templateId);
    expect(request?.body.personalisation.subject).toMatch(/^Referral received: KW-/);
    expect(request?.body.personalisation.body).toContain("/referral-status/");
    expect(request?.body.personalisation.status_url).toMatch(/\/referral-status\/[A-Za-z0-9_-]{43}$/);
    expect(request?.body.personalisation.reference).toMatch(/^KW-/);

    // Once sent, Keywork's copy no longer holds the private status link: only the referrer has it.
    const [stored] = await queryRows<{ body: string; personalisation: Record<string, string> }>(db, sql`SELECT body, personalisation FROM outbound_emails WHERE tenant_id = ${tenant.tenantId}`);
    expect(JSON.stringify(stored)).not.toContain("/referral-status/");
    expect(stored?.body).toContain(REMOVED_LINK_NOTE);
    expect(stored?.personalisation.status_url).toBe(REMOVED_LINK_NOTE);
    expect(stored?.personalisation.body).toContain(REMOVED_LINK_NOTE);
    expect(stored?.body).toContain("Keep this link to yourself");
  });

  it("has no outbox page: emails are sent, not kept", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    const admin = await createUser(db, tenant, { roles: ["admin"] });
    const browser = testApp.client();
    await browser.signInBrowser(admin.email, TEST_PASSWORD);
    const response = await browser.get(paths.outbox());
    expect(response.status).toBe(404);
    const text = textOf(await response.text());
    expect(text).toContain("There is no outbox");
    expect(text).toContain("Emails are sent through GOV.UK Notify");
  });

  it("keeps an email Notify refuses, with the reason, tries it again, and gives up after the last attempt", async () => {
    const { db } = testApp.database;
    const tenant = await createTenant(db);
    await queueEmail(db, { tenantId: tenant.tenantId, to: "nobody@example.test", kind: "test", subject: "Will fail", body: "x", dedupeKey: "fails" });
    answer = { status: 400, body: { status_code: 400, errors: [{ error: "BadRequestError", message: "Can't send to this recipient using a team-only API key" }] } };
    const sender = notifySender({ apiKey, templateId, baseUrl: notify.baseUrl });
    await deliverPendingEmails(db, sender);
    const [first] = await emailsOf(db, tenant.tenantId);
    expect(first).toMatchObject({
      status: "pending",
      attempts: 1,
      last_error: "GOV.UK Notify answered 400: BadRequestError: Can't send to this recipient using a team-only API key",
    });
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) await deliverPendingEmails(db, sender);
    const [last] = await emailsOf(db, tenant.tenantId);
    expect(last).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });

    const wrongKey = notifySender({ apiKey: `keywork_test-${serviceId}-${randomUUID()}`, templateId, baseUrl: notify.baseUrl });
    await queueEmail(db, { tenantId: tenant.tenantId, to: "a@example.test", kind: "test", subject: "Wrong key", body: "x", dedupeKey: "wrong-key" });
    await deliverPendingEmails(db, wrongKey);
    const rows = await emailsOf(db, tenant.tenantId);
    expect(rows.find((row) => row.subject === "Wrong key")?.last_error).toBe("GOV.UK Notify answered 403: AuthError: Invalid token: signature");
  });
});
