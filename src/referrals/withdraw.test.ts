import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../platform/database/query.ts";
import { paths } from "../platform/http/paths.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { insertReferral, postFrom, referByApi, referralRow, signedIn, stepsOf, triageScene } from "../../test/support/referral-triage.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function emailSubjects(tenantId: string): Promise<string[]> {
  const rows = await queryRows<{ subject: string }>(testApp.database.db, sql`SELECT subject FROM outbound_emails WHERE tenant_id = ${tenantId} ORDER BY created_at, id`);
  return rows.map((row) => row.subject);
}

describe("withdrawing a referral", () => {
  it("lets the referrer who made it withdraw it with a reason, which the service sees and the referrer is emailed about", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const partnerApi = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partnerApi, scene.service.serviceId);
    const partner = await signedIn(testApp, scene.partner);
    const show = paths.referrals.show(referral.id);
    const withdraw = paths.referrals.withdraw(referral.id);

    expect(await (await partner.get(show)).text()).toContain(`href="${withdraw}"`);
    const form = await partner.get(withdraw);
    expect(form.status).toBe(200);
    expect(textOf(await form.text())).toContain(`Withdraw referral ${referral.reference}`);

    // A reason is needed; nothing is written without one.
    const empty = await postFrom(partner, withdraw, withdraw, { reason: "  " });
    expect(empty.status).toBe(400);
    expect(textOf(await empty.text())).toContain("Enter why the referral is being withdrawn");
    expect((await referralRow(db, referral.id))?.status).toBe("awaiting-acknowledgement");

    const done = await postFrom(partner, withdraw, withdraw, { reason: "He has moved to Leeds and has a worker there." });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(show);
    expect((await referralRow(db, referral.id))?.status).toBe("withdrawn");
    expect(await stepsOf(db, referral.id)).toContainEqual({ step: "withdrawn", note: "He has moved to Leeds and has a worker there.", visible_to_referrer: true });
    expect(await emailSubjects(scene.tenant.tenantId)).toContain(`Referral ${referral.reference}: withdrawn`);
    expect(await auditRows(db, scene.tenant.tenantId, { action: "referral.withdraw" })).toEqual([
      expect.objectContaining({ actor_user_id: scene.partner.id, detail: { by: "referrer", from: "awaiting-acknowledgement" } }),
    ]);
    const page = textOf(await (await partner.get(show)).text());
    expect(page).toContain("The referral was withdrawn");
    expect(page).not.toContain("Withdraw the referral");

    const manager = await signedIn(testApp, scene.manager);
    expect(textOf(await (await manager.get(show)).text())).toContain("He has moved to Leeds");

    // Once withdrawn, it says so plainly, and writes nothing.
    const again = await partner.get(withdraw);
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain("This referral can no longer be withdrawn: it is now “withdrawn”");
    const postAgain = await postFrom(partner, show, withdraw, { reason: "Again" });
    expect(postAgain.status).toBe(409);
    expect((await stepsOf(db, referral.id)).filter((step) => step.step === "withdrawn")).toHaveLength(1);
  });

  it("lets the receiving team's managers withdraw an accepted referral, shown to the referrer on the status page", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const partnerApi = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partnerApi, scene.service.serviceId);
    const managerApi = await signedIn(testApp, scene.manager, true);
    expect((await managerApi.sendJson("POST", paths.api.referralDecision(referral.id), { decision: "accept" })).status).toBe(200);
    const manager = await signedIn(testApp, scene.manager);
    const show = paths.referrals.show(referral.id);
    const withdraw = paths.referrals.withdraw(referral.id);
    expect(await (await manager.get(show)).text()).toContain(`href="${withdraw}"`);
    expect((await postFrom(manager, withdraw, withdraw, { reason: "The referrer rang: the family have moved away." })).status).toBe(303);
    expect((await referralRow(db, referral.id))?.status).toBe("withdrawn");
    expect(await auditRows(db, scene.tenant.tenantId, { action: "referral.withdraw" })).toEqual([expect.objectContaining({ actor_user_id: scene.manager.id, detail: { by: "team", from: "accepted" } })]);

    const status = textOf(await (await testApp.client().get(new URL(referral.statusUrl).pathname)).text());
    expect(status).toContain("Withdrawn");
    expect(status).toContain("The referrer rang: the family have moved away.");
  });

  it("is not found for anyone else, and refused plainly once allocated", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const partnerApi = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partnerApi, scene.service.serviceId);
    const withdraw = paths.referrals.withdraw(referral.id);
    const otherPartner = await createUser(db, scene.tenant, { roles: ["partner"], partner: true });
    for (const user of [scene.otherManager, scene.worker, otherPartner]) {
      const client = await signedIn(testApp, user);
      expect((await client.get(withdraw)).status).toBe(404);
    }
    expect((await referralRow(db, referral.id))?.status).toBe("awaiting-acknowledgement");

    const allocatedId = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-02", status: "allocated" });
    const manager = await signedIn(testApp, scene.manager);
    const refused = await manager.get(paths.referrals.withdraw(allocatedId));
    expect(refused.status).toBe(409);
    expect(textOf(await refused.text())).toContain("This referral can no longer be withdrawn: it is now “allocated to a worker”");
    expect(await (await manager.get(paths.referrals.show(allocatedId))).text()).not.toContain(paths.referrals.withdraw(allocatedId));
  });
});
