import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openTestDatabase, startTestApp } from "../../../test/support/app.ts";
import type { Database } from "./open.ts";
import { newId } from "./ids.ts";
import { queryRows } from "./query.ts";
import { analyseEmbeddedDatabase } from "./statistics.ts";

/**
 * A table of the test's own with 50 rows: the database's idea of its size (`reltuples`) is -1 until
 * it has been analysed, and 50 after. (The embedded database is shared by the files of a worker, so
 * its own tables may have been analysed already by another file's app.)
 */
async function scratchTable(database: Database): Promise<{ estimate(): Promise<number>; drop(): Promise<void> }> {
  const name = `scratch_${newId().replaceAll("-", "")}`;
  await database.db.execute(sql.raw(`CREATE TABLE ${name} AS SELECT generate_series(1, 50) AS n`));
  return {
    estimate: async () => (await queryRows<{ estimate: number }>(database.db, sql`SELECT reltuples::int AS estimate FROM pg_class WHERE relname = ${name}`))[0]?.estimate ?? 0,
    drop: async () => {
      await database.db.execute(sql.raw(`DROP TABLE ${name}`));
    },
  };
}

describe("the embedded database's planner statistics", () => {
  it("are made by analysing it; analysing PostgreSQL is left to its autovacuum", async () => {
    const database = await openTestDatabase();
    const table = await scratchTable(database);
    try {
      expect(await table.estimate()).toBe(-1);
      const analysed = await analyseEmbeddedDatabase(database);
      expect(analysed).toBe(database.kind === "pglite");
      if (database.kind === "pglite") expect(await table.estimate()).toBe(50);
    } finally {
      await table.drop();
      await database.close();
    }
  });

  it("are brought up to date when Keywork starts listening on the embedded database", async () => {
    const testApp = await startTestApp();
    const table = await scratchTable(testApp.database);
    try {
      // startTestApp listens before the table exists; a second start of the statistics job comes
      // with the next listen, which a fresh app gives.
      const second = await startTestApp();
      try {
        // PostgreSQL's own autovacuum decides when to analyse; Keywork adds nothing there.
        if (testApp.database.kind === "pglite") await expect.poll(() => table.estimate(), { timeout: 10_000 }).toBe(50);
      } finally {
        await second.close();
      }
    } finally {
      await table.drop();
      await testApp.close();
    }
  });
});
