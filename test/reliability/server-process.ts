/**
 * A real Keywork server as a child process (`node --import tsx src/main.ts`), for the tests that
 * need to kill one: on a free port, on an embedded data directory or a PostgreSQL database of the
 * test's own, with the demo off.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const STARTUP_TIMEOUT_MS = 60_000;

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Everything the server has printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends SIGKILL and resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not stopped within a few seconds. */
  stop(): Promise<void>;
}

export type Storage = { dataDir: string } | { databaseUrl: string };

/** A port nobody is listening on now: the operating system picks it for a listener on port 0. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("Could not find a free port"))));
    });
  });
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts the server on `storage` and resolves once GET /health answers 200. */
export async function startServerProcess(storage: Storage): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    KEYWORK_DEMO: "0",
    KEYWORK_REQUIRE_SECOND_FACTOR: "0",
    KEYWORK_ESCALATION_MINUTES: "0",
  };
  delete env.DATABASE_URL;
  delete env.KEYWORK_DATA_DIR;
  if ("dataDir" in storage) env.KEYWORK_DATA_DIR = storage.dataDir;
  else env.DATABASE_URL = storage.databaseUrl;

  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // If the test process ends first (a crash, a killed worker), take the server along.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const finish = async (signal: NodeJS.Signals): Promise<void> => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    if (await exited(child, 10_000)) return;
    child.kill("SIGKILL");
    await exited(child, 5_000);
  };
  const server: ServerProcess = {
    baseUrl,
    pid: child.pid ?? 0,
    output: () => output,
    kill: () => finish("SIGKILL"),
    stop: () => finish("SIGTERM"),
  };

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      lastProblem = `the server exited (${child.exitCode ?? child.signalCode})`;
      break;
    }
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return server;
      lastProblem = `GET /health answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.kill();
  throw new Error(`Keywork did not start at ${baseUrl} (${lastProblem}). Its output:\n${output || "(nothing)"}`);
}
