import { describe, expect, it } from "vitest";
import { compareProblems, formatProblem, isTestFile, lintSource } from "./lint.ts";

/** The problems in one in-memory file, as `line rule` strings. */
function lint(file: string, ...lines: string[]): string[] {
  return lintSource(file, `${lines.join("\n")}\n`).map((p) => `${p.line} ${p.rule}`);
}

describe("no-any", () => {
  it("reports any annotations and `as any` casts everywhere", () => {
    expect(lint("src/people/x.ts", "export const a: any = 1;", "export const b = a as any;")).toEqual([
      "1 no-any",
      "2 no-any",
    ]);
    expect(lint("bench/x.ts", "function f(x: Array<any>) { return x; }", "f([]);")).toEqual(["1 no-any"]);
  });

  it("ignores unknown and the word any in strings and comments", () => {
    expect(lint("src/x.ts", "// any", 'export const a: unknown = "any";')).toEqual([]);
  });
});

describe("file-length", () => {
  const long = (n: number): string => "export const x = 1;\n".repeat(n);

  it("allows 400 lines and reports the 401st", () => {
    expect(lintSource("src/people/x.ts", long(400))).toEqual([]);
    expect(lintSource("scripts/x.ts", long(401)).map((p) => `${p.line} ${p.rule}`)).toEqual(["401 file-length"]);
  });

  it("exempts tests, the demo people and migrations", () => {
    expect(lintSource("src/people/x.test.ts", long(500))).toEqual([]);
    expect(lintSource("test/support/x.ts", long(500))).toEqual([]);
    expect(lintSource("src/demo/people.ts", long(500))).toEqual([]);
    expect(lintSource("src/platform/database/migrations/x.ts", long(500))).toEqual([]);
  });
});

describe("store-boundary", () => {
  it("allows a store to be imported only from its own folder", () => {
    expect(lint("src/people/service.ts", 'import * as store from "./store.ts";')).toEqual([]);
    expect(lint("src/people/deep/x.ts", 'import { a } from "../store.ts";')).toEqual([]);
    expect(lint("src/caseload/service.ts", 'import { a } from "../people/store.ts";')).toEqual(["1 store-boundary"]);
    expect(lint("src/caseload/x.ts", 'export type { A } from "../people/store.ts";')).toEqual(["1 store-boundary"]);
    expect(lint("src/caseload/x.ts", 'export const m = () => import("../people/store.ts");')).toEqual([
      "1 store-boundary",
    ]);
    expect(lint("test/x.test.ts", 'import { a } from "../src/people/store.ts";')).toEqual(["1 store-boundary"]);
  });

  it("treats a capability's named stores (action-store.ts) as stores too", () => {
    expect(lint("src/plans/service.ts", 'import * as store from "./action-store.ts";')).toEqual([]);
    expect(lint("src/meetings/demo.ts", 'import { updateAction } from "../plans/action-store.ts";')).toEqual(["1 store-boundary"]);
    expect(lint("src/meetings/demo.ts", 'import { restore } from "../plans/restore.ts";')).toEqual([]);
  });

  it("allows another capability's service and tables", () => {
    expect(lint("src/caseload/x.ts", 'import { a } from "../people/service.ts";')).toEqual([]);
    expect(lint("src/caseload/x.ts", 'import { people } from "../people/tables.ts";')).toEqual([]);
  });

  it("keeps platform free of capabilities, except the table index and type-only app imports", () => {
    expect(lint("src/platform/http/x.ts", 'import { a } from "../../people/service.ts";')).toEqual([
      "1 store-boundary",
    ]);
    expect(lint("src/platform/http/x.ts", 'import { a } from "../../demo/seed.ts";')).toEqual(["1 store-boundary"]);
    expect(lint("src/platform/database/tables.ts", 'export * from "../../people/tables.ts";')).toEqual([]);
    expect(lint("src/platform/auth/api.ts", 'import type { RoutePlugin } from "../../app.ts";')).toEqual([]);
    expect(lint("src/platform/auth/api.ts", 'import { type RoutePlugin } from "../../app.ts";')).toEqual([
      "1 store-boundary",
    ]);
    expect(lint("src/platform/auth/api.ts", 'import { config } from "../../config.ts";')).toEqual([]);
    expect(lint("src/platform/auth/api.ts", 'import { a } from "../views/html.ts";')).toEqual([]);
  });
});

