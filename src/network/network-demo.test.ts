import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { queryRows } from "../platform/database/query.ts";
import { demoEmail, seedDemo } from "../demo/seed.ts";
import type { DemoUserKey } from "../demo/types.ts";

const PASSWORD = DEMO_TEST_PASSWORD;
let testApp: TestApp;
let deanId = "";
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, PASSWORD);
  const [dean] = await queryRows<{ id: string }>(
    testApp.database.db,
    sql`SELECT people.id FROM people JOIN tenants ON tenants.id = people.tenant_id WHERE tenants.name LIKE 'Northmoor%' AND people.given_name = 'Dean' AND people.family_name = 'Holloway'`,
  );
  deanId = dean?.id ?? "";
});
afterAll(async () => {
  await testApp.close();
});

async function apiAs(key: DemoUserKey) {
  const client = testApp.client();
  await client.signInApi(demoEmail(key), PASSWORD);
  return client;
}

interface TeamBody {
  members: Array<{ name: string; role: string }>;
  externalProfessionals: Array<{ name: string; role: string }>;
  family?: Array<{ name: string; relationship: string; isCarer: boolean; hasKeyworkAccount: boolean }>;
  servicesInvolved: Array<{ organisation: string; service: string | null; current: boolean; serviceId: string | null }>;
}

describe("the network's demo data", () => {
  it("gives every demo organisation services in the directory", async () => {
    const { body } = await (await apiAs("worker")).getJson<{ items: Array<{ name: string; organisation: { name: string } }> }>("/api/v1/services");
    const organisations = new Set(body.items.map((item) => item.organisation.name));
    for (const name of ["Northmoor Together", "Harbour Housing", "Northmoor Probation Delivery Unit", "Northmoor CAMHS", "Pathways Drug and Alcohol Service", "St Anne's Hostel", "Cathedral Day Centre"]) {
      expect(organisations, name).toContain(name);
    }
    const names = body.items.map((item) => item.name);
    for (const name of ["Housing First", "Tenancy sustainment", "Integrated Offender Management", "Community CAMHS", "Needle exchange", "Day centre"]) expect(names).toContain(name);
  });

  it("makes Maureen Holloway Dean's mum and carer, signing in as carer@demo.test", async () => {
    const { status, body } = await (await apiAs("worker")).getJson<TeamBody>(`/api/v1/people/${deanId}/team`);
    expect(status).toBe(200);
    expect(body.family).toContainEqual(expect.objectContaining({ name: "Maureen Holloway", relationship: "Mum", isCarer: true, hasKeyworkAccount: true }));
    expect(body.servicesInvolved).toContainEqual(expect.objectContaining({ organisation: "Harbour Housing", service: "Housing First", current: true, serviceId: expect.any(String) }));
    expect(body.servicesInvolved).toContainEqual(expect.objectContaining({ organisation: "Cathedral Day Centre", current: false }));
    expect(body.externalProfessionals.map((professional) => professional.role)).toContain("GP");
    const carer = await apiAs("carer");
    expect((await carer.getJson(`/api/v1/people/${deanId}`)).status).toBe(200);
  });

  it("never shows the housing partner Dean's family", async () => {
    const { status, body } = await (await apiAs("partner")).getJson<TeamBody>(`/api/v1/people/${deanId}/team`);
    expect(status).toBe(200);
    expect(body.family).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain("Maureen");
  });

  it("records family for many people, and a school SENCo for children", async () => {
    const [counts] = await queryRows<{ with_family: number; sencos: number }>(
      testApp.database.db,
      sql`SELECT (SELECT count(DISTINCT person_id)::int FROM family_members JOIN tenants ON tenants.id = family_members.tenant_id WHERE tenants.name LIKE 'Northmoor%') AS with_family,
        (SELECT count(*)::int FROM external_professionals JOIN tenants ON tenants.id = external_professionals.tenant_id WHERE tenants.name LIKE 'Northmoor%' AND role LIKE '%SENCo%') AS sencos`,
    );
    expect(counts?.with_family).toBeGreaterThanOrEqual(15);
    expect(counts?.sencos).toBeGreaterThanOrEqual(2);
  });
});
