import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import type { Database, Db, Tx } from "../../src/platform/database/open.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { Conflict } from "../../src/platform/http/errors.ts";
import { openTestDatabase } from "./app.ts";

/** How two overlapping saves ended: the winner's result, and why the loser was refused. */
export interface OverlappingSaves<Won> {
  won: Won;
  /** What the loser threw (a save against a version is refused, never applied over the winner's). */
  refused: unknown;
  /** True when the loser was seen waiting for the winner's uncommitted write (PostgreSQL only). */
  overlapped: boolean;
}

const WAIT_FOR_LOSER_MS = 10_000;

/**
 * For tests of saving against a version: two saves of the same record, both made against what the
 * editors read, where the loser reads the record before the winner commits and writes after it.
 *
 * On PostgreSQL `winner` gets a handle whose first writing transaction, its work done, waits before
 * committing; `loser` starts then, reads what was committed before (without the winner's change),
 * and its write waits for the winner's row or key; only then does the winner commit. That is the
 * case in which what a service read first is no longer what is stored when its save is refused.
 * The embedded database runs one transaction at a time, so there the two simply run in turn, the
 * winner first. Throws when the winner fails or the loser is not refused.
 */
export async function overlappingSaves<Won>(database: Database, winner: (db: Db) => Promise<Won>, loser: (db: Db) => Promise<unknown>): Promise<OverlappingSaves<Won>> {
  const { db } = database;
  if (database.kind === "pglite") {
    const won = await winner(db);
    return { won, refused: await refusal(loser(db)), overlapped: false };
  }
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding = (_pid: number): void => undefined;
  const held = new Promise<number>((resolve) => (holding = resolve));
  let holdOne = true;
  const holdingDb = Object.create(db) as Db;
  holdingDb.transaction = (async <Result>(work: (tx: Tx) => Promise<Result>, config?: Parameters<Db["transaction"]>[1]): Promise<Result> =>
    db.transaction(async (tx) => {
      const result = await work(tx);
      const [state] = await queryRows<{ pid: number; wrote: boolean }>(tx, sql`SELECT pg_backend_pid() AS pid, txid_current_if_assigned() IS NOT NULL AS wrote`);
      if (holdOne && state?.wrote) {
        holdOne = false;
        holding(Number(state.pid));
        await released;
      }
      return result;
    }, config)) as Db["transaction"];

  const winning = winner(holdingDb);
  const pid = await Promise.race([held, winning.then(() => null, () => null)]);
  if (pid === null) {
    // The winner ended without writing, or failed: nothing to overlap with.
    const won = await winning;
    return { won, refused: await refusal(loser(db)), overlapped: false };
  }
  const losing = refusal(loser(db));
  let overlapped = false;
  try {
    overlapped = await waitUntilBlocked(db, pid, losing);
  } finally {
    release();
  }
  const won = await winning;
  return { won, refused: await losing, overlapped };
}

/** What a save threw; an Error when it was not refused. */
async function refusal(save: Promise<unknown>): Promise<unknown> {
  try {
    await save;
  } catch (error) {
    return error;
  }
  throw new Error("The second save against the same version was not refused: it was saved over the first");
}

/** Waits until some session waits for the one with `pid` (true), or `loser` ends, or a timeout (false). */
async function waitUntilBlocked(db: Db, pid: number, loser: Promise<unknown>): Promise<boolean> {
  let ended = false;
  void loser.then(
    () => (ended = true),
    () => (ended = true),
  );
  const deadline = Date.now() + WAIT_FOR_LOSER_MS;
  while (!ended && Date.now() < deadline) {
    const [row] = await queryRows<{ waiting: number | string }>(db, sql`SELECT count(*) AS waiting FROM pg_stat_activity WHERE ${pid}::int = ANY (pg_blocking_pids(pid))`);
    if (Number(row?.waiting ?? 0) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

/** A database of the test file's own, opened before its tests and closed after them. */
export function useTestDatabase(): () => Database {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error("the test database is not open yet");
    return database;
  };
}

/** The Conflict the loser of two overlapping saves was refused with (fails the test otherwise). */
export function conflictOf(refused: unknown): Conflict {
  expect(refused).toBeInstanceOf(Conflict);
  return refused as Conflict;
}
