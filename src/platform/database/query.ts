import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "./open.ts";

/**
 * Runs raw SQL and returns its rows. Both drivers (PGlite and node-postgres) answer `execute` with
 * `{ rows }`; the shared PgDatabase type does not know that, so the cast lives here once.
 */
export async function queryRows<Row>(tx: Db | Tx, query: SQL): Promise<Row[]> {
  const result = (await tx.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
