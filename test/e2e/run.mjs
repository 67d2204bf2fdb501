#!/usr/bin/env node
// Runs the browser end-to-end tests when a Chromium is available, and skips them (exit 0) when not,
// so that `npm test` works on machines without a browser.
//
// Usage: node test/e2e/run.mjs [extra vitest arguments]
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no executable there.`);
    return null;
  }
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  const which = spawnSync("which", ["chromium"], { encoding: "utf8" });
  const found = which.status === 0 ? which.stdout.trim().split("\n")[0] : "";
  return found && isExecutable(found) ? found : null;
}

const chromium = findChromium();
if (!chromium) {
  console.log("Browser tests skipped: no chromium found (install it with: apt-get install -y chromium, or set CHROMIUM_PATH)");
  process.exit(0);
}

const child = spawn("npx", ["vitest", "run", "--config", "vitest.e2e.config.ts", ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: "inherit",
  env: { ...process.env, CHROMIUM_PATH: chromium },
});

// Pass Ctrl-C and termination on to vitest, which stops the servers and browsers it started.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}

child.on("error", (error) => {
  console.error(`Could not start vitest: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
