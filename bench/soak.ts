/**
 * `npm run soak -- --minutes 30`: Keywork under a steady mixed load for a long while — caseloads,
 * person pages, chronologies, searches, overdue actions and recorded contacts, at a fixed rate —
 * printing every minute the requests, errors, p95 and the server's memory, and at the end how fast
 * memory grew per hour (a least-squares line through the samples after the first minute).
 * Not part of CI.
 *
 *   npm run soak -- --minutes 30                      # PostgreSQL when DATABASE_URL is set, else a temporary embedded database
 *   options: --rate 40 (requests/s) --connections 10 --people 2000 (when the city has to be generated) --report
 */
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { SCALE_PASSWORD } from "../src/cli/seed-scale.ts";
import { paths } from "../src/platform/http/paths.ts";
import { machineLine } from "./report.ts";
import { csrfFrom, rssMegabytes, signIn, startServer } from "./server.ts";
import { prepare, type Kind } from "./setup.ts";
import { targetsFor } from "./targets.ts";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    rate: { type: "string", default: "40" },
    connections: { type: "string", default: "10" },
    people: { type: "string", default: "2000" },
    port: { type: "string", default: "3198" },
    db: { type: "string" },
    report: { type: "boolean", default: false },
  },
});
const minutes = Number(values.minutes);
const databaseUrl = process.env.DATABASE_URL || undefined;
const kind: Kind = values.db === "pglite" || values.db === "postgresql" ? values.db : databaseUrl ? "postgresql" : "pglite";

/** MB per hour: the slope of a least-squares line through (seconds, MB). */
function growthPerHour(samples: Array<[number, number]>): number {
  if (samples.length < 2) return Number.NaN;
  const n = samples.length;
  const meanX = samples.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = samples.reduce((sum, [, y]) => sum + y, 0) / n;
  const numerator = samples.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const denominator = samples.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return denominator === 0 ? 0 : (numerator / denominator) * 3600;
}

async function main(): Promise<void> {
  const dataDir = kind === "pglite" ? mkdtempSync(join(tmpdir(), "keywork-soak-")) : undefined;
  try {
    const { database, scenario } = await prepare(kind, { people: Number(values.people), databaseUrl, dataDir, password: SCALE_PASSWORD });
    await database.close();
    const server = await startServer({ port: Number(values.port), databaseUrl: kind === "postgresql" ? databaseUrl : undefined, dataDir });
    try {
      const sessions = {
        worker: await signIn(server.base, scenario.worker.email, SCALE_PASSWORD),
        manager: await signIn(server.base, scenario.manager.email, SCALE_PASSWORD),
        poster: await signIn(server.base, scenario.worker.email, SCALE_PASSWORD),
      };
      const posterCsrf = await csrfFrom(server.base, sessions.poster, paths.people.newContact(scenario.people[0]?.id ?? ""));
      // One round of the mix: each page once, taking its paths in turn; contacts are one request in ten.
      const turns = new Map<string, number>();
      const requests = targetsFor(scenario).flatMap((target) => {
        const session = sessions[target.who];
        const body = target.body?.(target.who === "poster" ? posterCsrf : session.csrf);
        const request = {
          method: target.method,
          headers: { cookie: session.cookie, ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
          ...(body ? { body } : {}),
          setupRequest: (current: { path?: string }) => {
            const turn = turns.get(target.name) ?? 0;
            turns.set(target.name, turn + 1);
            return { ...current, path: target.paths[turn % target.paths.length] ?? "/" };
          },
        };
        return target.method === "POST" ? [request] : [request, request];
      });
      console.log(`Soak on ${kind} for ${minutes} min at ${values.rate} requests/s over ${values.connections} connections (${machineLine()}); ${scenario.counts.people} people.`);
      console.log("minute  requests  errors  p95 ms  server RSS MB");
      const started = performance.now();
      const samples: Array<[number, number]> = [];
      let minute = { requests: 0, errors: 0, latencies: [] as number[] };
      let totals = { requests: 0, errors: 0 };
      const firstRss = rssMegabytes(server.process.pid);
      const sampler = setInterval(() => {
        const rss = rssMegabytes(server.process.pid);
        const seconds = (performance.now() - started) / 1000;
        if (rss !== null && seconds >= 60) samples.push([seconds, rss]);
      }, 5000);
      const reporter = setInterval(() => {
        const sorted = minute.latencies.sort((a, b) => a - b);
        const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? Number.NaN;
        const at = Math.round((performance.now() - started) / 60_000);
        console.log(`${String(at).padStart(6)}  ${String(minute.requests).padStart(8)}  ${String(minute.errors).padStart(6)}  ${p95.toFixed(1).padStart(6)}  ${String(rssMegabytes(server.process.pid) ?? "?").padStart(13)}`);
        totals = { requests: totals.requests + minute.requests, errors: totals.errors + minute.errors };
        minute = { requests: 0, errors: 0, latencies: [] };
      }, 60_000);
      await new Promise<void>((resolve, reject) => {
        const instance = autocannon(
          { url: server.base, connections: Number(values.connections), overallRate: Number(values.rate), duration: minutes * 60, timeout: 30, requests },
          (error) => (error ? reject(error) : resolve()),
        );
        instance.on("response", (_client, status, _bytes, latency) => {
          minute.requests++;
          minute.latencies.push(latency);
          if (status >= 400) minute.errors++;
        });
        instance.on("reqError", () => {
          minute.requests++;
          minute.errors++;
        });
      });
      clearInterval(sampler);
      clearInterval(reporter);
      totals = { requests: totals.requests + minute.requests, errors: totals.errors + minute.errors };
      const lastRss = rssMegabytes(server.process.pid);
      const growth = growthPerHour(samples);
      const span = samples.length > 1 ? ((samples[samples.length - 1]?.[0] ?? 0) - (samples[0]?.[0] ?? 0)) / 60 : 0;
      // A line through a minute or two of samples says more about the garbage collector than about a leak.
      const trend = span >= 5 ? `${growth.toFixed(1)} MB per hour (least squares over ${span.toFixed(0)} min after the first)` : `too short to tell (${span.toFixed(0)} min of samples; run 10 minutes or more)`;
      const rate = (totals.requests / (minutes * 60)).toFixed(1);
      const summary = `${totals.requests} requests (${rate}/s), ${totals.errors} errors; server RSS ${firstRss} MB at start, ${lastRss} MB at the end; memory growth: ${trend}.`;
      console.log(summary);
      if (values.report) {
        appendFileSync("BENCHMARKS.md", `\n## ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — soak, ${kind}, ${minutes} min\n\nMachine: ${machineLine()}. ${scenario.counts.people} people; the mix of pages above at ${values.rate} requests/s over ${values.connections} connections: ${summary}\n`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
