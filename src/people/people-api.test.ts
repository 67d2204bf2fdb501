import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, countRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestTenant, type TestUser } from "../../test/support/factories.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

interface Team {
  tenant: TestTenant;
  worker: TestUser;
  coWorker: TestUser;
  otherWorker: TestUser;
  manager: TestUser;
  partner: TestUser;
}

async function team(): Promise<Team> {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  return {
    tenant,
    worker: await createUser(db, tenant, { roles: ["key-worker"] }),
    coWorker: await createUser(db, tenant, { roles: ["key-worker"] }),
    otherWorker: await createUser(db, tenant, { roles: ["key-worker"], team: "other" }),
    manager: await createUser(db, tenant, { roles: ["manager"] }),
    partner: await createUser(db, tenant, { roles: ["partner"], partner: true }),
  };
}

async function apiAs(user: TestUser) {
  const client = testApp.client();
  await client.signInApi(user.email, TEST_PASSWORD);
  return client;
}

describe("POST /api/v1/people", () => {
  it("adds a person with the key worker as lead, and audits it", async () => {
    const { tenant, worker } = await team();
    const client = await apiAs(worker);
    const { status, body } = await client.sendJson<{ id: string; givenName: string; careTeam: Array<{ userId: string; role: string }>; version: number }>(
      "POST",
      "/api/v1/people",
      { givenName: "Ruth", familyName: "Okoro", dateOfBirth: "1979-02-28", aliases: ["Ruthie"], story: "I have moved hostels four times this year." },
    );
    expect(status).toBe(201);
    expect(body.givenName).toBe("Ruth");
    expect(body.version).toBe(1);
    expect(body.careTeam).toEqual([expect.objectContaining({ userId: worker.id, role: "lead" })]);
    const audit = await auditRows(testApp.database.db, tenant.tenantId, { personId: body.id });
    expect(audit.map((row) => row.action)).toContain("person.create");
    expect(audit.every((row) => row.actor_user_id === worker.id)).toBe(true);
  });

  it("refuses bad input with a message per field and writes nothing", async () => {
    const { tenant, worker } = await team();
    const client = await apiAs(worker);
    const before = await countRows(testApp.database.db, "people", tenant.tenantId);
    const { status, body } = await client.sendJson<{ error: { issues: Array<{ field: string; message: string }> } }>("POST", "/api/v1/people", {
      givenName: "",
      familyName: "x".repeat(101),
      dateOfBirth: "2999-01-01",
      email: "not-an-email",
      engagementStatus: "lost",
      surprise: true,
    });
    expect(status).toBe(400);
    const byField = Object.fromEntries(body.error.issues.map((issue) => [issue.field, issue.message]));
    expect(byField.givenName).toBe("Enter a given name");
    expect(byField.familyName).toBe("Family name must be 100 characters or fewer");
    expect(byField.dateOfBirth).toBe("Date of birth must be in the past");
    expect(byField.email).toMatch(/correct format/);
    expect(byField.engagementStatus).toBe("Select an engagement status");
    expect(byField.body).toMatch(/surprise/);
    expect(await countRows(testApp.database.db, "people", tenant.tenantId)).toBe(before);
  });

  it("is refused to a partner professional", async () => {
    const { partner } = await team();
    const client = await apiAs(partner);
    const { status } = await client.sendJson("POST", "/api/v1/people", { givenName: "A", familyName: "B" });
    expect(status).toBe(403);
  });

  it("answers 401 without a token", async () => {
    const { status } = await testApp.client().sendJson("POST", "/api/v1/people", { givenName: "A", familyName: "B" });
    expect(status).toBe(401);
  });
});

