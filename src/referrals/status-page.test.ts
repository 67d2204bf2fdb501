import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createPerson, createTenant, createUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { createReferralService } from "../../test/support/referral-intake.ts";
import { fixedClock, type Clock } from "../platform/clock.ts";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";
import { createReferral } from "./intake-service.ts";
import { recordReferralStep } from "./steps.ts";
import { updateReferral } from "./store.ts";

let testApp: TestApp;
let clock: Clock & { set(at: string): void };
beforeAll(async () => {
  let now = new Date("2026-03-06T10:00:00Z");
  clock = { now: () => new Date(now), set: (at) => (now = new Date(at)) };
  testApp = await startTestApp({}, { clock });
});
afterAll(async () => {
  await testApp.close();
});

const DETAILS = {
  person: { givenName: "Jordan", familyName: "Whitlock", aliases: ["Jaybird"], dateOfBirth: "1996-02-14", area: "Longsight", phone: "07700 900555" },
  personConsented: true,
  needs: ["housing" as const, "substance-use" as const],
  registerRating: null,
  reason: "Sleeping rough since March; missed two hospital appointments.",
  safetyInformation: "Large dog at the squat.",
  referrer: { name: "Priya Nair", organisation: "City Housing Options", role: null, email: "priya.nair@example.test", phone: null },
};

async function scene() {
  const { db } = testApp.database;
  clock.set("2026-03-06T10:00:00Z");
  const tenant = await createTenant(db);
  const manager = await createUser(db, tenant, { roles: ["manager"], name: "Morgan Ellis" });
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const service = await createReferralService(db, tenant, { name: "Northside Key Work" });
  const other = await createReferralService(db, tenant, { name: "Eastgate Recovery Hub", phone: "0161 496 0999", email: "hello@eastgate.example" });
  const created = await db.transaction((tx) =>
    createReferral(tx, { config: testApp.config, clock }, { tenantId: tenant.tenantId, serviceId: service.serviceId, channel: "public-link", referredBy: null, details: DETAILS }),
  );
  const step = (input: Omit<Parameters<typeof recordReferralStep>[2], "tenantId" | "referralId">) =>
    db.transaction((tx) => recordReferralStep(tx, { config: testApp.config, clock }, { tenantId: tenant.tenantId, referralId: created.referral.id, ...input }));
  return { tenant, manager, worker, other, referral: created.referral, statusPath: new URL(created.statusUrl).pathname, step };
}

