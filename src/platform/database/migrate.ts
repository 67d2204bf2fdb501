import { queryRows } from "./query.ts";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Db } from "./open.ts";

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");
/** Any constant shared by every Keywork process: the key of the advisory lock held while migrating. */
const MIGRATION_LOCK_KEY = 7_304_115;

export interface Migration {
  name: string;
  statements: string[];
}

export function readMigrations(directory = MIGRATIONS_DIR): Migration[] {
  return readdirSync(directory)
    .filter((file) => /^\d{4}_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      name: file.replace(/\.sql$/, ""),
      statements: readFileSync(join(directory, file), "utf8")
        .split("--> statement-breakpoint")
        .map((statement) => statement.trim())
        .filter((statement) => statement.length > 0),
    }));
}

/**
 * Applies the numbered SQL migrations that have not yet run, each in its own transaction, while
 * holding a session advisory lock so that several Keywork processes starting at once take turns.
 * Returns the names of the migrations it applied.
 */
export async function migrate(db: Db, migrations: Migration[] = readMigrations()): Promise<string[]> {
  const applied: string[] = [];
  // A transaction pins one pooled connection, so the session lock and the work share it.
  await db.transaction(async (outer) => {
    await outer.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await outer.execute(sql`CREATE TABLE IF NOT EXISTS keywork_migrations (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await queryRows<{ name: string }>(outer, sql`SELECT name FROM keywork_migrations`);
    const doneNames = new Set(done.map((row) => row.name));
    for (const migration of migrations) {
      if (doneNames.has(migration.name)) continue;
      for (const statement of migration.statements) {
        await outer.execute(sql.raw(statement));
      }
      await outer.execute(sql`INSERT INTO keywork_migrations (name) VALUES (${migration.name})`);
      applied.push(migration.name);
    }
  });
  return applied;
}