describe("GET /api/v1/people/{id}", () => {
  it("shows the care team the record, and answers 404 to a worker outside it", async () => {
    const { tenant, worker, otherWorker, manager } = await team();
    const person = await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    expect((await (await apiAs(worker)).getJson(`/api/v1/people/${person.id}`)).status).toBe(200);
    expect((await (await apiAs(manager)).getJson(`/api/v1/people/${person.id}`)).status).toBe(200);
    const outside = await (await apiAs(otherWorker)).getJson(`/api/v1/people/${person.id}`);
    expect(outside.status).toBe(404);
  });

  it("answers 404 for a person in another partnership and for ids that are not ids", async () => {
    const mine = await team();
    const theirs = await team();
    const person = await createPerson(testApp.database.db, theirs.tenant, { members: [{ user: theirs.worker, role: "lead" }] });
    const client = await apiAs(mine.manager);
    expect((await client.getJson(`/api/v1/people/${person.id}`)).status).toBe(404);
    expect((await client.getJson(`/api/v1/people/not-a-uuid`)).status).toBe(404);
  });

  it("withholds the story and contact details from a partner professional in the team", async () => {
    const { tenant, worker, partner } = await team();
    const person = await createPerson(testApp.database.db, tenant, {
      story: "Private words",
      members: [
        { user: worker, role: "lead" },
        { user: partner, role: "partner" },
      ],
    });
    const { status, body } = await (await apiAs(partner)).getJson<Record<string, unknown>>(`/api/v1/people/${person.id}`);
    expect(status).toBe(200);
    expect(body.story).toBeUndefined();
    expect(body.phone).toBeUndefined();
    expect(body.withheld).toEqual(expect.arrayContaining(["story", "contactDetails"]));
    expect(JSON.stringify(body)).not.toContain("Private words");
  });

  it("audits every read with who read it", async () => {
    const { tenant, worker } = await team();
    const person = await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    const client = await apiAs(worker);
    await client.getJson(`/api/v1/people/${person.id}`);
    await client.getJson(`/api/v1/people/${person.id}`);
    const reads = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "person.read" });
    expect(reads).toHaveLength(2);
    expect(reads[0]?.actor_user_id).toBe(worker.id);
  });
});

describe("PATCH /api/v1/people/{id}", () => {
  it("saves against the current version and answers 409 with what is stored to a stale one", async () => {
    const { tenant, worker, coWorker } = await team();
    const person = await createPerson(testApp.database.db, tenant, {
      members: [
        { user: worker, role: "lead" },
        { user: coWorker, role: "co-worker" },
      ],
    });
    const first = await (await apiAs(worker)).sendJson<{ version: number; pronouns: string }>("PATCH", `/api/v1/people/${person.id}`, { pronouns: "she/her", version: 1 });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await (await apiAs(coWorker)).sendJson<{ error: { current: { pronouns: string; version: number } } }>("PATCH", `/api/v1/people/${person.id}`, {
      pronouns: "they/them",
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ pronouns: "she/her", version: 2 });
    const now = await (await apiAs(worker)).getJson<{ pronouns: string }>(`/api/v1/people/${person.id}`);
    expect(now.body.pronouns).toBe("she/her");
  });

  it("requires the version and refuses a partner professional", async () => {
    const { tenant, worker, partner } = await team();
    const person = await createPerson(testApp.database.db, tenant, {
      members: [
        { user: worker, role: "lead" },
        { user: partner, role: "partner" },
      ],
    });
    expect((await (await apiAs(worker)).sendJson("PATCH", `/api/v1/people/${person.id}`, { pronouns: "he/him" })).status).toBe(400);
    expect((await (await apiAs(partner)).sendJson("PATCH", `/api/v1/people/${person.id}`, { pronouns: "he/him", version: 1 })).status).toBe(403);
  });
});

describe("GET /api/v1/people", () => {
  it("lists the caseload: people the worker leads or co-works, not others", async () => {
    const { tenant, worker, coWorker } = await team();
    const { db } = testApp.database;
    const led = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }] });
    const coWorked = await createPerson(db, tenant, {
      members: [
        { user: coWorker, role: "lead" },
        { user: worker, role: "co-worker" },
      ],
    });
    const notMine = await createPerson(db, tenant, { members: [{ user: coWorker, role: "lead" }] });
    const { status, body } = await (await apiAs(worker)).getJson<{ items: Array<{ id: string; careTeamRole: string }> }>("/api/v1/people");
    expect(status).toBe(200);
    const ids = body.items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([led.id, coWorked.id]));
    expect(ids).not.toContain(notMine.id);
    expect(body.items.find((item) => item.id === coWorked.id)?.careTeamRole).toBe("co-worker");
  });

  it("searches by name, alias and date of birth within what the actor may see", async () => {
    const { tenant, worker, otherWorker } = await team();
    const { db } = testApp.database;
    const mine = await createPerson(db, tenant, { givenName: "Tobias", familyName: "Quennell", aliases: ["Toby Q"], dateOfBirth: "1991-07-30", members: [{ user: worker, role: "lead" }] });
    const hidden = await createPerson(db, tenant, { team: "other", givenName: "Tobias", familyName: "Quennell", members: [{ user: otherWorker, role: "lead" }] });
    const client = await apiAs(worker);
    for (const query of ["quenn", "toby", "30/07/1991", "1991-07-30", "TOBIAS QUENNELL"]) {
      const { body } = await client.getJson<{ items: Array<{ id: string }> }>(`/api/v1/people?q=${encodeURIComponent(query)}`);
      const ids = body.items.map((item) => item.id);
      expect(ids, query).toContain(mine.id);
      expect(ids, query).not.toContain(hidden.id);
    }
    const none = await client.getJson<{ items: unknown[] }>("/api/v1/people?q=zzzz-nobody");
    expect(none.body.items).toEqual([]);
    const searches = await auditRows(db, tenant.tenantId, { action: "person.search" });
    expect(searches.length).toBeGreaterThanOrEqual(6);
  });

  it("treats % and _ in a search as ordinary characters", async () => {
    const { tenant, worker } = await team();
    await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    const { body } = await (await apiAs(worker)).getJson<{ items: unknown[] }>("/api/v1/people?q=%25");
    expect(body.items).toEqual([]);
  });
});

