import http from "node:http";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import type { Db } from "../../src/platform/database/open.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { paths } from "../../src/platform/http/paths.ts";
import { createPerson, createTenant, createUser, TEST_PASSWORD } from "../support/factories.ts";
import { startKeyworkProcess, type KeyworkProcess } from "../support/keywork-process.ts";
import { prepareEmbeddedStorage, preparePostgresStorage, type PreparedStorage } from "./prepared-storage.ts";
import { storageEnvironment } from "./server-process.ts";

/**
 * SIGTERM while clients are busy: Keywork answers new requests 503 (or closes their connection),
 * lets the requests it is handling finish with their real answers and commit, and only then closes
 * the database and exits 0, promptly. Throughout, browsers on keep-alive connections record
 * contacts and read the caseload without pause. Around the signal, in one test a browser on a slow
 * connection is half way through uploading a form, and keeps its connection open after the answer;
 * a few other clients give up on their requests. In the other (PostgreSQL only, where a lock can
 * hold a request up for as long as the test likes), the requests of the clients that give up are
 * held in the database until well after the signal: their handlers run on with no connection left
 * to wait for, which is what met a closed pool before. On the embedded database the first test;
 * on PostgreSQL both, when the run has DATABASE_URL.
 */

const BUSY_CONNECTIONS = 6;
/** Acknowledged writes before the signal, so that it lands in a stream of requests. */
const WRITES_BEFORE_SIGNAL = 12;
/** Requests whose clients give up on them as the signal comes. */
const ABANDONED = 3;
/** The server stops waiting for requests after 10 s (src/main.ts); a clean stop is much quicker. */
const EXIT_WITHIN_MS = 8_000;

type Seeded = { email: string; personId: string; otherPersonId: string };
type Prepared = PreparedStorage<Seeded>;

/** A key worker who leads two people's care teams; the server finds the database migrated. */
async function seed(db: Db): Promise<Seeded> {
  const tenant = await createTenant(db);
  const worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Stopping Worker" });
  const person = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }] });
  const other = await createPerson(db, tenant, { members: [{ user: worker, role: "lead" }] });
  return { email: worker.email, personId: person.id, otherPersonId: other.id };
}

interface Session {
  cookie: string;
  csrf: string;
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";

/** Signs in through the sign-in form, as a browser does. */
async function signIn(baseUrl: string, email: string): Promise<Session> {
  const page = await fetch(`${baseUrl}${paths.signIn()}`);
  const csrfCookies = cookiesOf(page);
  const csrf = csrfIn(await page.text());
  const signedIn = await fetch(`${baseUrl}${paths.signIn()}`, {
    method: "POST",
    body: new URLSearchParams({ _csrf: csrf, email, password: TEST_PASSWORD }),
    headers: { cookie: csrfCookies.join("; "), "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  const session = cookiesOf(signedIn).find((cookie) => cookie.startsWith("keywork_session="));
  if (!session) throw new Error(`sign-in failed: ${signedIn.status}`);
  return { cookie: [...csrfCookies, session].join("; "), csrf };
}

interface Answer {
  status: number;
  /** The Connection header of the answer. */
  connection: string | undefined;
}

/** Starts a request; `form` makes it a form post. The caller ends it (the body may come in parts). */
function startRequest(baseUrl: string, agent: http.Agent | false, session: Session, path: string, form?: string): { request: http.ClientRequest; answer: Promise<Answer> } {
  const headers: http.OutgoingHttpHeaders = { cookie: session.cookie };
  if (form !== undefined) Object.assign(headers, { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(form) });
  const request = http.request(`${baseUrl}${path}`, { method: form === undefined ? "GET" : "POST", agent, headers });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on("error", reject);
    request.on("response", (response) => {
      response.on("error", reject);
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }));
    });
  });
  return { request, answer };
}

const contactForm = (session: Session, note: string) => new URLSearchParams({ _csrf: session.csrf, type: "phone", note }).toString();

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  /** When the request was sent, relative to the signal. */
  sent: "before" | "after";
  /** A contact with this note, or (null) a read of the caseload. */
  note: string | null;
  answer: Answer | null;
  /** The error code when the connection failed instead (refused, reset). */
  error: string | null;
}

interface Stage {
  baseUrl: string;
  session: Session;
  prepared: Prepared;
  /** Sends SIGTERM to the server. */
  signal(): void;
  /** Resolves once the busy browsers have had two more answers each (the server has read what was sent before), or after 5 s. */
  progress(): Promise<void>;
  /** Resolves once a busy browser has seen the server closing (a 503, a closed or refused connection), or after 5 s. */
  closing(): Promise<void>;
}

/** What a scenario adds around the signal, and what it expects once the server has gone. */
interface ScenarioEnd {
  /** Notes of contacts that must be stored besides those acknowledged to the busy browsers. */
  mustBeStored: string[];
  /** Checks the scenario's own clients once the server has gone. */
  check(): Promise<void>;
}