describe("no-console", () => {
  it("reports console in src/ except main.ts and the CLI", () => {
    expect(lint("src/people/x.ts", 'console.log("hi");', 'console["warn"]("hi");')).toEqual([
      "1 no-console",
      "2 no-console",
    ]);
    expect(lint("src/main.ts", 'console.log("hi");')).toEqual([]);
    expect(lint("src/cli/export.ts", 'console.log("hi");')).toEqual([]);
    expect(lint("bench/run.ts", 'console.log("hi");')).toEqual([]);
  });
});

describe("no-default-export", () => {
  it("reports every form of default export in src/", () => {
    expect(lint("src/x.ts", "export default 1;")).toEqual(["1 no-default-export"]);
    expect(lint("src/x.ts", "export default function f() {}")).toEqual(["1 no-default-export"]);
    expect(lint("src/x.ts", "const a = 1;", "export { a as default };")).toEqual(["2 no-default-export"]);
    expect(lint("src/x.ts", 'export { default as pg } from "pg";')).toEqual([]);
    expect(lint("scripts/x.ts", "export default 1;")).toEqual([]);
  });
});

describe("no-hand-built-urls", () => {
  it("reports string and template literals that start with a route prefix", () => {
    expect(
      lint(
        "src/people/pages.ts",
        'export const a = "/people/1";',
        "export const b = `/caseload?page=${2}`;",
        "export const c = `/api/v1/people`;",
        "export const d = '/team';",
      ),
    ).toEqual(["1 no-hand-built-urls", "2 no-hand-built-urls", "3 no-hand-built-urls", "4 no-hand-built-urls"]);
  });

  it("allows paths.ts, other strings, and code outside src/", () => {
    expect(lint("src/platform/http/paths.ts", 'export const routes = { show: "/people/:id" };')).toEqual([]);
    expect(lint("src/people/x.ts", 'export const a = "/assets/x.css";', "export const b = `${1}/people`;")).toEqual(
      [],
    );
    expect(lint("test/x.test.ts", 'export const a = "/people";')).toEqual([]);
  });
});

describe("no-only", () => {
  it("reports .only on test functions in tests", () => {
    expect(lint("src/x.test.ts", 'it.only("a", () => {});', 'describe.only.each([1])("b", () => {});')).toEqual([
      "1 no-only",
      "2 no-only",
    ]);
    expect(lint("test/e2e/x.ts", 'test.only("a", () => {});')).toEqual(["1 no-only"]);
  });

  it("ignores other .only properties and non-test files", () => {
    expect(lint("src/x.test.ts", "const o = { only: () => 1 };", "o.only();")).toEqual([]);
    expect(lint("src/x.ts", 'it.only("a", () => {});')).toEqual([]);
  });
});

describe("no-skip-without-reason", () => {
  it("reports a skip without a comment", () => {
    expect(lint("src/x.test.ts", "", 'it.skip("a", () => {});')).toEqual(["2 no-skip-without-reason"]);
    expect(lint("src/x.test.ts", 'describe.skipIf(true)("a", () => {});')).toEqual(["1 no-skip-without-reason"]);
    expect(lint("src/x.test.ts", "// ", 'it.skip("a", () => {});')).toEqual(["2 no-skip-without-reason"]);
  });

  it("accepts a comment on the same or the previous line", () => {
    expect(lint("src/x.test.ts", "// needs the PostgreSQL server", 'it.skip("a", () => {});')).toEqual([]);
    expect(lint("src/x.test.ts", 'it.skip("a", () => {}); // flaky until #12')).toEqual([]);
    expect(lint("src/x.test.ts", "/* no chromium here */ describe.skipIf(true)(\"a\", () => {});")).toEqual([]);
    expect(lint("src/x.test.ts", 'it("a", (ctx) => {', "  // PGlite only", "  ctx.skip();", "});")).toEqual([]);
  });
});

describe("output", () => {
  it("sorts by path then line and formats as path:line  rule  message", () => {
    const problems = [
      { path: "src/b.ts", line: 1, rule: "no-any", message: "m" },
      { path: "src/a.ts", line: 10, rule: "no-any", message: "m" },
      { path: "src/a.ts", line: 2, rule: "no-console", message: "m" },
    ].sort(compareProblems);
    expect(problems.map(formatProblem)).toEqual([
      "src/a.ts:2  no-console  m",
      "src/a.ts:10  no-any  m",
      "src/b.ts:1  no-any  m",
    ]);
  });

  it("knows test files", () => {
    expect(isTestFile("src/people/pages.test.ts")).toBe(true);
    expect(isTestFile("test/support/app.ts")).toBe(true);
    expect(isTestFile("src/people/pages.ts")).toBe(false);
  });
});
