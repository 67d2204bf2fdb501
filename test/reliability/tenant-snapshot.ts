import { sql } from "drizzle-orm";
import type { Db } from "../../src/platform/database/open.ts";
import { queryRows } from "../../src/platform/database/query.ts";

/**
 * A fingerprint of everything one tenant holds: for every table with a `tenant_id` (found in the
 * catalogue, so a new table is covered without anyone listing it), the number of the tenant's rows
 * and an md5 of their full text. Comparing two fingerprints says whether anything was inserted,
 * changed or deleted in between — an UPDATE that bumped a version, a row left behind by a half-done
 * write — in one query over a small tenant.
 *
 * Left out, because a refused request changes them by design:
 *  - audit_events: refused attempts (a break-glass request that does not match, an action with an
 *    owner outside the partnership) are audited, append-only;
 *  - sessions: every signed-in request moves the session's last-seen time (idle timeout).
 */
const CHANGES_BY_DESIGN = new Set(["audit_events", "sessions"]);

export type Fingerprint = Map<string, string>;

const tablesOf = new WeakMap<Db, Promise<string[]>>();

async function tenantTables(db: Db): Promise<string[]> {
  const known = tablesOf.get(db);
  if (known) return known;
  const tables = queryRows<{ table_name: string }>(
    db,
    sql`SELECT columns.table_name FROM information_schema.columns columns
        JOIN information_schema.tables tables ON tables.table_schema = columns.table_schema AND tables.table_name = columns.table_name
        WHERE columns.table_schema = 'public' AND columns.column_name = 'tenant_id' AND tables.table_type = 'BASE TABLE'
        ORDER BY columns.table_name`,
  ).then((rows) => rows.map((row) => row.table_name).filter((name) => !CHANGES_BY_DESIGN.has(name)));
  tablesOf.set(db, tables);
  return tables;
}

export async function fingerprint(db: Db, tenantId: string): Promise<Fingerprint> {
  const tables = await tenantTables(db);
  const parts = tables.map(
    (table) => sql`SELECT ${table}::text AS name, count(*)::int AS row_count, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest
      FROM ${sql.identifier(table)} t WHERE t.tenant_id = ${tenantId}`,
  );
  const rows = await queryRows<{ name: string; row_count: number; digest: string }>(db, sql.join(parts, sql` UNION ALL `));
  return new Map(rows.map((row) => [row.name, `${row.row_count} rows, ${row.digest}`]));
}

/** The tables whose rows differ between two fingerprints, with what each held before and after. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name)).map((name) => `${name}: ${before.get(name)} -> ${after.get(name)}`);
}

/** How many tables the fingerprint covers: a check that it covers anything at all. */
export async function fingerprintedTables(db: Db): Promise<string[]> {
  return tenantTables(db);
}
