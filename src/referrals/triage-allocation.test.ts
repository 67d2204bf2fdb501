import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../platform/database/query.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { chronologyOf, insertReferral, postFrom, referByApi, referralRow, signedIn, stepsOf, triageScene } from "../../test/support/referral-triage.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function careTeam(personId: string): Promise<Array<{ user_id: string; role: string }>> {
  return queryRows(testApp.database.db, sql`SELECT user_id, role FROM care_team_members WHERE person_id = ${personId} AND ended_on IS NULL ORDER BY role, user_id`);
}

describe("tell it once: matching a referral to someone already known", () => {
  it("offers people with the same date of birth and a name in common, only from those the manager may see, and links once", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const known = await createPerson(db, scene.tenant, {
      givenName: "Gary",
      familyName: "Whitlock",
      aliases: ["Gaz"],
      dateOfBirth: "1971-11-02",
      members: [
        { user: scene.worker, role: "lead" },
        { user: scene.partner, role: "partner" },
      ],
    });
    const otherTeam = await createPerson(db, scene.tenant, { team: "other", givenName: "Gary", familyName: "Whitlock", dateOfBirth: "1971-11-02" });
    const otherBirthday = await createPerson(db, scene.tenant, { givenName: "Gary", familyName: "Whitlock", dateOfBirth: "1971-11-03" });
    const partner = await signedIn(testApp, scene.partner, true);
    const reason = "Chest infections and not collecting his prescriptions; says he has lost his flat.";
    const referral = await referByApi(partner, scene.service.serviceId, { givenName: "gaz", familyName: "Whitlock", dateOfBirth: "1971-11-02", reason });
    const manager = await signedIn(testApp, scene.manager);
    const show = `/referrals/${referral.id}`;
    const page = await (await manager.get(show)).text();
    expect(page).toContain(`href="/people/${known.id}"`);
    expect(page).not.toContain(otherTeam.id);
    expect(page).not.toContain(otherBirthday.id);
    expect(textOf(page)).toContain("Same date of birth, 2 November 1971");
    expect(textOf(page)).toContain("The referral's given name “gaz” is their alias");

    // Nobody outside the manager's sight can be linked, even by posting their id.
    const hidden = await postFrom(manager, show, `${show}/link`, { personId: otherTeam.id });
    expect(hidden.status).toBe(400);
    expect(textOf(await hidden.text())).toContain("Select one of the people listed");

    expect((await postFrom(manager, show, `${show}/link`, { personId: known.id })).status).toBe(303);
    expect((await referralRow(db, referral.id))?.person_id).toBe(known.id);
    expect(await stepsOf(db, referral.id)).toContainEqual({ step: "linked", note: null, visible_to_referrer: false });
    const events = (await chronologyOf(db, known.id)).filter((event) => event.kind === "referral-received");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ section: "story", detail: expect.objectContaining({ reason, reference: referral.reference }) });
    expect(events[0]?.summary).toContain("from Test housing association");
    expect(events[0]?.summary).not.toContain("prescriptions");
    expect(textOf(await (await manager.get(show)).text())).toContain("Linked to Gary Whitlock");

    // A second link is refused, and the chronology still has the referral once.
    const again = await postFrom(manager, `/referrals/${referral.id}`, `${show}/link`, { personId: known.id });
    expect(again.status).toBe(409);
    const audit = await auditRows(db, scene.tenant.tenantId, { action: "referral.link" });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.person_id).toBe(known.id);

    // Accepting and allocating to a worker does not add it again; the worker joins the team around him.
    const api = await signedIn(testApp, scene.manager, true);
    expect((await api.sendJson("POST", `/api/v1/referrals/${referral.id}/decision`, { decision: "accept" })).status).toBe(200);
    const allocated = await api.sendJson<{ status: string; allocatedWorker: string; person: { personId: string } }>("POST", `/api/v1/referrals/${referral.id}/allocation`, { workerId: scene.housingWorker.id });
    expect(allocated.status).toBe(200);
    expect(allocated.body).toMatchObject({ status: "allocated", allocatedWorker: "Priya Nair", person: { personId: known.id } });
    expect((await chronologyOf(db, known.id)).filter((event) => event.kind === "referral-received")).toHaveLength(1);
    expect(await careTeam(known.id)).toEqual(expect.arrayContaining([{ user_id: scene.worker.id, role: "lead" }, { user_id: scene.housingWorker.id, role: "co-worker" }]));

    // The person's workers read what the referrer wrote on the chronology.
    const lead = await signedIn(testApp, scene.worker);
    const chronology = textOf(await (await lead.get(`/people/${known.id}/chronology`)).text());
    expect(chronology).toContain("Referral to");
    expect(chronology).toContain(reason);
    // A partner in his team whom he has not shared his story with sees neither the event nor the reason.
    const partnerPages = await signedIn(testApp, scene.partner);
    const theirs = await partnerPages.get(`/people/${known.id}/chronology`);
    expect(theirs.status).toBe(200);
    expect(textOf(await theirs.text())).not.toContain(reason);
  });

  it("finds nobody without a date of birth, and says so", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const referralId = await insertReferral(db, scene.tenant, scene.service.serviceId, { receivedOn: "2026-03-10", dateOfBirth: null });
    const manager = await signedIn(testApp, scene.manager);
    expect(textOf(await (await manager.get(`/referrals/${referralId}`)).text())).toContain("The referral gives no date of birth");
  });
});

