import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { seedDemo } from "../../src/demo/seed.ts";
import { migrate } from "../../src/platform/database/migrate.ts";
import { openDatabase } from "../../src/platform/database/open.ts";
import { DEMO_PASSWORD } from "./harness.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** An embedded data directory, migrated and with the demo loaded, that each journey's server starts from a copy of. */
    demoDataTemplate: string;
  }
}

/**
 * Migrates and loads the demo once per run: each file's server then starts from a copy in a second
 * or two instead of loading the whole demo partnership again.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(join(tmpdir(), "keywork-e2e-template-"));
  const database = await openDatabase({ dataDir: directory });
  await migrate(database.db);
  await seedDemo(database.db, DEMO_PASSWORD);
  await database.close();
  project.provide("demoDataTemplate", directory);
  return () => rm(directory, { recursive: true, force: true });
}
