/**
 * The real Keywork server as a child process (`node --import tsx src/main.ts`), started and
 * stopped the same way for the browser tests (test/e2e/harness.ts), the kill and stop tests
 * (test/reliability/), the data directory lock's test (src/platform/database/database.test.ts)
 * and the benchmark (bench/server.ts). What differs between them (environment, port, output, how
 * long to wait) is an option.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { paths } from "../../src/platform/http/paths.ts";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface KeyworkProcessOptions {
  /** Set on top of this process's environment; a variable given as `undefined` is removed. */
  env: Record<string, string | undefined>;
  /** The port to listen on (on 127.0.0.1); a free one when not given. */
  port?: number;
  /** Keep stdout and stderr for `output()` (the default), or drop stdout and pass stderr through. */
  captureOutput?: boolean;
  /** SIGKILL the server if this process exits without stopping it (the default). */
  killOnExit?: boolean;
  startupTimeoutMs: number;
  /** How often GET /health is asked while starting; 250 ms unless given. */
  pollIntervalMs?: number;
  /** How long stop() and kill() wait before (another) SIGKILL; without it they wait until the process has gone. */
  stopTimeoutMs?: number;
}

export interface KeyworkProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the server has printed so far, stdout and stderr interleaved ("" when not captured). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not stopped within `stopTimeoutMs`. */
  stop(): Promise<void>;
  /** SIGKILL, and resolves once the process is gone. */
  kill(): Promise<void>;
  /** Resolves once the process has exited and its output has been read: its exit code, or null if a signal ended it. */
  whenExited(): Promise<number | null>;
}

/** The server was killed by a signal nobody here sent (something else on the machine) while starting. */
export class KilledDuringStartup extends Error {}

/** A port nobody is listening on now: the operating system picks it for a listener on port 0. */
export async function freePort(): Promise<number> {
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

/** Resolves true once the process has exited, or false after `timeoutMs` (when given) if it has not. */
function exited(child: ChildProcess, timeoutMs?: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the server without waiting for it to answer, for a test that watches it refuse to start;
 * startKeyworkProcess() is this and then waiting until it answers.
 */
export async function spawnKeyworkProcess(options: Omit<KeyworkProcessOptions, "startupTimeoutMs" | "pollIntervalMs">): Promise<KeyworkProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1" };
  for (const [name, value] of Object.entries(options.env)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  const capture = options.captureOutput ?? true;
  const stdio: StdioOptions = capture ? ["ignore", "pipe", "pipe"] : ["ignore", "ignore", "inherit"];
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: repoRoot, env, stdio });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // "close" comes after "exit", once the output streams have ended too.
  const closed = new Promise<number | null>((resolve) => child.once("close", (code: number | null) => resolve(code)));

  // If this process ends without stopping the server (a crash, a killed worker), take it along.
  const killOnExit = () => child.kill("SIGKILL");
  if (options.killOnExit ?? true) process.once("exit", killOnExit);

  const finish = async (signal: NodeJS.Signals): Promise<void> => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    if (await exited(child, options.stopTimeoutMs)) return;
    if (signal !== "SIGKILL") console.warn(`Keywork (pid ${child.pid}) did not stop within ${(options.stopTimeoutMs ?? 0) / 1000}s of ${signal}; killing it.`);
    child.kill("SIGKILL");
    await exited(child, 5_000);
  };
  return { baseUrl, child, output: () => output, stop: () => finish("SIGTERM"), kill: () => finish("SIGKILL"), whenExited: () => closed };
}

/**
 * Starts the server and resolves once GET /health answers 200. If it exits or does not answer in
 * time, it is stopped and the error says why (with its output, when captured); killed from outside,
 * the error is a KilledDuringStartup.
 */
export async function startKeyworkProcess(options: KeyworkProcessOptions): Promise<KeyworkProcess> {
  const keywork = await spawnKeyworkProcess(options);
  const { baseUrl, child, output } = keywork;
  const shownOutput = () => ((options.captureOutput ?? true) ? ` Its output:\n${output() || "(nothing)"}` : "");

  const deadline = Date.now() + options.startupTimeoutMs;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (child.signalCode !== null) {
      await keywork.stop();
      throw new KilledDuringStartup(`Keywork (pid ${child.pid}) was stopped by ${child.signalCode} from outside while starting.${shownOutput()}`);
    }
    if (child.exitCode !== null) {
      lastProblem = `the server exited with code ${child.exitCode}`;
      break;
    }
    try {
      const response = await fetch(`${baseUrl}${paths.health()}`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return keywork;
      lastProblem = `GET /health answered ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 250));
  }
  await keywork.stop();
  throw new Error(`Keywork did not start at ${baseUrl} (${lastProblem}).${shownOutput()}`);
}
