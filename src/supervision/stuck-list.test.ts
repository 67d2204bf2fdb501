import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createUser, TEST_PASSWORD, type TestUser } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
import { addContact, addGoal, onDay, stuckPerson, stuckScene, type StuckScene } from "../../test/support/supervision.ts";
import { fixedClock } from "../platform/clock.ts";

const TODAY = "2027-03-01";
const ago = (days: number) => onDay(TODAY, -days);
const dateAgo = (days: number) => ago(days).toISOString().slice(0, 10);

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp({}, { clock: fixedClock(TODAY) });
});
afterAll(async () => {
  await testApp.close();
});

async function browserAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  expect((await client.signInBrowser(user.email, TEST_PASSWORD)).status).toBe(303);
  return client;
}

async function apiAs(user: TestUser): Promise<HttpClient> {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

/** One person in the main team not seen for 45 days with no goals, one in the other team, one settled. */
async function teamWithStuckCases(scene: StuckScene) {
  const { db } = testApp.database;
  const stuck = await stuckPerson(db, scene, { openedOn: dateAgo(300), familyName: "Whitfield" });
  await addContact(db, scene, stuck, ago(45));
  const settled = await stuckPerson(db, scene, { openedOn: dateAgo(300), familyName: "Holloway" });
  await addContact(db, scene, settled, ago(2));
  await addGoal(db, scene, settled, { createdAt: ago(3) });
  const elsewhere = await stuckPerson(db, scene, { openedOn: dateAgo(300), familyName: "Marsden", team: "other", members: [{ user: scene.otherWorker, role: "lead" }] });
  return { stuck, settled, elsewhere };
}

describe("the stuck list", () => {
  it("shows a manager their team's stuck cases with reasons, key worker, last review and the review link; audited", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { stuck, settled, elsewhere } = await teamWithStuckCases(scene);
    const client = await browserAs(scene.manager);
    const response = await client.get("/stuck-cases");
    expect(response.status).toBe(200);
    const page = await response.text();
    const text = textOf(page);
    expect(text).toContain("1 stuck case, most reasons first");
    expect(text).toMatch(/Alex Whitfield .*Why stuck No contact for 45 days — aim is every 14 days No goals yet Key worker Sam Okafor Last reflective case review None yet/);
    expect(page).toContain(`href="/people/${stuck.id}/case-reviews/new"`);
    expect(text).toContain("Record a reflective case review for Alex Whitfield");
    expect(page).not.toContain(settled.id);
    expect(page).not.toContain(elsewhere.id);
    expect(page).toContain('href="/settings/stuck-cases"');
    const audits = await auditRows(testApp.database.db, scene.tenant.tenantId, { action: "stuck-cases.read" });
    expect(audits).toEqual([expect.objectContaining({ actor_user_id: scene.manager.id, person_id: null, detail: { today: TODAY, returned: [stuck.id] } })]);
  });

  it("is the psychologist's too (without the link to change the rules), and each team sees its own", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { stuck, elsewhere } = await teamWithStuckCases(scene);
    const psychologist = await browserAs(scene.psychologist);
    const page = await (await psychologist.get("/stuck-cases")).text();
    expect(page).toContain(stuck.id);
    expect(page).not.toContain('href="/settings/stuck-cases"');
    const other = await apiAs(scene.otherManager);
    const { body } = await other.getJson<{ items: Array<{ personId: string }> }>("/api/v1/stuck-cases");
    expect(body.items.map((item) => item.personId)).toEqual([elsewhere.id]);
  });

  it("holds only the manager's own team, even for cases elsewhere they key-work", async () => {
    const scene = await stuckScene(testApp.database.db);
    const managerWhoKeyWorks = await createUser(testApp.database.db, scene.tenant, { roles: ["manager", "key-worker"], name: "Ruth Ingram" });
    const { stuck } = await teamWithStuckCases(scene);
    const theirs = await stuckPerson(testApp.database.db, scene, { openedOn: dateAgo(300), familyName: "Carver", team: "other", members: [{ user: managerWhoKeyWorks, role: "lead" }] });
    const { body } = await (await apiAs(managerWhoKeyWorks)).getJson<{ items: Array<{ personId: string }> }>("/api/v1/stuck-cases");
    expect(body.items.map((item) => item.personId)).toEqual([stuck.id]);
    expect(body.items.map((item) => item.personId)).not.toContain(theirs.id);
  });

  it("is refused to workers, partners, peer mentors and administrators", async () => {
    const scene = await stuckScene(testApp.database.db);
    await teamWithStuckCases(scene);
    for (const user of [scene.worker, scene.partner, scene.peerMentor, scene.admin]) {
      expect((await (await browserAs(user)).get("/stuck-cases")).status, user.displayName).toBe(403);
      expect((await (await apiAs(user)).getJson("/api/v1/stuck-cases")).status, user.displayName).toBe(403);
    }
  });

  it("answers the API with each case's reasons and the rules in force", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { stuck } = await teamWithStuckCases(scene);
    const { status, body } = await (await apiAs(scene.manager)).getJson("/api/v1/stuck-cases");
    expect(status).toBe(200);
    expect(body).toEqual({
      items: [
        {
          personId: stuck.id,
          name: "Alex Whitfield",
          keyWorker: { id: scene.worker.id, name: "Sam Okafor" },
          reasons: [
            { rule: "no-contact", text: "No contact for 45 days — aim is every 14 days" },
            { rule: "no-goals", text: "No goals yet" },
          ],
          lastCaseReviewOn: null,
        },
      ],
      rules: {
        noGoals: { enabled: true },
        noProgress: { enabled: true, weeks: 12 },
        noContact: { enabled: true, multipleOfTarget: 2, targetDays: { high: 7, medium: 14, low: 28 } },
        crises: { enabled: true, count: 3, weeks: 8 },
        overdueActions: { enabled: true, days: 28 },
        version: 0,
      },
    });
  });

  it("says so when nobody is stuck, and when every rule is off", async () => {
    const scene = await stuckScene(testApp.database.db);
    const client = await browserAs(scene.manager);
    expect(textOf(await (await client.get("/stuck-cases")).text())).toContain("No stuck cases — none of the open cases you oversee meets a stuck-case rule today");
    await testApp.database.db.execute(sql`INSERT INTO stuck_case_rules (tenant_id, no_goals_enabled, no_progress_enabled, no_contact_enabled, crises_enabled, overdue_actions_enabled)
      VALUES (${scene.tenant.tenantId}, FALSE, FALSE, FALSE, FALSE, FALSE)`);
    expect(textOf(await (await client.get("/stuck-cases")).text())).toContain("Every stuck-case rule is turned off");
  });
});

