import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/app.ts";
import { auditRows, createPerson, createTenant, createUser, TEST_PASSWORD, type TestPerson, type TestTenant, type TestUser } from "../../test/support/factories.ts";
import { textOf, type HttpClient } from "../../test/support/http.ts";
import { paths } from "../platform/http/paths.ts";
import { renderPdf, wrapText } from "./pdf-writer.ts";

let testApp: TestApp;
let tenant: TestTenant;
let worker: TestUser;
let manager: TestUser;

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" });
  manager = await createUser(db, tenant, { roles: ["manager"] });
});
afterAll(async () => {
  await testApp.close();
});

async function signedIn(user: TestUser, kind: "browser" | "api"): Promise<HttpClient> {
  const client = testApp.client();
  if (kind === "api") await client.signInApi(user.email, TEST_PASSWORD);
  else await client.signInBrowser(user.email, TEST_PASSWORD);
  return client;
}

/** The text a PDF shows: its string operands joined, one line each (the writer leaves streams uncompressed). */
function pdfText(file: Buffer): string {
  const content = file.toString("latin1");
  const strings = [...content.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)].map((match) => (match[1] ?? "").replace(/\\([()\\])/g, "$1"));
  return strings.join("\n");
}

async function plannedPerson(): Promise<TestPerson> {
  const { db } = testApp.database;
  const dean = await createPerson(db, tenant, { givenName: "Dean", familyName: "Holloway", members: [{ user: worker, role: "lead" }] });
  const client = await signedIn(worker, "api");
  const saved = await client.sendJson("PUT", paths.api.personWellnessPlan(dean.id), {
    sections: [
      { key: "crisis-who-to-contact", text: "My mum, Maureen (07700 900155).\nPlease don't contact my ex-partner.", writtenBy: "the-person" },
      { key: "crisis-what-helps", text: "Someone calm (and a cup of tea).", writtenBy: "together" },
      { key: "after-a-crisis", text: "A visit within two days. ".repeat(40).trim(), writtenBy: "carer" },
    ],
  });
  expect(saved.status).toBe(200);
  return dean;
}

describe("the printable copy", () => {
  it("prints without the service's menus, with the person's name, whose words, the service's contacts and the date", async () => {
    const managerClient = await signedIn(manager, "browser");
    await managerClient.submitForm(paths.settings.crisisContacts(), paths.settings.crisisContacts(), {
      version: "0",
      serviceHours: "Monday to Friday, 9am to 5pm",
      serviceContact: "Duty line 01632 960010",
      outOfHours: "Crisis line 01632 960999",
    });
    const dean = await plannedPerson();
    const response = await (await signedIn(worker, "browser")).get(paths.people.wellnessPlan(dean.id, { print: 1 }));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).not.toContain("govuk-service-navigation");
    expect(page).not.toContain("keywork-person-nav");
    const text = textOf(page);
    expect(text).toContain("Dean Holloway");
    expect(text).toContain("In my own words");
    expect(text).toContain("My mum, Maureen (07700 900155).");
    expect(text).toContain("Crisis line 01632 960999");
    expect(text).toMatch(/Printed \d{1,2} \w+ \d{4}/);
    const reads = await auditRows(testApp.database.db, tenant.tenantId, { personId: dean.id, action: "wellness-plan.read" });
    expect(reads.some((row) => (row.detail as { purpose: string }).purpose === "print")).toBe(true);
  });

  it("downloads as a PDF holding the name, each section with whose words, the service's contacts and the date printed; audited", async () => {
    const dean = await plannedPerson();
    const response = await (await signedIn(worker, "browser")).get(paths.people.wellnessPlanPdf(dean.id));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const file = Buffer.from(await response.arrayBuffer());
    expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(file.toString("latin1").trimEnd().endsWith("%%EOF")).toBe(true);
    const text = pdfText(file);
    expect(text).toContain("Dean Holloway");
    expect(text).toContain("What keeps me well");
    expect(text).toContain("Crisis plan \u2014 who to contact".replace("\u2014", "\x97"));
    expect(text).toContain("My mum, Maureen (07700 900155).");
    expect(text).toContain("Please don\x92t contact my ex-partner.".replace("\x92", "'"));
    expect(text).toContain("In my own words");
    expect(text).toContain("Written together with my worker");
    expect(text).toContain("Written by my family or carer");
    expect(text).toContain("Nothing has been written here yet.");
    expect(text).toContain("Crisis line 01632 960999");
    expect(text).toMatch(/Printed \d{1,2} \w+ \d{4}/);
    const downloads = await auditRows(testApp.database.db, tenant.tenantId, { personId: dean.id, action: "wellness-plan.download" });
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.actor_user_id).toBe(worker.id);
  });
});

describe("the PDF writer", () => {
  it("wraps long lines inside the page, keeps the writer's line breaks and starts a new page when one is full", () => {
    const lines = wrapText("one two three four five six seven eight nine ten", 11, 60);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(" ")).toBe("one two three four five six seven eight nine ten");
    expect(wrapText("first\nsecond", 11, 400)).toEqual(["first", "second"]);
    expect(wrapText("x".repeat(200), 11, 100).length).toBeGreaterThan(1);

    const file = renderPdf(
      Array.from({ length: 120 }, (_, index) => ({ kind: "text" as const, text: `Paragraph ${index} (with brackets) and a back\\slash` })),
      { title: "Test", footer: "Footer" },
    );
    const content = file.toString("latin1");
    expect(content.startsWith("%PDF-1.4")).toBe(true);
    expect(Number(/\/Count (\d+)/.exec(content)?.[1])).toBeGreaterThan(1);
    expect(pdfText(file)).toContain("Paragraph 119 (with brackets) and a back\\slash");
    // Every object's offset in the cross-reference table points at that object.
    const xrefAt = Number(/startxref\n(\d+)/.exec(content)?.[1]);
    const offsets = content.slice(xrefAt).split("\n").filter((line) => / 00000 n $/.test(line)).map((line) => Number(line.slice(0, 10)));
    expect(offsets.length).toBeGreaterThan(4);
    offsets.forEach((offset, index) => expect(content.startsWith(`${index + 1} 0 obj\n`, offset)).toBe(true));
  });
});

describe("the handover summary", () => {
  it("shows the crisis plan's parts and links to the whole plan", async () => {
    const dean = await plannedPerson();
    const response = await (await signedIn(worker, "browser")).get(paths.people.handover(dean.id));
    expect(response.status).toBe(200);
    const page = await response.text();
    const text = textOf(page);
    expect(text).toContain("Crisis plan");
    expect(text).toContain("My mum, Maureen (07700 900155).");
    expect(text).toContain("Someone calm (and a cup of tea).");
    expect(text).toContain("Crisis line 01632 960999");
    expect(text).toContain("3 sections of 9 written");
    expect(page).toContain(`href="${paths.people.wellnessPlan(dean.id)}"`);
  });
});
