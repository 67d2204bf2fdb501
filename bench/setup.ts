/** The generated city for the benchmark and the soak: found in the database, or generated first. */
import { spawnSync } from "node:child_process";
import { SCALE_TENANT } from "../src/cli/seed-scale.ts";
import { migrate } from "../src/platform/database/migrate.ts";
import { openDatabase, type Database } from "../src/platform/database/open.ts";
import { findScenario, type Scenario } from "./targets.ts";

export type Kind = "postgresql" | "pglite";

export interface Prepared {
  database: Database;
  scenario: Scenario;
  /** Seconds `keywork seed-scale` took, or null when the data was there already. */
  seedSeconds: number | null;
}

export async function openBenchDatabase(kind: Kind, databaseUrl: string | undefined, dataDir: string | undefined): Promise<Database> {
  const database = await openDatabase(kind === "postgresql" ? { databaseUrl } : { dataDir });
  await migrate(database.db);
  return database;
}

/** Generates the city with `keywork seed-scale` in a process of its own; returns the seconds it took. */
function seed(kind: Kind, people: number, databaseUrl: string | undefined, dataDir: string | undefined, password: string): number {
  console.log(`Generating ${people.toLocaleString("en-GB")} people on ${kind}…`);
  const started = performance.now();
  const environment = { ...process.env, DATABASE_URL: kind === "postgresql" ? (databaseUrl ?? "") : "", KEYWORK_DATA_DIR: dataDir ?? "./data" };
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", "seed-scale", "--people", String(people), "--password", password], { env: environment, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`seed-scale failed (${result.status})`);
  return Math.round((performance.now() - started) / 100) / 10;
}

/** Opens the database, generating `people` first when the city is not there. The caller closes it. */
export async function prepare(kind: Kind, options: { people: number; databaseUrl?: string | undefined; dataDir?: string | undefined; password: string }): Promise<Prepared> {
  let database = await openBenchDatabase(kind, options.databaseUrl, options.dataDir);
  let scenario = await findScenario(database.db, SCALE_TENANT);
  let seedSeconds: number | null = null;
  if (!scenario) {
    await database.close();
    seedSeconds = seed(kind, options.people, options.databaseUrl, options.dataDir, options.password);
    database = await openBenchDatabase(kind, options.databaseUrl, options.dataDir);
    scenario = await findScenario(database.db, SCALE_TENANT);
    if (!scenario) {
      await database.close();
      throw new Error("the generated tenant was not found");
    }
  }
  return { database, scenario, seedSeconds };
}
