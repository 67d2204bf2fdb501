import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { readConfig } from "../config.ts";
import { BackupRefused, restoreBackup, writeBackup } from "../platform/backup/backup.ts";
import { DataDirectoryInUse } from "../platform/database/data-directory-lock.ts";
import { appliedMigrations } from "../platform/backup/tables.ts";
import { migrate, readMigrations } from "../platform/database/migrate.ts";
import { openDatabase, type Database } from "../platform/database/open.ts";

const HELP = `Usage: keywork <command>

  start                     start Keywork (the same as npm start)
  backup [file]             write a backup of the database (default: keywork-backup-<date>.jsonl.gz)
  restore <file> [--replace]
                            restore a backup into this database; --replace removes what is there first
  seed-scale [--people 100000] [--seed 1] [--password keywork-scale]
                            generate a city-scale partnership for benchmarks (BENCHMARKS.md)

The database is PostgreSQL when DATABASE_URL is set, otherwise the embedded one in KEYWORK_DATA_DIR
(./data). Stop Keywork before backing up or restoring the embedded database: only one process can
open it at a time.`;

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = readConfig();
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirectoryInUse) throw new BackupRefused(`${error.message}. Stop Keywork first.`);
    throw error;
  }
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case "start":
      await import("../main.ts");
      return -1;
    case "backup": {
      const file = resolve(rest[0] ?? `keywork-backup-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-")}.jsonl.gz`);
      if (existsSync(file)) throw new BackupRefused(`${file} exists already: choose a new file name`);
      const config = readConfig();
      if (!config.databaseUrl && !existsSync(join(config.dataDir, "pgdata"))) throw new BackupRefused(`There is no embedded database in ${resolve(config.dataDir)}: check KEYWORK_DATA_DIR`);
      const summary = await withDatabase(async (database) => {
        // A backup changes nothing: not even the schema, so it can be taken before an upgrade.
        const applied = await appliedMigrations(database.db);
        if (applied.length === 0) throw new BackupRefused("This database has no Keywork tables: check DATABASE_URL or KEYWORK_DATA_DIR");
        const known = readMigrations().map((migration) => migration.name);
        if (applied.some((name) => !known.includes(name))) throw new BackupRefused("This database was updated by a newer Keywork: back it up with that version");
        return writeBackup(database.db, file, (line) => console.log(`  ${line}`));
      });
      console.log(`Backed up ${summary.rows} rows from ${summary.tables.length} tables to ${file}`);
      return 0;
    }
    case "restore": {
      const file = rest.find((arg) => !arg.startsWith("--"));
      if (!file) {
        console.error("Say which backup to restore: keywork restore <file>");
        return 2;
      }
      if (!existsSync(resolve(file))) throw new BackupRefused(`There is no file ${resolve(file)}`);
      const summary = await withDatabase(async (database) => {
        await migrate(database.db);
        return restoreBackup(database.db, resolve(file), { replace: rest.includes("--replace"), progress: (line) => console.log(`  ${line}`) });
      });
      console.log(`Restored ${summary.rows} rows into ${summary.tables.length} tables from ${resolve(file)}`);
      return 0;
    }
    case "seed-scale":
      return (await import("./seed-scale.ts")).seedScaleCommand(rest);
    case undefined:
    case "help":
    case "--help":
      console.log(HELP);
      return 0;
    default:
      console.error(`Unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    const code = (error as { code?: unknown }).code;
    if (error instanceof BackupRefused) console.error(`Nothing was changed: ${error.message}`);
    else if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR") console.error("Nothing was changed: this file is not a Keywork backup (it is not gzip-compressed)");
    else console.error(error);
    process.exit(1);
  },
);
