/**
 * `npm run bench:explain`: which statements a page spends its database time on. Records one
 * request of each measured page (as the floor does) and runs every statement again under
 * EXPLAIN ANALYZE inside a transaction that is rolled back; prints the slowest with their plans.
 *
 *   DATABASE_URL=postgres://… npm run bench:explain -- --only "person search" --plans 3
 */
import { parseArgs } from "node:util";
import type pg from "pg";
import { SCALE_PASSWORD } from "../src/cli/seed-scale.ts";
import { freshIds, recordTargets } from "./floor.ts";
import { prepare } from "./setup.ts";
import { targetsFor } from "./targets.ts";

const { values } = parseArgs({ options: { only: { type: "string" }, plans: { type: "string", default: "2" }, people: { type: "string", default: "100000" } } });
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("Set DATABASE_URL: the plans are PostgreSQL's");

const { database, scenario } = await prepare("postgresql", { people: Number(values.people), databaseUrl, password: SCALE_PASSWORD });
try {
  const targets = targetsFor(scenario).filter((target) => !values.only || String(values.only).split(",").some((name) => target.name.startsWith(name.trim())));
  const recordedAfter = Date.now();
  const recordings = await recordTargets(database, targets, { worker: scenario.worker.email, manager: scenario.manager.email }, SCALE_PASSWORD);
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  for (const target of targets) {
    const recording = freshIds(recordings.get(target.name)?.[0] ?? [], recordedAfter);
    const timed: Array<{ ms: number; text: string; plan: string }> = [];
    const connection = await pool.connect();
    try {
      await connection.query("BEGIN");
      for (const statement of recording) {
        if (/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(statement.text)) continue;
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
    for (const entry of slowest.slice(0, Number(process.env.EXPLAIN_TOP ?? 8))) console.log(`  ${entry.ms.toFixed(2).padStart(8)} ms  ${entry.text.replace(/\s+/g, " ").slice(0, 150)}`);
    for (const entry of slowest.slice(0, Number(values.plans))) console.log(`\n--- ${entry.ms.toFixed(2)} ms\n${entry.text}\n${entry.plan}`);
  }
} finally {
  await database.close();
}