type Scenario = (stage: Stage) => Promise<ScenarioEnd>;

/** Starts a request and has its answer (or its failure) ignored: a client that will give up on it. */
function startAbandoned(stage: Stage, personId: string, note: string): http.ClientRequest {
  const form = contactForm(stage.session, note);
  const { request, answer } = startRequest(stage.baseUrl, false, stage.session, paths.people.contacts(personId), form);
  answer.catch(() => undefined);
  request.end(form);
  return request;
}

/**
 * A browser on a slow connection has sent its form's headers and half its body when the signal
 * comes, sends the rest once the server is closing, and would keep its connection open; and a few
 * clients give up on their requests as the signal comes.
 */
const slowUploadAndClientsGivingUp: Scenario = async (stage) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const form = contactForm(stage.session, "slow-upload");
  const slow = startRequest(stage.baseUrl, agent, stage.session, paths.people.contacts(stage.prepared.seeded.personId), form);
  const slowAnswer = slow.answer.catch((error: unknown) => ({ status: 0, connection: (error as NodeJS.ErrnoException).code }));
  slow.request.write(form.slice(0, 20));
  await Promise.all([stage.progress(), delay(100)]);
  const abandoned = Array.from({ length: ABANDONED }, (_, index) => startAbandoned(stage, stage.prepared.seeded.otherPersonId, `abandoned-${index}`));
  await delay(10);
  stage.signal();
  await delay(10);
  for (const request of abandoned) request.destroy();
  await stage.closing();
  slow.request.end(form.slice(20));
  return {
    mustBeStored: ["slow-upload"],
    async check() {
      // Being handled when the signal came: its real answer, after which its connection is closed.
      expect(await slowAnswer, "the answer to the form half uploaded at the signal").toEqual({ status: 303, connection: "close" });
      agent.destroy();
    },
  };
};

/**
 * PostgreSQL: clients give up on requests that the test holds in the database (a lock on the
 * person's row, which recording a contact for them waits for) until well after the signal.
 */
const clientsGivingUpOnRequestsHeldInTheDatabase: Scenario = async (stage) => {
  const locker = new pg.Client({ connectionString: "databaseUrl" in stage.prepared.storage ? stage.prepared.storage.databaseUrl : "" });
  await locker.connect();
  try {
    await locker.query("BEGIN");
    await locker.query("SELECT 1 FROM people WHERE id = $1 FOR UPDATE", [stage.prepared.seeded.otherPersonId]);
    const notes = Array.from({ length: ABANDONED }, (_, index) => `held-${index}`);
    const held = notes.map((note) => startAbandoned(stage, stage.prepared.seeded.otherPersonId, note));
    // Long enough for them to reach the lock and wait there.
    await Promise.all([stage.progress(), delay(300)]);
    stage.signal();
    await delay(20);
    for (const request of held) request.destroy();
    await stage.closing();
    await delay(300);
    await locker.query("ROLLBACK");
    // They were being handled when the signal came, so they finish and commit, with nobody to answer.
    return { mustBeStored: notes, check: async () => undefined };
  } finally {
    await locker.end();
  }
};

