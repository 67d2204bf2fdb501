/**
 * The browser end-to-end harness: starts the real Keywork server (embedded database, demo data) as a
 * child process and a headless Chromium, and gives the journeys what they share: signing in,
 * accessibility checks with axe and full-page screenshots.
 *
 * Call `useKeywork()` at the top of a test file: it starts both before the file's tests and stops
 * them afterwards.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { KilledDuringStartup, startKeyworkProcess } from "../support/keywork-process.ts";

export { freePort } from "../support/keywork-process.ts";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const screenshotDir = join(repoRoot, "test-results", "screenshots");

/** Every demo user has this password (KEYWORK_DEMO_PASSWORD's default). */
export const DEMO_PASSWORD = "keywork-demo";

const STARTUP_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

export interface KeyworkServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server has printed so far, stdout and stderr interleaved. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx src/main.ts` on a free port with a fresh data directory, so it always
 * uses the embedded database and loads the demo partnership. Resolves once GET /health answers 200.
 */
export async function startKeywork(): Promise<KeyworkServer> {
  try {
    return await startKeyworkOnce();
  } catch (error) {
    // A server killed by a signal we did not send (something else on the machine) is not Keywork's
    // fault: try once more, saying so. Any other failure is reported as it is.
    if (!(error instanceof KilledDuringStartup)) throw error;
    console.warn(`${error.message}; starting it again.`);
    return startKeyworkOnce();
  }
}

async function startKeyworkOnce(): Promise<KeyworkServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "keywork-e2e-"));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  try {
    // A copy of the run's migrated demo database: the server finds it up to date and the demo loaded.
    await cp(inject("demoDataTemplate"), dataDir, { recursive: true });
    const keywork = await startKeyworkProcess({
      // Always the embedded database with the demo data, plain-HTTP cookies and the default password.
      env: { KEYWORK_DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: undefined, KEYWORK_DEMO: undefined, KEYWORK_DEMO_PASSWORD: undefined, KEYWORK_SECURE_COOKIES: undefined },
      startupTimeoutMs: STARTUP_TIMEOUT_MS,
      stopTimeoutMs: STOP_TIMEOUT_MS,
    });
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await keywork.stop();
      await removeDataDir();
    };
    return { baseUrl: keywork.baseUrl, dataDir, output: keywork.output, stop };
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------------

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(path)) throw new Error(`No Chromium at ${path}: set CHROMIUM_PATH, or run the tests with node test/e2e/run.mjs`);
  return path;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Pages opened with JavaScript off: axe cannot run in them, so it runs on a copy (see checkAccessibility). */
const scriptlessPages = new WeakSet<Page>();

/** What went wrong in the browser on a page: script errors, console errors, failed assets. */
const browserProblems = new WeakMap<Page, string[]>();

function watchForProblems(page: Page): void {
  const problems: string[] = [];
  browserProblems.set(page, problems);
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("console", (message) => {
    // A page answered with 4xx (a form with errors, a 404 page) is logged as a failed resource: the
    // journeys check those statuses themselves, and failed assets are caught below.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(`console error: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.request().resourceType() !== "document" && response.status() >= 400) {
      problems.push(`${response.request().resourceType()} ${response.url()} answered ${response.status()}`);
    }
  });
  page.on("requestfailed", (request) => {
    const error = request.failure()?.errorText ?? "unknown";
    // ERR_ABORTED is the browser dropping a request (the favicon, say) because the page moved on.
    if (request.resourceType() !== "document" && error !== "net::ERR_ABORTED") problems.push(`${request.resourceType()} ${request.url()} failed: ${error}`);
  });
}

