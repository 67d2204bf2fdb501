import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import type { TestProject } from "vitest/node";
import { migrate } from "../../src/platform/database/migrate.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { openDatabase } from "../../src/platform/database/open.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated embedded database to clone (PGlite runs), as a file path. */
    migratedDumpPath: string | null;
    databaseUrl: string | null;
  }
}

/**
 * Migrates once per run. On PGlite the migrated database is dumped so that each test file starts
 * from a copy in well under a second; on PostgreSQL every file shares the migrated database and
 * keeps out of the others' way by creating its own tenant.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const databaseUrl = process.env.DATABASE_URL || null;
  project.provide("databaseUrl", databaseUrl);
  if (databaseUrl) {
    const database = await openDatabase({ databaseUrl });
    await migrate(database.db);
    await database.close();
    project.provide("migratedDumpPath", null);
    return () => undefined;
  }
  const directory = mkdtempSync(join(tmpdir(), "keywork-test-"));
  const client = await PGlite.create();
  await migrate(drizzle(client) as unknown as Db);
  const dump = await client.dumpDataDir("none");
  const dumpPath = join(directory, "migrated.tar");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  project.provide("migratedDumpPath", dumpPath);
  return () => rmSync(directory, { recursive: true, force: true });
}
