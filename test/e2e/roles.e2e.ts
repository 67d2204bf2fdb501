/**
 * Every demo role signs in and lands where it should, seeing what it may and no more.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { navigating, useKeywork } from "./harness.ts";
import { CaseloadPage, KeyworkPage, PartnershipPage, PersonPage, SearchPage, SignInPage, TeamPage, WelcomePage } from "./pages.ts";

const keywork = useKeywork();

/** A new browser context, signed in as the demo user `key` (key@demo.test). */
async function signedInAs(key: string): Promise<Page> {
  const page = await keywork.newPage();
  const signInPage = await SignInPage.open(page);
  await signInPage.signIn(`${key}@demo.test`);
  expect(new URL(page.url()).pathname, `${key} signed in`).not.toBe("/sign-in");
  return page;
}

describe("key workers land on their own caseload", () => {
  it("worker@demo.test: Sam Okafor's people, and opens one", async () => {
    const page = await signedInAs("worker");
    const caseload = await new CaseloadPage(page).verify("role-worker-caseload");
    const names = (await caseload.rows()).map((row) => row.name);
    expect(names).toHaveLength(12);
    expect(names).toEqual(expect.arrayContaining(["Dean Holloway", "Shabana Akhtar", "Gary Whitlock", "Hassan Abdi"]));
    expect(names).not.toContain("Ethan Marsden");

    // Opened here so that the manager sees this view in the audit trail below.
    const person = await caseload.openPerson("Dean Holloway");
    await person.verify("role-worker-person");
    expect(await person.storyText()).toMatch(/^I was on the streets/);
    expect(await person.detail("Phone")).toBe("07700 900101");
    expect(await page.getByRole("button", { name: "Change details" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Who has viewed or changed this record" }).count()).toBe(0);
  });

  it("coworker@demo.test: Priya Nair leads some and co-works Sam's", async () => {
    const page = await signedInAs("coworker");
    const caseload = await new CaseloadPage(page).verify("role-coworker-caseload");
    const rows = await caseload.rows();
    expect(rows).toHaveLength(10);
    expect(rows.find((row) => row.name === "Hassan Abdi")?.cells).toContain("Lead worker");
    expect(rows.find((row) => row.name === "Dean Holloway")?.cells).toContain("Co-worker");
  });

  it("other@demo.test: Jo Whitfield sees the children's service only", async () => {
    const page = await signedInAs("other");
    const caseload = await new CaseloadPage(page).verify("role-other-caseload");
    const names = (await caseload.rows()).map((row) => row.name);
    expect(names).toHaveLength(12);
    expect(names).toContain("Ethan Marsden");
    expect(names).not.toContain("Dean Holloway");
  });
});

describe("manager@demo.test", () => {
  let page: Page;

  it("lands on the team's caseloads", async () => {
    page = await signedInAs("manager");
    const team = await new TeamPage(page).verify("role-manager-team");
    expect(team.path).toBe("/team");
    expect(await page.locator("main .govuk-caption-l").innerText()).toBe("Multiple needs team");
    const rows = await team.rows();
    expect(rows.map((row) => row.name)).toEqual(expect.arrayContaining(["Sam Okafor", "Priya Nair", "Dan Hughes", "Aisha Begum"]));
    const sam = rows.find((row) => row.name === "Sam Okafor");
    expect(sam?.cells.slice(1, 3)).toEqual(["10", "2"]);
    expect(await team.menuItems()).toEqual(["My diary", "Team", "Referrals", "Actions", "Register", "Stuck cases", "Supervision", "Find a person", "Add a person"]);
  });

  it("opens a worker's caseload", async () => {
    const caseload = await new TeamPage(page).openWorker("Sam Okafor");
    await caseload.verify("role-manager-worker-caseload");
    expect(new URL(page.url()).searchParams.get("worker")).toMatch(/^[0-9a-f-]{36}$/);
    const names = (await caseload.rows()).map((row) => row.name);
    expect(names).toHaveLength(12);
    expect(names).toContain("Dean Holloway");
    expect(await page.getByRole("link", { name: "Back to team" }).count()).toBe(1);
  });

  it("opens a person and reads who has viewed the record", async () => {
    const person = await new CaseloadPage(page, "Sam Okafor").openPerson("Dean Holloway");
    await person.verify("role-manager-person");
    expect(await person.storyText()).toMatch(/^I was on the streets/);

    const audit = await person.openAuditTrail();
    await audit.verify("role-manager-audit-trail");
    expect(await page.locator("main .govuk-caption-l").innerText()).toBe("Dean Holloway");
    const events = (await audit.rows()).map((row) => `${row.cells[1]}: ${row.cells[2]}`);
    expect(events).toContain("Helen Marsh: Viewed the record");
    expect(events).toContain("Sam Okafor: Viewed the record");
    // Newest first: the manager's own view of the overview (the record, its risks, recent contacts and the plan) is at the top.
    expect(events.slice(0, 4).sort()).toEqual(["Helen Marsh: Read recent contacts", "Helen Marsh: Read the plan", "Helen Marsh: Read their risks", "Helen Marsh: Viewed the record"]);
  });
});

describe("partner@demo.test (housing officer)", () => {
  let page: Page;

  it("lands on Find a person and finds only people whose team they are in", async () => {
    page = await signedInAs("partner");
    const search = await new SearchPage(page).verify("role-partner-find-a-person");
    expect(search.path).toBe("/people");
    expect(await search.menuItems()).toEqual(["Referrals made", "Actions", "Find a person"]);

    // Dean Holloway is led by worker with the housing officer in his team.
    await search.search("Holloway");
    await search.verify("role-partner-search-found");
    expect((await search.results()).map((row) => row.name)).toEqual(["Dean Holloway"]);

    // Ethan Marsden is with the children's service: not theirs to find.
    await search.search("Marsden");
    await search.verify("role-partner-search-not-found");
    expect(await search.results()).toEqual([]);
    expect(await search.status()).toContain("No one you can see matches “Marsden”");
  });

  it("sees the story only where the person has agreed to share it with Harbour Housing", async () => {
    const search = new SearchPage(page);
    await search.search("Holloway");
    const shared = await search.openResult("Dean Holloway");
    await shared.verify("role-partner-person-shared");
    expect(await shared.storyText()).toContain("I was on the streets");
    expect(await page.getByRole("button", { name: "Change details" }).count()).toBe(0);

    await page.goto("/people?q=Daniel+Price");
    const notShared = await new SearchPage(page).openResult("Dan Price");
    await notShared.verify("role-partner-person-not-shared");
    expect(await notShared.storyText()).toContain("Their story is not shared with you");
    expect(await notShared.detail("Phone")).toBeNull();
    expect(await notShared.detail("Other names")).toBeNull();
  });
});

describe("peer-mentor@demo.test", () => {
  it("finds their mentees only, with limited details", async () => {
    const page = await signedInAs("peer-mentor");
    const search = await new SearchPage(page).verify("role-peer-mentor-find-a-person");

    await search.search("Holloway");
    expect(await search.results()).toEqual([]);

    await search.search("Akhtar");
    await search.verify("role-peer-mentor-search");
    expect((await search.results()).map((row) => row.name)).toEqual(["Shabana Akhtar"]);

    const person = await search.openResult("Shabana Akhtar");
    await person.verify("role-peer-mentor-person");
    expect(await person.storyText()).toContain("Their story is not shared with you");
    expect(await person.detail("Date of birth")).toBeNull();
    expect(await person.detail("Phone")).toBeNull();
  });
});

describe("psychologist@demo.test", () => {
  it("finds the team's people and reads their story", async () => {
    const page = await signedInAs("psychologist");
    const search = await new SearchPage(page).verify("role-psychologist-find-a-person");

    await search.search("Marsden");
    expect(await search.results()).toEqual([]);

    await search.search("Holloway");
    await search.verify("role-psychologist-search");
    const person = await search.openResult("Dean Holloway");
    await person.verify("role-psychologist-person");
    expect(await person.storyText()).toMatch(/^I was on the streets/);
    expect(await page.getByRole("button", { name: "Change details" }).count()).toBe(0);
  });
});

describe("admin@demo.test", () => {
  it("lands on the partnership's organisations and users", async () => {
    const page = await signedInAs("admin");
    const partnership = await new PartnershipPage(page).verify("role-admin-partnership");
    expect(partnership.path).toBe("/partnership");
    expect(await page.locator("main .govuk-caption-l").innerText()).toBe("Northmoor Partnership (demo)");

    const organisations = await partnership.firstColumn("Organisations in the partnership");
    // The ten organisations of the demo partnership, five more that are only in its directory, and the
    // education service that the children's CETRs give actions to.
    expect(organisations).toHaveLength(16);
    expect(organisations).toEqual(expect.arrayContaining(["Northmoor Together", "Harbour Housing", "Northmoor Children's Keyworker Service"]));

    const users = await partnership.firstColumn("Users and their roles");
    expect(users).toHaveLength(21);
    expect(users.join("\n")).toContain("Sam Okafor");
    expect(users.join("\n")).toContain("worker@demo.test");
  });
});

describe("referrer@demo.test", () => {
  it("lands on the referrals they have made, and no one's record is open to them", async () => {
    const page = await signedInAs("referrer");
    const sent = await new KeyworkPage(page, "Referrals you have made").verify("role-referrer-referrals-made");
    expect(sent.path).toBe("/referrals/sent");
    expect(await sent.menuItems()).toEqual(["Referrals made"]);
    const response = await page.goto("/people?q=Holloway");
    expect(response?.status()).toBe(403);
  });
});

describe("roles with nothing to do yet land on the Welcome page", () => {
  const welcomed: Array<[key: string, name: string, role: string]> = [
    ["client", "Dean Holloway", "Client"],
    ["carer", "Maureen Holloway", "Family member or carer"],
    ["evaluator", "Ian Price", "Commissioner or evaluator"],
  ];

  it.each(welcomed)("%s@demo.test", async (key, name, role) => {
    const page = await signedInAs(key);
    const welcome = await new WelcomePage(page, name).verify(`role-${key}-welcome`);
    expect(welcome.path).toBe("/welcome");
    expect(await page.locator("main").innerText()).toContain(`You are signed in to Keywork as: ${role}.`);
    expect(await welcome.menuItems()).toEqual([]);

    // Nobody's records are open to them: searching is refused outright.
    const response = await page.goto("/people?q=Holloway");
    expect(response?.status()).toBe(403);
    await new KeyworkPage(page, "You cannot do that").verify(`role-${key}-find-a-person-refused`);
    expect(await page.locator("main").innerText()).not.toContain("Dean");
  });
});

describe("register-owner@demo.test", () => {
  it("lands on the dynamic support register, and no one's case record is open to them", async () => {
    const page = await signedInAs("register-owner");
    const register = await new KeyworkPage(page, /register/i).verify("role-register-owner-register");
    expect(register.path).toBe("/register");
    expect(await register.menuItems()).toEqual(["Referrals made", "Register"]);
    const response = await page.goto("/people?q=Holloway");
    expect(response?.status()).toBe(403);
  });
});

describe("break-glass access", () => {
  it("worker@demo.test opens a children's team record in an emergency; manager@demo.test sees it on the report", async () => {
    const page = await signedInAs("worker");
    await new CaseloadPage(page).openMenuItem("Find a person");
    const find = new SearchPage(page);
    await find.search("Marsden");
    expect(await find.results()).toEqual([]);
    await navigating(page, () => page.getByRole("link", { name: "open a record outside your access" }).click());
    const search = await new KeyworkPage(page, "Open a record in an emergency").verify("break-glass-search");
    await page.locator("#givenName").fill("ethan");
    await page.locator("#familyName").fill("Marsden");
    await page.locator("#dateOfBirth-day").fill("12");
    await page.locator("#dateOfBirth-month").fill("6");
    await page.locator("#dateOfBirth-year").fill("2010");
    await navigating(page, () => page.getByRole("button", { name: "Search" }).click());
    await search.verify("break-glass-results");
    const results = await page.locator("main table").innerText();
    expect(results).toContain("Ethan Marsden");
    expect(results).toContain("Children's keyworker team");

    await navigating(page, () => page.getByRole("link", { name: /^Open this record/ }).click());
    const reason = await new KeyworkPage(page, "Why do you need to open this record?").verify("break-glass-reason");
    await navigating(page, () => page.getByRole("button", { name: "Open the record" }).click());
    expect((await reason.errors()).messages).toEqual(["Enter why you need to open this record"]);
    await page.locator("#reason").fill("Ethan's mum rang the out-of-hours line: he has left the unit and she cannot reach his worker");
    await page.getByLabel("1 hour", { exact: true }).check();
    await navigating(page, () => page.getByRole("button", { name: "Open the record" }).click());

    const person = await new PersonPage(page, "Ethan Marsden").verify("break-glass-person");
    const banner = page.getByRole("region", { name: "Break-glass access" });
    expect(await banner.innerText()).toMatch(/You are using break-glass access to this record until \d\d:\d\d( on \w+ \d+ \w+)?\. Reason: Ethan's mum rang/);
    expect(await banner.innerText()).toContain("Everything you open is recorded.");
    expect(await page.getByRole("button", { name: "Change details" }).count()).toBe(0);
    expect(await person.detail("Date of birth")).toContain("12 June 2010");

    const manager = await signedInAs("manager");
    expect(await manager.locator("main").innerText()).toContain("Break-glass access report (1 grant awaiting review)");
    await navigating(manager, () => manager.getByRole("link", { name: "Break-glass access report" }).click());
    await new KeyworkPage(manager, "Break-glass access report").verify("break-glass-report");
    const report = await manager.locator("main table").innerText();
    expect(report).toContain("Sam Okafor (Multiple needs team)");
    expect(report).toContain("a person of Children's keyworker team");
    expect(report).not.toContain("Marsden");
    expect(report).toContain("Awaiting review");
  });
});
