import { sql } from "drizzle-orm";
import type { RoutePlugin } from "../../app.ts";
import { everyMinutesWhileListening } from "../periodic.ts";
import type { Database } from "./open.ts";

/** How often the embedded database's statistics are brought up to date while Keywork runs. */
export const ANALYSE_EVERY_MINUTES = 60;

/**
 * Brings the embedded database's planner statistics up to date. PostgreSQL's autovacuum does this
 * for a server; the embedded database has none, so without it every query is planned as if each
 * table held a handful of rows, and a plan that is right for a few rows can be very wrong for a
 * team's hundreds (ADR 8). Nothing to do on PostgreSQL.
 */
export async function analyseEmbeddedDatabase(database: Database): Promise<boolean> {
  if (database.kind !== "pglite") return false;
  await database.db.execute(sql`ANALYZE`);
  return true;
}

/** Analyses the embedded database when Keywork starts listening, then every hour; closing waits for a run. */
export const embeddedStatistics: RoutePlugin = (app, deps) => {
  if (deps.database.kind !== "pglite") return;
  everyMinutesWhileListening(
    app,
    ANALYSE_EVERY_MINUTES,
    async () => {
      await analyseEmbeddedDatabase(deps.database);
    },
    (error) => app.log.warn({ err: error }, "could not update the embedded database's statistics; queries still work"),
  );
};
