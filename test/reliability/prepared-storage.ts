/**
 * A database of a reliability test's own, migrated and seeded, for a Keywork process to run on: an
 * embedded data directory (made in memory from the run's migrated copy when there is one, then
 * unpacked where the server will find it, several times faster than migrating on disk), or a fresh
 * PostgreSQL database on the run's server, dropped afterwards.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import pg from "pg";
import { inject } from "vitest";
import { migrate } from "../../src/platform/database/migrate.ts";
import { openDatabase, type Database, type Db } from "../../src/platform/database/open.ts";
import type { Storage } from "./server-process.ts";

export interface PreparedStorage<Seeded> {
  storage: Storage;
  /** What `seed` returned. */
  seeded: Seeded;
  /** Opens the storage from the test itself (after the server has stopped, on the embedded database). */
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

/** `prefix` names the temporary directory, for finding a leftover one. */
export async function prepareEmbeddedStorage<Seeded>(prefix: string, seed: (db: Db) => Promise<Seeded>): Promise<PreparedStorage<Seeded>> {
  const dataDir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const dumpPath = inject("migratedDumpPath");
  const client = await PGlite.create(dumpPath ? { loadDataDir: new Blob([readFileSync(dumpPath)]) } : {});
  const db = drizzle(client) as unknown as Db;
  if (!dumpPath) await migrate(db);
  const seeded = await seed(db);
  const dump = await client.dumpDataDir("none");
  await client.close();
  const tarPath = join(dataDir, "seed.tar");
  await writeFile(tarPath, Buffer.from(await dump.arrayBuffer()));
  await mkdir(join(dataDir, "pgdata"));
  execFileSync("tar", ["-xf", tarPath, "-C", join(dataDir, "pgdata")], { stdio: "ignore" });
  await rm(tarPath);
  return {
    storage: { dataDir },
    seeded,
    open: () => openDatabase({ dataDir }),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** `prefix` starts the database's name, for finding a leftover one. */
export async function preparePostgresStorage<Seeded>(databaseUrl: string, prefix: string, seed: (db: Db) => Promise<Seeded>): Promise<PreparedStorage<Seeded>> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await migrate(database.db);
  const seeded = await seed(database.db);
  await database.close();
  return {
    storage: { databaseUrl: url.toString() },
    seeded,
    open: () => openDatabase({ databaseUrl: url.toString() }),
    async cleanup() {
      const dropper = new pg.Client({ connectionString: databaseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
