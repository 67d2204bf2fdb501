import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { systemClock } from "./platform/clock.ts";
import { demoSignInLines, seedDemo } from "./demo/seed.ts";
import { DataDirectoryInUse } from "./platform/database/data-directory-lock.ts";
import { migrate } from "./platform/database/migrate.ts";
import { openDatabase, type Database } from "./platform/database/open.ts";

async function main(): Promise<void> {
  const config = readConfig();
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirectoryInUse) {
      console.error(`Keywork did not start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const applied = await migrate(database.db);
  if (applied.length > 0) console.log(`Database updated: ${applied.join(", ")}`);

  if (config.demo) {
    const loaded = await seedDemo(database.db, config.demoPassword);
    if (loaded) console.log("Demo data loaded: the fictional Northmoor partnership.");
  }

  const app = await createApp({ config, database, clock: systemClock });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping Keywork.`);
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === "pglite" ? `the embedded database in ${config.dataDir}` : "PostgreSQL";
  console.log(`Keywork is running at http://localhost:${config.port} on ${where}.`);
  if (config.demo) for (const line of demoSignInLines(config.demoPassword)) console.log(line);
}

main().catch((error: unknown) => {
  console.error("Keywork did not start:", error);
  process.exit(1);
});
