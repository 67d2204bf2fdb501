import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createTenant, createUser, type TestTenant } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { countTeamRows, createDirectoryService, signedIn } from "../../test/support/network.ts";
import { queryRows } from "../platform/database/query.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

async function partnership() {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const admin = await createUser(db, tenant, { roles: ["admin"], team: "none" });
  const worker = await createUser(db, tenant, { roles: ["key-worker"] });
  const carer = await createUser(db, tenant, { roles: ["carer"], team: "none" });
  await createDirectoryService(db, tenant, { name: "Housing First" });
  await createDirectoryService(db, tenant, { name: "Tenancy sustainment" });
  await createDirectoryService(db, tenant, { name: "Needle exchange", organisationId: tenant.serviceOrganisationId });
  await createDirectoryService(db, tenant, { name: "Old drop-in", active: false });
  return { tenant, admin, worker, carer };
}

async function serviceNamed(tenant: TestTenant, name: string) {
  const [row] = await queryRows<{ id: string; version: number; name: string; area: string | null; active: boolean }>(
    testApp.database.db,
    sql`SELECT id, version, name, area, active FROM services WHERE tenant_id = ${tenant.tenantId} AND name = ${name}`,
  );
  return row;
}

describe("the directory", () => {
  it("lists organisations and their running services to everyone signed in, and searches by name", async () => {
    const { worker, carer } = await partnership();
    for (const user of [worker, carer]) {
      const client = await signedIn(testApp, user);
      const page = textOf(await (await client.get("/directory")).text());
      expect(page).toContain("Test housing association");
      expect(page).toContain("Housing First");
      expect(page).toContain("01632 960 111");
      expect(page).not.toContain("Old drop-in");
      expect(page).not.toContain("Add a service");
    }
    const client = await signedIn(testApp, worker);
    const search = textOf(await (await client.get("/directory?q=needle")).text());
    expect(search).toContain("1 service in 1 organisation found");
    expect(search).toContain("Needle exchange");
    expect(search).not.toContain("Tenancy sustainment");
    const byOrganisation = textOf(await (await client.get("/directory?q=housing%20association")).text());
    expect(byOrganisation).toContain("Housing First");
    expect(byOrganisation).toContain("Tenancy sustainment");
    expect(textOf(await (await client.get("/directory?q=zzz")).text())).toContain("Nothing matches “zzz”");
    expect((await client.get(`/directory?q=${"x".repeat(201)}`)).status).toBe(400);
  });

  it("answers GET /api/v1/services with running services and their organisation", async () => {
    const { worker, tenant } = await partnership();
    const client = await signedIn(testApp, worker, "api");
    const { status, body } = await client.getJson<{ items: Array<Record<string, unknown>> }>("/api/v1/services");
    expect(status).toBe(200);
    expect(body.items.map((item) => item.name)).toEqual(["Housing First", "Tenancy sustainment", "Needle exchange"]);
    expect(body.items[0]).toEqual({
      id: expect.any(String),
      name: "Housing First",
      description: "Helps people keep their home: rent, bills, letters and repairs.",
      organisation: { id: tenant.partnerOrganisationId, name: "Test housing association", kind: "housing" },
      phone: "01632 960 111",
      email: "tenancy@example.org",
      website: "https://www.example.org/tenancy",
      area: "Northmoor",
      // It takes no referrals through Keywork (src/referrals/triage-api.test.ts covers those that do).
      referrals: null,
    });
    const searched = await client.getJson<{ items: Array<{ name: string }> }>("/api/v1/services?q=tenancy");
    expect(searched.body.items.map((item) => item.name)).toEqual(["Tenancy sustainment"]);
    const other = await partnership();
    const otherClient = await signedIn(testApp, other.worker, "api");
    const theirs = await otherClient.getJson<{ items: Array<{ id: string }> }>("/api/v1/services");
    expect(theirs.body.items.map((item) => item.id)).not.toContain(body.items[0]?.id);
    expect((await testApp.client().getJson("/api/v1/services")).status).toBe(401);
  });
});

