import { createApp } from "./app.ts";
import { readConfig } from "./config.ts";
import { systemClock } from "./platform/clock.ts";
import { demoSignInLines, seedDemo } from "./demo/seed.ts";
import { DataDirectoryInUse } from "./platform/database/data-directory-lock.ts";
import { migrate } from "./platform/database/migrate.ts";
import { openDatabase, type Database } from "./platform/database/open.ts";

/** How long a stop waits for the requests in progress and background work before closing the database anyway. */
const STOP_WAIT_MS = 10_000;
/** How long it then waits for the database to close (a query stuck on a lock would keep PostgreSQL's pool open). */
const DATABASE_CLOSE_WAIT_MS = 5_000;

/** Whether `promise` settled within `ms` (its rejection is thrown); false if it had not by then. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

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
  // New requests are answered 503 at once; those in progress finish and commit first (app.ts),
  // and only then is the database closed. Something stuck holds the stop up for a while, not for ever.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping Keywork once the requests in progress have finished.`);
    let clean = true;
    try {
      if (!(await settlesWithin(app.close(), STOP_WAIT_MS))) {
        console.error(`Keywork had not finished its requests and background work ${STOP_WAIT_MS / 1000} s after ${signal}; closing the database anyway.`);
        clean = false;
      }
    } catch (error) {
      console.error(error);
      clean = false;
    }
    try {
      if (!(await settlesWithin(database.close(), DATABASE_CLOSE_WAIT_MS))) {
        console.error(`Keywork: the database had not closed ${DATABASE_CLOSE_WAIT_MS / 1000} s later (a query is still running); stopping without it.`);
        clean = false;
      }
    } catch (error) {
      console.error(error);
      clean = false;
    }
    process.exit(clean ? 0 : 1);
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
