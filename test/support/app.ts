import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { inject } from "vitest";
import { createApp } from "../../src/app.ts";
import { readConfig, type Config } from "../../src/config.ts";
import { systemClock, type Clock } from "../../src/platform/clock.ts";
import { openDatabase, type Database } from "../../src/platform/database/open.ts";
import { TEST_PASSWORD } from "./factories.ts";
import { HttpClient } from "./http.ts";

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  baseUrl: string;
  /** A client with its own cookie jar, talking to the app over HTTP. */
  client(): HttpClient;
  close(): Promise<void>;
}

let sharedEmbedded: Promise<Database> | undefined;

/**
 * The database for a test file: the PostgreSQL test database, or one copy of the migrated embedded
 * database per test worker, shared by the files that worker runs (vitest runs them without module
 * isolation). Files keep out of each other's way by creating their own tenant, as they do on
 * PostgreSQL; closing the shared copy is left to the worker's exit.
 */
export async function openTestDatabase(): Promise<Database> {
  const databaseUrl = inject("databaseUrl");
  if (databaseUrl) return openDatabase({ databaseUrl });
  const dumpPath = inject("migratedDumpPath");
  if (!dumpPath) throw new Error("global setup did not prepare a migrated database");
  sharedEmbedded ??= openDatabase({ loadDataDir: new Blob([readFileSync(dumpPath)]) });
  const shared = await sharedEmbedded;
  return { ...shared, close: async () => undefined };
}

/** Starts the real app on a free port against a real database. */
export async function startTestApp(overrides: Partial<Config> = {}, options: { clock?: Clock } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  // Tests sign in far more often than a person could; the address rate limit has a test of its own.
  // The escalation sweep runs only where a test asks for it (src/plans/escalation*.test.ts), on its own clock.
  const config: Config = { ...readConfig({ LOG_LEVEL: "silent" }), demo: false, signInRateLimitPerMinute: 10_000, escalationMinutes: 0, secondFactorRequired: false, ...overrides };
  const app = await createApp({ config, database, clock: options.clock ?? systemClock });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the test app has no port");
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    database,
    config,
    baseUrl,
    client: () => new HttpClient(baseUrl),
    async close() {
      // Clients in tests keep connections alive; close them so that closing never waits on one.
      app.server.closeAllConnections();
      await app.close();
      await database.close();
    },
  };
}

/**
 * Signed-in clients for a test file, one per user, signed in the first time each is asked for.
 * `app` is read when a client is first needed, so it can be the file's app set up in beforeAll.
 */
export function signedInClients(app: () => TestApp, kind: "browser" | "api"): (user: { id: string; email: string }) => Promise<HttpClient> {
  const clients = new Map<string, HttpClient>();
  return async (user) => {
    const known = clients.get(user.id);
    if (known) return known;
    const client = app().client();
    if (kind === "api") await client.signInApi(user.email, TEST_PASSWORD);
    else await client.signInBrowser(user.email, TEST_PASSWORD);
    clients.set(user.id, client);
    return client;
  };
}
