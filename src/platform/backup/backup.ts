import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../database/open.ts";
import { queryRows } from "../database/query.ts";
import { appliedMigrations, backupTables, type BackupTable } from "./tables.ts";

/**
 * Keywork's backups: one gzip file of JSON lines that the embedded database and PostgreSQL both
 * write and read, so a backup of one restores into the other. The first line describes the backup
 * (format, when, the migrations the database had, each table and its row count is at the end); then
 * one line per row, `{"t": table, "r": row}`, tables in an order that loads without breaking a
 * foreign key. Rows are read in batches by primary key, so memory stays flat however large the data.
 */

export const BACKUP_FORMAT = "keywork-backup";
export const BACKUP_VERSION = 1;
const BATCH_ROWS = 2_000;
/** Rows of a table that holds files (receipts, up to 5 MB each) read at a time. */
const FILE_BATCH_ROWS = 8;
/** A restore writes a batch once it holds this much JSON, however few rows that is. */
const BATCH_BYTES = 16 * 1024 * 1024;

interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  migrations: string[];
  tables: string[];
}

interface TableCount {
  table: string;
  rows: number;
}

export interface BackupSummary {
  tables: TableCount[];
  rows: number;
}

export type Progress = (message: string) => void;

function keyColumns(table: BackupTable): SQL {
  return sql.join(table.primaryKey.map((column) => sql.identifier(column)), sql`, `);
}

/** Each batch of a table's rows as JSON text, in primary-key order. */
async function* rowsOf(db: Db, table: BackupTable): AsyncGenerator<Array<{ row: string; key: unknown[] }>> {
  let after: unknown[] | null = null;
  const keys = keyColumns(table);
  const keyJson = sql.join(table.primaryKey.map((column) => sql`${sql.identifier(column)}::text`), sql`, `);
  const limit = table.holdsFiles ? FILE_BATCH_ROWS : BATCH_ROWS;
  for (;;) {
    const where: SQL = after === null ? sql`` : sql`WHERE (${keys}) > (${sql.join(after.map((value) => sql`${value}`), sql`, `)})`;
    const batch: Array<{ row: string; key: unknown[] }> = (
      await queryRows<{ row: string; key: unknown[] }>(
        db,
        sql`SELECT row_to_json(source)::text AS row, ARRAY[${keyJson}] AS key FROM ${sql.identifier(table.name)} source ${where} ORDER BY ${keys} LIMIT ${limit}`,
      )
    ).map((entry) => ({ row: entry.row, key: entry.key }));
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1]?.key ?? null;
    if (batch.length < limit) return;
  }
}

/** Writes a backup of the whole database to `path`. Reads in one repeatable-read transaction, so the copy is consistent. */
export async function writeBackup(db: Db, path: string, progress: Progress = () => undefined): Promise<BackupSummary> {
  const gzip = createGzip();
  const file = createWriteStream(path, { flags: "wx", mode: 0o600 });
  const done = pipeline(gzip, file);
  const write = async (line: string): Promise<void> => {
    if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
  };
  const counts: TableCount[] = [];
  try {
    await db.transaction(
      async (tx) => {
        const tables = await backupTables(tx as unknown as Db);
        const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), migrations: await appliedMigrations(tx), tables: tables.map((table) => table.name) };
        await write(JSON.stringify(header));
        for (const table of tables) {
          let rows = 0;
          for await (const batch of rowsOf(tx as unknown as Db, table)) {
            for (const entry of batch) await write(`{"t":${JSON.stringify(table.name)},"r":${entry.row}}`);
            rows += batch.length;
          }
          counts.push({ table: table.name, rows });
          if (rows > 0) progress(`${table.name}: ${rows} rows`);
        }
        await write(JSON.stringify({ end: true, counts }));
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
  } finally {
    gzip.end();
    await done;
  }
  return { tables: counts, rows: counts.reduce((total, count) => total + count.rows, 0) };
}

export class BackupRefused extends Error {}

async function tableRowCounts(db: Db, tables: readonly string[]): Promise<number> {
  let total = 0;
  for (const table of tables) {
    const [row] = await queryRows<{ count: number | string }>(db, sql`SELECT count(*) AS count FROM ${sql.identifier(table)}`);
    total += Number(row?.count ?? 0);
  }
  return total;
}

