import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../network/tables.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, type TestTenant } from "../../test/support/factories.ts";
import { csrfTokenIn, textOf, type HttpClient } from "../../test/support/http.ts";
import { signedIn, triageScene } from "../../test/support/referral-triage.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({ publicUrl: "https://keywork.example.org" });
});
afterAll(async () => {
  await testApp.close();
});

async function directoryService(tenant: TestTenant, organisationId: string, name: string): Promise<string> {
  const id = newId();
  await testApp.database.db.insert(services).values({ id, tenantId: tenant.tenantId, organisationId, name });
  return id;
}

async function settingsOf(serviceId: string) {
  const [row] = await queryRows<{ team_id: string; accepting_referrals: boolean; eligibility: unknown; acknowledge_within_working_days: number; decide_within_working_days: number; public_link_token: string | null; version: number }>(
    testApp.database.db,
    sql`SELECT team_id, accepting_referrals, eligibility, acknowledge_within_working_days, decide_within_working_days, public_link_token, version FROM referral_settings WHERE service_id = ${serviceId}`,
  );
  return row;
}

const VALID = {
  accepting: "yes",
  needsAtLeast: "4",
  ageMinimum: "18",
  ageMaximum: "",
  areas: "Northmoor\r\n  North Wold  \r\n\r\n",
  acknowledgeWithinWorkingDays: "3",
  decideWithinWorkingDays: "15",
};
const FIVE_NEEDS = ["housing", "mental-health", "substance-use", "offending", "physical-health"];

