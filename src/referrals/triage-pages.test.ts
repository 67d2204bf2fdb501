import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../platform/clock.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf } from "../../test/support/http.ts";
import { createReferralService } from "../../test/support/referral-intake.ts";
import { insertReferral, postFrom, referralRow, signedIn, stepsOf, triageScene } from "../../test/support/referral-triage.ts";

// Wednesday 11 March 2026: a referral received on Friday 6 March was due to be acknowledged on Tuesday 10th.
const TODAY = "2026-03-11";
let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock(TODAY) });
});
afterAll(async () => {
  await testApp.close();
});

describe("the managers' list of referrals", () => {
  it("counts each tab, puts overdue referrals first and says by how many working days", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const onTime = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-10", givenName: "Onthe", familyName: "Dot" });
    const late = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-06", givenName: "Lately", familyName: "Seen" });
    await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-02-20", status: "screening", givenName: "Slow", familyName: "Decision" });
    await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-02", status: "accepted" });
    await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-02", status: "declined" });
    const manager = await signedIn(testApp, scene.manager);
    const page = await manager.get("/referrals");
    expect(page.status).toBe(200);
    const html = await page.text();
    const text = textOf(html);
    expect(text).toContain("Awaiting acknowledgement (2)");
    expect(text).toContain("Acknowledged or screening (1)");
    expect(text).toContain("Accepted, waiting for a worker (1)");
    expect(text).toContain("Declined or allocated (1)");
    expect(text).toContain("2 referrals are overdue");
    expect(text).toContain("Acknowledgement overdue by 1 working day");
    expect(html.indexOf(`/referrals/${late}`)).toBeLessThan(html.indexOf(`/referrals/${onTime}`));
    const screening = textOf(await (await manager.get("/referrals?status=screening")).text());
    // Received Friday 20 February, ten working days: due Friday 6 March; three working days since.
    expect(screening).toContain("Decision overdue by 3 working days");
    // The team page shows the count too.
    expect(textOf(await (await manager.get("/team")).text())).toContain("2 referrals overdue");
    expect((await auditRows(db, scene.tenant.tenantId, { action: "referral.list" })).length).toBeGreaterThan(0);
  });

  it("says so when a tab is empty, and pages through long lists", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const manager = await signedIn(testApp, scene.manager);
    expect(textOf(await (await manager.get("/referrals")).text())).toContain("No referrals are waiting to be acknowledged.");
    expect(textOf(await (await manager.get("/referrals/waiting-list")).text())).toContain("Nobody is waiting for a worker.");
    for (let index = 0; index < 26; index++) await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-11" });
    const first = await (await manager.get("/referrals")).text();
    expect(textOf(first)).toContain("Showing 26 referrals");
    expect(first).toContain('href="/referrals?status=awaiting-acknowledgement&amp;page=2"');
    expect((first.match(/class="govuk-table__row"/g) ?? []).length).toBe(26);
    const second = await (await manager.get("/referrals?status=awaiting-acknowledgement&page=2")).text();
    expect((second.match(/class="govuk-table__row"/g) ?? []).length).toBe(2);
  });

  it("keeps to the manager's own team: other teams' referrals are neither listed nor found", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const referralId = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-10", givenName: "Private", familyName: "Matter" });
    const other = await signedIn(testApp, scene.otherManager);
    expect(textOf(await (await other.get("/referrals")).text())).not.toContain("Private Matter");
    expect((await other.get(`/referrals/${referralId}`)).status).toBe(404);
    expect((await other.get(`/referrals/${referralId}/decision`)).status).toBe(404);
    expect((await postFrom(other, "/referrals", `/referrals/${referralId}/acknowledge`)).status).toBe(404);
    const worker = await signedIn(testApp, scene.worker);
    expect((await worker.get("/referrals")).status).toBe(403);
    expect((await worker.get("/referrals/waiting-list")).status).toBe(403);
    expect((await worker.get(`/referrals/${referralId}/allocation`)).status).toBe(403);
    expect((await referralRow(db, referralId))?.status).toBe("awaiting-acknowledgement");
  });
});