/**
 * Restores a backup into a database that has Keywork's schema at the same migrations and no rows
 * (run `migrate` first on a new database). With `replace`, the rows there now are removed first, in
 * the same transaction: if anything fails, the database is left as it was.
 */
export async function restoreBackup(db: Db, path: string, options: { replace?: boolean; progress?: Progress } = {}): Promise<BackupSummary> {
  const progress = options.progress ?? (() => undefined);
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  let header: BackupHeader;
  try {
    header = JSON.parse(first.done ? "" : first.value) as BackupHeader;
  } catch {
    throw new BackupRefused("This file is not a Keywork backup");
  }
  if (header.format !== BACKUP_FORMAT) throw new BackupRefused("This file is not a Keywork backup");
  if (header.version !== BACKUP_VERSION) throw new BackupRefused(`This backup is in format ${header.version}; this Keywork reads format ${BACKUP_VERSION}`);
  const here = await appliedMigrations(db);
  if (here.join(",") !== header.migrations.join(",")) {
    throw new BackupRefused(
      `This backup was made at migration ${header.migrations.at(-1) ?? "(none)"} and this database is at ${here.at(-1) ?? "(none)"}: restore it with the Keywork version that made it, then upgrade`,
    );
  }
  const counts = new Map<string, number>();
  let ended: { counts: TableCount[] } | null = null;
  await db.transaction(async (tx) => {
    const target = tx as unknown as Db;
    const tables = await backupTables(target);
    const names = tables.map((table) => table.name);
    if ((await tableRowCounts(target, names)) > 0) {
      if (!options.replace) throw new BackupRefused("This database already holds data: restore into an empty one, or say --replace to replace everything in it");
      // The audit trail and other history refuse to be emptied, rightly; replacing the whole
      // database is the one exception, and it happens in this transaction or not at all.
      for (const name of names) await tx.execute(sql`ALTER TABLE ${sql.identifier(name)} DISABLE TRIGGER USER`);
      await tx.execute(sql`TRUNCATE ${sql.join(names.map((name) => sql.identifier(name)), sql`, `)} CASCADE`);
      for (const name of names) await tx.execute(sql`ALTER TABLE ${sql.identifier(name)} ENABLE TRIGGER USER`);
    }
    const known = new Set(names);
    let batchTable: string | null = null;
    let batch: string[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      if (!batchTable || batch.length === 0) return;
      batchBytes = 0;
      await tx.execute(sql`INSERT INTO ${sql.identifier(batchTable)} SELECT * FROM json_populate_recordset(NULL::${sql.identifier(batchTable)}, ${`[${batch.join(",")}]`}::json)`);
      counts.set(batchTable, (counts.get(batchTable) ?? 0) + batch.length);
      batch = [];
    };
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!next.value) continue;
      const entry = JSON.parse(next.value) as { t?: string; r?: unknown; end?: boolean; counts?: TableCount[] };
      if (entry.end) {
        ended = { counts: entry.counts ?? [] };
        continue;
      }
      if (!entry.t || !known.has(entry.t)) throw new BackupRefused(`The backup has rows for a table this database does not have: ${entry.t ?? "(none)"}`);
      if (entry.t !== batchTable) {
        await flush();
        if (batchTable) progress(`${batchTable}: ${counts.get(batchTable) ?? 0} rows`);
        batchTable = entry.t;
      }
      const row = JSON.stringify(entry.r);
      batch.push(row);
      batchBytes += row.length;
      if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) await flush();
    }
    await flush();
    if (batchTable) progress(`${batchTable}: ${counts.get(batchTable) ?? 0} rows`);
    const expected = (ended as { counts: TableCount[] } | null)?.counts;
    if (!expected) throw new BackupRefused("The backup ends early: it was not finished, or the file was cut short. Nothing was restored");
    for (const count of expected) {
      if ((counts.get(count.table) ?? 0) !== count.rows) throw new BackupRefused(`The backup says ${count.table} has ${count.rows} rows but ${counts.get(count.table) ?? 0} were read. Nothing was restored`);
    }
  });
  const tables = [...counts].map(([table, rows]) => ({ table, rows }));
  return { tables, rows: tables.reduce((total, count) => total + count.rows, 0) };
}
