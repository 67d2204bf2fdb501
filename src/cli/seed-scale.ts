/**
 * `keywork seed-scale --people 100000`: a generated city-scale partnership for benchmarks, in a
 * tenant of its own ("City scale (generated)"). Per 100,000 people: about 5,000,000 contacts
 * (skewed: most people have tens, a few hundreds), 1,000,000 plan actions with goals and plans,
 * 300,000 consents, 2,000 workers in 200 organisations, referrals, the register and the
 * chronology. Deterministic: the same seed gives the same data (dates are relative to now).
 * Loaded with COPY in one transaction; every index and constraint from the migrations is in place.
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { readConfig } from "../config.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import { migrate } from "../platform/database/migrate.ts";
import { openDatabase, type Database } from "../platform/database/open.ts";
import { tenants } from "../platform/tenancy/tables.ts";
import { loadAppointmentsRisksEvents, loadContacts, loadPeople, loadPlansAndConsents } from "./seed-scale-casework.ts";
import { loadChronology } from "./seed-scale-chronology.ts";
import { inBulkTransaction, runOutsideTransaction } from "./seed-scale-copy.ts";
import { loadDirectory, loadReferrals, loadRegister } from "./seed-scale-network.ts";
import { buildWorld, type World } from "./seed-scale-world.ts";

export const SCALE_TENANT = "City scale (generated)";
export const SCALE_EMAIL_DOMAIN = "city-scale.test";
export const SCALE_PASSWORD = "keywork-scale";

export interface SeedScaleOptions {
  people: number;
  seed?: number;
  tenantName?: string;
  emailDomain?: string;
  password?: string;
  now?: number;
  /** Where the progress bar goes (standard error from the command); nothing when absent. */
  output?: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface SeedScaleSummary {
  tenantId: string;
  rows: Record<string, number>;
  /** Seconds per table, and for the whole load, the statistics and the total. */
  seconds: Record<string, number>;
  worker: { email: string; caseload: number };
  manager: { email: string };
  password: string;
  caseloads: { min: number; median: number; max: number };
}

/** A text progress bar: table, share of people done, rows and rate; one line per table when not a terminal. */
class ProgressBar {
  private table = "";
  private started = 0;
  private rows = 0;
  private done = 0;
  private drawn = 0;
  readonly timings: Record<string, number> = {};

  constructor(
    private readonly total: number,
    private readonly output: SeedScaleOptions["output"],
  ) {}

  begin(table: string): void {
    const now = performance.now();
    Object.assign(this, { table, started: now, rows: 0, done: 0, drawn: now });
  }

  addRows(count: number): void {
    this.rows += count;
    this.draw(false);
  }

  people(done: number): void {
    this.done = done;
    this.draw(false);
  }

  finish(): void {
    if (!this.table) return;
    const seconds = (performance.now() - this.started) / 1000;
    this.timings[this.table] = Math.round(seconds * 10) / 10;
    this.draw(true);
    this.table = "";
  }

  private draw(final: boolean): void {
    if (!this.output) return;
    const now = performance.now();
    const tty = this.output.isTTY === true;
    if (!final && now - this.drawn < (tty ? 200 : 10_000)) return;
    this.drawn = now;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const fraction = final ? 1 : Math.min(1, this.done / Math.max(1, this.total));
    const width = 24;
    const bar = "#".repeat(Math.round(fraction * width)).padEnd(width, "-");
    const rate = Math.round(this.rows / seconds).toLocaleString("en-GB");
    const line = `  ${this.table.padEnd(20)} [${bar}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${this.rows.toLocaleString("en-GB").padStart(11)} rows  ${rate.padStart(9)} rows/s  ${seconds.toFixed(1)} s`;
    this.output.write(tty ? `\r${line}${final ? "\n" : ""}` : `${line}\n`);
  }
}

function signIns(world: World): Pick<SeedScaleSummary, "worker" | "manager" | "caseloads"> {
  const caseload = new Map<number, number>();
  for (const person of world.people) {
    if (person.closedMs !== null) continue;
    for (const user of [person.lead, person.coWorker]) if (user !== null) caseload.set(user, (caseload.get(user) ?? 0) + 1);
  }
  const workers = world.teams.flatMap((team) => team.keyWorkers).map((user) => ({ user, size: caseload.get(user) ?? 0 }));
  const sizes = workers.map((entry) => entry.size).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const typical = workers.reduce((best, entry) => (Math.abs(entry.size - median) < Math.abs(best.size - median) ? entry : best), workers[0] ?? { user: 0, size: 0 });
  const worker = world.users[typical.user];
  const team = worker?.team === null || worker?.team === undefined ? undefined : world.teams[worker.team];
  return {
    worker: { email: worker?.email ?? "", caseload: typical.size },
    manager: { email: world.users[team?.manager ?? 0]?.email ?? "" },
    caseloads: { min: sizes[0] ?? 0, median, max: sizes[sizes.length - 1] ?? 0 },
  };
}

