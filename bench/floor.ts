/**
 * The floor: the same SQL each page runs, sent straight through the driver with nothing else — no
 * HTTP, no Fastify, no rendering, no query builder. The app is built in this process over the
 * benchmark's database with a query logger; one request of each kind is made with `inject`, and
 * every statement it ran is kept with its parameters. Replaying a request runs its statements in
 * order (ids the request generated are replaced by new ones, so inserts stay valid), at the same
 * concurrency as the page measurement. Ratio = page p95 / floor p95.
 */
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { FastifyInstance } from "fastify";
import type pg from "pg";
import { createApp } from "../src/app.ts";
import { readConfig } from "../src/config.ts";
import { systemClock } from "../src/platform/clock.ts";
import { newId } from "../src/platform/database/ids.ts";
import type { Database, Db } from "../src/platform/database/open.ts";
import * as tables from "../src/platform/database/tables.ts";
import { paths } from "../src/platform/http/paths.ts";
import type { Target, Who } from "./targets.ts";

export interface Statement {
  text: string;
  params: unknown[];
}

/** Every statement of one request. */
export type Recording = Statement[];

const client = (database: Database) => (database.db as unknown as { $client: pg.Pool | PGlite }).$client;

/** Records, per target, the statements of one request to each of its paths. */
export async function recordTargets(database: Database, targets: Target[], credentials: Record<Exclude<Who, "poster">, string>, password: string): Promise<Map<string, Recording[]>> {
  let recording: Statement[] | null = null;
  const logger = { logQuery: (text: string, params: unknown[]) => recording?.push({ text, params: [...params] }) };
  const raw = client(database);
  const db = (database.kind === "pglite" ? drizzlePglite(raw as PGlite, { schema: tables, logger }) : drizzlePostgres(raw as pg.Pool, { schema: tables, logger })) as unknown as Db;
  const config = { ...readConfig({ LOG_LEVEL: "silent" }), demo: false, escalationMinutes: 0, secondFactorRequired: false, signInRateLimitPerMinute: 100_000 };
  const app = await createApp({ config, database: { ...database, db }, clock: systemClock });
  try {
    const sessions = {
      worker: await injectSignIn(app, credentials.worker, password),
      manager: await injectSignIn(app, credentials.manager, password),
    };
    const poster = await injectSignIn(app, credentials.worker, password);
    const recordings = new Map<string, Recording[]>();
    for (const target of targets) {
      const session = target.who === "poster" ? poster : sessions[target.who];
      const list: Recording[] = [];
      for (const path of target.paths) {
        recording = [];
        const response = await app.inject({
          method: target.method,
          url: path,
          headers: { cookie: session.cookie, ...(target.body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
          ...(target.body ? { payload: target.body(session.csrf) } : {}),
        });
        if (response.statusCode !== target.expect) throw new Error(`${target.name}: ${path} answered ${response.statusCode} in the recording`);
        list.push(recording);
        recording = null;
      }
      recordings.set(target.name, list);
    }
    return recordings;
  } finally {
    await app.close();
  }
}

async function injectSignIn(app: FastifyInstance, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const page = await app.inject({ method: "GET", url: paths.signIn() });
  const csrfCookie = page.cookies.map((cookie) => `${cookie.name}=${cookie.value}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  const signedIn = await app.inject({
    method: "POST",
    url: paths.signIn(),
    payload: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
    headers: { cookie: csrfCookie.join("; "), "content-type": "application/x-www-form-urlencoded" },
  });
  const session = signedIn.cookies.find((cookie) => cookie.name === "keywork_session");
  if (!session) throw new Error(`in-process sign-in as ${email} failed: ${signedIn.statusCode}`);
  return { cookie: [...csrfCookie, `keywork_session=${session.value}`].join("; "), csrf };
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The recording with the ids made during it replaced by new ones (the same new id for the same old one). */
export function freshIds(recording: Recording, madeAfter: number): Recording {
  const replaced = new Map<string, string>();
  const fresh = (value: unknown): unknown => {
    if (typeof value !== "string" || !UUID_V7.test(value)) return value;
    if (Number.parseInt(value.slice(0, 8) + value.slice(9, 13), 16) < madeAfter) return value;
    let id = replaced.get(value);
    if (!id) replaced.set(value, (id = newId()));
    return id;
  };
  return recording.map((statement) => ({ text: statement.text, params: statement.params.map(fresh) }));
}

const TRANSACTION_CONTROL = /^\s*(begin|commit|rollback|savepoint|release)\b/i;

/** Runs one recorded request straight through the driver; returns its time in ms. */
export function replayer(database: Database, recordedAfter: number): (recording: Recording) => Promise<number> {
  const raw = client(database);
  if (database.kind === "pglite") {
    const pglite = raw as PGlite;
    return async (recording) => {
      const statements = freshIds(recording, recordedAfter).filter((statement) => !TRANSACTION_CONTROL.test(statement.text));
      const started = performance.now();
      await pglite.transaction(async (tx) => {
        for (const statement of statements) await tx.query(statement.text, statement.params);
      });
      return performance.now() - started;
    };
  }
  const pool = raw as pg.Pool;
  return async (recording) => {
    const statements = freshIds(recording, recordedAfter);
    const started = performance.now();
    const connection = await pool.connect();
    try {
      for (const statement of statements) await connection.query(statement.text, statement.params);
    } catch (error) {
      await connection.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
    return performance.now() - started;
  };
}

export interface FloorResult {
  connections: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statements: number;
}

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;

/** `connections` workers replaying the recordings in turn for `seconds`. */
export async function measureFloor(replay: (recording: Recording) => Promise<number>, recordings: Recording[], connections: number, seconds: number): Promise<FloorResult> {
  const latencies: number[] = [];
  let errors = 0;
  let turn = 0;
  const until = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      const recording = recordings[turn++ % recordings.length] ?? [];
      try {
        latencies.push(await replay(recording));
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const statements = Math.round(recordings.reduce((sum, recording) => sum + recording.length, 0) / Math.max(1, recordings.length));
  return { connections, perSecond: Math.round(latencies.length / elapsed), p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), p99: percentile(latencies, 0.99), errors, statements };
}
