/**
 * Keywork's house-rule linter: `npx tsx scripts/lint.ts`.
 *
 * Parses every `.ts` file under src/, test/, bench/ and scripts/ with the TypeScript compiler API and
 * prints each problem as `path:line  rule  message`, sorted by path then line. Exits 1 if there are
 * problems. `lintSource` checks one file in memory (used by scripts/lint.test.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

export interface Problem {
  path: string;
  line: number;
  rule: string;
  message: string;
}

const LINTED_ROOTS = ["src", "test", "bench", "scripts"];
const MAX_LINES = 400;
const FILE_LENGTH_EXEMPT = new Set(["src/demo/people.ts"]);
const NOT_CAPABILITIES = new Set(["platform", "cli", "demo"]);
const URL_PREFIXES = ["/people", "/caseload", "/team", "/api/v1"];
const PATHS_FILE = "src/platform/http/paths.ts";
const TABLE_INDEX = "src/platform/database/tables.ts";
const TEST_RUNNERS = new Set(["it", "test", "describe", "suite", "bench"]);

/** Is this repository-relative path a test file? */
export function isTestFile(file: string): boolean {
  return /\.(test|spec)\.ts$/.test(file) || file.startsWith("test/");
}

/** The top-level folder under src/ that holds this file, or undefined for files at src/ itself. */
function srcFolder(file: string): string | undefined {
  const parts = file.split("/");
  return parts[0] === "src" && parts.length > 2 ? parts[1] : undefined;
}

/** Resolves a relative module specifier to a repository-relative path without its extension. */
function resolveImport(importer: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(importer), specifier));
  return joined.replace(/\.(ts|js|mts|mjs)$/, "");
}

interface ModuleReference {
  node: ts.Node;
  specifier: string;
  typeOnly: boolean;
}

/** The module a node refers to, if it is an import, re-export, dynamic import, require or import type. */
function moduleReference(node: ts.Node): ModuleReference | undefined {
  const literal = (n: ts.Node | undefined): string | undefined =>
    n && ts.isStringLiteralLike(n) ? n.text : undefined;
  if (ts.isImportDeclaration(node)) {
    const specifier = literal(node.moduleSpecifier);
    const typeOnly = node.importClause?.isTypeOnly ?? false;
    return specifier === undefined ? undefined : { node, specifier, typeOnly };
  }
  if (ts.isExportDeclaration(node)) {
    const specifier = literal(node.moduleSpecifier);
    return specifier === undefined ? undefined : { node, specifier, typeOnly: node.isTypeOnly };
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    const specifier = literal(node.argument.literal);
    return specifier === undefined ? undefined : { node, specifier, typeOnly: true };
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const specifier = literal(node.moduleReference.expression);
    return specifier === undefined ? undefined : { node, specifier, typeOnly: node.isTypeOnly };
  }
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
    const isRequire = ts.isIdentifier(callee) && callee.text === "require";
    const specifier = isImport || isRequire ? literal(node.arguments[0]) : undefined;
    return specifier === undefined ? undefined : { node, specifier, typeOnly: false };
  }
  return undefined;
}

/** Rule store-boundary: the message for a forbidden import, or undefined if it is allowed. */
function storeBoundary(file: string, ref: ModuleReference): string | undefined {
  const target = resolveImport(file, ref.specifier);
  if (target === undefined) return undefined;
  if (/(^|-)store$/.test(path.posix.basename(target))) {
    const storeFolder = path.posix.dirname(target);
    if (!file.startsWith(`${storeFolder}/`)) {
      return `imports ${target}.ts from outside ${storeFolder}/ — use that capability's service.ts`;
    }
  }
  if (!file.startsWith("src/platform/") || file === TABLE_INDEX) return undefined;
  if (target === "src/app") {
    return ref.typeOnly ? undefined : "platform may import src/app.ts only with `import type`";
  }
  const folder = target.startsWith("src/") ? srcFolder(`${target}.ts`) : undefined;
  if (folder !== undefined && folder !== "platform") {
    return `platform imports ${target}.ts — platform must know nothing of src/${folder}/`;
  }
  return undefined;
}

/** The identifier at the left end of a property-access chain such as `describe.skip.each`. */
function chainRoot(node: ts.Expression): string | undefined {
  let current: ts.Expression = node;
  while (ts.isPropertyAccessExpression(current) || ts.isCallExpression(current)) current = current.expression;
  return ts.isIdentifier(current) ? current.text : undefined;
}