const LOADED_TABLES = ["organisations", "teams", "users", "services", "referral_settings", "people", "person_revisions", "care_team_members", "plans", "goals", "plan_actions", "consents", "contacts", "appointments", "risks", "significant_events", "chronology_events", "referrals", "referral_steps", "register_entries", "register_ratings"];

/** Generates and loads the city; undefined when a tenant of that name is already there. */
export async function seedScale(database: Database, options: SeedScaleOptions): Promise<SeedScaleSummary | undefined> {
  const tenantName = options.tenantName ?? SCALE_TENANT;
  const existing = await database.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.name, tenantName)).limit(1);
  if (existing.length > 0) return undefined;
  const started = performance.now();
  const password = options.password ?? SCALE_PASSWORD;
  const world = buildWorld({
    people: options.people,
    seed: options.seed ?? 1,
    tenantName,
    emailDomain: options.emailDomain ?? SCALE_EMAIL_DOMAIN,
    // One hash for every generated worker: argon2 is slow on purpose.
    passwordHash: await hashPassword(password),
    now: options.now ?? Date.now(),
  });
  const progress = new ProgressBar(options.people, options.output);
  const rows: Record<string, number> = {};
  const events = {
    begin: (table: string) => progress.begin(table),
    rows: (table: string, count: number) => {
      rows[table] = (rows[table] ?? 0) + count;
      progress.addRows(count);
    },
    end: () => progress.finish(),
  };
  const step = (done: number) => progress.people(done);
  await inBulkTransaction(database, events, async (loader) => {
    await loadDirectory(world, loader);
    await loadPeople(world, loader, step);
    await loadPlansAndConsents(world, loader, step);
    await loadContacts(world, loader, step);
    await loadAppointmentsRisksEvents(world, loader, step);
    await loadChronology(world, loader, step);
    await loadReferrals(world, loader, step);
    await loadRegister(world, loader, step);
  });
  const loaded = performance.now();
  // Fresh tables have no statistics and no visibility map: plan and read as they would in service.
  const statistics = LOADED_TABLES.map((table) => `"${table}"`).join(", ");
  await runOutsideTransaction(database, [database.kind === "postgresql" ? `VACUUM (ANALYZE) ${statistics}` : `ANALYZE ${statistics}`]);
  const finished = performance.now();
  const seconds: Record<string, number> = { ...progress.timings, load: round((loaded - started) / 1000), "vacuum-analyze": round((finished - loaded) / 1000), total: round((finished - started) / 1000) };
  return { tenantId: world.tenantId, rows, seconds, password, ...signIns(world) };
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The `keywork seed-scale` command. */
export async function seedScaleCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { people: { type: "string", default: "100000" }, seed: { type: "string", default: "1" }, password: { type: "string", default: SCALE_PASSWORD } } });
  const people = Number(values.people);
  const seed = Number(values.seed);
  if (!Number.isInteger(people) || people < 10 || people > 10_000_000) {
    console.error("Say how many people, from 10 to 10,000,000: keywork seed-scale --people 100000");
    return 2;
  }
  if (String(values.password).length < 8) {
    console.error("The password must be at least 8 characters");
    return 2;
  }
  const config = readConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.db);
    const where = database.kind === "pglite" ? `the embedded database in ${config.dataDir}` : "PostgreSQL";
    console.log(`Generating "${SCALE_TENANT}" with ${people.toLocaleString("en-GB")} people (seed ${seed}) into ${where}…`);
    const summary = await seedScale(database, { people, seed, password: String(values.password), output: process.stderr });
    if (!summary) {
      console.log(`"${SCALE_TENANT}" is already in this database: nothing was changed. Use a fresh database to generate it again.`);
      return 0;
    }
    const total = Object.values(summary.rows).reduce((sum, count) => sum + count, 0);
    console.log(`Loaded ${total.toLocaleString("en-GB")} rows in ${summary.seconds.load} s, then ${database.kind === "postgresql" ? "VACUUM ANALYZE" : "ANALYZE"} in ${summary.seconds["vacuum-analyze"]} s (${summary.seconds.total} s in all).`);
    for (const [table, count] of Object.entries(summary.rows)) console.log(`  ${table.padEnd(20)} ${count.toLocaleString("en-GB").padStart(12)} rows  ${String(summary.seconds[table] ?? 0).padStart(6)} s`);
    console.log(`Caseloads (open people, lead or co-worker): ${summary.caseloads.min} to ${summary.caseloads.max}, median ${summary.caseloads.median}.`);
    console.log("Sign in with (every generated worker has this password):");
    console.log(`  key worker: ${summary.worker.email} (caseload ${summary.worker.caseload})`);
    console.log(`  manager:    ${summary.manager.email}`);
    console.log(`  password:   ${summary.password}`);
    return 0;
  } finally {
    await database.close();
  }
}
