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
    // One server and one browser at a time: the files share the machine, not the data.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A journey's steps depend on each other, so a file's tests run in order.
    sequence: { concurrent: false },
    // CI asks for a JSON report too, to count these tests in its closing summary.
    reporters: process.env.KEYWORK_E2E_REPORT ? ["default", ["json", { outputFile: process.env.KEYWORK_E2E_REPORT }]] : ["default"],
  },
});