async function stopWhileBusy(prepare: () => Promise<Prepared>, scenario: Scenario): Promise<void> {
  const prepared = await prepare();
  let server: KeyworkProcess | undefined;
  const busyAgent = new http.Agent({ keepAlive: true, maxSockets: BUSY_CONNECTIONS });
  try {
    server = await startKeyworkProcess({
      env: { LOG_LEVEL: "warn", KEYWORK_DEMO: "0", KEYWORK_REQUIRE_SECOND_FACTOR: "0", KEYWORK_ESCALATION_MINUTES: "0", ...storageEnvironment(prepared.storage) },
      startupTimeoutMs: 60_000,
      pollIntervalMs: 200,
      stopTimeoutMs: 5_000,
    });
    const { baseUrl, child } = server;
    const closed = server.whenExited();
    const session = await signIn(baseUrl, prepared.seeded.email);
    const contacts = paths.people.contacts(prepared.seeded.personId);

    // Browsers on keep-alive connections, each alternately recording a contact and reading the caseload, until the server has gone.
    const outcomes: Outcome[] = [];
    let signalled = false;
    let written = 0;
    let answered = 0;
    let sequence = 0;
    let gone = false;
    void closed.then(() => (gone = true));
    let seenClosing: () => void = () => undefined;
    const closingSeen = new Promise<void>((resolve) => (seenClosing = resolve));
    const browser = async () => {
      while (!gone) {
        const index = sequence++;
        const note = index % 2 === 0 ? `busy-${index}` : null;
        const outcome: Outcome = { sent: signalled ? "after" : "before", note, answer: null, error: null };
        outcomes.push(outcome);
        const form = note ? contactForm(session, note) : undefined;
        const { request, answer } = startRequest(baseUrl, busyAgent, session, note ? contacts : paths.caseload(), form);
        request.end(form);
        try {
          outcome.answer = await answer;
          answered++;
          if (outcome.answer.status === 303) written++;
          if (outcome.sent === "after" && (outcome.answer.status === 503 || outcome.answer.connection === "close")) seenClosing();
          if (outcome.answer.status === 503) await delay(5);
        } catch (error) {
          outcome.error = (error as NodeJS.ErrnoException).code ?? String(error);
          if (outcome.sent === "after") seenClosing();
          await delay(10);
        }
      }
    };
    const browsers = Array.from({ length: BUSY_CONNECTIONS }, browser);
    const streamDeadline = Date.now() + 15_000;
    while (written < WRITES_BEFORE_SIGNAL && Date.now() < streamDeadline) await delay(20);
    expect(written, "contacts recorded before the signal").toBeGreaterThanOrEqual(WRITES_BEFORE_SIGNAL);

    const end = await scenario({
      baseUrl,
      session,
      prepared,
      signal() {
        signalled = true;
        child.kill("SIGTERM");
      },
      async progress() {
        const target = answered + 2 * BUSY_CONNECTIONS;
        const deadline = Date.now() + 5_000;
        while (answered < target && Date.now() < deadline) await delay(10);
      },
      closing: () => Promise.race([closingSeen, delay(5_000).then(() => undefined)]),
    });
    const exitCode = await Promise.race([closed, delay(EXIT_WITHIN_MS).then(() => "still running" as const)]);
    const output = server.output();
    // Still running: kill it, so that the clients stop too.
    if (exitCode === "still running") await server.kill();
    await Promise.all(browsers);

    expect(exitCode, `how Keywork stopped within ${EXIT_WITHIN_MS / 1000} s of SIGTERM. Its output:\n${output}`).toBe(0);
    expect(output, "errors logged while stopping").not.toMatch(/"level":(50|60)|Cannot use a pool/);
    await end.check();

    const unexpected = outcomes.filter((outcome) => {
      if (outcome.answer) return ![200, 303, 503].includes(outcome.answer.status) || (outcome.answer.status === 503 && outcome.answer.connection !== "close");
      return outcome.sent === "before" || !["ECONNREFUSED", "ECONNRESET", "EPIPE"].includes(outcome.error ?? "");
    });
    expect(unexpected, "answers other than 200, 303 or a closing 503; failures other than a refused or closed connection after the signal").toEqual([]);
    // A request sent just before the signal may reach the server after it: at most one a connection.
    const refusedBefore = outcomes.filter((outcome) => outcome.sent === "before" && outcome.answer?.status === 503);
    expect(refusedBefore.length, "requests sent before the signal answered 503").toBeLessThanOrEqual(BUSY_CONNECTIONS);

    // Every contact acknowledged, and each the scenario expects, is stored: read from the stopped server's database.
    const acknowledged = outcomes.filter((outcome) => outcome.note && outcome.answer?.status === 303).map((outcome) => outcome.note ?? "");
    const database = await prepared.open();
    try {
      const rows = await queryRows<{ note: string }>(database.db, sql`SELECT note FROM contacts WHERE tenant_id = (SELECT tenant_id FROM people WHERE id = ${prepared.seeded.personId})`);
      const stored = new Set(rows.map((row) => row.note));
      expect([...acknowledged, ...end.mustBeStored].filter((note) => !stored.has(note)), "contacts missing after the stop").toEqual([]);
    } finally {
      await database.close();
    }
  } catch (error) {
    if (server) console.error(`Server output:\n${server.output()}`);
    throw error;
  } finally {
    busyAgent.destroy();
    await server?.kill();
    await prepared.cleanup();
  }
}

describe("SIGTERM while clients are busy", () => {
  const databaseUrl = inject("databaseUrl");

  it("finishes a slow upload and the requests given up on, refuses new ones, and stops, on the embedded database", { timeout: 90_000 }, async () => {
    await stopWhileBusy(() => prepareEmbeddedStorage("keywork-stop", seed), slowUploadAndClientsGivingUp);
  });

  it.runIf(databaseUrl)("finishes a slow upload and the requests given up on, refuses new ones, and stops, on PostgreSQL", { timeout: 90_000 }, async () => {
    await stopWhileBusy(() => preparePostgresStorage(databaseUrl ?? "", "kw_stop", seed), slowUploadAndClientsGivingUp);
  });

  it.runIf(databaseUrl)("finishes requests held in the database whose clients have gone before closing the pool, on PostgreSQL", { timeout: 90_000 }, async () => {
    await stopWhileBusy(() => preparePostgresStorage(databaseUrl ?? "", "kw_stop", seed), clientsGivingUpOnRequestsHeldInTheDatabase);
  });
});
