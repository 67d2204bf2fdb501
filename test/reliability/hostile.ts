/**
 * Hostile input for the fuzz tests: the values a careless client, a broken integration or an
 * attacker sends. Every arbitrary is fast-check's, so a run is reproduced from its seed.
 */
import fc from "fast-check";

/** Runs per endpoint or form, and the seed they start from: fixed, so CI is deterministic. */
export const FUZZ_RUNS = Number(process.env.KEYWORK_FUZZ_RUNS ?? 18);
const BASE_SEED = Number(process.env.KEYWORK_FUZZ_SEED ?? 20_260_407);

/** A seed of its own for each endpoint, so that adding one does not change what the others are sent. */
export function seedFor(key: string): number {
  let hash = 0x811c9dc5;
  for (const character of key) hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193) >>> 0;
  return (hash ^ BASE_SEED) | 0;
}

/** Strings of 100,000 characters and more: plain, accented (two bytes each), emoji (two UTF-16 units, four bytes). */
export const hugeString = fc
  .tuple(fc.constantFrom("a", "é", "😀", "<script>", "'", "\u0000"), fc.integer({ min: 100_000, max: 130_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

/** NUL, lone surrogates, right-to-left overrides, zero-width and combining characters, emoji sequences, the highest code point. */
export const oddUnicode = fc.oneof(
  fc.constantFrom(
    "\u0000",
    "before\u0000after",
    "\uD800",
    "lone \uDC00 low",
    "\u202Eevil\u202C",
    "\u200F\u200Eדני",
    "zero\u200Bwidth\uFEFF",
    "👩‍👩‍👧‍👦🏳️‍🌈",
    "e\u0301\u0301\u0301",
    "\uFFFF\uFFFE",
    "\u{10FFFF}",
    "line\r\nbreak\ttab\u2028\u2029",
    "ﷺ Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗",
    "\u0007\u001B[31m",
  ),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 8 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
);

/** Markup and script that must come back escaped, never run. */
export const markup = fc.constantFrom(
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "<svg/onload=alert(1)>",
  "</textarea><script>alert(1)</script>",
  "{{constructor.constructor('alert(1)')()}}",
  "${7*7}",
  "<!--",
);

/** SQL metacharacters and injection attempts. */
export const sqlish = fc.constantFrom(
  "'; DROP TABLE people; --",
  "' OR '1'='1",
  "\\",
  "%_%",
  "$1",
  "'||(SELECT version())||'",
  "1; SELECT pg_sleep(5)",
  "E'\\x00'",
  "\"; --",
);

/** Dates that are not dates, or are dates at the edge of what can be stored. */
export const oddDate = fc.constantFrom("0000-00-00", "2024-02-30", "9999-12-31", "0001-01-01", "-infinity", "infinity", "epoch", "275760-09-13T00:00:00Z", "2026-13-01", "1e10", "");

/** Numbers at and past the edges: zero, negative, fractions, past int4 and the safe integers, the largest double. */
export const oddNumber = fc.oneof(
  fc.constantFrom(0, -1, 0.5, -0, 2_147_483_648, -2_147_483_649, 9_007_199_254_740_993, 1e308, -1e308, 1e-308),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Objects nested hundreds or thousands deep. */
export const deeplyNested = fc.integer({ min: 200, max: 3_000 }).map((depth) => {
  let value: unknown = "bottom";
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? { a: value } : [value];
  return value;
});

/** Text that fits in a field but is hostile: what reaches the database when validation passes. */
export const hostileText = fc.oneof(oddUnicode, markup, sqlish);

/** Anything a field might be sent instead of what it should hold. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: hugeString },
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: oddDate },
  { weight: 2, arbitrary: oddNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], ["a", 1], { value: "x" }) },
  { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 30 }) },
  { weight: 1, arbitrary: deeplyNested },
);

/** Names of fields a body should never be allowed to set, and prototype pollution attempts. */
export const extraKey = fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "tenantId", "tenant_id", "id", "createdBy", "roles", "isAdmin", "version"), fc.string({ minLength: 1, maxLength: 12 }));

/**
 * Bodies built from a plausible one: some fields replaced by hostile values, some left out, some
 * fields added; or some free-text fields filled with hostile text that fits (what reaches the
 * database); or something that is not an object at all.
 */
export function hostileBody(baseline: Record<string, unknown>, fields: string[], freeText: string[]): fc.Arbitrary<unknown> {
  const keys = [...new Set([...fields, ...Object.keys(baseline)])];
  const keyArbitrary = keys.length > 0 ? fc.constantFrom(...keys) : extraKey;
  const mutated = fc
    .record({
      replace: fc.dictionary(keyArbitrary, hostileValue, { minKeys: 1, maxKeys: 3 }),
      drop: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      extra: fc.dictionary(extraKey, hostileValue, { maxKeys: 2 }),
    })
    .map(({ replace, drop, extra }) => {
      const body: Record<string, unknown> = { ...baseline };
      for (const key of drop) delete body[key];
      for (const [key, value] of Object.entries(replace)) body[key] = value;
      for (const [key, value] of Object.entries(extra)) if (!(key in body)) Object.defineProperty(body, key, { value, enumerable: true, configurable: true, writable: true });
      return body;
    });
  const textFilled = fc.subarray(freeText, { minLength: Math.min(1, freeText.length) }).chain((chosen) =>
    fc.array(hostileText, { minLength: chosen.length, maxLength: chosen.length }).map((texts) => {
      const body: Record<string, unknown> = { ...baseline };
      chosen.forEach((key, index) => (body[key] = texts[index]));
      return body;
    }),
  );
  const notAnObject = fc.oneof(
    hostileValue,
    fc.constant([baseline]),
    fc.constant([]),
    deeplyNested.map((nested) => ({ ...baseline, [keys[0] ?? "a"]: nested })),
  );
  return fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 2, arbitrary: textFilled }, { weight: 2, arbitrary: notAnObject });
}

/** What a value looks like, cut short: long strings, long lists and deep nesting abbreviated. */
function summarise(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value.length > 80 ? `${value.slice(0, 40)}…(${value.length} chars)` : value;
  if (value === null || typeof value !== "object") return value;
  if (depth >= 6) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value)) return value.slice(0, 10).map((item) => summarise(item, depth + 1));
  return Object.fromEntries(Object.entries(value).slice(0, 20).map(([key, item]) => [key, summarise(item, depth + 1)]));
}

/** A short description of a body for a failure message: no 100 KB strings or thousand-deep nesting in the output. */
export function describeBody(body: unknown): string {
  const text = JSON.stringify(summarise(body, 0));
  return text === undefined ? String(body) : text.length > 600 ? `${text.slice(0, 600)}…` : text;
}