/** Posts the settings form as the page offers it: its CSRF token and version, the fields, each ticked box. */
async function postSettings(client: HttpClient, serviceId: string, fields: Record<string, string>, lists: Record<string, string[]> = {}, version?: string): Promise<Response> {
  const page = await (await client.get(`/settings/referrals/${serviceId}`)).text();
  const form = page.slice(page.indexOf(`action="/settings/referrals/${serviceId}"`));
  const body = new URLSearchParams({ _csrf: csrfTokenIn(page), version: version ?? /name="version" value="(\d*)"/.exec(form)?.[1] ?? "", teamId: /<option value="([0-9a-f-]{36})" selected/.exec(form)?.[1] ?? "", ...fields });
  for (const [name, values] of Object.entries(lists)) for (const value of values) body.append(name, value);
  return client.request("POST", `/settings/referrals/${serviceId}`, { body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
}

describe("referral settings", () => {
  it("lets the receiving team's manager set eligibility and timers, in plain English when something is wrong", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const manager = await signedIn(testApp, scene.manager);
    const list = textOf(await (await manager.get("/settings/referrals")).text());
    expect(list).toContain(scene.service.name);
    expect(list).toContain("Acknowledge within 2 working days, decide within 10 working days");

    const wrong = await postSettings(manager, scene.service.serviceId, { ...VALID, needsAtLeast: "6", ageMinimum: "40", ageMaximum: "30", acknowledgeWithinWorkingDays: "five", decideWithinWorkingDays: "2" }, { needDomains: FIVE_NEEDS });
    expect(wrong.status).toBe(400);
    const wrongText = textOf(await wrong.text());
    expect(wrongText).toContain("The number of needs must be no more than the number ticked (5)");
    expect(wrongText).toContain("The oldest age must be the same as or more than the youngest age");
    expect(wrongText).toContain("Enter the working days to acknowledge a referral as a whole number, like 2");
    expect((await settingsOf(scene.service.serviceId))?.version).toBe(1);
    const noNeeds = await postSettings(manager, scene.service.serviceId, { ...VALID, needsAtLeast: "2" });
    expect(textOf(await noNeeds.text())).toContain("Tick the needs that count, or leave the number of needs blank");

    const saved = await postSettings(manager, scene.service.serviceId, VALID, { needDomains: FIVE_NEEDS, registerRatings: ["red", "amber-red"] });
    expect(saved.status).toBe(303);
    expect(await settingsOf(scene.service.serviceId)).toMatchObject({
      team_id: scene.tenant.teamId,
      accepting_referrals: true,
      eligibility: { needs: { domains: FIVE_NEEDS, atLeast: 4 }, registerRatings: ["red", "amber-red"], age: { minimum: 18 }, areas: ["Northmoor", "North Wold"] },
      acknowledge_within_working_days: 3,
      decide_within_working_days: 15,
      version: 2,
    });
    const shown = textOf(await (await manager.get("/settings/referrals")).text());
    expect(shown).toContain("At least 4 of: housing or homelessness, mental health, drugs or alcohol, offending or the criminal justice system and physical health");
    expect(shown).toContain("Aged 18 or over");
    expect(shown).toContain("Lives in Northmoor or North Wold");

    // A form opened before that save: nothing is overwritten, both versions are shown.
    const stale = await postSettings(manager, scene.service.serviceId, { ...VALID, accepting: "no" }, { needDomains: FIVE_NEEDS }, "1");
    expect(stale.status).toBe(409);
    const staleText = textOf(await stale.text());
    expect(staleText).toContain("Someone else changed these settings while you were editing");
    expect(staleText).toContain("Acknowledge within 3 working days, decide within 15 working days");
    expect((await settingsOf(scene.service.serviceId))?.accepting_referrals).toBe(true);
    expect((await auditRows(db, scene.tenant.tenantId, { action: "referral-settings.update" })).length).toBe(1);
  });

  it("makes, replaces and turns off the public link, showing the whole link", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const manager = await signedIn(testApp, scene.manager);
    const page = `/settings/referrals/${scene.service.serviceId}`;
    const post = async (change: string) => {
      const csrf = csrfTokenIn(await (await manager.get(page)).text());
      return manager.request("POST", `${page}/public-link`, { form: { _csrf: csrf, change } });
    };
    const before = (await settingsOf(scene.service.serviceId))?.public_link_token;
    expect((await post("create")).status).toBe(303);
    const token = (await settingsOf(scene.service.serviceId))?.public_link_token ?? "";
    expect(token).not.toBe(before);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const shown = await (await manager.get(page)).text();
    expect(shown).toContain(`https://keywork.example.org/refer/${token}`);
    expect(textOf(shown)).toContain("A new public link is ready: the old one no longer works");
    expect((await manager.get(`/refer/${before}`)).status).toBe(404);
    expect((await post("off")).status).toBe(303);
    expect((await settingsOf(scene.service.serviceId))?.public_link_token).toBeNull();
    expect(textOf(await (await manager.get(page)).text())).toContain("The service has no public link.");
    expect((await post("sideways")).status).toBe(400);
    expect((await auditRows(db, scene.tenant.tenantId)).filter((row) => row.action.startsWith("referral-settings.public-link")).map((row) => row.action)).toEqual([
      "referral-settings.public-link-replace",
      "referral-settings.public-link-off",
    ]);
  });

  it("lets managers set up their own organisation's services, administrators any service for any team, and nobody else", async () => {
    const { db } = testApp.database;
    const scene = await triageScene(db);
    const own = await directoryService(scene.tenant, scene.tenant.serviceOrganisationId, "Outreach");
    const partners = await directoryService(scene.tenant, scene.tenant.partnerOrganisationId, "Tenancy sustainment");
    const manager = await signedIn(testApp, scene.manager);
    const list = textOf(await (await manager.get("/settings/referrals")).text());
    expect(list).toContain("Set up referrals for Outreach");
    expect(list).not.toContain("Set up referrals for Tenancy sustainment");
    expect((await manager.get(`/settings/referrals/${partners}`)).status).toBe(403);
    // Before the settings exist there is no public link to make.
    const early = await manager.request("POST", `/settings/referrals/${own}/public-link`, { form: { _csrf: csrfTokenIn(await (await manager.get(`/settings/referrals/${own}`)).text()), change: "create" } });
    expect(early.status).toBe(400);
    expect(textOf(await early.text())).toContain("Save the service's referral settings before making a public link");
    const setUp = await postSettings(manager, own, VALID, { needDomains: FIVE_NEEDS });
    expect(setUp.status).toBe(303);
    expect((await settingsOf(own))?.team_id).toBe(scene.tenant.teamId);

    const other = await signedIn(testApp, scene.otherManager);
    expect((await other.get(`/settings/referrals/${own}`)).status).toBe(403);
    expect((await (await signedIn(testApp, scene.worker)).get("/settings/referrals")).status).toBe(403);
    expect((await (await signedIn(testApp, scene.partner)).get("/settings/referrals")).status).toBe(403);
    expect((await manager.get("/settings/referrals/0190a000-0000-7000-8000-000000000000")).status).toBe(404);

    const admin = await signedIn(testApp, scene.admin);
    const adminPage = await (await admin.get(`/settings/referrals/${partners}`)).text();
    expect(adminPage).toContain("Select a team");
    const missingTeam = await postSettings(admin, partners, VALID);
    expect(missingTeam.status).toBe(400);
    expect(textOf(await missingTeam.text())).toContain("Select the team that receives the referrals");
    const byAdmin = await postSettings(admin, partners, { ...VALID, teamId: scene.tenant.otherTeamId }, { needDomains: FIVE_NEEDS });
    expect(byAdmin.status).toBe(303);
    expect((await settingsOf(partners))?.team_id).toBe(scene.tenant.otherTeamId);
    // The other team's manager now keeps those settings; this manager does not.
    expect((await other.get(`/settings/referrals/${partners}`)).status).toBe(200);
    expect((await manager.get(`/settings/referrals/${partners}`)).status).toBe(403);
  });
});
