import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../platform/database/ids.ts";
import { paths } from "../platform/http/paths.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { chronologyOf, postFrom, referByApi, referralRow, setEligibility, signedIn, stepsOf, triageScene } from "../../test/support/referral-triage.ts";
import { NOT_YOURS_TO_LINK } from "./triage-actions.ts";
import { LINKED_ELSEWHERE } from "./triage-service.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

/** A current break-glass grant: the user reads the person's record for the next hour. */
async function breakGlass(tenant: TestTenant, user: TestUser, person: TestPerson): Promise<void> {
  await testApp.database.db.execute(sql`INSERT INTO break_glass_grants (id, tenant_id, user_id, person_id, reason, opened_at, expires_at)
    VALUES (${newId()}, ${tenant.tenantId}, ${user.id}, ${person.id}, 'Police at the door asking about him', now(), now() + interval '1 hour')`);
}

async function linkInDatabase(referralId: string, personId: string): Promise<void> {
  await testApp.database.db.execute(sql`UPDATE referrals SET person_id = ${personId}, version = version + 1 WHERE id = ${referralId}`);
}

describe("linking a referral, never through break-glass", () => {
  it("neither offers nor links someone the manager sees only through a break-glass grant", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const glass = await createPerson(db, scene.tenant, { team: "other", givenName: "Gary", familyName: "Whitlock", dateOfBirth: "1971-11-02" });
    await breakGlass(scene.tenant, scene.manager, glass);
    const partner = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partner, scene.service.serviceId, { givenName: "Gary", familyName: "Whitlock", dateOfBirth: "1971-11-02" });
    const manager = await signedIn(testApp, scene.manager);
    const show = paths.referrals.show(referral.id);

    const page = await (await manager.get(show)).text();
    expect(page).not.toContain(glass.id);
    expect(textOf(page)).toContain("Nobody you can see has the same date of birth");

    const refused = await postFrom(manager, show, paths.referrals.link(referral.id), { personId: glass.id });
    expect(refused.status).toBe(400);
    expect(textOf(await refused.text())).toContain(NOT_YOURS_TO_LINK);
    expect((await referralRow(db, referral.id))?.person_id).toBeNull();
    expect(await chronologyOf(db, glass.id)).toEqual([]);
  });
});

describe("a referral linked to a record the manager can no longer change", () => {
  it("does not read that person's register rating for eligibility", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    await setEligibility(db, scene.tenant, scene.service.serviceId, { registerRatings: ["red"] });
    const elsewhere = await createPerson(db, scene.tenant, { team: "other", givenName: "Kieran", familyName: "Lowe", dateOfBirth: "1991-08-14" });
    await db.execute(sql`INSERT INTO register_entries (id, tenant_id, person_id, given_name, family_name, rating, reason, rated_at, next_review_on)
      VALUES (${newId()}, ${scene.tenant.tenantId}, ${elsewhere.id}, 'Kieran', 'Lowe', 'red', 'Placement breaking down', now(), '2099-01-01')`);
    const partner = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partner, scene.service.serviceId);
    await linkInDatabase(referral.id, elsewhere.id);

    const api = await signedIn(testApp, scene.manager, true);
    const { status, body } = await api.getJson<{ eligibility: unknown; person: { personId: string | null } }>(paths.api.referral(referral.id));
    expect(status).toBe(200);
    expect(JSON.stringify(body.eligibility)).not.toContain("On the register now");
    expect(JSON.stringify(body.eligibility)).not.toContain("Red");
    expect(body.person.personId).toBeNull();
  });

  it("says so clearly when allocating, and can be unlinked and allocated to a new record", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const elsewhere = await createPerson(db, scene.tenant, { team: "other", givenName: "Kieran", familyName: "Lowe", dateOfBirth: "1991-08-14" });
    const partner = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partner, scene.service.serviceId);
    const api = await signedIn(testApp, scene.manager, true);
    expect((await api.sendJson("POST", paths.api.referralDecision(referral.id), { decision: "accept" })).status).toBe(200);
    await linkInDatabase(referral.id, elsewhere.id);

    const manager = await signedIn(testApp, scene.manager);
    const show = paths.referrals.show(referral.id);
    const allocation = await manager.get(paths.referrals.allocation(referral.id));
    expect(allocation.status).toBe(409);
    const allocationText = textOf(await allocation.text());
    expect(allocationText).toContain(LINKED_ELSEWHERE);
    expect(allocationText).toContain("Unlink from this record");

    const apiRefused = await api.sendJson<{ error: { message: string } }>("POST", paths.api.referralAllocation(referral.id), { workerId: scene.worker.id });
    expect(apiRefused.status).toBe(409);
    expect(apiRefused.body.error.message).toBe(LINKED_ELSEWHERE);

    expect((await postFrom(manager, show, paths.referrals.unlink(referral.id))).status).toBe(303);
    expect((await referralRow(db, referral.id))?.person_id).toBeNull();
    expect(await stepsOf(db, referral.id)).toContainEqual({ step: "unlinked", note: null, visible_to_referrer: false });
    const audit = await auditRows(db, scene.tenant.tenantId, { action: "referral.unlink" });
    expect(audit).toEqual([expect.objectContaining({ actor_user_id: scene.manager.id, person_id: elsewhere.id })]);
    // Unlinking twice is refused plainly.
    const again = await postFrom(manager, show, paths.referrals.unlink(referral.id));
    expect(again.status).toBe(409);

    const allocated = await postFrom(manager, paths.referrals.allocation(referral.id), paths.referrals.allocation(referral.id), { workerId: scene.worker.id });
    expect(allocated.status).toBe(303);
    const row = await referralRow(db, referral.id);
    expect(row).toMatchObject({ status: "allocated", allocated_worker_id: scene.worker.id });
    expect(row?.person_id).not.toBe(elsewhere.id);
  });

  it("unlinks a wrong link to someone the manager sees, and says so on their chronology", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const known = await createPerson(db, scene.tenant, { givenName: "Kieran", familyName: "Lowe", dateOfBirth: "1991-08-14", members: [{ user: scene.worker, role: "lead" }] });
    const partner = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partner, scene.service.serviceId);
    const manager = await signedIn(testApp, scene.manager);
    const show = paths.referrals.show(referral.id);
    expect((await postFrom(manager, show, paths.referrals.link(referral.id), { personId: known.id })).status).toBe(303);
    expect((await postFrom(manager, show, paths.referrals.unlink(referral.id))).status).toBe(303);
    expect((await chronologyOf(db, known.id)).map((event) => event.kind)).toEqual(expect.arrayContaining(["referral-received", "referral-unlinked"]));
    const page = textOf(await (await manager.get(show)).text());
    expect(page).toContain("Unlinked from the record");
    expect(page).toContain("Already known to the service?");
  });
});
