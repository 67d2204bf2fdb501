import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/support/app.ts";
import { createTenant } from "../../../test/support/factories.ts";
import { spawnKeyworkProcess, startKeyworkProcess, type KeyworkProcess } from "../../../test/support/keywork-process.ts";
import { audit } from "../audit/index.ts";
import { DataDirectoryInUse, lockDataDirectory } from "./data-directory-lock.ts";
import { isUuid, newId } from "./ids.ts";
import { migrate, readMigrations } from "./migrate.ts";
import type { Database } from "./open.ts";
import { queryRows } from "./query.ts";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("migrations", () => {
  it("are numbered SQL files applied once, so running them again changes nothing", async () => {
    const migrations = readMigrations();
    expect(migrations.map((migration) => migration.name)).toEqual([...migrations.map((migration) => migration.name)].sort());
    expect(migrations[0]?.name).toMatch(/^0000_/);
    expect(await migrate(database.db)).toEqual([]);
    const applied = await queryRows<{ name: string }>(database.db, sql`SELECT name FROM keywork_migrations ORDER BY name`);
    expect(applied.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
  });

  it("take turns when several processes start at once", async () => {
    const results = await Promise.all([migrate(database.db), migrate(database.db), migrate(database.db)]);
    expect(results).toEqual([[], [], []]);
  });
});

describe("the audit trail", () => {
  it("cannot be changed or deleted, even by Keywork itself", async () => {
    const tenant = await createTenant(database.db);
    await audit(database.db, { tenantId: tenant.tenantId, userId: newId(), ip: "127.0.0.1" }, { action: "test.event" });
    await expect(database.db.execute(sql`UPDATE audit_events SET action = 'tampered' WHERE tenant_id = ${tenant.tenantId}`)).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM audit_events WHERE tenant_id = ${tenant.tenantId}`)).rejects.toThrow();
    const rows = await queryRows<{ action: string }>(database.db, sql`SELECT action FROM audit_events WHERE tenant_id = ${tenant.tenantId}`);
    expect(rows).toEqual([{ action: "test.event" }]);
  });

  it("is written in the same transaction as the change, so a failed change leaves no audit row", async () => {
    const tenant = await createTenant(database.db);
    await expect(
      database.db.transaction(async (tx) => {
        await audit(tx, { tenantId: tenant.tenantId, userId: newId(), ip: "127.0.0.1" }, { action: "doomed.change" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const rows = await queryRows(database.db, sql`SELECT 1 FROM audit_events WHERE tenant_id = ${tenant.tenantId}`);
    expect(rows).toEqual([]);
  });
});

describe("ids", () => {
  it("are UUIDv7: version 7, variant 10, and in creation order", () => {
    const ids = Array.from({ length: 500 }, () => newId());
    for (const id of ids) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe("7");
      expect(["8", "9", "a", "b"]).toContain(id[19]);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const millis = Number.parseInt(newId(Date.UTC(2026, 0, 1)).replace(/-/g, "").slice(0, 12), 16);
    expect(millis).toBe(Date.UTC(2026, 0, 1));
  });
});

describe("the data directory lock", () => {
  it("refuses a second holder while the first is alive, and takes over from one that died", () => {
    const directory = mkdtempSync(join(tmpdir(), "keywork-lock-"));
    try {
      const lock = lockDataDirectory(directory);
      // The test process itself is alive, so a lock naming another live pid must be refused: use the parent's.
      writeFileSync(join(directory, "keywork.lock"), String(process.ppid));
      expect(() => lockDataDirectory(directory)).toThrow(DataDirectoryInUse);
      lock.release();
      writeFileSync(join(directory, "keywork.lock"), "999999999");
      const takenOver = lockDataDirectory(directory);
      takenOver.release();
      expect(existsSync(join(directory, "keywork.lock"))).toBe(false);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/** Keywork on the embedded database in `dataDir`, without demo data; DATABASE_URL is left out. */
const onDataDir = (dataDir: string) => ({ env: { KEYWORK_DATA_DIR: dataDir, DATABASE_URL: undefined, LOG_LEVEL: "warn", KEYWORK_DEMO: "0" }, stopTimeoutMs: 10_000 });

// The embedded database is the one that two processes would corrupt; PostgreSQL runs do not use a data directory.
describe.skipIf(Boolean(process.env.DATABASE_URL))("a Keywork process on the embedded database", () => {
  it("refuses a second process on the same data directory, and shuts down cleanly on SIGTERM keeping its data", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "keywork-process-"));
    const started: KeyworkProcess[] = [];
    try {
      const first = await startKeyworkProcess({ ...onDataDir(dataDir), startupTimeoutMs: 60_000 });
      started.push(first);
      const second = await spawnKeyworkProcess(onDataDir(dataDir));
      started.push(second);
      expect(await second.whenExited()).toBe(1);
      expect(second.output()).toContain("Another Keywork process");
      expect((await fetch(`${first.baseUrl}/health`)).status).toBe(200);
      first.child.kill("SIGTERM");
      expect(await first.whenExited()).toBe(0);
      expect(existsSync(join(dataDir, "keywork.lock"))).toBe(false);
      const third = await startKeyworkProcess({ ...onDataDir(dataDir), startupTimeoutMs: 60_000 });
      started.push(third);
      expect(third.output()).not.toContain("Database updated");
      third.child.kill("SIGINT");
      expect(await third.whenExited()).toBe(0);
    } finally {
      for (const keywork of started) await keywork.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
