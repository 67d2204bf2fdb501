#!/usr/bin/env node
// The `keywork` command: runs src/cli.ts with Node and tsx (Keywork runs its TypeScript as it is).
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
// tsx is found from Keywork's own folder, so the command works from any directory.
const tsx = import.meta.resolve("tsx");
const child = spawn(process.execPath, ["--import", tsx, join(repoRoot, "src", "cli", "index.ts"), ...process.argv.slice(2)], { stdio: "inherit", cwd: process.cwd() });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