describe("allocating a worker", () => {
  it("suggests workers with why, makes a record for someone new with the worker as lead, and tells the referrer the worker's name", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    await createPerson(db, scene.tenant, { members: [{ user: scene.worker, role: "lead" }] });
    const partner = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partner, scene.service.serviceId, { givenName: "Kieran", familyName: "Lowe", dateOfBirth: "1991-08-14", needs: ["housing", "substance-use", "mental-health"] });
    const manager = await signedIn(testApp, scene.manager);
    const allocation = `/referrals/${referral.id}/allocation`;
    expect((await manager.get(allocation)).status).toBe(409);
    expect((await postFrom(manager, `/referrals/${referral.id}/decision`, `/referrals/${referral.id}/decision`, { decision: "accept" })).status).toBe(303);
    const page = await manager.get(allocation);
    expect(page.status).toBe(200);
    const text = textOf(await page.text());
    expect(text).toContain("Priya Nair (suggested)");
    expect(text).toContain("0 of 20 weighted caseload; specialises in housing or homelessness and drugs or alcohol");
    expect(text).toContain("1 of 20 weighted caseload");
    expect(text).toContain("0 of 8 weighted caseload");
    expect(text.indexOf("Priya Nair")).toBeLessThan(text.indexOf("Sam Okafor"));

    const missing = await postFrom(manager, allocation, allocation, {});
    expect(missing.status).toBe(400);
    expect(textOf(await missing.text())).toContain("Select who will be their key worker");
    const outsider = await postFrom(manager, allocation, allocation, { workerId: scene.otherWorker.id });
    expect(outsider.status).toBe(400);
    expect(textOf(await outsider.text())).toContain("Select a key worker from your team");

    const done = await postFrom(manager, allocation, allocation, { workerId: scene.housingWorker.id });
    expect(done.status).toBe(303);
    const row = await referralRow(db, referral.id);
    expect(row).toMatchObject({ status: "allocated", allocated_worker_id: scene.housingWorker.id });
    const personId = row?.person_id ?? "";
    const [person] = await queryRows<{ given_name: string; family_name: string; date_of_birth: string; team_id: string }>(db, sql`SELECT given_name, family_name, date_of_birth::text, team_id FROM people WHERE id = ${personId}`);
    expect(person).toEqual({ given_name: "Kieran", family_name: "Lowe", date_of_birth: "1991-08-14", team_id: scene.tenant.teamId });
    expect(await careTeam(personId)).toEqual([{ user_id: scene.housingWorker.id, role: "lead" }]);
    expect((await chronologyOf(db, personId)).map((event) => event.kind)).toEqual(expect.arrayContaining(["person-added", "referral-received"]));
    expect(await stepsOf(db, referral.id)).toContainEqual({ step: "allocated", note: "Priya Nair", visible_to_referrer: true });
    expect((await auditRows(db, scene.tenant.tenantId, { action: "referral.allocate" }))[0]?.person_id).toBe(personId);

    // The referrer sees the step and the worker's name.
    const seen = await partner.getJson<{ status: string; allocatedWorker: { name: string } | null; steps: Array<{ step: string }> }>(`/api/v1/referrals/${referral.id}`);
    expect(seen.body).toMatchObject({ status: "allocated", allocatedWorker: { name: "Priya Nair" } });
    expect(seen.body.steps.map((step) => step.step)).not.toContain("linked");
    // And it cannot be allocated twice.
    expect((await manager.get(allocation)).status).toBe(409);
  });

  it("makes the worker lead of a linked person who has no lead worker", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const known = await createPerson(db, scene.tenant, { givenName: "Marie", familyName: "O'Neill", dateOfBirth: "1986-02-27" });
    const partner = await signedIn(testApp, scene.partner, true);
    const referral = await referByApi(partner, scene.service.serviceId, { givenName: "Marie", familyName: "O'Neill", dateOfBirth: "1986-02-27" });
    const api = await signedIn(testApp, scene.manager, true);
    const manager = await signedIn(testApp, scene.manager);
    expect((await postFrom(manager, `/referrals/${referral.id}`, `/referrals/${referral.id}/link`, { personId: known.id })).status).toBe(303);
    expect((await api.sendJson("POST", `/api/v1/referrals/${referral.id}/decision`, { decision: "accept", reason: "Meets the criteria" })).status).toBe(200);
    expect((await api.sendJson("POST", `/api/v1/referrals/${referral.id}/allocation`, { workerId: scene.partTimeWorker.id })).status).toBe(200);
    expect(await careTeam(known.id)).toEqual([{ user_id: scene.partTimeWorker.id, role: "lead" }]);
    expect((await chronologyOf(db, known.id)).filter((event) => event.kind === "referral-received")).toHaveLength(1);
  });
});
