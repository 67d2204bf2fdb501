/**
 * Bulk loading for `keywork seed-scale`: rows are encoded once as PostgreSQL's COPY text format and
 * sent with COPY FROM STDIN (PostgreSQL, through pg-copy-streams) or COPY FROM '/dev/blob'
 * (PGlite), a chunk at a time, all in one transaction: a load that fails leaves nothing behind.
 */
import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Database } from "../platform/database/open.ts";

/** A jsonb value (plain arrays are written as PostgreSQL arrays). */
export class Json {
  constructor(readonly value: unknown) {}
}

export type CopyValue = string | number | boolean | Date | null | undefined | readonly string[] | Json;

const escapeText = (text: string): string => (/[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (character) => ESCAPES[character] ?? character) : text);
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`).join(",")}}`;
}

/** One value in COPY's text format. */
export function copyValue(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return escapeText(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Json) return escapeText(JSON.stringify(value.value));
  return escapeText(arrayLiteral(value));
}

/** Where a table's rows go: `add` buffers a row; `flushIfFull` sends the buffer once it is big enough. */
export interface TableLoad {
  add(values: CopyValue[]): void;
  flushIfFull(): Promise<void>;
  readonly rows: number;
}

/** What the loader reports: a table begun, rows sent, a table done. */
export interface LoadEvents {
  begin(table: string): void;
  rows(table: string, count: number): void;
  end(table: string): void;
}

export interface BulkLoader {
  readonly kind: Database["kind"];
  /** Loads one table: `produce` adds the rows; the promise settles when PostgreSQL has them. */
  table(name: string, columns: readonly string[], produce: (load: TableLoad) => Promise<void>): Promise<number>;
  /** Plain SQL inside the same transaction. */
  execute(text: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
}

class Buffered implements TableLoad {
  private lines: string[] = [];
  private size = 0;
  rows = 0;
  constructor(
    private readonly limit: number,
    private readonly send: (text: string) => Promise<void>,
    private readonly onRows: (count: number) => void,
  ) {}

  add(values: CopyValue[]): void {
    const line = `${values.map(copyValue).join("\t")}\n`;
    this.lines.push(line);
    this.size += line.length;
    this.rows++;
  }

  async flushIfFull(): Promise<void> {
    if (this.size >= this.limit) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = this.lines.join("");
    const count = this.lines.length;
    this.lines = [];
    this.size = 0;
    await this.send(text);
    this.onRows(count);
  }
}

const copySql = (name: string, columns: readonly string[]) => `COPY "${name}" (${columns.map((column) => `"${column}"`).join(", ")}) FROM STDIN`;

function postgresLoader(client: pg.PoolClient, events: LoadEvents): BulkLoader {
  return {
    kind: "postgresql",
    async table(name, columns, produce) {
      events.begin(name);
      const stream = client.query(copyFrom(copySql(name, columns)));
      const done = finished(stream);
      done.catch(() => undefined);
      const load = new Buffered(1 << 20, async (text) => {
        if (!stream.write(text)) await Promise.race([once(stream, "drain"), done]);
      }, (count) => events.rows(name, count));
      await produce(load);
      await load.flush();
      stream.end();
      await done;
      events.end(name);
      return load.rows;
    },
    async execute(text, params = []) {
      return (await client.query(text, params)).rows as Array<Record<string, unknown>>;
    },
  };
}

function pgliteLoader(tx: Transaction, events: LoadEvents): BulkLoader {
  return {
    kind: "pglite",
    async table(name, columns, produce) {
      events.begin(name);
      const statement = copySql(name, columns).replace(/STDIN$/, "'/dev/blob'");
      const load = new Buffered(8 << 20, async (text) => {
        await tx.query(statement, [], { blob: new Blob([text]) });
      }, (count) => events.rows(name, count));
      await produce(load);
      await load.flush();
      events.end(name);
      return load.rows;
    },
    async execute(text, params = []) {
      return (await tx.query<Record<string, unknown>>(text, params)).rows;
    },
  };
}

/**
 * Runs `work` in one transaction with a loader for the database underneath. On PostgreSQL the
 * transaction uses one pooled connection; on PGlite, the embedded database's own transaction.
 */
export async function inBulkTransaction<T>(database: Database, events: LoadEvents, work: (loader: BulkLoader) => Promise<T>): Promise<T> {
  const client = (database.db as unknown as { $client: pg.Pool | PGlite }).$client;
  if (database.kind === "pglite") {
    return (client as PGlite).transaction((tx) => work(pgliteLoader(tx, events)));
  }
  const connection = await (client as pg.Pool).connect();
  try {
    await connection.query("BEGIN");
    const result = await work(postgresLoader(connection, events));
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

/** Runs statements outside any transaction (VACUUM cannot run inside one). */
export async function runOutsideTransaction(database: Database, statements: string[]): Promise<void> {
  const client = (database.db as unknown as { $client: pg.Pool | PGlite }).$client;
  for (const statement of statements) {
    if (database.kind === "pglite") await (client as PGlite).exec(statement);
    else await (client as pg.Pool).query(statement);
  }
}
