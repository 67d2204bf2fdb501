/**
 * Measures Keywork's pages and API under load: the server runs in its own process, the load
 * generator here. Figures are appended to BENCHMARKS.md with the date and the machine.
 *
 *   npm run bench                      # embedded database with the demo data
 *   DATABASE_URL=... npm run bench     # PostgreSQL (demo data loaded if missing)
 *   npm run bench -- --seconds 10 --connections 1,10,50
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "1,10,50" },
    port: { type: "string", default: "3199" },
  },
});
const seconds = Number(values.seconds);
const connectionLevels = String(values.connections).split(",").map(Number);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const password = "keywork-demo";

function startServer(dataDir: string): ChildProcess {
  const environment: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "error", KEYWORK_DATA_DIR: dataDir, KEYWORK_DEMO: "1", KEYWORK_DEMO_PASSWORD: password, KEYWORK_SIGN_IN_RATE_LIMIT: "100000" };
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env: environment, stdio: ["ignore", "ignore", "inherit"] });
  return child;
}

async function waitForHealth(): Promise<string> {
  for (let attempt = 0; attempt < 240; attempt++) {
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return ((await response.json()) as { database: string }).database;
    } catch {
      // starting
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("Keywork did not start");
}

function rssMegabytes(pid: number | undefined): number | null {
  if (!pid || !existsSync(`/proc/${pid}/status`)) return null;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

async function signIn(): Promise<{ cookie: string; token: string }> {
  const page = await fetch(`${base}/sign-in`);
  const csrfCookie = page.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const form = new URLSearchParams({ _csrf: csrf, email: "worker@demo.test", password });
  const signedIn = await fetch(`${base}/sign-in`, { method: "POST", body: form, headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
  const session = signedIn.headers.getSetCookie().find((cookie) => cookie.startsWith("keywork_session="))?.split(";")[0];
  if (!session) throw new Error(`browser sign-in failed: ${signedIn.status}`);
  const api = await fetch(`${base}/api/v1/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "worker@demo.test", password }) });
  const { token } = (await api.json()) as { token: string };
  return { cookie: session, token };
}

interface Measurement {
  name: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  rssMb: number | null;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

function measure(name: string, path: string, headers: Record<string, string>, connections: number, pid: number | undefined): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url: `${base}${path}`, connections, duration: seconds, headers }, (error, result) => {
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      resolve({
        name,
        connections,
        requestsPerSecond: Math.round(result.requests.total / result.duration),
        p50: percentile(latencies, 0.5),
        p95: percentile(latencies, 0.95),
        p99: percentile(latencies, 0.99),
        errors: result.errors + result.timeouts + result.non2xx,
        rssMb: rssMegabytes(pid),
      });
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "keywork-bench-"));
  const server = startServer(dataDir);
  try {
    const database = await waitForHealth();
    const { cookie, token } = await signIn();
    const people = (await (await fetch(`${base}/api/v1/people`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Array<{ id: string; familyName: string }> };
    const person = people.items[0];
    if (!person) throw new Error("the demo worker has no caseload");
    const browser = { cookie };
    const api = { authorization: `Bearer ${token}` };
    const targets: Array<[string, string, Record<string, string>]> = [
      ["caseload page", "/caseload", browser],
      ["person page", `/people/${person.id}`, browser],
      ["person search page", `/people?q=${encodeURIComponent(person.familyName.slice(0, 4))}`, browser],
      ["caseload API", "/api/v1/people", api],
      ["person API", `/api/v1/people/${person.id}`, api],
      ["health (floor)", "/health", {}],
    ];
    const results: Measurement[] = [];
    for (const [name, path, headers] of targets) {
      for (const connections of connectionLevels) {
        const result = await measure(name, path, headers, connections, server.pid);
        results.push(result);
        console.log(`${name.padEnd(20)} c=${String(connections).padEnd(3)} ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.p50} ms  p95 ${result.p95} ms  p99 ${result.p99} ms  errors ${result.errors}  rss ${result.rssMb} MB`);
      }
    }
    writeReport(database, results);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function writeReport(database: string, results: Measurement[]): void {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "",
    `## ${new Date().toISOString().slice(0, 10)} — ${database}, demo data (40 people)`,
    "",
    `Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}. ${seconds} s per row; load generator (autocannon) in a separate process; every request signed in as a key worker and audited.`,
    "",
    "| what | connections | req/s | p50 ms | p95 ms | p99 ms | errors | server RSS MB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map((row) => `| ${row.name} | ${row.connections} | ${row.requestsPerSecond} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.errors} | ${row.rssMb ?? "?"} |`),
  ];
  if (!existsSync("BENCHMARKS.md")) {
    writeFileSync("BENCHMARKS.md", "# Keywork benchmarks\n\nFigures from `npm run bench`, newest last. Measured, never asserted in tests.\n");
  }
  appendFileSync("BENCHMARKS.md", `${lines.join("\n")}\n`);
  console.log("Appended to BENCHMARKS.md");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
