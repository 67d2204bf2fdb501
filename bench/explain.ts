/**
 * `npm run bench:explain`: which statements a page spends its database time on. Records one
 * request of each measured page (as the floor does) and runs every statement again under
 * EXPLAIN ANALYZE inside a transaction that is rolled back; prints the slowest with their plans.
 *
 *   DATABASE_URL=postgres://… npm run bench:explain -- --only "person search" --plans 3
 *
 * With `--prepared` it runs each statement as Keywork's pool does instead (prepared once, then
 * executed): each read ten times (each write once), and reports the mean of the last five and whether PostgreSQL settled on
 * one plan for all parameters (generic) or plans each execution (custom).
 */
import { parseArgs } from "node:util";
import type pg from "pg";
import { SCALE_PASSWORD } from "../src/cli/seed-scale.ts";
import { freshIds, recordTargets } from "./floor.ts";
import { prepare } from "./setup.ts";
import { targetsFor } from "./targets.ts";

const { values } = parseArgs({
  options: { only: { type: "string" }, plans: { type: "string", default: "2" }, people: { type: "string", default: "100000" }, prepared: { type: "boolean", default: false } },
});
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("Set DATABASE_URL: the plans are PostgreSQL's");

const { database, scenario } = await prepare("postgresql", { people: Number(values.people), databaseUrl, password: SCALE_PASSWORD });
try {
  const targets = targetsFor(scenario).filter((target) => !values.only || String(values.only).split(",").some((name) => target.name.startsWith(name.trim())));
  const recordedAfter = Date.now();
  const recordings = await recordTargets(database, targets, { worker: scenario.worker.email, manager: scenario.manager.email }, SCALE_PASSWORD);
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  /** Ten executions of one prepared statement (inserts included: the transaction is rolled back). */
  let prepared = 0;
  async function timePrepared(connection: pg.PoolClient, text: string, params: unknown[]): Promise<{ ms: number; text: string; plan: string }> {
    if (/^\s*(insert|update|delete)\b/i.test(text)) {
      // A write runs once, in order: a later statement may need the row it made.
      const started = performance.now();
      await connection.query(text, params);
      return { ms: performance.now() - started, text, plan: "prepared: a write, run once" };
    }
    const name = `explain_${++prepared}`;
    const times: number[] = [];
    for (let run = 0; run < 10; run++) {
      await connection.query("SAVEPOINT explain_run");
      const started = performance.now();
      await connection.query({ name, text, values: params });
      times.push(performance.now() - started);
      await connection.query("ROLLBACK TO SAVEPOINT explain_run");
    }
    const [plans] = (await connection.query("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1", [name])).rows as Array<{ generic_plans: string; custom_plans: string }>;
    const lastFive = times.slice(5);
    const ms = lastFive.reduce((sum, time) => sum + time, 0) / lastFive.length;
    return { ms, text, plan: `prepared: ${plans?.generic_plans ?? "?"} generic and ${plans?.custom_plans ?? "?"} custom plans in 10 executions` };
  }

  for (const target of targets) {
    const recording = freshIds(recordings.get(target.name)?.[0] ?? [], recordedAfter);
    const timed: Array<{ ms: number; text: string; plan: string }> = [];
    const connection = await pool.connect();
    try {
      await connection.query("BEGIN");
      for (const statement of recording) {
        if (/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(statement.text)) continue;
        if (values.prepared) {
          timed.push(await timePrepared(connection, statement.text, statement.params));
          continue;
        }
        const result = await connection.query(`EXPLAIN (ANALYZE, FORMAT TEXT) ${statement.text}`, statement.params);
        const plan = result.rows.map((row: Record<string, string>) => row["QUERY PLAN"]).join("\n");
        const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0) + Number(/Planning Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
        timed.push({ ms, text: statement.text, plan });
      }
    } finally {
      await connection.query("ROLLBACK");
      connection.release();
    }
    const total = timed.reduce((sum, entry) => sum + entry.ms, 0);
    console.log(`\n=== ${target.name}: ${timed.length} statements, ${total.toFixed(1)} ms planning + execution`);
    const slowest = [...timed].sort((a, b) => b.ms - a.ms);
    for (const entry of slowest.slice(0, Number(process.env.EXPLAIN_TOP ?? 8))) {
      const note = values.prepared ? `  [${entry.plan.replace("prepared: ", "").replace(" in 10 executions", "")}]` : "";
      console.log(`  ${entry.ms.toFixed(2).padStart(8)} ms  ${entry.text.replace(/\s+/g, " ").slice(0, 110)}${note}`);
    }
    for (const entry of slowest.slice(0, Number(values.plans))) console.log(`\n--- ${entry.ms.toFixed(2)} ms\n${entry.text}\n${entry.plan}`);
  }
} finally {
  await database.close();
}
