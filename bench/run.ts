/**
 * `npm run bench`: Keywork at city scale. Generates the data if it is not there yet
 * (`keywork seed-scale`), records the SQL each measured page runs and times it straight through
 * the driver (the floor), then starts Keywork in its own process and measures the pages with
 * autocannon at each concurrency. Appends the figures to BENCHMARKS.md.
 *
 *   DATABASE_URL=postgres://… npm run bench -- --db postgresql --people 100000
 *   npm run bench -- --db pglite --people 5000            # a temporary embedded database
 *   npm run bench -- --db pglite --data-dir ./bench-data  # keep (and reuse) the embedded database
 *   options: --seconds 10 --connections 1,10,50 --only "caseload page,chronology" --no-report
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SCALE_PASSWORD } from "../src/cli/seed-scale.ts";
import type { Database } from "../src/platform/database/open.ts";
import { paths } from "../src/platform/http/paths.ts";
import { measureFloor, recordTargets, replayer, type FloorResult } from "./floor.ts";
import { runLoad, type Measurement } from "./load.ts";
import { appendReport, verdict } from "./report.ts";
import { csrfFrom, rssMegabytes, signIn, startServer } from "./server.ts";
import { prepare, type Kind } from "./setup.ts";
import { targetsFor, type Scenario } from "./targets.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    people: { type: "string" },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "1,10,50" },
    port: { type: "string", default: "3199" },
    "data-dir": { type: "string" },
    password: { type: "string", default: SCALE_PASSWORD },
    only: { type: "string" },
    "no-floor": { type: "boolean", default: false },
    "no-report": { type: "boolean", default: false },
  },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const connectionLevels = String(values.connections).split(",").map(Number);
const password = String(values.password);
const databaseUrl = process.env.DATABASE_URL || undefined;
const kinds: Kind[] = values.db === "both" ? ["postgresql", "pglite"] : values.db === "postgresql" || values.db === "pglite" ? [values.db] : databaseUrl ? ["postgresql", "pglite"] : ["pglite"];

const fmt = (value: number) => value.toFixed(1).padStart(7);

async function floors(database: Database, scenario: Scenario): Promise<Map<string, FloorResult>> {
  const results = new Map<string, FloorResult>();
  const targets = targetsFor(scenario).filter(selected);
  const recordedAfter = Date.now();
  const recordings = await recordTargets(database, targets, { worker: scenario.worker.email, manager: scenario.manager.email }, password);
  const replay = replayer(database, recordedAfter);
  for (const target of targets) {
    const list = recordings.get(target.name) ?? [];
    await measureFloor(replay, list, 10, warmup);
    for (const connections of connectionLevels) {
      const result = await measureFloor(replay, list, connections, seconds);
      results.set(`${target.name}@${connections}`, result);
      console.log(`  floor ${target.name.padEnd(36)} c=${String(connections).padEnd(3)} ${String(result.perSecond).padStart(6)}/s  p50 ${fmt(result.p50)}  p95 ${fmt(result.p95)}  p99 ${fmt(result.p99)} ms  errors ${result.errors}  (${result.statements} statements)`);
    }
  }
  return results;
}

function selected(target: { name: string }): boolean {
  return !values.only || String(values.only).split(",").some((name) => target.name.startsWith(name.trim()));
}

async function benchmark(kind: Kind): Promise<void> {
  const people = Number(values.people ?? (kind === "postgresql" ? 100_000 : 5_000));
  if (kind === "postgresql" && !databaseUrl) throw new Error("Set DATABASE_URL to benchmark PostgreSQL");
  const temporary = kind === "pglite" && !values["data-dir"];
  const dataDir = kind === "pglite" ? (values["data-dir"] ? resolve(values["data-dir"]) : mkdtempSync(join(tmpdir(), "keywork-bench-"))) : undefined;
  const loadBefore = loadavg();
  try {
    const { database, scenario, seedSeconds } = await prepare(kind, { people, databaseUrl, dataDir, password });
    console.log(`${kind}: ${scenario.counts.people?.toLocaleString("en-GB")} people; worker ${scenario.worker.email} (caseload ${scenario.worker.caseload}), manager ${scenario.manager.email}`);
    let floorResults = new Map<string, FloorResult>();
    try {
      if (!values["no-floor"]) floorResults = await floors(database, scenario);
    } finally {
      await database.close();
    }
    const server = await startServer({ port: Number(values.port), databaseUrl: kind === "postgresql" ? databaseUrl : undefined, dataDir });
    const rows: Array<{ page: Measurement; floor: FloorResult | null }> = [];
    let idleRssMb: number | null = null;
    try {
      await new Promise((done) => setTimeout(done, 2000));
      idleRssMb = rssMegabytes(server.process.pid);
      const sessions = { worker: await signIn(server.base, scenario.worker.email, password), manager: await signIn(server.base, scenario.manager.email, password), poster: await signIn(server.base, scenario.worker.email, password) };
      const posterCsrf = await csrfFrom(server.base, sessions.poster, paths.people.newContact(scenario.people[0]?.id ?? ""));
      for (const target of targetsFor(scenario).filter(selected)) {
        const session = sessions[target.who];
        const csrf = target.who === "poster" ? posterCsrf : session.csrf;
        const base = { base: server.base, target, headers: { cookie: session.cookie }, csrf, serverPid: server.process.pid };
        await runLoad({ ...base, connections: 10, seconds: warmup });
        for (const connections of connectionLevels) {
          const page = await runLoad({ ...base, connections, seconds });
          const floor = floorResults.get(`${target.name}@${connections}`) ?? null;
          rows.push({ page, floor });
          const ratio = floor ? `  ${(page.p95 / floor.p95).toFixed(1)}x floor` : "";
          console.log(`  page  ${target.name.padEnd(36)} c=${String(connections).padEnd(3)} ${String(page.requestsPerSecond).padStart(6)}/s  p50 ${fmt(page.p50)}  p95 ${fmt(page.p95)}  p99 ${fmt(page.p99)} ms  errors ${page.errors}  rss ${page.rssMb} MB${ratio}  ${verdict(page, floor)}`);
        }
      }
    } finally {
      await server.stop();
    }
    if (!values["no-report"]) {
      appendReport({ database: kind === "postgresql" ? "PostgreSQL 15" : "PGlite (embedded)", scenario, seconds, seedSeconds, loadBefore, rows, idleRssMb });
      console.log("Appended to BENCHMARKS.md");
    }
  } finally {
    if (temporary && dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const kind of kinds) await benchmark(kind);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
