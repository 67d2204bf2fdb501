import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { TEST_PASSWORD, type TestPerson, type TestUser } from "../../test/support/factories.ts";
import { addAction, addContact, addCrisisEvent, addGoal, addProgress, onDay, stuckPerson, stuckScene, type StuckScene } from "../../test/support/supervision.ts";
import { fixedClock } from "../platform/clock.ts";
import { DEFAULT_STUCK_RULES, type StuckRuleSettings } from "./schema.ts";
import { stuckCaseRules } from "./tables.ts";

/** Every rule on both sides of its threshold, on a fixed day: Monday 1 March 2027. */
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

interface StuckItem {
  personId: string;
  name: string;
  keyWorker: { id: string; name: string } | null;
  reasons: Array<{ rule: string; text: string }>;
  lastCaseReviewOn: string | null;
}

async function stuckListAs(user: TestUser): Promise<StuckItem[]> {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  const { status, body } = await client.getJson<{ items: StuckItem[] }>("/api/v1/stuck-cases");
  expect(status).toBe(200);
  return body.items;
}

/** The reasons the manager's stuck list gives for a person; [] when they are not on it. */
async function reasonsOf(scene: StuckScene, person: TestPerson): Promise<string[]> {
  const item = (await stuckListAs(scene.manager)).find((candidate) => candidate.personId === person.id);
  return item ? item.reasons.map((reason) => reason.text) : [];
}

/** A person no rule finds stuck: a goal added last week and a contact yesterday. */
async function settledPerson(scene: StuckScene, options: { intensity?: "high" | "medium" | "low"; withContact?: boolean; withGoal?: boolean } = {}): Promise<TestPerson> {
  const person = await stuckPerson(testApp.database.db, scene, { openedOn: dateAgo(400), ...(options.intensity ? { intensity: options.intensity } : {}) });
  if (options.withGoal !== false) await addGoal(testApp.database.db, scene, person, { createdAt: ago(7) });
  if (options.withContact !== false) await addContact(testApp.database.db, scene, person, ago(1));
  return person;
}

async function setRules(scene: StuckScene, changes: Partial<StuckRuleSettings>): Promise<void> {
  await testApp.database.db.insert(stuckCaseRules).values({ tenantId: scene.tenant.tenantId, ...DEFAULT_STUCK_RULES, ...changes });
}

describe("no goals", () => {
  it("finds an open case with no goal being worked on, and not one with an active goal", async () => {
    const scene = await stuckScene(testApp.database.db);
    const none = await settledPerson(scene, { withGoal: false });
    const achievedOnly = await settledPerson(scene, { withGoal: false });
    await addGoal(testApp.database.db, scene, achievedOnly, { createdAt: ago(30), status: "achieved", endedAt: ago(3) });
    const working = await settledPerson(scene);
    expect(await reasonsOf(scene, none)).toEqual(["No goals yet"]);
    expect(await reasonsOf(scene, achievedOnly)).toEqual(["No goals yet"]);
    expect(await reasonsOf(scene, working)).toEqual([]);
  });

  it("leaves out closed cases, and can be turned off", async () => {
    const scene = await stuckScene(testApp.database.db);
    const closed = await settledPerson(scene, { withGoal: false });
    await testApp.database.db.execute(sql`UPDATE people SET closed_at = ${ago(2).toISOString()}::timestamptz WHERE id = ${closed.id}`);
    const open = await settledPerson(scene, { withGoal: false });
    expect(await reasonsOf(scene, closed)).toEqual([]);
    expect(await reasonsOf(scene, open)).toEqual(["No goals yet"]);
    await setRules(scene, { noGoalsEnabled: false });
    expect(await reasonsOf(scene, open)).toEqual([]);
  });
});

