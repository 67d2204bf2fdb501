import { sql } from "drizzle-orm";
import type { Db, Tx } from "../database/open.ts";
import { queryRows } from "../database/query.ts";

/**
 * Tables a backup holds: every table of the public schema but the migration journal, which restore
 * rebuilds, and what is only about the moment: sessions (a restored Keywork signs everybody out) and
 * the counts of recent sign-in and second-factor attempts.
 */
export interface BackupTable {
  name: string;
  primaryKey: string[];
  /** Holds files (bytea): read and written a few rows at a time. */
  holdsFiles: boolean;
}

const LEFT_OUT = new Set(["keywork_migrations", "sessions", "sign_in_attempts", "second_factor_attempts"]);

/**
 * Keywork's tables in an order that loads without breaking a foreign key: every table after the
 * tables it refers to. A table that refers to itself is loaded in one statement per batch, in the
 * order its rows were read, which is the order they were written in.
 */
export async function backupTables(db: Db | Tx): Promise<BackupTable[]> {
  const tables = await queryRows<{ name: string; primary_key: string[] | null; holds_files: boolean }>(
    db,
    sql`SELECT cls.relname AS name,
               (SELECT array_agg(att.attname::text ORDER BY position.ordinality)
                  FROM pg_constraint pk
                  CROSS JOIN LATERAL unnest(pk.conkey) WITH ORDINALITY AS position(attnum, ordinality)
                  JOIN pg_attribute att ON att.attrelid = pk.conrelid AND att.attnum = position.attnum
                 WHERE pk.conrelid = cls.oid AND pk.contype = 'p') AS primary_key,
               EXISTS (SELECT 1 FROM pg_attribute col WHERE col.attrelid = cls.oid AND col.attnum > 0 AND NOT col.attisdropped AND col.atttypid = 'bytea'::regtype) AS holds_files
          FROM pg_class cls
          JOIN pg_namespace ns ON ns.oid = cls.relnamespace
         WHERE ns.nspname = 'public' AND cls.relkind = 'r'
         ORDER BY cls.relname`,
  );
  const references = await queryRows<{ from_table: string; to_table: string }>(
    db,
    sql`SELECT DISTINCT source.relname AS from_table, target.relname AS to_table
          FROM pg_constraint fk
          JOIN pg_class source ON source.oid = fk.conrelid
          JOIN pg_class target ON target.oid = fk.confrelid
          JOIN pg_namespace ns ON ns.oid = source.relnamespace
         WHERE fk.contype = 'f' AND ns.nspname = 'public'`,
  );
  const dependsOn = new Map<string, Set<string>>();
  for (const reference of references) {
    if (reference.from_table === reference.to_table) continue;
    const set = dependsOn.get(reference.from_table) ?? new Set<string>();
    set.add(reference.to_table);
    dependsOn.set(reference.from_table, set);
  }
  const ordered: BackupTable[] = [];
  const placed = new Set<string>();
  const remaining = tables.filter((table) => !LEFT_OUT.has(table.name));
  while (remaining.length > 0) {
    const index = remaining.findIndex((table) => [...(dependsOn.get(table.name) ?? [])].every((target) => placed.has(target) || LEFT_OUT.has(target)));
    if (index < 0) throw new Error(`The tables' foreign keys go round in a circle: ${remaining.map((table) => table.name).join(", ")}`);
    const [table] = remaining.splice(index, 1);
    if (!table) break;
    if (!table.primary_key || table.primary_key.length === 0) throw new Error(`Table ${table.name} has no primary key, so it cannot be read in batches`);
    ordered.push({ name: table.name, primaryKey: table.primary_key, holdsFiles: table.holds_files });
    placed.add(table.name);
  }
  return ordered;
}

/** The names of the migrations this database has had, in order. */
export async function appliedMigrations(db: Db | Tx): Promise<string[]> {
  const [exists] = await queryRows<{ present: boolean }>(db, sql`SELECT to_regclass('public.keywork_migrations') IS NOT NULL AS present`);
  if (!exists?.present) return [];
  const rows = await queryRows<{ name: string }>(db, sql`SELECT name FROM keywork_migrations ORDER BY name`);
  return rows.map((row) => row.name);
}
