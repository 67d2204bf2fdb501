import type { ScaleDomain } from "./schema.ts";

/** Pure arithmetic behind the distance-travelled chart, summary and table: no database, no HTML. */

export interface ReadingScores {
  takenOn: string;
  scores: Record<string, number>;
}

export interface DomainDistance {
  domainKey: string;
  name: string;
  first: number | null;
  latest: number | null;
  /** latest - first; null when the domain has fewer than one scored reading. */
  change: number | null;
}

/** Readings oldest first (ties by the order given). */
export function inDateOrder<T extends { takenOn: string }>(readings: readonly T[]): T[] {
  return [...readings].sort((a, b) => (a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : 0));
}

/** First and latest score per domain, and the change between them. */
export function distanceTravelled(domains: readonly ScaleDomain[], readings: readonly ReadingScores[]): DomainDistance[] {
  const ordered = inDateOrder(readings);
  return domains.map((domain) => {
    const scored = ordered.map((reading) => reading.scores[domain.key]).filter((score): score is number => typeof score === "number");
    const first = scored[0] ?? null;
    const latest = scored.length > 0 ? (scored[scored.length - 1] ?? null) : null;
    return { domainKey: domain.key, name: domain.name, first, latest, change: first !== null && latest !== null ? latest - first : null };
  });
}

export interface ChartPoint {
  takenOn: string;
  score: number;
  x: number;
  y: number;
}

export interface ChartSeries {
  domainKey: string;
  name: string;
  points: ChartPoint[];
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** Inner plotting box. */
  left: number;
  top: number;
  right: number;
  bottom: number;
  minimum: number;
  maximum: number;
  dates: string[];
}

/** One small chart per domain: x by reading order (evenly spaced dates), y by score within the range. */
export function chartSeries(domains: readonly ScaleDomain[], readings: readonly ReadingScores[], geometry: Omit<ChartGeometry, "dates">): { series: ChartSeries[]; dates: string[] } {
  const ordered = inDateOrder(readings);
  const dates = ordered.map((reading) => reading.takenOn);
  const span = geometry.right - geometry.left;
  const xAt = (index: number) => (dates.length <= 1 ? geometry.left + span / 2 : geometry.left + (span * index) / (dates.length - 1));
  const yAt = (score: number) => geometry.bottom - ((geometry.bottom - geometry.top) * (score - geometry.minimum)) / (geometry.maximum - geometry.minimum);
  const series = domains.map((domain) => ({
    domainKey: domain.key,
    name: domain.name,
    points: ordered.flatMap((reading, index) => {
      const score = reading.scores[domain.key];
      return typeof score === "number" ? [{ takenOn: reading.takenOn, score, x: round(xAt(index)), y: round(yAt(score)) }] : [];
    }),
  }));
  return { series, dates };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Counts of domains that went up, down or stayed the same. */
export function changeCounts(distances: readonly DomainDistance[]): { improved: number; worse: number; same: number; scored: number } {
  const scored = distances.filter((distance) => distance.change !== null);
  return {
    improved: scored.filter((distance) => (distance.change ?? 0) > 0).length,
    worse: scored.filter((distance) => (distance.change ?? 0) < 0).length,
    same: scored.filter((distance) => distance.change === 0).length,
    scored: scored.length,
  };
}

export interface AggregateRow {
  domainKey: string;
  people: number;
  averageFirst: number;
  averageLatest: number;
  averageChange: number;
}

function changeWord(change: number): string {
  return change > 0 ? `up ${change}` : change < 0 ? `down ${-change}` : "no change";
}

/** "+2", "−1", "0": the change as a signed number for tables. */
export function signed(change: number | null, digits = 0): string {
  if (change === null) return "";
  const text = Math.abs(change).toFixed(digits);
  return change > 0 ? `+${text}` : change < 0 ? `−${text}` : text;
}

/**
 * The plain-English summary beside the chart: "Since the first reading on 3 March 2026, 5 of 8 areas
 * have improved, 1 is worse and 2 are the same. The biggest change: Somewhere to live went from 2 to 4."
 */
export function distanceSummary(distances: readonly DomainDistance[], firstDate: string, formatDate: (iso: string) => string, readings: number): string {
  if (readings === 0) return "No readings have been recorded yet.";
  if (readings === 1) return `One reading so far, on ${formatDate(firstDate)}. Distance travelled shows from the second reading.`;
  const counts = changeCounts(distances);
  const parts = [`${counts.improved} of ${counts.scored} ${counts.scored === 1 ? "area has" : "areas have"} improved`];
  if (counts.worse > 0) parts.push(`${counts.worse} ${counts.worse === 1 ? "is" : "are"} lower`);
  if (counts.same > 0) parts.push(`${counts.same} ${counts.same === 1 ? "is" : "are"} the same`);
  const joined = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  const biggest = [...distances].filter((distance) => distance.change !== null && distance.change !== 0).sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0))[0];
  const detail = biggest ? ` The biggest change: ${biggest.name} went from ${biggest.first} to ${biggest.latest} (${changeWord(biggest.change ?? 0)}).` : "";
  return `Since the first reading on ${formatDate(firstDate)}, ${joined}.${detail}`;
}
