import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export interface DataDirectoryLock {
  release(): void;
}

export class DataDirectoryInUse extends Error {}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Two processes on one embedded database corrupt it silently, so Keywork holds a lock file
 * (created exclusively, holding its pid) for as long as it has the directory open. A lock left by a
 * process that has died (kill -9) is taken over.
 */
export function lockDataDirectory(dataDir: string): DataDirectoryLock {
  const lockPath = join(dataDir, "keywork.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = openSync(lockPath, "wx");
      writeSync(handle, String(process.pid));
      closeSync(handle);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(lockPath);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new DataDirectoryInUse(
          `Another Keywork process (pid ${holder}) is using the data directory ${dataDir}. ` +
            "Only one process may use an embedded database at a time: stop the other one, or set KEYWORK_DATA_DIR to a different directory.",
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new DataDirectoryInUse(`Could not lock the data directory ${dataDir}.`);
}
