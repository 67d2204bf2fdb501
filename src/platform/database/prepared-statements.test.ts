import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MOST_PREPARED_PER_CONNECTION, PreparingClient } from "./prepared-statements.ts";

const databaseUrl = process.env.DATABASE_URL;

// Prepared statements are PostgreSQL's own: the embedded database is not reached through this client.
describe.skipIf(!databaseUrl)("statements prepared once per PostgreSQL connection", () => {
  let client: PreparingClient;

  beforeAll(async () => {
    client = new PreparingClient({ connectionString: databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  const preparedWithText = async (text: string) =>
    (await client.query<{ count: number }>("SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1", [text])).rows[0]?.count;

  it("prepares a statement with parameters once and answers each call with its own values", async () => {
    const text = "SELECT $1::int + 1 AS next";
    expect(await preparedWithText(text)).toBe(0);
    expect((await client.query(text, [1])).rows).toEqual([{ next: 2 }]);
    expect((await client.query({ text }, [41])).rows).toEqual([{ next: 42 }]);
    expect(await preparedWithText(text)).toBe(1);
  });

  it("sends statements without parameters as they are, so several in one text still run", async () => {
    await client.query("CREATE TEMP TABLE prepared_probe (n int); INSERT INTO prepared_probe VALUES (7)");
    expect((await client.query("SELECT n FROM prepared_probe")).rows).toEqual([{ n: 7 }]);
    expect(await preparedWithText("SELECT n FROM prepared_probe")).toBe(0);
  });

  it("keeps a statement the caller named under the caller's name", async () => {
    await client.query({ name: "callers_own", text: "SELECT $1::text AS said", values: ["hello"] });
    const names = await client.query<{ name: string }>("SELECT name FROM pg_prepared_statements WHERE statement = 'SELECT $1::text AS said'");
    expect(names.rows.map((row) => row.name)).toEqual(["callers_own"]);
  });

  it(`stops preparing new statements after ${MOST_PREPARED_PER_CONNECTION} on one connection, and still answers them`, async () => {
    const before = (await client.query<{ count: number }>("SELECT count(*)::int AS count FROM pg_prepared_statements")).rows[0]?.count ?? 0;
    for (let index = 0; index < MOST_PREPARED_PER_CONNECTION + 20; index++) {
      const { rows } = await client.query(`SELECT $1::int * ${index} AS product`, [2]);
      expect(rows[0]).toEqual({ product: 2 * index });
    }
    const after = (await client.query<{ count: number }>("SELECT count(*)::int AS count FROM pg_prepared_statements")).rows[0]?.count ?? 0;
    // One of the earlier tests named its own statement; that one is not counted by the client.
    expect(after).toBe(MOST_PREPARED_PER_CONNECTION + 1);
    expect(after - before).toBeLessThan(MOST_PREPARED_PER_CONNECTION + 20);
  });

  it("is what Keywork's connection pool uses", async () => {
    const { openDatabase } = await import("./open.ts");
    const database = await openDatabase({ databaseUrl });
    try {
      const pool = (database.db as unknown as { $client: pg.Pool }).$client;
      const connection = await pool.connect();
      try {
        expect(connection).toBeInstanceOf(PreparingClient);
      } finally {
        connection.release();
      }
    } finally {
      await database.close();
    }
  });
});