describe("the private status page", () => {
  it("shows the referrer the service, reference, status and dated steps, and never the person's name, their record, or the service's internal steps", async () => {
    const { db } = testApp.database;
    const { tenant, manager, other, referral, statusPath, step } = await scene();
    const person = await createPerson(db, tenant, { givenName: "Ezekiel", familyName: "Marchbank", story: "Grew up in Salford; loves fishing." });
    await db.execute(sql`UPDATE referrals SET person_id = ${person.id} WHERE id = ${referral.id}`);
    clock.set("2026-03-09T09:30:00Z");
    await step({ step: "linked", byUserId: manager.id, note: "Same person as our open case; previous worker left", visibleToReferrer: false });
    await step({ step: "acknowledged", byUserId: manager.id });
    clock.set("2026-03-11T14:00:00Z");
    await step({ step: "screening", byUserId: manager.id });
    const client = testApp.client();
    const response = await client.get(statusPath);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await response.text();
    const text = textOf(page);
    for (const shown of [
      "Northside Key Work",
      `Referral ${referral.reference}`,
      "J. W.",
      "Screening",
      "Referral received",
      "6 Mar 2026",
      "Acknowledged",
      "9 Mar 2026",
      "Screening started",
      "The service will decide whether it can offer support by 20 March 2026",
      "0161 496 0000",
    ]) {
      expect(text).toContain(shown);
    }
    for (const hidden of [
      "Jordan",
      "Whitlock",
      "Jaybird",
      "14 February 1996",
      "Longsight",
      "07700 900555",
      "Sleeping rough",
      "Large dog",
      "Ezekiel",
      "Marchbank",
      "Salford",
      "previous worker left",
      "Linked to an existing record",
      "Morgan Ellis",
      other.name,
    ]) {
      expect(text).not.toContain(hidden);
    }

    // Declined with a reason and another service to try.
    clock.set("2026-03-13T11:00:00Z");
    await db.transaction(async (tx) => {
      const [current] = await queryRows<{ version: number }>(tx, sql`SELECT version FROM referrals WHERE id = ${referral.id}`);
      await updateReferral(tx, {
        tenantId: tenant.tenantId,
        referralId: referral.id,
        expectedVersion: current?.version ?? 0,
        changes: { decisionReason: "We work with people over 25 only; Eastgate can help now.", suggestedServiceIds: [other.serviceId] },
        at: clock.now(),
      });
      await recordReferralStep(tx, { config: testApp.config, clock }, { tenantId: tenant.tenantId, referralId: referral.id, step: "declined", byUserId: manager.id });
    });
    const declined = textOf(await (await client.get(statusPath)).text());
    expect(declined).toContain("Declined");
    expect(declined).toContain("We work with people over 25 only; Eastgate can help now.");
    expect(declined).toContain("Eastgate Recovery Hub");
    expect(declined).toContain("0161 496 0999");
    expect(declined).toContain("hello@eastgate.example");
    expect(declined).toContain("13 Mar 2026");
    expect(declined).not.toContain("Jordan");

    // Each step the referrer can see was emailed; the internal one was not.
    const emails = await queryRows<{ subject: string; body: string }>(db, sql`SELECT subject, body FROM outbound_emails WHERE tenant_id = ${tenant.tenantId} ORDER BY created_at, id`);
    expect(emails.map((email) => email.subject)).toEqual([
      `Referral received: ${referral.reference}`,
      `Referral ${referral.reference}: acknowledged`,
      `Referral ${referral.reference}: screening`,
      `Referral ${referral.reference}: declined`,
    ]);
    for (const email of emails) expect(email.body).not.toMatch(/Jordan|Whitlock|Ezekiel|over 25/);

    const reads = await queryRows<{ actor_user_id: string | null; person_id: string | null }>(
      db,
      sql`SELECT actor_user_id, person_id FROM audit_events WHERE tenant_id = ${tenant.tenantId} AND action = 'referral.status.read'`,
    );
    expect(reads).toHaveLength(2);
    expect(reads[0]).toEqual({ actor_user_id: null, person_id: person.id });
  });

  it("names the allocated worker and says what happens next", async () => {
    const { db } = testApp.database;
    const { tenant, manager, worker, referral, statusPath, step } = await scene();
    await step({ step: "acknowledged", byUserId: manager.id });
    await step({ step: "accepted", byUserId: manager.id });
    await db.execute(sql`UPDATE referrals SET allocated_worker_id = ${worker.id} WHERE id = ${referral.id}`);
    await step({ step: "allocated", byUserId: manager.id });
    const text = textOf(await (await testApp.client().get(statusPath)).text());
    expect(text).toContain("Allocated to a worker: Sam Okafor");
    expect(text).toContain("Sam Okafor will be in touch with the person");
    const [row] = await queryRows<{ acknowledged: boolean; decided: boolean; allocated: boolean; status: string }>(
      db,
      sql`SELECT acknowledged_at IS NOT NULL AS acknowledged, decided_at IS NOT NULL AS decided, allocated_at IS NOT NULL AS allocated, status FROM referrals WHERE id = ${referral.id}`,
    );
    expect(row).toEqual({ acknowledged: true, decided: true, allocated: true, status: "allocated" });
    void tenant;
  });

  it("flags when the service is past the date to acknowledge", async () => {
    const { statusPath } = await scene();
    clock.set("2026-03-12T10:00:00Z");
    const text = textOf(await (await testApp.client().get(statusPath)).text());
    expect(text).toContain("The service will look at the referral and acknowledge it by 10 March 2026");
    expect(text).toContain("The service has not done this by the date it should have");
  });

  it("answers a wrong, made-up or malformed link with not found", async () => {
    const { statusPath } = await scene();
    const client = testApp.client();
    const real = statusPath.split("/").pop() ?? "";
    for (const token of [`${real.slice(0, -1)}${real.endsWith("A") ? "B" : "A"}`, "x".repeat(43), "short", "%3Cscript%3E"]) {
      const response = await client.get(paths.referrals.status(token));
      expect(response.status).toBe(404);
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(textOf(await response.text())).toContain("This status link is not valid");
    }
  });
});
