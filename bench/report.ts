/** Appends one run's figures to BENCHMARKS.md, with the date, the machine and the data. */
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import type { FloorResult } from "./floor.ts";
import type { Measurement } from "./load.ts";
import type { Scenario } from "./targets.ts";

export interface Run {
  database: string;
  scenario: Scenario;
  seconds: number;
  seedSeconds: number | null;
  loadBefore: number[];
  rows: Array<{ page: Measurement; floor: FloorResult | null }>;
  idleRssMb: number | null;
}

/** The targets of issue 7 for 100,000 people on PostgreSQL: p95 < 50 ms at 50 connections, no errors, at most 3x the floor. */
export function verdict(page: Measurement, floor: FloorResult | null): string {
  if (page.connections !== 50) return "";
  if (!Number.isFinite(page.p95)) return "missed: no responses";
  const misses = [page.p95 >= 50 ? "p95 ≥ 50 ms" : "", page.errors > 0 ? "errors" : "", floor && page.p95 > 3 * floor.p95 ? "> 3x floor" : ""].filter(Boolean);
  return misses.length === 0 ? "met" : `missed: ${misses.join(", ")}`;
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : "–");
const number = (value: number) => value.toLocaleString("en-GB");

export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
}

export function appendReport(run: Run, file = "BENCHMARKS.md"): void {
  const { scenario } = run;
  const counts = scenario.counts;
  const loadAfter = loadavg().map((value) => value.toFixed(1)).join(", ");
  const lines = [
    "",
    `## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${run.database}, city scale: ${number(counts.people ?? 0)} people`,
    "",
    `Machine: ${machineLine()}. Load average (1, 5, 15 min) before: ${run.loadBefore.map((value) => value.toFixed(1)).join(", ")}; after: ${loadAfter}.`,
    `Data (\`keywork seed-scale\`): ${number(counts.contacts ?? 0)} contacts, ${number(counts.plan_actions ?? 0)} plan actions, ${number(counts.goals ?? 0)} goals, ${number(counts.consents ?? 0)} consents, ${number(counts.chronology_events ?? 0)} chronology events, ${number(counts.users ?? 0)} workers in ${number(counts.organisations ?? 0)} organisations, ${number(counts.referrals ?? 0)} referrals, ${number(counts.register_entries ?? 0)} register entries${run.seedSeconds === null ? "" : `; generated and loaded in ${run.seedSeconds} s`}.`,
    `Signed in as ${scenario.worker.email} (key worker, caseload ${scenario.worker.caseload}: the median) and ${scenario.manager.email} (their manager). Person pages, chronologies, searches and contacts rotate over that caseload. ${run.seconds} s per row after a warm-up; autocannon in the benchmark's process, Keywork in its own; every page audited as in service. Server RSS at rest after start: ${run.idleRssMb ?? "?"} MB.`,
    "Floor: the same statements each page ran (recorded from the app), replayed straight through the driver at the same concurrency; ratio = page p95 / floor p95.",
    "",
    "| what | conn. | req/s | p50 ms | p95 ms | p99 ms | errors | server RSS MB | floor req/s | floor p50 ms | floor p95 ms | statements | p95 / floor | target (c=50) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...run.rows.map(({ page, floor }) =>
      [
        page.name, page.connections, page.requestsPerSecond, ms(page.p50), ms(page.p95), ms(page.p99), page.errors, page.rssMb ?? "?",
        floor?.perSecond ?? "–", floor ? ms(floor.p50) : "–", floor ? ms(floor.p95) : "–", floor?.statements ?? "–",
        floor ? `${(page.p95 / floor.p95).toFixed(1)}x` : "–", verdict(page, floor),
      ].join(" | ").replace(/^/, "| ").replace(/$/, " |"),
    ),
  ];
  if (!existsSync(file)) writeFileSync(file, "# Keywork benchmarks\n\nFigures from `npm run bench`, newest last. Measured, never asserted in tests.\n");
  appendFileSync(file, `${lines.join("\n")}\n`);
}