describe("changing the rules", () => {
  const RULE_FIELDS = {
    noGoalsEnabled: "on",
    noProgressEnabled: "on",
    noProgressWeeks: "12",
    noContactEnabled: "on",
    noContactMultiple: "2",
    crisesEnabled: "on",
    crisesCount: "3",
    crisesWeeks: "8",
    overdueActionsEnabled: "on",
    overdueActionDays: "28",
  };

  it("shows the defaults, saves a manager's changes with a confirmation, and audits what changed", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { stuck } = await teamWithStuckCases(scene);
    const client = await browserAs(scene.manager);
    const form = await (await client.get("/settings/stuck-cases")).text();
    expect(form).toMatch(/name="noProgressWeeks"[^>]*value="12"/);
    expect(form).toContain('name="version" value="0"');
    expect(form).toMatch(/name="noGoalsEnabled" type="checkbox" value="on" checked/);
    const { noGoalsEnabled, ...withoutNoGoals } = RULE_FIELDS;
    void noGoalsEnabled;
    const saved = await client.submitForm("/settings/stuck-cases", "/settings/stuck-cases", { ...withoutNoGoals, noContactMultiple: "4", version: "0" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/stuck-cases");
    const list = textOf(await (await client.get("/stuck-cases")).text());
    expect(list).toContain("Stuck-case rules saved");
    expect(list).toContain("No stuck cases");
    expect(list).not.toContain(stuck.id);
    const { body } = await (await apiAs(scene.psychologist)).getJson<{ rules: { noGoals: { enabled: boolean }; noContact: { multipleOfTarget: number }; version: number } }>("/api/v1/stuck-cases");
    expect(body.rules.noGoals.enabled).toBe(false);
    expect(body.rules.noContact.multipleOfTarget).toBe(4);
    expect(body.rules.version).toBe(1);
    const audits = await auditRows(testApp.database.db, scene.tenant.tenantId, { action: "stuck-case-rules.update" });
    expect(audits).toEqual([
      expect.objectContaining({
        actor_user_id: scene.manager.id,
        person_id: null,
        detail: { changed: { noGoalsEnabled: { from: true, to: false }, noContactMultiple: { from: 2, to: 4 } }, version: 1 },
      }),
    ]);
    const again = await (await client.get("/settings/stuck-cases")).text();
    expect(again).toContain('name="version" value="1"');
    expect(textOf(again)).toContain("Last changed by Helen Marsh");
  });

  it("explains thresholds out of range and keeps what was typed", async () => {
    const scene = await stuckScene(testApp.database.db);
    const client = await browserAs(scene.manager);
    const response = await client.submitForm("/settings/stuck-cases", "/settings/stuck-cases", {
      ...RULE_FIELDS,
      noProgressWeeks: "0",
      noContactMultiple: "lots",
      crisesCount: "",
      crisesWeeks: "53",
      overdueActionDays: "-1",
      version: "0",
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    const text = textOf(page);
    for (const message of [
      "The number of weeks without progress must be a whole number from 1 to 104",
      "How many times the contact target must be a whole number from 1 to 10",
      "The number of crises must be a whole number from 1 to 20",
      "The number of weeks for crises must be a whole number from 1 to 52",
      "The number of days overdue must be a whole number from 0 to 365",
    ]) {
      expect(text).toContain(message);
    }
    expect(page).toContain('href="#noContactMultiple"');
    expect(page).toContain('value="lots"');
    const { body } = await (await apiAs(scene.manager)).getJson<{ rules: { version: number } }>("/api/v1/stuck-cases");
    expect(body.rules.version).toBe(0);
  });

  it("does not overwrite someone else's change: 409 with the rules as they are now", async () => {
    const scene = await stuckScene(testApp.database.db);
    const first = await browserAs(scene.manager);
    const secondManager = await createUser(testApp.database.db, scene.tenant, { roles: ["manager"], name: "Ruth Second" });
    const second = await browserAs(secondManager);
    expect((await first.submitForm("/settings/stuck-cases", "/settings/stuck-cases", { ...RULE_FIELDS, crisesCount: "4", version: "0" })).status).toBe(303);
    const stale = await second.submitForm("/settings/stuck-cases", "/settings/stuck-cases", { ...RULE_FIELDS, crisesCount: "5", version: "0" });
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(textOf(page)).toContain("Someone else changed the rules while you were editing");
    expect(textOf(page)).toContain("4 crises or more in 8 weeks");
    expect(page).toContain('name="version" value="1"');
    expect(page).toMatch(/name="crisesCount"[^>]*value="5"/);
    const retried = await second.submitForm("/settings/stuck-cases", "/settings/stuck-cases", { ...RULE_FIELDS, crisesCount: "5", version: "1" });
    expect(retried.status).toBe(303);
    const staleUpdate = await first.submitForm("/settings/stuck-cases", "/settings/stuck-cases", { ...RULE_FIELDS, version: "1" });
    expect(staleUpdate.status).toBe(409);
  });

  it("is for managers only", async () => {
    const scene = await stuckScene(testApp.database.db);
    for (const user of [scene.psychologist, scene.worker, scene.admin]) {
      const client = await browserAs(user);
      expect((await client.get("/settings/stuck-cases")).status, user.displayName).toBe(403);
      const token = /name="_csrf" value="([^"]+)"/.exec(await (await client.get("/api/docs")).text())?.[1] ?? "";
      expect((await client.request("POST", "/settings/stuck-cases", { form: { _csrf: token, ...RULE_FIELDS, version: "0" } })).status, user.displayName).toBe(403);
    }
  });
});
