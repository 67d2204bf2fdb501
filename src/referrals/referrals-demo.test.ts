import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { DEMO_TEST_PASSWORD } from "../../test/support/factories.ts";
import { textOf } from "../../test/support/http.ts";
import { demoEmail, seedDemo } from "../demo/seed.ts";
import type { DemoUserKey } from "../demo/types.ts";
import { DEMO_PUBLIC_LINKS, DEMO_STATUS_TOKEN } from "./demo.ts";

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
  await seedDemo(testApp.database.db, DEMO_TEST_PASSWORD);
});
afterAll(async () => {
  await testApp.close();
});

async function signedIn(key: DemoUserKey, api = false) {
  const client = testApp.client();
  if (api) await client.signInApi(demoEmail(key), DEMO_TEST_PASSWORD);
  else await client.signInBrowser(demoEmail(key), DEMO_TEST_PASSWORD);
  return client;
}

describe("the demo referrals", () => {
  it("give the multiple-needs manager one overdue, one in screening, two waiting, one declined and one allocated", async () => {
    const manager = await signedIn("manager", true);
    const { body } = await manager.getJson<{ items: Array<{ person: { givenName: string; familyName: string }; status: string; priority: string; acknowledgementOverdue: boolean }> }>("/api/v1/referrals");
    const byName = new Map(body.items.map((item) => [`${item.person.givenName} ${item.person.familyName}`, item]));
    expect(byName.get("Kieran Lowe")).toMatchObject({ status: "awaiting-acknowledgement", acknowledgementOverdue: true });
    expect(byName.get("Gaz Whitlock")?.status).toBe("screening");
    expect(byName.get("Marie O'Neill")).toMatchObject({ status: "accepted", priority: "urgent" });
    expect(byName.get("Jordan Pike")?.status).toBe("accepted");
    expect(byName.get("Gary Fenton")?.status).toBe("declined");
    expect(byName.get("Liam O'Driscoll")?.status).toBe("allocated");
    expect(byName.has("Amira Khalil")).toBe(false);
    const childrenManager = await signedIn("children-manager", true);
    expect((await childrenManager.getJson<{ items: Array<{ person: { givenName: string } }> }>("/api/v1/referrals")).body.items.map((item) => item.person.givenName)).toEqual(["Amira"]);

    const pages = await signedIn("manager");
    const list = textOf(await (await pages.get("/referrals")).text());
    expect(list).toMatch(/Acknowledgement overdue by \d+ working days?/);
    const waiting = textOf(await (await pages.get("/referrals/waiting-list")).text());
    expect(waiting.indexOf("Marie O'Neill")).toBeLessThan(waiting.indexOf("Jordan Pike"));
  });

  it("matches the referral in screening to someone the team knows, and suggests workers by specialism", async () => {
    const manager = await signedIn("manager", true);
    const { body } = await manager.getJson<{ items: Array<{ id: string; person: { givenName: string } }> }>("/api/v1/referrals");
    const gaz = body.items.find((item) => item.person.givenName === "Gaz");
    const jordan = body.items.find((item) => item.person.givenName === "Jordan");
    const pages = await signedIn("manager");
    const screening = textOf(await (await pages.get(`/referrals/${gaz?.id}`)).text());
    expect(screening).toContain("The referral's given name “Gaz” is their alias");
    expect(screening).toContain("✓ Met");
    const allocation = textOf(await (await pages.get(`/referrals/${jordan?.id}/allocation`)).text());
    expect(allocation).toMatch(/Dan Hughes[^]*specialises in offending or the criminal justice system and drugs or alcohol/);
  });

  it("has public links with fixed tokens, and a status page for the allocated referral", async () => {
    const anonymous = testApp.client();
    expect((await anonymous.get(`/refer/${DEMO_PUBLIC_LINKS.adults}`)).status).toBe(200);
    expect((await anonymous.get(`/refer/${DEMO_PUBLIC_LINKS.children}`)).status).toBe(200);
    const status = await anonymous.get(`/referral-status/${DEMO_STATUS_TOKEN}`);
    expect(status.status).toBe(200);
    const text = textOf(await status.text());
    expect(text).toContain("Sam Okafor");
    expect(text).not.toContain("O'Driscoll");
    // The directory's API says how each key-worker service takes referrals.
    const services = await (await signedIn("partner", true)).getJson<{ items: Array<{ name: string; referrals: { eligibility: unknown } | null }> }>("/api/v1/services");
    expect(services.body.items.find((item) => item.name === "Service coordination for multiple needs")?.referrals?.eligibility).toEqual({
      needs: { domains: ["housing", "mental-health", "substance-use", "offending", "physical-health"], atLeast: 4 },
    });
    expect(services.body.items.find((item) => item.name === "Keyworker service for children and young people")?.referrals?.eligibility).toEqual({
      registerRatings: ["red", "amber-red"],
      age: { minimum: 0, maximum: 25 },
    });
  });
});
