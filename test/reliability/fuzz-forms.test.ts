import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIso } from "../../src/platform/http/validation.ts";
import { signedInClients, startTestApp, type TestApp } from "../support/app.ts";
import { createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "../support/factories.ts";
import { csrfTokenIn, type HttpClient } from "../support/http.ts";
import { describeBody, extraKey, FUZZ_RUNS, hostileText, hugeString, oddDate, oddNumber, seedFor } from "./hostile.ts";
import { formFields } from "./html-forms.ts";
import { changedTables, fingerprint, type Fingerprint } from "./tenant-snapshot.ts";

/**
 * Property-based fuzzing of the forms people use most (issue #7): adding and changing a person,
 * recording a contact, adding a goal, an action and a risk, recording a spend. Each form is read
 * from its page as a browser would post it, then posted with hostile values — huge, odd unicode,
 * markup, SQL, odd dates and numbers, empty — with fields left out, repeated (an array where text
 * is expected) and added. It must answer:
 *  - never a 5xx;
 *  - a 4xx as an HTML page, having written nothing (the tenant's fingerprint, see tenant-snapshot.ts);
 *  - never the markup it was sent, unescaped, on the answer or on the page it redirects to.
 */

let testApp: TestApp;
let tenant: TestTenant;
let worker: TestUser;
let person: TestPerson;
const browser = signedInClients(() => testApp, "browser");
const api = signedInClients(() => testApp, "api");

beforeAll(async () => {
  testApp = await startTestApp();
  const { db } = testApp.database;
  tenant = await createTenant(db);
  worker = await createUser(db, tenant, { roles: ["key-worker"], name: "Form Fuzz Worker" });
  person = await createPerson(db, tenant, { givenName: "Form", familyName: "Target", members: [{ user: worker, role: "lead" }] });
  // A spend is for one of the person's goals.
  const goal = await (await api(worker)).sendJson("POST", `/api/v1/people/${person.id}/goals`, { description: "Get my own flat" });
  expect(goal.status).toBe(201);
});
afterAll(async () => {
  await testApp.close();
});

const FORMS: Array<{ name: string; page: (personId: string) => string; action: (personId: string) => string }> = [
  { name: "adding a person", page: () => "/people/new", action: () => "/people" },
  { name: "changing a person", page: (id) => `/people/${id}/edit`, action: (id) => `/people/${id}` },
  { name: "recording a contact", page: (id) => `/people/${id}/contacts/new`, action: (id) => `/people/${id}/contacts` },
  { name: "adding a goal", page: (id) => `/people/${id}/plan/goals/new`, action: (id) => `/people/${id}/plan/goals` },
  { name: "adding an action", page: (id) => `/people/${id}/plan/actions/new`, action: (id) => `/people/${id}/plan/actions` },
  { name: "adding a risk", page: (id) => `/people/${id}/risks/new`, action: (id) => `/people/${id}/risks` },
  { name: "recording a spend", page: (id) => `/people/${id}/budget/spends/new`, action: (id) => `/people/${id}/budget/spends` },
];

/** What a person would type into an empty field, guessed from its name; prefilled fields keep their value. */
function plausible(name: string, value: string): string {
  if (value !== "") return value;
  const [year, month, day] = todayIso().split("-") as [string, string, string];
  if (/-day$/.test(name)) return /birth/i.test(name) ? "12" : String(Number(day));
  if (/-month$/.test(name)) return /birth/i.test(name) ? "4" : String(Number(month));
  if (/-year$/.test(name)) return /birth/i.test(name) ? "1988" : year;
  if (/amount|pence|minutes|duration/i.test(name)) return "12";
  // Just after midnight: earlier today, whenever the test runs.
  if (/Time$/.test(name)) return "00:05";
  if (/phone/i.test(name)) return "07700 900123";
  if (/email/i.test(name)) return "fuzz@example.test";
  if (/(Date|On)$/.test(name)) return todayIso();
  return `Fuzz ${name}`;
}

const hostileFormValue = fc.oneof(
  { weight: 1, arbitrary: hugeString },
  { weight: 5, arbitrary: hostileText },
  { weight: 2, arbitrary: oddDate },
  { weight: 1, arbitrary: oddNumber.map(String) },
  { weight: 1, arbitrary: fc.constant("") },
);

/** Markup that must never come back as it was sent (it would run in the browser). */
const MARKUP = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<svg/onload=alert(1)>", "</textarea><script>alert(1)</script>"];

/**
 * Posts built from the form as it stands: some fields replaced by hostile values, left out,
 * repeated (an array where text is expected) or added; or some free-text fields filled with
 * hostile text that fits (what reaches the database).
 */
function formBody(fields: Map<string, string>, freeText: string[]): fc.Arbitrary<Array<[string, string]>> {
  const names = [...fields.keys()].filter((name) => name !== "_csrf");
  const build = (replace: Record<string, string>, drop: string[] = [], repeat: string[] = [], extra: Record<string, string> = {}) => {
    const pairs: Array<[string, string]> = [];
    for (const [name, value] of fields) {
      if (drop.includes(name)) continue;
      const sent = Object.hasOwn(replace, name) ? (replace[name] as string) : value;
      pairs.push([name, sent]);
      if (repeat.includes(name)) pairs.push([name, sent]);
    }
    for (const [name, value] of Object.entries(extra)) if (!fields.has(name)) pairs.push([name, value]);
    return pairs;
  };
  const mutated = fc
    .record({
      replace: fc.dictionary(fc.constantFrom(...names), hostileFormValue, { minKeys: 1, maxKeys: 3 }),
      drop: fc.subarray(names, { maxLength: Math.min(2, names.length) }),
      repeat: fc.subarray(names, { maxLength: 1 }),
      extra: fc.dictionary(extraKey, hostileFormValue, { maxKeys: 2 }),
    })
    .map(({ replace, drop, repeat, extra }) => build(replace, drop, repeat, extra));
  const textFilled = fc
    .subarray(freeText, { minLength: Math.min(1, freeText.length) })
    .chain((chosen) => fc.array(hostileText, { minLength: chosen.length, maxLength: chosen.length }).map((texts) => build(Object.fromEntries(chosen.map((name, index) => [name, texts[index] as string])))));
  return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 2, arbitrary: textFilled });
}

