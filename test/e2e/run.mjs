#!/usr/bin/env node
// Runs the browser end-to-end tests when a Chromium is available, and skips them (exit 0) when not,
// so that `npm test` works on machines without a browser.
//
// Usage: node test/e2e/run.mjs [extra vitest arguments]
// Environment: CHROMIUM_PATH (the browser to use), KEYWORK_REQUIRE_BROWSER=1 (fail instead of skipping
// when there is none), KEYWORK_E2E_REPORT (also write a vitest JSON report to this file).
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, rmSync } from "node:fs";
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
  // CI sets KEYWORK_REQUIRE_BROWSER=1: there, a missing browser is a failure, not a skip.
  if (/^(1|true|yes)$/i.test(process.env.KEYWORK_REQUIRE_BROWSER ?? "")) {
    console.error("Browser tests failed: no chromium found and KEYWORK_REQUIRE_BROWSER is set (install it with: apt-get install -y chromium)");
    process.exit(1);
  }
  console.log("Browser tests skipped: no chromium found (install it with: apt-get install -y chromium, or set CHROMIUM_PATH)");
  process.exit(0);
}

// A full run starts with an empty screenshot folder, so that it shows this run's pages only.
if (process.argv.length <= 2) rmSync(join(repoRoot, "test-results", "screenshots"), { recursive: true, force: true });

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