describe("keeping the directory", () => {
  it("lets an administrator add a service, with validation and an audit row", async () => {
    const { db } = testApp.database;
    const { admin, tenant } = await partnership();
    const client = await signedIn(testApp, admin);
    expect(textOf(await (await client.get("/directory")).text())).toContain("Old drop-in");
    const invalid = await client.submitForm("/directory/services/new", "/directory/services", { organisationId: "", name: "", website: "www.example.org", email: "no" });
    expect(invalid.status).toBe(400);
    const text = textOf(await invalid.text());
    expect(text).toContain("Choose the organisation that runs the service");
    expect(text).toContain("Enter the name of the service");
    expect(text).toContain("Enter a website address starting with https://");
    expect(text).toContain("Enter an email address in the correct format");
    const before = await countTeamRows(db, "services", tenant.tenantId);
    const saved = await client.submitForm("/directory/services/new", "/directory/services", {
      organisationId: tenant.serviceOrganisationId,
      name: "Day centre",
      description: "Breakfast, showers and laundry.",
      area: "City centre",
      website: "https://daycentre.example.org",
    });
    expect(saved.status).toBe(303);
    expect(await countTeamRows(db, "services", tenant.tenantId)).toBe(before + 1);
    expect((await auditRows(db, tenant.tenantId, { action: "directory.service.create" })).map((row) => row.actor_user_id)).toEqual([admin.id]);
  });

  it("lets an administrator change a service, and shows both versions when someone saved first", async () => {
    const { admin, tenant } = await partnership();
    const service = await serviceNamed(tenant, "Housing First");
    const client = await signedIn(testApp, admin);
    const fields = { organisationId: tenant.partnerOrganisationId, name: "Housing First", area: "Northmoor and Eastfield", version: "1" };
    expect((await client.submitForm(`/directory/services/${service?.id}/edit`, `/directory/services/${service?.id}`, fields)).status).toBe(303);
    const stale = await client.submitForm(`/directory/services/${service?.id}/edit`, `/directory/services/${service?.id}`, { ...fields, area: "Somewhere else" });
    expect(stale.status).toBe(409);
    expect(textOf(await stale.text())).toContain("Northmoor and Eastfield");
    expect((await client.submitForm(`/directory/services/${service?.id}/edit`, `/directory/services/${service?.id}`, { ...fields, version: "2", inactive: "yes" })).status).toBe(303);
    expect(await serviceNamed(tenant, "Housing First")).toEqual(expect.objectContaining({ area: "Northmoor and Eastfield", version: 3, active: false }));
    expect(await auditRows(testApp.database.db, tenant.tenantId, { action: "directory.service.update" })).toHaveLength(2);
  });

  it("lets an administrator add and rename organisations, refusing a name already used", async () => {
    const { admin, tenant } = await partnership();
    const client = await signedIn(testApp, admin);
    const taken = await client.submitForm("/directory/organisations/new", "/directory/organisations", { name: "test housing association", kind: "housing" });
    expect(taken.status).toBe(400);
    expect(textOf(await taken.text())).toContain("Test housing association is already in the directory");
    expect((await client.submitForm("/directory/organisations/new", "/directory/organisations", { name: "", kind: "" })).status).toBe(400);
    expect((await client.submitForm("/directory/organisations/new", "/directory/organisations", { name: "Cathedral Day Centre", kind: "voluntary" })).status).toBe(303);
    const renamed = await client.submitForm(`/directory/organisations/${tenant.partnerOrganisationId}/edit`, `/directory/organisations/${tenant.partnerOrganisationId}`, { name: "Harbour Housing", kind: "housing", version: "1" });
    expect(renamed.status).toBe(303);
    const page = textOf(await (await client.get("/directory")).text());
    expect(page).toContain("Cathedral Day Centre");
    expect(page).toContain("Harbour Housing");
    const actions = (await auditRows(testApp.database.db, tenant.tenantId)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["directory.organisation.create", "directory.organisation.update"]));
  });

  it("refuses everyone but administrators, and changes nothing", async () => {
    const { db } = testApp.database;
    const { worker, carer, tenant } = await partnership();
    const manager = await createUser(db, tenant, { roles: ["manager"] });
    const service = await serviceNamed(tenant, "Housing First");
    for (const user of [worker, carer, manager]) {
      const client = await signedIn(testApp, user);
      expect((await client.get("/directory/services/new")).status).toBe(403);
      expect((await client.get(`/directory/services/${service?.id}/edit`)).status).toBe(403);
      expect((await client.get("/directory/organisations/new")).status).toBe(403);
      expect((await client.submitForm("/directory", "/directory/services", { organisationId: tenant.partnerOrganisationId, name: "Sneaky" })).status).toBe(403);
      expect((await client.submitForm("/directory", `/directory/services/${service?.id}`, { organisationId: tenant.partnerOrganisationId, name: "Sneaky", version: "1" })).status).toBe(403);
      expect((await client.submitForm("/directory", `/directory/organisations/${tenant.partnerOrganisationId}`, { name: "Sneaky", kind: "other", version: "1" })).status).toBe(403);
    }
    expect(await serviceNamed(tenant, "Sneaky")).toBeUndefined();
    expect((await serviceNamed(tenant, "Housing First"))?.version).toBe(1);
  });

  it("does not let an administrator reach another partnership's services", async () => {
    const mine = await partnership();
    const theirs = await partnership();
    const service = await serviceNamed(theirs.tenant, "Housing First");
    const client = await signedIn(testApp, mine.admin);
    expect((await client.get(`/directory/services/${service?.id}/edit`)).status).toBe(404);
    expect((await client.get(`/directory/organisations/${theirs.tenant.partnerOrganisationId}/edit`)).status).toBe(404);
    expect((await client.get("/directory/services/not-an-id/edit")).status).toBe(404);
  });
});
