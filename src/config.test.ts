import { describe, expect, it } from "vitest";
import { readConfig } from "./config.ts";

describe("configuration", () => {
  it("defaults to the embedded database in ./data on port 3000, with demo data", () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: "./data", databaseUrl: undefined, demo: true, demoPassword: "keywork-demo" });
  });

  it("turns demo data off on PostgreSQL unless KEYWORK_DEMO=1, and lets it be turned off on the embedded database", () => {
    expect(readConfig({ DATABASE_URL: "postgres://localhost/keywork" }).demo).toBe(false);
    expect(readConfig({ DATABASE_URL: "postgres://localhost/keywork", KEYWORK_DEMO: "1" }).demo).toBe(true);
    expect(readConfig({ KEYWORK_DEMO: "0" }).demo).toBe(false);
  });

  it("says clearly what is wrong with a bad setting", () => {
    expect(() => readConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => readConfig({ KEYWORK_DEMO_PASSWORD: "short" })).toThrow(/KEYWORK_DEMO_PASSWORD/);
  });
});