/** Fails when the page has had script errors, console errors or assets that did not load; then forgets them. */
export function expectNoBrowserProblems(page: Page): void {
  const problems = browserProblems.get(page) ?? [];
  const found = problems.splice(0, problems.length);
  expect(found, `Problems in the browser on ${page.url()}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// One file's server and browser
// ---------------------------------------------------------------------------------------------

export interface KeyworkSession {
  readonly baseUrl: string;
  readonly browser: Browser;
  readonly server: KeyworkServer;
  /** A page in a new browser context (its own cookies), with base URL set and problems watched. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
}

/** Starts Keywork and Chromium before this file's tests and stops both after them. */
export function useKeywork(): KeyworkSession {
  let server: KeyworkServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startKeywork();
    try {
      browser = await launchBrowser();
    } catch (error) {
      await server.stop();
      throw error;
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  const session: KeyworkSession = {
    get baseUrl() {
      if (!server) throw new Error("Keywork is not running: call useKeywork() at the top of the test file");
      return server.baseUrl;
    },
    get browser() {
      if (!browser) throw new Error("The browser is not running: call useKeywork() at the top of the test file");
      return browser;
    },
    get server() {
      if (!server) throw new Error("Keywork is not running: call useKeywork() at the top of the test file");
      return server;
    },
    async newPage(options: BrowserContextOptions = {}) {
      const context = await session.browser.newContext({ baseURL: session.baseUrl, viewport: { width: 1280, height: 900 }, ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      watchForProblems(page);
      if (options.javaScriptEnabled === false) scriptlessPages.add(page);
      return page;
    },
  };
  return session;
}

// ---------------------------------------------------------------------------------------------
// Helpers for journeys
// ---------------------------------------------------------------------------------------------

/**
 * Runs an action that loads a new page (a link, a form, Enter in a field) and waits until the new
 * page has loaded. Works with JavaScript off, and when the form answers on the same URL.
 */
export async function navigating<T>(page: Page, action: () => Promise<T>): Promise<T> {
  const loaded = page.waitForEvent("load", { timeout: 30_000 });
  // When the action itself fails, that is the error to report, not the wait.
  loaded.catch(() => undefined);
  const result = await action();
  await loaded;
  return result;
}

/** Signs in on the sign-in page with the demo password and waits for the page after it. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await navigating(page, () => page.getByRole("button", { name: "Sign in", exact: true }).click());
  expect(new URL(page.url()).pathname, `after signing in as ${email}`).not.toBe("/sign-in");
}

/** Signs out with the button in the header and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await navigating(page, () => page.getByRole("button", { name: "Sign out" }).click());
}

function describeViolation(violation: { id: string; impact?: string | null; help: string; helpUrl: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }): string {
  const nodes = violation.nodes
    .map((node) => `      - ${node.target.map((part) => (Array.isArray(part) ? part.join(" >>> ") : String(part))).join(" ")}${node.failureSummary ? `\n        ${node.failureSummary.replace(/\n/g, "\n        ")}` : ""}`)
    .join("\n");
  return `  - ${violation.id} (${violation.impact ?? "impact unknown"}): ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
}

/**
 * A copy of a page opened with JavaScript off, in a context with it on, so that axe (which needs
 * scripts) can run. The copy is the same HTML at the same address with its scripts removed, so it
 * looks and behaves as the page without JavaScript does.
 */
async function scriptableCopy(page: Page): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = page.context().browser();
  if (!browser) throw new Error("The page has no browser to open a copy in");
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const address = new URL(page.url());
  address.hash = "";
  const context = await browser.newContext({ viewport: page.viewportSize() });
  const copy = await context.newPage();
  await copy.route(
    (url) => url.href === address.href,
    (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
  );
  await copy.goto(address.href);
  return { page: copy, close: () => context.close() };
}

/** Runs axe against WCAG 2.2 AA on the page and fails listing every violation and where it is. */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  const target = scriptlessPages.has(page) ? await scriptableCopy(page) : { page, close: async () => undefined };
  try {
    const results = await new AxeBuilder({ page: target.page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
    if (results.violations.length > 0) {
      const list = results.violations.map(describeViolation).join("\n");
      throw new Error(`Accessibility violations on "${name}" (${page.url()}):\n${list}`);
    }
  } finally {
    await target.close();
  }
}

/** The little of the browser's DOM the helpers below use (the project's TypeScript has no DOM types). */
interface InPageElement {
  ownerDocument: {
    activeElement: unknown;
    defaultView: { getComputedStyle(element: unknown): { getPropertyValue(name: string): string } } | null;
  };
}

/** Whether the element has keyboard focus. */
export async function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((element: InPageElement) => element === element.ownerDocument.activeElement);
}

/** One computed CSS property of the element, e.g. "background-color". */
export async function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate(
    (element: InPageElement, name: string) => element.ownerDocument.defaultView?.getComputedStyle(element).getPropertyValue(name) ?? "",
    property,
  );
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name.replace(/[^a-z0-9._-]+/gi, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Everything checked on every page a journey visits: no browser problems, axe, and a screenshot. */
export async function checkPage(page: Page, name: string): Promise<void> {
  expectNoBrowserProblems(page);
  await screenshot(page, name);
  await checkAccessibility(page, name);
}
