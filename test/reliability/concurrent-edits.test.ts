import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/platform/database/query.ts";
import { todayIso } from "../../src/platform/http/validation.ts";
import { signedInClients, startTestApp, type TestApp } from "../support/app.ts";
import { createPerson, createTenant, createUser, type TestTenant, type TestUser } from "../support/factories.ts";
import type { HttpClient } from "../support/http.ts";

/**
 * Two people editing the same person, goal or plan action at the same moment (issue #7): both send
 * the version they read, at once; exactly one is saved, the other answers 409 with what is stored
 * now, and the stored record holds the winner's change only. Several rounds each, so that on
 * PostgreSQL the two transactions really do overlap (on the embedded database they queue).
 */

const ROUNDS = 4;

let testApp: TestApp;
let tenant: TestTenant;
let worker: TestUser;
let manager: TestUser;
const api = signedInClients(() => testApp, "api");

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Lead Worker" });
  manager = await createUser(db, tenant, { roles: ["manager"], name: "Team Manager" });
});
afterAll(async () => {
  await testApp.close();
});

interface Versioned {
  version: number;
}

interface Round<Body extends Versioned> {
  /** What each editor sends, against the version they both read. */
  changes: [Record<string, unknown>, Record<string, unknown>];
  read: (client: HttpClient) => Promise<Body>;
  patch: (client: HttpClient, body: Record<string, unknown>) => Promise<{ status: number; body: Record<string, unknown> }>;
  /** The field both change, as it reads back. */
  field: (body: Body) => unknown;
}

/**
 * Both editors read the record, then send their change at once. Returns who won. Checks: one 200
 * and one 409; the 409 is in the API's error shape and holds the stored record, winner's change
 * and version included (so the loser can see both and choose); the stored record holds the
 * winner's change and is one version on.
 */
async function race<Body extends Versioned>(round: Round<Body>, wanted: [unknown, unknown]): Promise<number> {
  const [first, second] = [await api(worker), await api(manager)];
  const [readFirst, readSecond] = await Promise.all([round.read(first), round.read(second)]);
  expect(readSecond.version).toBe(readFirst.version);
  const version = readFirst.version;
  const answers = await Promise.all([
    round.patch(first, { ...round.changes[0], version }),
    round.patch(second, { ...round.changes[1], version }),
  ]);
  const statuses = answers.map((answer) => answer.status);
  expect([...statuses].sort(), `statuses ${statuses.join(", ")}`).toEqual([200, 409]);
  const winner = statuses.indexOf(200);
  const loser = 1 - winner;
  const conflict = answers[loser]?.body as { error: { status: number; message: string; current: Body } };
  expect(conflict.error.status).toBe(409);
  expect(conflict.error.message).toMatch(/someone else/i);
  const stored = await round.read(first);
  expect(stored.version).toBe(version + 1);
  expect(round.field(stored)).toEqual(wanted[winner]);
  expect(round.field(stored)).not.toEqual(wanted[loser]);
  // What the loser is shown as "stored now" is what is stored now: the winner's change, and its version.
  expect(conflict.error.current.version, "the 409's current version").toBe(stored.version);
  expect(round.field(conflict.error.current), "the 409's current value").toEqual(wanted[winner]);
  return winner;
}

/** One item of a list the API answers, by id (risks, contacts and consents have no GET of their own). */
async function itemOf<T extends { id: string }>(client: HttpClient, listPath: string, id: string): Promise<T> {
  const { items } = await readJson<{ items: T[] }>(client, listPath);
  const item = items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`${id} is not in ${listPath}`);
  return item;
}

async function readJson<T>(client: HttpClient, path: string): Promise<T> {
  const { status, body } = await client.getJson<T>(path);
  expect(status, `GET ${path}`).toBe(200);
  return body;
}