describe("search results for partners and peer mentors", () => {
  it("hold names and engagement, not aliases or the last contact (and no date of birth for peer mentors)", async () => {
    const { tenant, worker, partner } = await team();
    const mentor = await createUser(testApp.database.db, tenant, { roles: ["peer-mentor"] });
    await createPerson(testApp.database.db, tenant, {
      givenName: "Ozzie",
      familyName: "Quartermain",
      aliases: ["Oz Q"],
      members: [
        { user: worker, role: "lead" },
        { user: partner, role: "partner" },
        { user: mentor, role: "peer-mentor" },
      ],
      lastContactDaysAgo: 2,
    });
    const asPartner = await (await apiAs(partner)).getJson<{ items: Array<Record<string, unknown>> }>("/api/v1/people?q=quartermain");
    expect(asPartner.body.items).toHaveLength(1);
    expect(asPartner.body.items[0]).toMatchObject({ givenName: "Ozzie", lastContactAt: null, dateOfBirth: "1988-04-12" });
    const asMentor = await (await apiAs(mentor)).getJson<{ items: Array<Record<string, unknown>> }>("/api/v1/people?q=quartermain");
    expect(asMentor.body.items[0]).toMatchObject({ givenName: "Ozzie", lastContactAt: null, dateOfBirth: null });
    const asWorker = await (await apiAs(worker)).getJson<{ items: Array<Record<string, unknown>> }>("/api/v1/people?q=quartermain");
    expect(asWorker.body.items[0]?.lastContactAt).not.toBeNull();
  });
});

describe("GET /api/v1/audit", () => {
  it("gives the team manager the trail newest first, and refuses a key worker", async () => {
    const { tenant, worker, manager } = await team();
    const person = await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    const workerClient = await apiAs(worker);
    await workerClient.getJson(`/api/v1/people/${person.id}`);
    await workerClient.sendJson("PATCH", `/api/v1/people/${person.id}`, { pronouns: "he/him", version: 1 });
    const { status, body } = await (await apiAs(manager)).getJson<{ items: Array<{ action: string; actor: { id: string; name: string }; at: string }> }>(
      `/api/v1/audit?person=${person.id}`,
    );
    expect(status).toBe(200);
    const actions = body.items.map((item) => item.action);
    // Newest first: the worker's first read comes after their change in the list.
    expect(actions.indexOf("person.update")).toBeGreaterThanOrEqual(0);
    expect(actions.lastIndexOf("person.read")).toBeGreaterThan(actions.indexOf("person.update"));
    const times = body.items.map((item) => Date.parse(item.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(body.items[0]?.actor.id).toBe(worker.id);
    expect(Date.parse(body.items[0]?.at ?? "")).not.toBeNaN();
    expect(body.items[0]).toHaveProperty("time", body.items[0]?.at);
    expect((await workerClient.getJson(`/api/v1/audit?person=${person.id}`)).status).toBe(403);
  });

  it("is open to an administrator of the partnership and audits the reading", async () => {
    const { tenant, worker } = await team();
    const admin = await createUser(testApp.database.db, tenant, { roles: ["admin"], team: "none" });
    const person = await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    const { status } = await (await apiAs(admin)).getJson(`/api/v1/audit?person=${person.id}`);
    expect(status).toBe(200);
    const reads = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "audit.read" });
    expect(reads.map((row) => row.actor_user_id)).toEqual([admin.id]);
  });
});
