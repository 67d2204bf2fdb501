/**
 * A real Keywork server as a child process (`node --import tsx src/main.ts`), for the tests that
 * need to kill one: on a free port, on an embedded data directory or a PostgreSQL database of the
 * test's own, with the demo off.
 */
import { startKeyworkProcess } from "../support/keywork-process.ts";

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

/** The environment that points a Keywork process at `storage` (and at nothing else). */
export function storageEnvironment(storage: Storage): Record<string, string | undefined> {
  return {
    KEYWORK_DATA_DIR: "dataDir" in storage ? storage.dataDir : undefined,
    DATABASE_URL: "databaseUrl" in storage ? storage.databaseUrl : undefined,
  };
}

/** Starts the server on `storage` and resolves once GET /health answers 200. */
export async function startServerProcess(storage: Storage): Promise<ServerProcess> {
  const keywork = await startKeyworkProcess({
    env: {
      LOG_LEVEL: "warn",
      KEYWORK_DEMO: "0",
      KEYWORK_REQUIRE_SECOND_FACTOR: "0",
      KEYWORK_ESCALATION_MINUTES: "0",
      ...storageEnvironment(storage),
    },
    startupTimeoutMs: 60_000,
    pollIntervalMs: 200,
    stopTimeoutMs: 10_000,
  });
  return { baseUrl: keywork.baseUrl, pid: keywork.child.pid ?? 0, output: keywork.output, kill: keywork.kill, stop: keywork.stop };
}
