import { defineConfig } from "vitest/config";

/**
 * Browser end-to-end tests: each file starts the real Keywork server (embedded database, demo data)
 * and a headless Chromium. Run them with `node test/e2e/run.mjs`, which skips them when there is no
 * browser.
 */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    // Two files at a time, each with its own server, data copy and browser: they share the machine,
    // not the data. KEYWORK_E2E_WORKERS=1 runs them one by one (e.g. to read a failure's log).
    fileParallelism: true,
    maxWorkers: Number(process.env.KEYWORK_E2E_WORKERS ?? 2),
    // Two servers and two browsers share two cores: a step may wait its turn.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A journey's steps depend on each other, so a file's tests run in order.
    sequence: { concurrent: false },
    // CI asks for a JSON report too, to count these tests in its closing summary.
    reporters: process.env.KEYWORK_E2E_REPORT ? ["default", ["json", { outputFile: process.env.KEYWORK_E2E_REPORT }]] : ["default"],
  },
});
