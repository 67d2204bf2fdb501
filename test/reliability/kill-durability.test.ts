import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { Db } from "../../src/platform/database/open.ts";
import { createTenant, createUser, TEST_PASSWORD } from "../support/factories.ts";
import { prepareEmbeddedStorage, preparePostgresStorage, type PreparedStorage } from "./prepared-storage.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";

/**
 * kill -9 during a burst of writes (issue #7): every write the server acknowledged with a 2xx is
 * there after a restart on the same data, and the restart is not blocked by the dead process's
 * lock on the data directory. On the embedded database always; on PostgreSQL too when the run has
 * DATABASE_URL, on a database of the test's own.
 */

const BURST = { total: 200, concurrency: 6, killAfterAcks: 70 };

type Prepared = PreparedStorage<string>;

/** A key worker to sign in as; the server finds the database migrated and its own tenant there. */
async function seedWorker(db: Db): Promise<string> {
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Burst Worker" });
  return worker.email;
}

async function api(server: ServerProcess, token: string, method: string, path: string, json?: unknown): Promise<Response> {
  return fetch(server.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { "content-type": "application/json" }) },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
}

async function signIn(server: ServerProcess, email: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

interface Ack {
  kind: "person" | "contact";
  id: string;
  /** What was sent, to compare with what is stored. */
  marker: string;
}

interface BurstResult {
  acked: Ack[];
  /** Requests that got no complete answer: the connection died under them. */
  cutOff: number;
  /** Complete answers that were not 2xx (there should be none). */
  refused: number[];
}

/**
 * Writes with `concurrency` clients at once, alternately adding a person and recording a contact
 * for `personId`, and kills the server with SIGKILL as soon as `killAfterAcks` have been
 * acknowledged, while the other clients' requests are in flight.
 */
async function burstThenKill(server: ServerProcess, token: string, personId: string): Promise<BurstResult> {
  const result: BurstResult = { acked: [], cutOff: 0, refused: [] };
  let next = 0;
  let killing: Promise<void> | undefined;
  const client = async () => {
    while (next < BURST.total && !killing) {
      const index = next++;
      const kind = index % 2 === 0 ? "person" : "contact";
      const marker = `burst-${index}`;
      try {
        const response =
          kind === "person"
            ? await api(server, token, "POST", "/api/v1/people", { givenName: "Burst", familyName: marker })
            : await api(server, token, "POST", `/api/v1/people/${personId}/contacts`, { type: "phone", note: marker });
        if (response.status < 200 || response.status > 299) {
          result.refused.push(response.status);
          await response.arrayBuffer();
          continue;
        }
        const body = (await response.json()) as { id: string };
        result.acked.push({ kind, id: body.id, marker });
        if (result.acked.length >= BURST.killAfterAcks && !killing) killing = server.kill();
      } catch {
        result.cutOff++;
      }
    }
  };
  await Promise.all(Array.from({ length: BURST.concurrency }, client));
  await (killing ?? server.kill());
  return result;
}

/** Every contact recorded for the person, paging through the API. */
async function contactNotes(server: ServerProcess, token: string, personId: string): Promise<Map<string, string | null>> {
  const notes = new Map<string, string | null>();
  for (let page = 1; ; page++) {
    const response = await api(server, token, "GET", `/api/v1/people/${personId}/contacts?pageSize=100&page=${page}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: Array<{ id: string; note: string | null }>; total: number };
    for (const item of body.items) notes.set(item.id, item.note);
    if (body.items.length === 0 || notes.size >= body.total) return notes;
  }
}

async function killAndRestart(prepare: () => Promise<Prepared>): Promise<void> {
  const prepared = await prepare();
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess(prepared.storage);
    const token = await signIn(server, prepared.seeded);
    const personResponse = await api(server, token, "POST", "/api/v1/people", { givenName: "Contact", familyName: "Target" });
    expect(personResponse.status).toBe(201);
    const personId = ((await personResponse.json()) as { id: string }).id;

    const firstPid = server.pid;
    const burst = await burstThenKill(server, token, personId);
    expect(burst.refused, "writes refused during the burst").toEqual([]);
    expect(burst.acked.length).toBeGreaterThanOrEqual(BURST.killAfterAcks);
    // Killed mid-burst: some requests were in flight and never answered.
    expect(burst.acked.length + burst.cutOff).toBeGreaterThan(BURST.killAfterAcks);
    expect(burst.acked.length).toBeLessThan(BURST.total);

    const lockPath = "dataDir" in prepared.storage ? join(prepared.storage.dataDir, "keywork.lock") : null;
    // The dead process's lock is still there: the restart must see that its owner is gone.
    if (lockPath) expect(readFileSync(lockPath, "utf8").trim()).toBe(String(firstPid));

    server = await startServerProcess(prepared.storage);
    expect(server.output()).not.toMatch(/did not start|Another Keywork process/);
    if (lockPath) expect(readFileSync(lockPath, "utf8").trim()).toBe(String(server.pid));

    // The session was acknowledged before the burst, so it survived too. The worker leads everyone they added.
    const caseload = await api(server, token, "GET", "/api/v1/people");
    expect(caseload.status).toBe(200);
    const familyNames = new Map(((await caseload.json()) as { items: Array<{ id: string; familyName: string }> }).items.map((item) => [item.id, item.familyName]));
    const lost: string[] = [];
    for (const ack of burst.acked.filter((acked) => acked.kind === "person")) {
      if (familyNames.get(ack.id) !== ack.marker) lost.push(`person ${ack.id} (${ack.marker}): ${familyNames.has(ack.id) ? `holds ${familyNames.get(ack.id)}` : "missing"}`);
    }
    const stored = await contactNotes(server, token, personId);
    for (const ack of burst.acked.filter((acked) => acked.kind === "contact")) {
      if (stored.get(ack.id) !== ack.marker) lost.push(`contact ${ack.id} (${ack.marker}): ${stored.has(ack.id) ? `holds ${stored.get(ack.id)}` : "missing"}`);
    }
    expect(lost, "acknowledged writes missing after kill -9 and restart").toEqual([]);

    // The restarted server takes new writes on the same data.
    const after = await api(server, token, "POST", "/api/v1/people", { givenName: "After", familyName: "Restart" });
    expect(after.status).toBe(201);
    await server.stop();
    if (lockPath) expect(existsSync(lockPath), "a clean stop releases the lock").toBe(false);
  } catch (error) {
    if (server) console.error(`Server output:\n${server.output()}`);
    throw error;
  } finally {
    await server?.kill();
    await prepared.cleanup();
  }
}

describe("kill -9 during a burst of writes", () => {
  it("keeps every acknowledged write on the embedded database, and restarts on the dead process's data", { timeout: 90_000 }, async () => {
    await killAndRestart(() => prepareEmbeddedStorage("keywork-kill", seedWorker));
  });

  const databaseUrl = inject("databaseUrl");
  it.runIf(databaseUrl)("keeps every acknowledged write on PostgreSQL", { timeout: 90_000 }, async () => {
    await killAndRestart(() => preparePostgresStorage(databaseUrl ?? "", "kw_kill", seedWorker));
  });
});
