import { resolve } from "node:path";
import { readConfig } from "../config.ts";
import { BackupRefused, restoreBackup, writeBackup } from "../platform/backup/backup.ts";
import { DataDirectoryInUse } from "../platform/database/data-directory-lock.ts";
import { migrate } from "../platform/database/migrate.ts";
import { openDatabase, type Database } from "../platform/database/open.ts";

const HELP = `Usage: keywork <command>

  start                     start Keywork (the same as npm start)
  backup [file]             write a backup of the database (default: keywork-backup-<date>.jsonl.gz)
  restore <file> [--replace]
                            restore a backup into this database; --replace removes what is there first

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
      const summary = await withDatabase(async (database) => {
        await migrate(database.db);
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
      const summary = await withDatabase(async (database) => {
        await migrate(database.db);
        return restoreBackup(database.db, resolve(file), { replace: rest.includes("--replace"), progress: (line) => console.log(`  ${line}`) });
      });
      console.log(`Restored ${summary.rows} rows into ${summary.tables.length} tables from ${resolve(file)}`);
      return 0;
    }
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
    console.error(error instanceof BackupRefused ? `Nothing was changed: ${error.message}` : error);
    process.exit(1);
  },
);
