import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../demo/seed.ts";
import { migrate } from "../platform/database/migrate.ts";
import { openDatabase, type Database } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";
import { BackupRefused, restoreBackup, writeBackup } from "../platform/backup/backup.ts";
import { backupTables } from "../platform/backup/tables.ts";

/**
 * The restore drill: a database with the demo partnership in it is backed up, restored into an empty
 * database, and compared table by table, row by row. On a PostgreSQL run (DATABASE_URL) the drill
 * also goes across: embedded to PostgreSQL and back, each into a new database of its own.
 */

const databaseUrl = process.env.DATABASE_URL || null;
const directory = mkdtempSync(join(tmpdir(), "keywork-backup-test-"));
const opened: Database[] = [];
const createdDatabases: string[] = [];

async function freshPglite(): Promise<Database> {
  const database = await openDatabase({});
  opened.push(database);
  await migrate(database.db);
  return database;
}

function urlFor(name: string): string {
  const url = new URL(databaseUrl ?? "");
  url.pathname = `/${name}`;
  return url.toString();
}

async function freshPostgres(): Promise<Database> {
  const name = `keywork_restore_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = await openDatabase({ databaseUrl: urlFor("postgres") });
  await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
  await admin.close();
  createdDatabases.push(name);
  const database = await openDatabase({ databaseUrl: urlFor(name) });
  opened.push(database);
  await migrate(database.db);
  return database;
}

/** Every table's row count and a digest of its rows in primary-key order: equal digests, equal data. */
async function fingerprint(database: Database): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of await backupTables(database.db)) {
    const order = sql.join(table.primaryKey.map((column) => sql.identifier(column)), sql`, `);
    const [row] = await queryRows<{ rows: number | string; digest: string | null }>(
      database.db,
      sql`SELECT count(*) AS rows, md5(string_agg(row_to_json(source)::text, E'\n' ORDER BY ${order})) AS digest FROM ${sql.identifier(table.name)} source`,
    );
    result[table.name] = `${Number(row?.rows ?? 0)}:${row?.digest ?? "-"}`;
  }
  return result;
}

let source: Database;
let sourceFingerprint: Record<string, string>;
const backupPath = join(directory, "demo.jsonl.gz");

beforeAll(async () => {
  source = await freshPglite();
  await seedDemo(source.db, "backup-drill");
  sourceFingerprint = await fingerprint(source);
  await writeBackup(source.db, backupPath);
}, 120_000);

afterAll(async () => {
  for (const database of opened) await database.close();
  if (createdDatabases.length > 0) {
    const admin = await openDatabase({ databaseUrl: urlFor("postgres") });
    for (const name of createdDatabases) await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name}`));
    await admin.close();
  }
  rmSync(directory, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("restores the demo partnership into an empty database exactly as it was", async () => {
    const populated = Object.entries(sourceFingerprint).filter(([, value]) => !value.startsWith("0:"));
    // The drill means something only if the demo fills the tables that matter.
    expect(populated.length).toBeGreaterThan(30);
    expect(sourceFingerprint.budget_receipts?.startsWith("0:")).toBe(false);
    const target = await freshPglite();
    const summary = await restoreBackup(target.db, backupPath);
    expect(summary.rows).toBeGreaterThan(500);
    expect(await fingerprint(target)).toEqual(sourceFingerprint);
  }, 120_000);

  it("refuses a database that already holds data unless told to replace it, and then replaces it whole", async () => {
    const target = await freshPglite();
    await restoreBackup(target.db, backupPath);
    await target.db.execute(sql`UPDATE people SET story = 'changed after the backup' WHERE id = (SELECT id FROM people ORDER BY id LIMIT 1)`);
    const changed = await fingerprint(target);
    await expect(restoreBackup(target.db, backupPath)).rejects.toThrow(BackupRefused);
    expect(await fingerprint(target)).toEqual(changed);
    await restoreBackup(target.db, backupPath, { replace: true });
    expect(await fingerprint(target)).toEqual(sourceFingerprint);
  }, 120_000);

  it("restores nothing from a file cut short or from another file", async () => {
    const whole = gunzipSync(readFileSync(backupPath)).toString("utf8").split("\n");
    const cutPath = join(directory, "cut.jsonl.gz");
    writeFileSync(cutPath, gzipSync(whole.slice(0, Math.floor(whole.length / 2)).join("\n")));
    const notBackupPath = join(directory, "not-a-backup.jsonl.gz");
    writeFileSync(notBackupPath, gzipSync('{"hello":"world"}\n'));
    const target = await freshPglite();
    const empty = await fingerprint(target);
    await expect(restoreBackup(target.db, cutPath)).rejects.toThrow("ends early");
    await expect(restoreBackup(target.db, notBackupPath)).rejects.toThrow("not a Keywork backup");
    expect(await fingerprint(target)).toEqual(empty);
  }, 120_000);

  it("backs up and restores files far larger than a batch (receipts of a megabyte each)", async () => {
    const withFiles = await freshPglite();
    await restoreBackup(withFiles.db, backupPath);
    const megabyte = "ab".repeat(512 * 1024);
    await withFiles.db.execute(
      sql`INSERT INTO budget_receipts (id, tenant_id, spend_id, person_id, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
          SELECT gen_random_uuid(), tenant_id, spend_id, person_id, 'big-' || n || '.pdf', media_type, 1048576, sha256, decode(${megabyte}, 'hex'), uploaded_by, uploaded_at
          FROM budget_receipts, generate_series(1, 24) AS n WHERE id = (SELECT id FROM budget_receipts ORDER BY id LIMIT 1)`,
    );
    const bigPath = join(directory, "big.jsonl.gz");
    await writeBackup(withFiles.db, bigPath);
    const target = await freshPglite();
    await restoreBackup(target.db, bigPath);
    const receipts = (await fingerprint(target)).budget_receipts;
    expect(receipts).toEqual((await fingerprint(withFiles)).budget_receipts);
    // The demo's receipt and 24 of a megabyte: more than one restore batch's worth of bytes.
    expect(receipts).toMatch(/^25:/);
  }, 120_000);

  it("refuses a backup made at other migrations", async () => {
    const whole = gunzipSync(readFileSync(backupPath)).toString("utf8").split("\n");
    const header = JSON.parse(whole[0] ?? "{}") as { migrations: string[] };
    header.migrations = header.migrations.slice(0, -1);
    const olderPath = join(directory, "older.jsonl.gz");
    writeFileSync(olderPath, gzipSync([JSON.stringify(header), ...whole.slice(1)].join("\n")));
    const target = await freshPglite();
    await expect(restoreBackup(target.db, olderPath)).rejects.toThrow("restore it with the Keywork version that made it");
  }, 60_000);

  it.runIf(databaseUrl)("goes across: embedded to PostgreSQL, and PostgreSQL back to embedded", async () => {
    const postgres = await freshPostgres();
    await restoreBackup(postgres.db, backupPath);
    expect(await fingerprint(postgres)).toEqual(sourceFingerprint);
    const fromPostgresPath = join(directory, "from-postgres.jsonl.gz");
    await writeBackup(postgres.db, fromPostgresPath);
    const embedded = await freshPglite();
    await restoreBackup(embedded.db, fromPostgresPath);
    expect(await fingerprint(embedded)).toEqual(sourceFingerprint);
  }, 180_000);
});