/** Line numbers (1-based) that carry any part of a comment with some text in it. */
function commentLines(source: ts.SourceFile): Set<number> {
  const text = source.text;
  const lines = new Set<number>();
  const seen = new Set<number>();
  const collect = (ranges: ts.CommentRange[] | undefined): void => {
    for (const range of ranges ?? []) {
      if (seen.has(range.pos)) continue;
      seen.add(range.pos);
      const body = text.slice(range.pos, range.end).replace(/^\/[/*]|\*\/$/g, "");
      if (!/\w/.test(body)) continue;
      const first = source.getLineAndCharacterOfPosition(range.pos).line + 1;
      const last = source.getLineAndCharacterOfPosition(range.end).line + 1;
      for (let line = first; line <= last; line++) lines.add(line);
    }
  };
  const visit = (node: ts.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return lines;
}

function lineCount(text: string): number {
  if (text.length === 0) return 0;
  const newlines = text.split("\n").length - 1;
  return text.endsWith("\n") ? newlines : newlines + 1;
}

function isDefaultExport(node: ts.Node): boolean {
  if (ts.isExportAssignment(node)) return true;
  if (ts.isExportSpecifier(node)) return node.name.text === "default";
  if (ts.isNamespaceExport(node)) return node.name.text === "default";
  if (!ts.canHaveModifiers(node)) return false;
  const modifiers = ts.getModifiers(node) ?? [];
  return modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

function isModuleSpecifier(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return parent.moduleSpecifier === node;
  if (ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent)) return ts.isImportTypeNode(parent.parent);
  return ts.isCallExpression(parent) && moduleReference(parent) !== undefined;
}

/** Lints one file's text; `file` is its repository-relative path with forward slashes. */
export function lintSource(file: string, text: string): Problem[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const problems: Problem[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const report = (node: ts.Node, rule: string, message: string): void => {
    problems.push({ path: file, line: lineOf(node), rule, message });
  };

  const test = isTestFile(file);
  const inSrc = file.startsWith("src/");
  const consoleAllowed = file === "src/main.ts" || file.startsWith("src/cli/");
  // Tests spell URLs out on purpose: they check the published contract itself.
  const urlsAllowed = test || !inSrc || file === PATHS_FILE;
  let comments: Set<number> | undefined;

  const lines = lineCount(text);
  const lengthExempt = test || FILE_LENGTH_EXEMPT.has(file) || file.split("/").includes("migrations");
  if (!lengthExempt && lines > MAX_LINES) {
    problems.push({
      path: file,
      line: MAX_LINES + 1,
      rule: "file-length",
      message: `${lines} lines (at most ${MAX_LINES}) — split it by meaning`,
    });
  }

  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const cast = ts.isAsExpression(node.parent) || ts.isTypeAssertionExpression(node.parent);
      report(node, "no-any", `${cast ? "`as any`" : "`any` type"} — use a precise type or \`unknown\``);
    }

    const ref = moduleReference(node);
    const boundary = ref && storeBoundary(file, ref);
    if (boundary) report(node, "store-boundary", boundary);

    if (inSrc && !consoleAllowed && (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) {
      if (ts.isIdentifier(node.expression) && node.expression.text === "console") {
        report(node, "no-console", "no console in src/ outside src/main.ts and src/cli/ — use the logger");
      }
    }

    if (inSrc && isDefaultExport(node)) {
      report(node, "no-default-export", "use a named export");
    }

    if (!urlsAllowed) {
      const literal = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text
        : ts.isTemplateExpression(node) ? node.head.text : undefined;
      const prefix = literal === undefined ? undefined : URL_PREFIXES.find((p) => literal.startsWith(p));
      if (prefix && !isModuleSpecifier(node)) {
        report(node, "no-hand-built-urls", `hand-built URL "${prefix}…" — use the typed \`paths\` builders`);
      }
    }

    if (test && ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      const parent = node.parent;
      const called = ts.isCallExpression(parent) && parent.expression === node;
      const chained = ts.isPropertyAccessExpression(parent) && parent.expression === node;
      if (name === "only" && TEST_RUNNERS.has(chainRoot(node.expression) ?? "")) {
        report(node.name, "no-only", `\`.only\` left in a test — it silently skips the rest of the suite`);
      }
      if ((name === "skip" || name === "skipIf") && (called || chained)) {
        comments ??= commentLines(source);
        const line = lineOf(node.name);
        const statement = ts.findAncestor(node, ts.isStatement);
        const startLine = statement ? lineOf(statement) : line;
        const explained = [line, line - 1, startLine, startLine - 1].some((l) => comments?.has(l));
        if (!explained) {
          report(node.name, "no-skip-without-reason", `\`.${name}\` needs a comment on the same or previous line saying why`);
        }
      }
    }

    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

/** Every `.ts` file under the linted folders, as sorted repository-relative paths. */
export function lintedFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return; // a linted folder that does not exist yet
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.endsWith(".ts")) files.push(child);
    }
  };
  for (const folder of LINTED_ROOTS) walk(folder);
  return files.sort();
}

export function compareProblems(a: Problem, b: Problem): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}

export function formatProblem(problem: Problem): string {
  return `${problem.path}:${problem.line}  ${problem.rule}  ${problem.message}`;
}

function main(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const files = lintedFiles(root);
  const problems = files
    .flatMap((file) => lintSource(file, readFileSync(path.join(root, file), "utf8")))
    .sort(compareProblems);
  if (problems.length === 0) {
    console.log(`lint: ${files.length} files, no problems`);
    return;
  }
  for (const problem of problems) console.log(formatProblem(problem));
  const fileCount = new Set(problems.map((p) => p.path)).size;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  console.log(`lint: ${files.length} files, ${plural(problems.length, "problem")} in ${plural(fileCount, "file")}`);
  process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
