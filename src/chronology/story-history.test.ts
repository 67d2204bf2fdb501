import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { insertShareConsent } from "../../test/support/chronology.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { newId } from "../platform/database/ids.ts";
import { personRevisions } from "../people/tables.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(async () => {
  await testApp.close();
});

interface Scene {
  tenant: TestTenant;
  worker: TestUser;
  coWorker: TestUser;
  partner: TestUser;
  peerMentor: TestUser;
  outsider: TestUser;
  person: TestPerson;
}

const FIRST = "I slept in the car park for two winters.";
const SECOND = "I slept in the car park for two winters. Now I am at St Anne's.";
const THIRD = "I have my own flat on Tanner Row, and a door I can lock.";

/** A person whose story was written, changed, left alone while other details changed, and changed again. */
async function scene(): Promise<Scene> {
  const { db } = testApp.database;
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  const coWorker = await createUser(db, tenant, { roles: ["key-worker"], name: "Priya Nair" });
  const partner = await createUser(db, tenant, { roles: ["partner"], partner: true });
  const peerMentor = await createUser(db, tenant, { roles: ["peer-mentor"] });
  const outsider = await createUser(db, tenant, { roles: ["key-worker"], team: "other" });
  const person = await createPerson(db, tenant, {
    story: FIRST,
    members: [
      { user: worker, role: "lead" },
      { user: coWorker, role: "co-worker" },
      { user: partner, role: "partner" },
      { user: peerMentor, role: "peer-mentor" },
    ],
  });
  await db.insert(personRevisions).values({ id: newId(), tenantId: tenant.tenantId, personId: person.id, version: 1, snapshot: { story: FIRST }, changedBy: worker.id });
  const changes: Array<[TestUser, Record<string, unknown>]> = [
    [coWorker, { story: SECOND, version: 1 }],
    [worker, { pronouns: "he/him", version: 2 }],
    [worker, { story: THIRD, version: 3 }],
  ];
  for (const [user, body] of changes) {
    const client = testApp.client();
    await client.signInApi(user.email, TEST_PASSWORD);
    expect((await client.sendJson("PATCH", `/api/v1/people/${person.id}`, body)).status).toBe(200);
  }
  return { tenant, worker, coWorker, partner, peerMentor, outsider, person };
}

async function storyPage(user: TestUser, person: TestPerson): Promise<{ status: number; text: string }> {
  const client = testApp.client();
  await client.signInBrowser(user.email, TEST_PASSWORD);
  const response = await client.get(`/people/${person.id}/story`);
  return { status: response.status, text: textOf(await response.text()) };
}

describe("the story's history", () => {
  it("shows the story now and each earlier version, newest first, with who changed it, skipping changes to other details", async () => {
    const { tenant, worker, person } = await scene();
    const { status, text } = await storyPage(worker, person);
    expect(status).toBe(200);
    expect(text).toContain("3 versions of their story");
    const [now, second, first] = [text.indexOf(THIRD), text.indexOf(SECOND), text.lastIndexOf(FIRST)];
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(second);
    expect(second).toBeLessThan(first);
    expect(text).toMatch(/Their story now Last changed by Sam Okafor/);
    expect(text).toMatch(/Earlier version, replaced [^]*? Written by Priya Nair/);
    expect(text.match(/Earlier version/g)).toHaveLength(2);
    const audit = await auditRows(testApp.database.db, tenant.tenantId, { personId: person.id, action: "story-history.read" });
    expect(audit).toHaveLength(1);
  });

  it("is not shown to a partner or peer mentor without consent to share the story, and is once it is shared", async () => {
    const { tenant, partner, peerMentor, person } = await scene();
    for (const user of [partner, peerMentor]) {
      const { status, text } = await storyPage(user, person);
      expect(status).toBe(200);
      expect(text).toContain("Their story is not shared with you");
      expect(text).not.toContain("car park");
      expect(text).not.toContain("Tanner Row");
    }
    await insertShareConsent(testApp.database.db, tenant, person, tenant.partnerOrganisationId, ["story"]);
    const shared = await storyPage(partner, person);
    expect(shared.text).toContain(THIRD);
    expect(shared.text).toContain(FIRST);
  });

  it("is 404 for someone who may not see the person", async () => {
    const { outsider, person } = await scene();
    expect((await storyPage(outsider, person)).status).toBe(404);
  });
});