describe("taking a referral through its steps", () => {
  it("acknowledges, screens with the criteria shown, refuses a decline without a reason, then declines with suggestions", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db, { eligibility: { needs: { domains: ["housing", "mental-health", "substance-use", "offending", "physical-health"], atLeast: 4 }, areas: ["Northmoor"] } });
    const elsewhere = await createReferralService(db, scene.tenant, { name: "Tenancy sustainment" });
    const referralId = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-10", needs: ["housing", "money"] });
    const manager = await signedIn(testApp, scene.manager);
    const show = `/referrals/${referralId}`;

    const opened = await (await manager.get(show)).text();
    const stale = { _csrf: csrfTokenIn(opened), version: /name="version" value="(\d+)"/.exec(opened)?.[1] ?? "" };
    const acknowledged = await postFrom(manager, show, `${show}/acknowledge`);
    expect(acknowledged.status).toBe(303);
    expect(textOf(await (await manager.get(show)).text())).toContain("Referral acknowledged");
    // The same button again, from the page as it was, is a conflict, not a second step.
    const again = await manager.request("POST", `${show}/acknowledge`, { form: stale });
    expect(again.status).toBe(409);
    expect(textOf(await again.text())).toContain("Someone else changed this referral after you opened it");

    expect((await postFrom(manager, show, `${show}/screening`)).status).toBe(303);
    const screening = textOf(await (await manager.get(show)).text());
    expect(screening).toContain("✗ Not met");
    expect(screening).toContain("The referral names 1: housing or homelessness");
    expect(screening).toContain("? Not known");
    expect(screening).toContain("✗ Does not meet every rule.");

    const decision = `${show}/decision`;
    const refused = await postFrom(manager, decision, decision, { decision: "decline", reason: "  " });
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(textOf(refusedPage)).toContain("Enter why the referral is declined: the referrer will see the reason");
    expect(refusedPage).toContain('value="decline" checked');
    expect((await referralRow(db, referralId))?.status).toBe("screening");

    const notInDirectory = await postFrom(manager, decision, decision, { decision: "decline", reason: "Two needs" }, { suggestedServiceIds: [scene.service.serviceId] });
    expect(notInDirectory.status).toBe(400);
    expect(textOf(await notInDirectory.text())).toContain("Choose other services from the list");

    const declined = await postFrom(manager, decision, decision, { decision: "decline", reason: "Two needs: tenancy sustainment can help now." }, { suggestedServiceIds: [elsewhere.serviceId] });
    expect(declined.status).toBe(303);
    const row = await referralRow(db, referralId);
    expect(row).toMatchObject({ status: "declined", decision_reason: "Two needs: tenancy sustainment can help now.", suggested_service_ids: [elsewhere.serviceId] });
    // The clock is stopped, so the steps share one time: compare them as a set.
    expect((await stepsOf(db, referralId)).map((step) => step.step).sort()).toEqual(["acknowledged", "declined", "received", "screening"]);
    const after = textOf(await (await manager.get(show)).text());
    expect(after).toContain("Other services suggested Tenancy sustainment");
    expect((await manager.get(decision)).status).toBe(409);
  });

  it("sets the priority, and keeps the waiting list in priority order, then oldest first, with days waiting", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const oldNormal = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-02-02", status: "accepted", givenName: "Old", familyName: "Normal" });
    const newUrgent = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-09", status: "accepted", givenName: "New", familyName: "Urgent" });
    const midHigh = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-02-20", status: "accepted", givenName: "Mid", familyName: "High" });
    const manager = await signedIn(testApp, scene.manager);
    expect((await postFrom(manager, `/referrals/${newUrgent}`, `/referrals/${newUrgent}/priority`, { priority: "urgent" })).status).toBe(303);
    expect((await postFrom(manager, `/referrals/${midHigh}`, `/referrals/${midHigh}/priority`, { priority: "high" })).status).toBe(303);
    const bad = await postFrom(manager, `/referrals/${oldNormal}`, `/referrals/${oldNormal}/priority`, { priority: "whenever" });
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain("Select urgent, high or normal");
    expect(await stepsOf(db, newUrgent)).toContainEqual({ step: "priority-changed", note: "Urgent", visible_to_referrer: false });
    const list = await (await manager.get("/referrals/waiting-list")).text();
    const order = [newUrgent, midHigh, oldNormal].map((id) => list.indexOf(`/referrals/${id}"`));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(textOf(list)).toMatch(/Old Normal .* 37 Allocate/);
  });
});
