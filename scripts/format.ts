/**
 * Keeps Keywork's text files tidy: no trailing spaces or tabs at line ends, Unix line endings and
 * exactly one newline at the end. `npm run format` fixes the files; `npm run format -- --check`
 * only lists those that need it and exits 1, for use before a commit.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";

const ROOTS = ["src", "test", "scripts", "docs", "bench"];
const EXTENSIONS = new Set([".ts", ".mjs", ".js", ".md", ".css", ".sql", ".json"]);
const SKIP = new Set(["node_modules", "migrations"]);

function* textFiles(directory: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    if (SKIP.has(name)) continue;
    const path = join(directory, name);
    if (statSync(path).isDirectory()) yield* textFiles(path);
    else if (EXTENSIONS.has(extname(name))) yield path;
  }
}

export function tidy(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n").map((line) => line.replace(/[ \t]+$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

const checkOnly = process.argv.includes("--check");
const untidy: string[] = [];
for (const root of ROOTS) {
  for (const path of textFiles(root)) {
    const text = readFileSync(path, "utf8");
    const tidied = tidy(text);
    if (tidied === text) continue;
    untidy.push(path);
    if (!checkOnly) writeFileSync(path, tidied);
  }
}
if (untidy.length === 0) console.log("format: every file is tidy");
else console.log(`format: ${checkOnly ? "needs tidying" : "tidied"}: ${untidy.join(", ")}`);
process.exit(checkOnly && untidy.length > 0 ? 1 : 0);
