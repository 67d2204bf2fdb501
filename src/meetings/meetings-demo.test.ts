import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { queryRows } from "../platform/database/query.ts";
import { demoEmail, seedDemo } from "../demo/seed.ts";
import type { DemoUserKey } from "../demo/types.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, DEMO_TEST_PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

async function apiAs(key: DemoUserKey) {
  const client = testApp.client();
  await client.signInApi(demoEmail(key), DEMO_TEST_PASSWORD);
  return client;
}

async function personId(givenName: string, familyName: string): Promise<string> {
  const [row] = await queryRows<{ id: string }>(
    testApp.database.db,
    sql`SELECT people.id FROM people JOIN tenants ON tenants.id = people.tenant_id WHERE tenants.name LIKE 'Northmoor%' AND given_name = ${givenName} AND family_name = ${familyName}`,
  );
  return row?.id ?? "";
}

interface Item {
  kind: string;
  status: string;
  notes: string | null;
  attendees: Array<{ name: string }>;
  recommendations: Array<{ status: string; overdue: boolean; ownerOrganisation: { name: string } }>;
}

describe("the demo's meetings", () => {
  it("gives Ethan a held CETR with recommendations across four agencies, and the next one planned", async () => {
    const ethan = await personId("Ethan", "Marsden");
    const { status, body } = await (await apiAs("other")).getJson<{ items: Item[] }>(`/api/v1/people/${ethan}/meetings`);
    expect(status).toBe(200);
    expect(body.items.map((item) => [item.kind, item.status])).toEqual([
      ["cetr", "planned"],
      ["cetr", "held"],
    ]);
    const held = body.items[1];
    expect(new Set(held?.recommendations.map((recommendation) => recommendation.ownerOrganisation.name))).toEqual(
      new Set(["Northmoor CAMHS", "Northmoor Education Service", "Northmoor Children's Services", "Northmoor Children's Keyworker Service"]),
    );
    expect(held?.recommendations.filter((recommendation) => recommendation.status === "done")).toHaveLength(2);
    expect(held?.recommendations.filter((recommendation) => recommendation.overdue).length).toBeGreaterThanOrEqual(2);
    expect(held?.attendees.map((attendee) => attendee.name)).toEqual(expect.arrayContaining(["Jo Whitfield", "Dr Nadia Rahman", "Claire Marsden"]));
  });

  it("shows the CAMHS clinician the meetings, and only CAMHS's recommendations without notes", async () => {
    const ethan = await personId("Ethan", "Marsden");
    const { body } = await (await apiAs("camhs")).getJson<{ items: Item[] }>(`/api/v1/people/${ethan}/meetings`);
    expect(body.items).toHaveLength(2);
    expect(body.items.every((item) => item.notes === null)).toBe(true);
    expect(new Set(body.items.flatMap((item) => item.recommendations.map((recommendation) => recommendation.ownerOrganisation.name)))).toEqual(new Set(["Northmoor CAMHS"]));
  });

  it("gives Gary a case conference, seen by his key worker", async () => {
    const gary = await personId("Gary", "Whitlock");
    const { body } = await (await apiAs("worker")).getJson<{ items: Item[] }>(`/api/v1/people/${gary}/meetings`);
    expect(body.items.map((item) => [item.kind, item.status])).toEqual([["case-conference", "held"]]);
    expect(body.items[0]?.recommendations).toHaveLength(4);
  });
});
