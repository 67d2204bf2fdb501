import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: one database per worker is plenty and keeps memory in check.
    maxWorkers: 2,
    // Files share their worker's modules, and so its embedded database (test/support/app.ts): opening
    // a copy costs about a second and every file keeps to tenants of its own.
    isolate: false,
    // CI asks for a JSON report too, to print one closing "N passed, N failed" line over every run.
    reporters: process.env.KEYWORK_TEST_REPORT ? ["default", ["json", { outputFile: process.env.KEYWORK_TEST_REPORT }]] : ["default"],
  },
});