function unescapedMarkup(page: string, sent: Array<[string, string]>): string | undefined {
  return MARKUP.find((markup) => sent.some(([, value]) => value.includes(markup)) && page.includes(markup));
}

/** Status counts per form, printed at the end: what the fuzzing reached. */
const seen = new Map<string, Map<number, number>>();
afterAll(() => {
  const lines = [...seen].map(([name, statuses]) => `${name}: ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}x${count}`).join(" ")}`);
  console.log(`Fuzzed ${seen.size} forms, ${FUZZ_RUNS} posts each:\n${lines.join("\n")}`);
});

describe("hostile form values", () => {
  let last: Fingerprint | undefined;

  for (const form of FORMS) {
    it(`${form.name}: never a 5xx, nothing written on a 4xx, markup never comes back unescaped`, { timeout: 60_000 }, async () => {
      const client: HttpClient = await browser(worker);
      const pagePath = form.page(person.id);
      const action = form.action(person.id);
      const page = await client.get(pagePath);
      expect(page.status, `GET ${pagePath}`).toBe(200);
      const html = await page.text();
      const token = csrfTokenIn(html);
      const read = formFields(html, action);
      const fields = new Map([...read.values].map(([name, value]) => [name, name === "_csrf" ? token : plausible(name, value)]));
      // Dates, times, amounts, durations, phone numbers and email addresses typed as text are checked as such: left to the hostile values above.
      const freeText = read.freeText.filter((name) => !/-(day|month|year)$|Time$|amount|phone|email/i.test(name));
      expect(fields.size).toBeGreaterThan(1);
      const statuses = new Map<number, number>();
      seen.set(form.name, statuses);
      // Reading the page may write (a budget year opens the first time anyone looks): start from after it.
      last = undefined;

      const property = fc.asyncProperty(formBody(fields, freeText), async (pairs) => {
        const before = last ?? (await fingerprint(testApp.database.db, tenant.tenantId));
        last = undefined;
        const response = await client.request("POST", action, { body: new URLSearchParams(pairs).toString(), headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" } });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const sent = `POST ${action} with ${describeBody(Object.fromEntries(pairs))}`;
        if (response.status >= 500) throw new Error(`${response.status} for ${sent}`);
        const reflected = unescapedMarkup(text, pairs);
        if (reflected) throw new Error(`${response.status} for ${sent} holds ${reflected} unescaped`);
        if (response.status >= 300 && response.status < 400) {
          const location = response.headers.get("location") ?? "";
          if (location.startsWith("/")) {
            const shown = await (await client.get(location)).text();
            const reflectedLater = unescapedMarkup(shown, pairs);
            if (reflectedLater) throw new Error(`${location}, after ${sent}, holds ${reflectedLater} unescaped`);
          }
          return;
        }
        if (response.status < 400) return;
        if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) throw new Error(`${response.status} that is not a page for ${sent}`);
        const after = await fingerprint(testApp.database.db, tenant.tenantId);
        const changed = changedTables(before, after);
        if (changed.length > 0) throw new Error(`${response.status} for ${sent}, yet it wrote: ${changed.join("; ")}`);
        last = after;
      });
      const details = await fc.check(property, { numRuns: FUZZ_RUNS, seed: seedFor(`form ${form.name}`), endOnFailure: true });
      if (details.failed) {
        const reason = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(`${form.name} failed on run ${details.numRuns} (seed ${details.seed}, path ${details.counterexamplePath}): ${reason}`);
      }
    });
  }
});
