import { describe, expect, it } from "vitest";
import { formatIsoDate } from "../platform/views/format.ts";
import { chartSeries, changeCounts, distanceSummary, distanceTravelled, signed } from "./distance.ts";
import { DEFAULT_SCALE_DOMAINS, domainsSchema, type ScaleDomain } from "./schema.ts";

const domains: ScaleDomain[] = [
  { key: "home", name: "Somewhere to live", minimum: 1, maximum: 5, points: [1, 2, 3, 4, 5].map((score) => ({ score, description: `Point ${score}` })) },
  { key: "money", name: "Money", minimum: 1, maximum: 5, points: [1, 2, 3, 4, 5].map((score) => ({ score, description: `Point ${score}` })) },
  { key: "people", name: "People around me", minimum: 1, maximum: 5, points: [1, 2, 3, 4, 5].map((score) => ({ score, description: `Point ${score}` })) },
];

// Given out of date order on purpose: the arithmetic must sort them.
const readings = [
  { takenOn: "2026-03-01", scores: { home: 3, money: 2, people: 2 } },
  { takenOn: "2026-01-05", scores: { home: 2, money: 3, people: 2 } },
  { takenOn: "2026-05-20", scores: { home: 4, money: 1, people: 2 } },
];

describe("distance travelled", () => {
  it("takes the first and latest score by date, and the change", () => {
    expect(distanceTravelled(domains, readings)).toEqual([
      { domainKey: "home", name: "Somewhere to live", first: 2, latest: 4, change: 2 },
      { domainKey: "money", name: "Money", first: 3, latest: 1, change: -2 },
      { domainKey: "people", name: "People around me", first: 2, latest: 2, change: 0 },
    ]);
    expect(changeCounts(distanceTravelled(domains, readings))).toEqual({ improved: 1, worse: 1, same: 1, scored: 3 });
  });

  it("leaves an area never scored empty rather than zero", () => {
    const [home] = distanceTravelled(domains, [{ takenOn: "2026-01-01", scores: { money: 2 } }]);
    expect(home).toEqual({ domainKey: "home", name: "Somewhere to live", first: null, latest: null, change: null });
  });

  it("places each point on the chart by reading order and score", () => {
    const { series, dates } = chartSeries(domains, readings, { width: 320, height: 170, left: 40, right: 240, top: 20, bottom: 120, minimum: 1, maximum: 5 });
    expect(dates).toEqual(["2026-01-05", "2026-03-01", "2026-05-20"]);
    const home = series[0];
    expect(home?.points.map((point) => [point.takenOn, point.score, point.x, point.y])).toEqual([
      ["2026-01-05", 2, 40, 95],
      ["2026-03-01", 3, 140, 70],
      ["2026-05-20", 4, 240, 45],
    ]);
    // A single reading sits in the middle.
    const single = chartSeries(domains, [readings[0] as (typeof readings)[number]], { width: 320, height: 170, left: 40, right: 240, top: 20, bottom: 120, minimum: 1, maximum: 5 });
    expect(single.series[1]?.points).toEqual([{ takenOn: "2026-03-01", score: 2, x: 140, y: 95 }]);
  });

  it("says in words what changed", () => {
    const text = distanceSummary(distanceTravelled(domains, readings), "2026-01-05", formatIsoDate, 3);
    expect(text).toBe(`Since the first reading on ${formatIsoDate("2026-01-05")}, 1 of 3 areas have improved, 1 is lower and 1 is the same. The biggest change: Somewhere to live went from 2 to 4 (up 2).`);
    expect(distanceSummary([], "", formatIsoDate, 0)).toBe("No readings have been recorded yet.");
    expect(distanceSummary(distanceTravelled(domains, readings.slice(0, 1)), "2026-03-01", formatIsoDate, 1)).toContain("One reading so far");
    expect([signed(2), signed(-1), signed(0), signed(0.5, 2), signed(null)]).toEqual(["+2", "−1", "0", "+0.50", ""]);
  });
});

describe("scale validation", () => {
  it("accepts the default open scale: 8 areas, each point from 1 to 5 described", () => {
    expect(domainsSchema.safeParse(DEFAULT_SCALE_DOMAINS).success).toBe(true);
    expect(DEFAULT_SCALE_DOMAINS).toHaveLength(8);
    for (const domain of DEFAULT_SCALE_DOMAINS) expect(domain.points.map((point) => point.score)).toEqual([1, 2, 3, 4, 5]);
  });

  it("refuses repeated keys, undescribed points, points out of range and too few areas", () => {
    const messages = (value: unknown) => {
      const result = domainsSchema.safeParse(value);
      return result.success ? [] : result.error.issues.map((issue) => issue.message);
    };
    expect(messages([domains[0], { ...domains[1], key: "home" }])).toContain("Each domain key is used once: home is repeated");
    expect(messages([domains[0], { ...domains[1], points: domains[1]?.points.slice(0, 4) }])).toContain("Money: describe point 5");
    expect(messages([domains[0], { ...domains[1], points: [...(domains[1]?.points ?? []), { score: 6, description: "Too high" }] }])).toContain("Money: every point must be between 1 and 5");
    expect(messages([domains[0]])).toContain("A scale has at least 2 domains");
    expect(messages([domains[0], { ...domains[1], points: [...(domains[1]?.points.slice(0, 4) ?? []), { score: 5, description: "" }] }])).toContain("Describe every point");
  });
});
