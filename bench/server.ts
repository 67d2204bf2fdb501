/**
 * Keywork in a process of its own for the benchmark and the soak: start, wait until healthy, sign
 * in over HTTP like a browser (cookies and CSRF token), read the server's memory, stop.
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { paths } from "../src/platform/http/paths.ts";
import { startKeyworkProcess } from "../test/support/keywork-process.ts";

export interface ServerOptions {
  port: number;
  /** PostgreSQL, or the embedded database in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}

export interface Server {
  base: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `src/main.ts` with the benchmark's settings: no demo data, no second factor (the generated
 * managers have none), no address rate limit on sign-in, and no background escalation sweep (it
 * would run while pages are measured; the sweep is a job of its own, not a page). Its stderr goes
 * to ours; stop() sends SIGTERM and waits however long the server takes to finish.
 */
export async function startServer(options: ServerOptions): Promise<Server> {
  const keywork = await startKeyworkProcess({
    port: options.port,
    env: {
      LOG_LEVEL: "error",
      KEYWORK_DEMO: "0",
      KEYWORK_REQUIRE_SECOND_FACTOR: "0",
      KEYWORK_SIGN_IN_RATE_LIMIT: "100000",
      KEYWORK_ESCALATION_MINUTES: "0",
      KEYWORK_SESSION_IDLE_MINUTES: "1440",
      DATABASE_URL: options.databaseUrl ?? "",
      KEYWORK_DATA_DIR: options.dataDir ?? "./data",
    },
    captureOutput: false,
    killOnExit: false,
    startupTimeoutMs: 120_000,
  });
  return { base: keywork.baseUrl, process: keywork.child, stop: keywork.stop };
}

/** The server process's resident memory in MB, or null once it has gone. */
export function rssMegabytes(pid: number | undefined): number | null {
  if (!pid || !existsSync(`/proc/${pid}/status`)) return null;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : null;
}

export interface BrowserSession {
  /** The Cookie header: the session and the CSRF secret. */
  cookie: string;
  /** A CSRF token valid with that cookie, for form posts. */
  csrf: string;
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";

/** Signs in through the sign-in form, as a browser does. */
export async function signIn(base: string, email: string, password: string): Promise<BrowserSession> {
  const page = await fetch(`${base}${paths.signIn()}`);
  const csrfCookies = cookiesOf(page);
  const csrf = csrfIn(await page.text());
  const signedIn = await fetch(`${base}${paths.signIn()}`, {
    method: "POST",
    body: new URLSearchParams({ _csrf: csrf, email, password }),
    headers: { cookie: csrfCookies.join("; "), "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  const session = cookiesOf(signedIn).find((cookie) => cookie.startsWith("keywork_session="));
  if (!session) throw new Error(`sign-in as ${email} failed: ${signedIn.status}`);
  const cookie = [...csrfCookies, session].join("; ");
  return { cookie, csrf };
}

/** A CSRF token from a page's form (the token belongs to the cookie's secret, so any page's will do). */
export async function csrfFrom(base: string, session: BrowserSession, path: string): Promise<string> {
  const page = await fetch(`${base}${path}`, { headers: { cookie: session.cookie } });
  const token = csrfIn(await page.text());
  if (!token) throw new Error(`no form token on ${path} (${page.status})`);
  return token;
}
