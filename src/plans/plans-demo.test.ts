import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { queryRows } from "../platform/database/query.ts";
import { demoPeople } from "../demo/people.ts";
import { DEMO_PARTNERSHIP, demoEmail, seedDemo } from "../demo/seed.ts";
import type { DemoUserKey } from "../demo/types.ts";
import { CHILDREN_PLANS } from "./demo-data-children.ts";
import { MULTIPLE_NEEDS_PLANS } from "./demo-data.ts";

const PLANS = [...MULTIPLE_NEEDS_PLANS, ...CHILDREN_PLANS];

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, DEMO_TEST_PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

async function as(key: DemoUserKey, kind: "api" | "browser") {
  const client = testApp.client();
  if (kind === "api") await client.signInApi(demoEmail(key), DEMO_TEST_PASSWORD);
  else await client.signInBrowser(demoEmail(key), DEMO_TEST_PASSWORD);
  return client;
}

function personId(key: string, rows: Array<{ id: string; key: string }>): string {
  return rows.find((row) => row.key === key)?.id ?? "";
}

async function demoIds(): Promise<Array<{ id: string; key: string }>> {
  const rows = await queryRows<{ id: string; given_name: string; family_name: string }>(
    testApp.database.db,
    sql`SELECT people.id, given_name, family_name FROM people JOIN tenants ON tenants.id = people.tenant_id WHERE tenants.name = ${DEMO_PARTNERSHIP}`,
  );
  return demoPeople.map((person) => ({ key: person.key, id: rows.find((row) => row.given_name === person.givenName && row.family_name === person.familyName)?.id ?? "" }));
}

describe("the demo's plans", () => {
  it("are written consistently: goals before their actions, progress after the goal, outcomes after the action", () => {
    for (const plan of PLANS) {
      expect(demoPeople.some((person) => person.key === plan.person), plan.person).toBe(true);
      for (const goal of plan.goals) for (const [days] of goal.progress) expect(days, `${plan.person}: ${goal.text}`).toBeLessThanOrEqual(goal.startedDaysAgo);
      for (const action of plan.actions) {
        const goal = action.goal === undefined ? undefined : plan.goals[action.goal];
        if (action.goal !== undefined) expect(goal, `${plan.person}: ${action.text}`).toBeDefined();
        if (goal) expect(action.addedDaysAgo, `${plan.person}: ${action.text}`).toBeLessThanOrEqual(goal.startedDaysAgo);
        const outcome = action.done ?? action.cancelled;
        if (outcome) expect(outcome[0], `${plan.person}: ${action.text}`).toBeLessThanOrEqual(action.addedDaysAgo);
      }
    }
  });

  it("give most people a plan, and leave a few with no goals yet", async () => {
    const [row] = await queryRows<{ with_goals: number; without: number }>(
      testApp.database.db,
      sql`SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM goals WHERE goals.tenant_id = people.tenant_id AND goals.person_id = people.id))::int AS with_goals,
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM goals WHERE goals.tenant_id = people.tenant_id AND goals.person_id = people.id))::int AS without
          FROM people JOIN tenants ON tenants.id = people.tenant_id WHERE tenants.name = ${DEMO_PARTNERSHIP}`,
    );
    expect(row?.with_goals).toBeGreaterThanOrEqual(30);
    expect(row?.without).toBeGreaterThanOrEqual(4);
  });

  it("have overdue actions owned by several partner agencies, and done ones with evidence", async () => {
    const rows = await queryRows<{ kind: string; overdue: number; done: number }>(
      testApp.database.db,
      sql`SELECT organisation.kind,
            count(*) FILTER (WHERE action.status = 'open' AND action.due_on < (now() AT TIME ZONE 'Europe/London')::date)::int AS overdue,
            count(*) FILTER (WHERE action.status = 'done' AND action.evidence IS NOT NULL)::int AS done
          FROM plan_actions action
          JOIN organisations organisation ON organisation.tenant_id = action.tenant_id AND organisation.id = action.owner_organisation_id
          JOIN tenants ON tenants.id = action.tenant_id WHERE tenants.name = ${DEMO_PARTNERSHIP}
          GROUP BY organisation.kind`,
    );
    const overdueKinds = rows.filter((row) => row.overdue > 0).map((row) => row.kind);
    expect(overdueKinds).toEqual(expect.arrayContaining(["probation", "camhs", "social-care", "drug-alcohol", "hostel", "housing"]));
    expect(rows.reduce((total, row) => total + row.done, 0)).toBeGreaterThanOrEqual(20);
  });

  it("shows Dean's plan to Sam with goals, progress and actions, and the history of a done action", async () => {
    const ids = await demoIds();
    const dean = personId("dean-holloway", ids);
    const sam = await as("worker", "browser");
    const text = textOf(await (await sam.get(`/people/${dean}/plan`)).text());
    expect(text).toContain("Keep this flat. No more arrears");
    expect(text).toContain("8 out of 10");
    expect(text).toContain("Marcus Bell, Harbour Housing");
    expect(text).toContain("Overdue");
    const plan = await (await as("worker", "api")).getJson<{ lastReviewedOn: string | null; actions: Array<{ id: string; status: string; description: string }> }>(`/api/v1/people/${dean}/plan`);
    expect(plan.body.lastReviewedOn).not.toBeNull();
    const done = plan.body.actions.find((action) => action.description.startsWith("Set up direct payment"));
    const history = textOf(await (await sam.get(`/actions/${done?.id ?? ""}`)).text());
    expect(history).toContain("Status: Open → Done");
    expect(history).toContain("Marcus Bell");
  });

  it("lets probation see their own actions for Kyle, who has not shared his plan with them", async () => {
    const ids = await demoIds();
    const kyle = personId("kyle-bennett", ids);
    const plan = await (await as("probation", "api")).getJson<{ view: string; goals: unknown[]; actions: Array<{ ownerOrganisation: { name: string }; overdue: boolean }> }>(`/api/v1/people/${kyle}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.body.view).toBe("own-organisation-actions");
    expect(plan.body.goals).toEqual([]);
    expect(plan.body.actions.length).toBeGreaterThan(0);
    expect(plan.body.actions.every((action) => action.ownerOrganisation.name === "Northmoor Probation Delivery Unit")).toBe(true);
    expect(plan.body.actions.some((action) => action.overdue)).toBe(true);
  });

  it("shows the hostel Gary's whole plan, which he shares with them", async () => {
    const ids = await demoIds();
    const plan = await (await as("hostel", "api")).getJson<{ view: string; goals: unknown[] }>(`/api/v1/people/${personId("gary-whitlock", ids)}/plan`);
    expect(plan.body.view).toBe("whole-plan");
    expect(plan.body.goals.length).toBeGreaterThan(0);
  });
});