describe("no progress on goals", () => {
  it("finds active goals with no progress for more than 12 weeks, and not at exactly 12", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const justInTime = await settledPerson(scene, { withGoal: false });
    const goalA = await addGoal(db, scene, justInTime, { createdAt: ago(200) });
    await addProgress(db, scene, justInTime, goalA, ago(84));
    const tooLong = await settledPerson(scene, { withGoal: false });
    const goalB = await addGoal(db, scene, tooLong, { createdAt: ago(200) });
    await addProgress(db, scene, tooLong, goalB, ago(85));
    await addProgress(db, scene, tooLong, goalB, ago(150));
    const neverProgressed = await settledPerson(scene, { withGoal: false });
    await addGoal(db, scene, neverProgressed, { createdAt: ago(106) });
    expect(await reasonsOf(scene, justInTime)).toEqual([]);
    expect(await reasonsOf(scene, tooLong)).toEqual(["No progress on goals for 12 weeks"]);
    expect(await reasonsOf(scene, neverProgressed)).toEqual(["No progress on goals for 15 weeks"]);
  });

  it("counts a goal added or achieved as progress", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const newGoal = await settledPerson(scene, { withGoal: false });
    await addGoal(db, scene, newGoal, { createdAt: ago(300) });
    await addGoal(db, scene, newGoal, { createdAt: ago(10) });
    const achieved = await settledPerson(scene, { withGoal: false });
    await addGoal(db, scene, achieved, { createdAt: ago(300) });
    await addGoal(db, scene, achieved, { createdAt: ago(300), status: "achieved", endedAt: ago(20) });
    expect(await reasonsOf(scene, newGoal)).toEqual([]);
    expect(await reasonsOf(scene, achieved)).toEqual([]);
  });

  it("follows a changed threshold, and can be turned off", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const person = await settledPerson(scene, { withGoal: false });
    await addGoal(db, scene, person, { createdAt: ago(29) });
    const inside = await settledPerson(scene, { withGoal: false });
    await addGoal(db, scene, inside, { createdAt: ago(28) });
    await setRules(scene, { noProgressWeeks: 4 });
    expect(await reasonsOf(scene, person)).toEqual(["No progress on goals for 4 weeks"]);
    expect(await reasonsOf(scene, inside)).toEqual([]);
    await db.execute(sql`UPDATE stuck_case_rules SET no_progress_enabled = FALSE WHERE tenant_id = ${scene.tenant.tenantId}`);
    expect(await reasonsOf(scene, person)).toEqual([]);
  });
});

describe("no contact", () => {
  it("finds no contact for more than twice the person's target: fortnightly, weekly and monthly", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const cases: Array<{ intensity: "high" | "medium" | "low"; days: number; expected: string[] }> = [
      { intensity: "medium", days: 28, expected: [] },
      { intensity: "medium", days: 29, expected: ["No contact for 29 days — aim is every 14 days"] },
      { intensity: "high", days: 14, expected: [] },
      { intensity: "high", days: 15, expected: ["No contact for 15 days — aim is every 7 days"] },
      { intensity: "low", days: 56, expected: [] },
      { intensity: "low", days: 57, expected: ["No contact for 57 days — aim is every 28 days"] },
    ];
    const people: TestPerson[] = [];
    for (const example of cases) {
      const person = await settledPerson(scene, { intensity: example.intensity, withContact: false });
      await addContact(db, scene, person, ago(example.days));
      await addContact(db, scene, person, ago(example.days + 40));
      people.push(person);
    }
    const list = await stuckListAs(scene.manager);
    cases.forEach((example, index) => {
      const found = list.find((item) => item.personId === people[index]?.id);
      expect(found?.reasons.map((reason) => reason.text) ?? [], `${example.intensity}, ${example.days} days`).toEqual(example.expected);
    });
  });

  it("counts someone never seen from when their case opened", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const recent = await stuckPerson(db, scene, { openedOn: dateAgo(28) });
    await addGoal(db, scene, recent, { createdAt: ago(5) });
    const old = await stuckPerson(db, scene, { openedOn: dateAgo(45) });
    await addGoal(db, scene, old, { createdAt: ago(5) });
    expect(await reasonsOf(scene, recent)).toEqual([]);
    expect(await reasonsOf(scene, old)).toEqual(["Not seen since the case opened 45 days ago — aim is every 14 days"]);
  });

  it("follows a changed multiple, and can be turned off", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const person = await settledPerson(scene, { withContact: false });
    await addContact(db, scene, person, ago(43));
    const inside = await settledPerson(scene, { withContact: false });
    await addContact(db, scene, inside, ago(42));
    await setRules(scene, { noContactMultiple: 3 });
    expect(await reasonsOf(scene, person)).toEqual(["No contact for 43 days — aim is every 14 days"]);
    expect(await reasonsOf(scene, inside)).toEqual([]);
    await db.execute(sql`UPDATE stuck_case_rules SET no_contact_enabled = FALSE WHERE tenant_id = ${scene.tenant.tenantId}`);
    expect(await reasonsOf(scene, person)).toEqual([]);
  });
});