describe("two people editing at once", () => {
  it("the same person's details: one is saved, the other gets 409 and nothing is overwritten", async () => {
    const person = await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    const path = `/api/v1/people/${person.id}`;
    const winners: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const wanted: [string, string] = [`worker's pronouns ${round}`, `manager's pronouns ${round}`];
      const winner = await race<Versioned & { pronouns: string | null }>(
        {
          changes: [{ pronouns: wanted[0] }, { pronouns: wanted[1] }],
          read: (client) => readJson(client, path),
          patch: (client, body) => client.sendJson("PATCH", path, body),
          field: (body) => body.pronouns,
        },
        wanted,
      );
      winners.push(wanted[winner] as string);
    }
    // Every saved version is kept, one revision each, and none of them is a loser's (the factory's
    // person starts at version 1 without a revision).
    const revisions = await queryRows<{ version: number; pronouns: string | null }>(
      testApp.database.db,
      sql`SELECT version, snapshot->>'pronouns' AS pronouns FROM person_revisions WHERE tenant_id = ${tenant.tenantId} AND person_id = ${person.id} ORDER BY version`,
    );
    expect(revisions.map((revision) => revision.version)).toEqual(Array.from({ length: ROUNDS }, (_, index) => index + 2));
    expect(revisions.map((revision) => revision.pronouns)).toEqual(winners);
  });

  it("the same goal: one is saved, the other gets 409 and nothing is overwritten", async () => {
    const person = await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    const created = await (await api(worker)).sendJson<{ id: string }>("POST", `/api/v1/people/${person.id}/goals`, { description: "I want my own flat" });
    expect(created.status).toBe(201);
    const path = `/api/v1/goals/${created.body.id}`;
    for (let round = 0; round < ROUNDS; round++) {
      const wanted: [string, string] = [`The worker's words ${round}`, `The manager's words ${round}`];
      await race<Versioned & { description: string }>(
        {
          changes: [{ description: wanted[0] }, { description: wanted[1] }],
          read: (client) => readJson(client, path),
          patch: (client, body) => client.sendJson("PATCH", path, body),
          field: (body) => body.description,
        },
        wanted,
      );
    }
  });

  it("the same plan action: one is saved, the other gets 409, and the history holds the winners only", async () => {
    const person = await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
    const created = await (await api(worker)).sendJson<{ id: string }>("POST", `/api/v1/people/${person.id}/actions`, {
      description: "Book the housing appointment",
      dueDate: todayIso(),
      ownerOrganisationId: tenant.serviceOrganisationId,
    });
    expect(created.status).toBe(201);
    const path = `/api/v1/actions/${created.body.id}`;
    const winners: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const wanted: [string, string] = [`Evidence from the worker ${round}`, `Evidence from the manager ${round}`];
      const winner = await race<Versioned & { evidence: string | null }>(
        {
          changes: [{ evidence: wanted[0] }, { evidence: wanted[1] }],
          read: (client) => readJson(client, path),
          patch: (client, body) => client.sendJson("PATCH", path, body),
          field: (body) => body.evidence,
        },
        wanted,
      );
      winners.push(wanted[winner] as string);
    }
    const history = await readJson<{ items: Array<{ version: number; changes: Array<{ field: string; to: string | null }> }> }>(await api(worker), `${path}/history`);
    expect(history.items.map((item) => item.version)).toEqual(Array.from({ length: ROUNDS + 1 }, (_, index) => index + 1));
    const evidence = history.items.flatMap((item) => item.changes.filter((change) => change.field === "evidence").map((change) => change.to));
    expect(evidence).toEqual(winners);
  });

  // The other records the API changes against a version: a risk, a contact, a consent.
  const others = [
    { name: "risk", list: "risks", create: { category: "to-workers", level: "high", description: "Shouts at staff when drunk" }, field: "description", patch: (id: string) => `/api/v1/risks/${id}` },
    { name: "contact", list: "contacts", create: { type: "phone", note: "First call" }, field: "note", patch: (id: string) => `/api/v1/contacts/${id}` },
    { name: "consent", list: "consents", create: { type: "work-with-service", howGiven: "verbal" }, field: "note", patch: (id: string) => `/api/v1/consents/${id}` },
  ] as const;
  for (const other of others) {
    it(`the same ${other.name}: one is saved, the other gets 409 and nothing is overwritten`, async () => {
      const person = await createPerson(testApp.database.db, tenant, { members: [{ user: worker, role: "lead" }] });
      const listPath = `/api/v1/people/${person.id}/${other.list}`;
      const created = await (await api(worker)).sendJson<{ id: string }>("POST", listPath, other.create);
      expect(created.status).toBe(201);
      for (let round = 0; round < ROUNDS; round++) {
        const wanted: [string, string] = [`The worker's ${other.field} ${round}`, `The manager's ${other.field} ${round}`];
        await race<Versioned & { id: string } & Record<string, unknown>>(
          {
            changes: [{ [other.field]: wanted[0] }, { [other.field]: wanted[1] }],
            read: (client) => itemOf(client, listPath, created.body.id),
            patch: (client, body) => client.sendJson("PATCH", other.patch(created.body.id), body),
            field: (body) => body[other.field],
          },
          wanted,
        );
      }
    });
  }
});
