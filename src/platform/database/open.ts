import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { PreparingClient } from "./prepared-statements.ts";
import * as tables from "./tables.ts";
import { lockDataDirectory, type DataDirectoryLock } from "./data-directory-lock.ts";

export type Schema = typeof tables;
/** The query builder Keywork uses everywhere, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A database handle inside a transaction; the same API as Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type DatabaseKind = "pglite" | "postgresql";

export interface Database {
  kind: DatabaseKind;
  db: Db;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; omit for an in-memory one (tests). */
  dataDir?: string | undefined;
  /** A migrated copy of a database to start from (tests clone one per file). */
  loadDataDir?: Blob | File | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir, options.loadDataDir);
}

async function openPostgres(connectionString: string): Promise<Database> {
  // Everything is stored and compared in UTC; presentation converts to Europe/London. No JIT: for
  // queries of a few milliseconds it compiled for hundreds (BENCHMARKS.md, city scale).
  const pool = new pg.Pool({ connectionString, max: 10, options: "-c TimeZone=UTC -c jit=off", Client: PreparingClient });
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePostgres(pool, { schema: tables }) as unknown as Db;
  return { kind: "postgresql", db, close: () => pool.end() };
}

async function openPglite(dataDir: string | undefined, loadDataDir: Blob | File | undefined): Promise<Database> {
  let lock: DataDirectoryLock | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockDataDirectory(dataDir);
  }
  try {
    const client = await PGlite.create({
      ...(dataDir ? { dataDir: `${dataDir}/pgdata` } : {}),
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    await client.exec("SET TIME ZONE 'UTC'");
    const db = drizzlePglite(client, { schema: tables }) as unknown as Db;
    return {
      kind: "pglite",
      db,
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