describe("repeated crises", () => {
  it("counts crisis contacts and crisis events in the last 8 weeks, as the caseload does", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const three = await settledPerson(scene);
    await addContact(db, scene, three, ago(2), "crisis");
    await addContact(db, scene, three, ago(30), "crisis");
    await addCrisisEvent(db, scene, three, ago(55));
    const outside = await settledPerson(scene);
    await addContact(db, scene, outside, ago(2), "crisis");
    await addContact(db, scene, outside, ago(30), "crisis");
    await addCrisisEvent(db, scene, outside, ago(56));
    await addContact(db, scene, outside, ago(3), "emotional-support");
    expect(await reasonsOf(scene, three)).toEqual(["3 crises in 8 weeks"]);
    expect(await reasonsOf(scene, outside)).toEqual([]);
  });

  it("follows changed thresholds, and can be turned off", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const person = await settledPerson(scene);
    await addCrisisEvent(db, scene, person, ago(10));
    await addContact(db, scene, person, ago(20), "crisis");
    await setRules(scene, { crisesCount: 2, crisesWeeks: 3 });
    expect(await reasonsOf(scene, person)).toEqual(["2 crises in 3 weeks"]);
    await db.execute(sql`UPDATE stuck_case_rules SET crises_weeks = 2 WHERE tenant_id = ${scene.tenant.tenantId}`);
    expect(await reasonsOf(scene, person)).toEqual([]);
    await db.execute(sql`UPDATE stuck_case_rules SET crises_weeks = 8, crises_enabled = FALSE WHERE tenant_id = ${scene.tenant.tenantId}`);
    expect(await reasonsOf(scene, person)).toEqual([]);
  });
});

describe("actions long overdue", () => {
  it("finds open actions overdue by more than 28 days, naming the agencies", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const person = await settledPerson(scene);
    await addAction(db, scene, person, { dueOn: dateAgo(29) });
    await addAction(db, scene, person, { dueOn: dateAgo(60), organisationId: scene.probationOrganisationId });
    await addAction(db, scene, person, { dueOn: dateAgo(90), status: "done" });
    await addAction(db, scene, person, { dueOn: dateAgo(5) });
    const inside = await settledPerson(scene);
    await addAction(db, scene, inside, { dueOn: dateAgo(28) });
    await addAction(db, scene, inside, { dueOn: dateAgo(100), status: "cancelled" });
    expect(await reasonsOf(scene, person)).toEqual(["2 actions overdue by more than 28 days (Probation, Test housing association)"]);
    expect(await reasonsOf(scene, inside)).toEqual([]);
  });

  it("follows a changed threshold, and can be turned off", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const person = await settledPerson(scene);
    await addAction(db, scene, person, { dueOn: dateAgo(8) });
    await setRules(scene, { overdueActionDays: 7 });
    expect(await reasonsOf(scene, person)).toEqual(["1 action overdue by more than 7 days (Test housing association)"]);
    await db.execute(sql`UPDATE stuck_case_rules SET overdue_action_days = 8 WHERE tenant_id = ${scene.tenant.tenantId}`);
    expect(await reasonsOf(scene, person)).toEqual([]);
    await db.execute(sql`UPDATE stuck_case_rules SET overdue_action_days = 0, overdue_actions_enabled = FALSE WHERE tenant_id = ${scene.tenant.tenantId}`);
    expect(await reasonsOf(scene, person)).toEqual([]);
  });
});

describe("the order of the list", () => {
  it("puts the most reasons first, then the furthest past their thresholds, each with its key worker", async () => {
    const scene = await stuckScene(testApp.database.db);
    const { db } = testApp.database;
    const one = await settledPerson(scene, { withGoal: false });
    const twoMild = await settledPerson(scene, { withGoal: false, withContact: false });
    await addContact(db, scene, twoMild, ago(30));
    const twoSevere = await settledPerson(scene, { withGoal: false, withContact: false });
    await addContact(db, scene, twoSevere, ago(90));
    const three = await settledPerson(scene, { withGoal: false, withContact: false });
    await addContact(db, scene, three, ago(40), "crisis");
    await addContact(db, scene, three, ago(45), "crisis");
    await addCrisisEvent(db, scene, three, ago(50));
    const list = await stuckListAs(scene.manager);
    expect(list.map((item) => item.personId)).toEqual([three.id, twoSevere.id, twoMild.id, one.id]);
    expect(list[0]?.reasons.map((reason) => reason.rule)).toEqual(["no-contact", "crises", "no-goals"]);
    expect(list[0]?.keyWorker).toEqual({ id: scene.worker.id, name: "Sam Okafor" });
    expect(list[0]?.lastCaseReviewOn).toBeNull();
  });
});
