import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../platform/clock.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { createReferralService } from "../../test/support/referral-intake.ts";
import { insertReferral, referByApi, setEligibility, signedIn, triageScene } from "../../test/support/referral-triage.ts";

/** A clock the tests move: Thursday 2 April 2026 is the day before Good Friday. */
let now = new Date("2026-04-02T11:00:00Z");
const clock: Clock = { now: () => new Date(now) };

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock });
});
afterAll(async () => {
  await testApp.close();
});

const ITEM_KEYS = [
  "acknowledgeBy",
  "acknowledgementOverdue",
  "allocatedWorker",
  "decideBy",
  "decisionOverdue",
  "id",
  "overdueByWorkingDays",
  "person",
  "priority",
  "receivedAt",
  "reference",
  "referrer",
  "service",
  "status",
];

describe("GET /api/v1/referrals for managers", () => {
  it("lists the team's referrals with their timers, counted over Easter, and flags them once overdue", async () => {
    now = new Date("2026-04-02T11:00:00Z");
    const scene = await triageScene(testApp.database.db);
    const partner = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partner, scene.service.serviceId);
    const manager = await signedIn(testApp, scene.manager, true);
    const fresh = await manager.getJson<{ items: Array<Record<string, unknown>>; total: number }>("/api/v1/referrals?status=awaiting-acknowledgement");
    expect(fresh.status).toBe(200);
    expect(fresh.body.total).toBe(1);
    const [item] = fresh.body.items;
    expect(Object.keys(item ?? {}).sort()).toEqual(ITEM_KEYS);
    // Good Friday and Easter Monday are not working days: two working days from Thursday 2 April is Wednesday 8 April.
    expect(item).toMatchObject({
      id: referral.id,
      reference: referral.reference,
      status: "awaiting-acknowledgement",
      priority: "normal",
      service: { id: scene.service.serviceId, name: scene.service.name },
      person: { givenName: "Kieran", familyName: "Lowe", dateOfBirth: "1991-08-14", personId: null },
      receivedAt: "2026-04-02T11:00:00.000Z",
      acknowledgeBy: "2026-04-08",
      decideBy: "2026-04-20",
      acknowledgementOverdue: false,
      decisionOverdue: false,
      overdueByWorkingDays: 0,
      allocatedWorker: null,
    });
    now = new Date("2026-04-10T09:00:00Z");
    const late = await manager.getJson<{ items: Array<Record<string, unknown>> }>("/api/v1/referrals?status=awaiting-acknowledgement");
    expect(late.body.items[0]).toMatchObject({ acknowledgementOverdue: true, decisionOverdue: false, overdueByWorkingDays: 2 });
    expect((await manager.getJson<{ items: unknown[] }>("/api/v1/referrals?status=accepted")).body.items).toEqual([]);
  });

  it("filters by service, refuses bad filters, and answers 403 to anyone who does not triage", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const second = await createReferralService(db, scene.tenant, { name: "Second service" });
    const first = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-04-01" });
    const other = await insertReferral(db, scene.tenant, second.serviceId, { receivedOn: "2026-04-01" });
    const manager = await signedIn(testApp, scene.manager, true);
    const all = await manager.getJson<{ items: Array<{ id: string }> }>("/api/v1/referrals");
    expect(all.body.items.map((item) => item.id).sort()).toEqual([first, other].sort());
    const filtered = await manager.getJson<{ items: Array<{ id: string }> }>(`/api/v1/referrals?service=${second.serviceId}`);
    expect(filtered.body.items.map((item) => item.id)).toEqual([other]);
    expect((await manager.getJson("/api/v1/referrals?status=lost")).status).toBe(400);
    expect((await manager.getJson("/api/v1/referrals?service=nope")).status).toBe(400);
    expect((await (await signedIn(testApp, scene.otherManager, true)).getJson<{ items: unknown[] }>("/api/v1/referrals")).body.items).toEqual([]);
    for (const refused of [scene.worker, scene.partner, scene.admin]) {
      expect((await (await signedIn(testApp, refused, true)).getJson("/api/v1/referrals")).status).toBe(403);
    }
  });
});

describe("acknowledging, deciding and allocating through the API", () => {
  it("moves the referral on, refuses what its status does not allow, and hides it from other teams", async () => {
    now = new Date("2026-04-14T10:00:00Z");
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const elsewhere = await createReferralService(db, scene.tenant, { name: "Housing First" });
    const referralId = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-04-13" });
    const manager = await signedIn(testApp, scene.manager, true);
    const base = `/api/v1/referrals/${referralId}`;
    expect((await (await signedIn(testApp, scene.otherManager, true)).sendJson("POST", `${base}/acknowledgement`, {})).status).toBe(404);
    expect((await (await signedIn(testApp, scene.worker, true)).sendJson("POST", `${base}/acknowledgement`, {})).status).toBe(403);
    expect((await manager.sendJson("POST", "/api/v1/referrals/not-an-id/acknowledgement", {})).status).toBe(404);

    const acknowledged = await manager.sendJson<{ status: string }>("POST", `${base}/acknowledgement`, {});
    expect(acknowledged).toMatchObject({ status: 200, body: { status: "acknowledged" } });
    expect((await manager.sendJson("POST", `${base}/acknowledgement`, {})).status).toBe(409);
    expect((await manager.sendJson("POST", `${base}/allocation`, { workerId: scene.worker.id })).status).toBe(409);

    const noReason = await manager.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", `${base}/decision`, { decision: "decline" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues).toEqual([{ field: "reason", message: "Enter why the referral is declined: the referrer will see the reason" }]);
    expect((await manager.sendJson("POST", `${base}/decision`, { decision: "decline", reason: "Not for us", suggestedServiceIds: [scene.service.serviceId] })).status).toBe(400);
    expect((await manager.sendJson("POST", `${base}/decision`, { decision: "maybe" })).status).toBe(400);

    const declined = await manager.sendJson<{ status: string }>("POST", `${base}/decision`, { decision: "decline", reason: "Housing is the one need: Housing First can help.", suggestedServiceIds: [elsewhere.serviceId] });
    expect(declined).toMatchObject({ status: 200, body: { status: "declined" } });
    expect((await manager.sendJson("POST", `${base}/decision`, { decision: "accept" })).status).toBe(409);
  });
});

describe("GET /api/v1/services", () => {
  it("carries each service's referral settings, and never its public link", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    await setEligibility(db, scene.tenant, scene.service.serviceId, { needs: { domains: ["housing", "offending"], atLeast: 2 }, age: { minimum: 18 } });
    const plain = await createReferralService(db, scene.tenant, { name: "Plain service" });
    await db.execute(sql`DELETE FROM referral_settings WHERE service_id = ${plain.serviceId}`);
    const client = await signedIn(testApp, scene.partner, true);
    const response = await client.get("/api/v1/services");
    const raw = await response.text();
    expect(raw).not.toContain(scene.service.token ?? "no token");
    const body = JSON.parse(raw) as { items: Array<{ id: string; referrals: unknown }> };
    expect(body.items.find((item) => item.id === scene.service.serviceId)?.referrals).toEqual({
      accepting: true,
      eligibility: { needs: { domains: ["housing", "offending"], atLeast: 2 }, age: { minimum: 18 } },
      acknowledgeWithinWorkingDays: 2,
      decideWithinWorkingDays: 10,
    });
    expect(body.items.find((item) => item.id === plain.serviceId)?.referrals).toBeNull();
  });
});
