import type { ScaleDomain } from "./schema.ts";
import { DOMAINS_MAX } from "./schema.ts";

/**
 * The scale editor's fields, one set per area: `area-{i}-name`, `-question`, `-minimum`, `-maximum`,
 * `-point-{score}`, `-remove`, and a hidden `-key` for areas already saved (a key never changes once
 * readings use it). The form always ends with one blank area, which is ignored while its name is empty.
 */

export interface AreaFields {
  index: number;
  /** Empty for an area not saved yet: its key is made from its name. */
  key: string;
  name: string;
  question: string;
  minimum: string;
  maximum: string;
  /** The point descriptions for every whole score from minimum to maximum (1 to 5 while the range is unreadable). */
  points: Array<{ score: number; description: string }>;
  remove: boolean;
}

const NEW_AREA_RANGE = { minimum: "1", maximum: "5" };

/** The form's values for a saved scale's areas. */
export function fieldsFromDomains(domains: readonly ScaleDomain[]): Record<string, string> {
  const values: Record<string, string> = {};
  domains.forEach((domain, index) => {
    values[`area-${index}-key`] = domain.key;
    values[`area-${index}-name`] = domain.name;
    values[`area-${index}-question`] = domain.question ?? "";
    values[`area-${index}-minimum`] = String(domain.minimum);
    values[`area-${index}-maximum`] = String(domain.maximum);
    for (const point of domain.points) values[`area-${index}-point-${point.score}`] = point.description;
  });
  return values;
}

function wholeNumber(text: string): number | null {
  return /^\s*\d{1,2}\s*$/.test(text) ? Number(text) : null;
}

/** The scores a range's points are asked for: the range when it is readable and at most 11 points, else 1 to 5. */
function scoresFor(minimum: string, maximum: string): number[] {
  const low = wholeNumber(minimum);
  const high = wholeNumber(maximum);
  const [from, to] = low !== null && high !== null && high > low && high - low <= 10 ? [low, high] : [1, 5];
  return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
}

/** The areas as the form holds them, plus one blank area at the end for adding another (while there is room). */
export function areasFromFields(values: Record<string, string>): AreaFields[] {
  const areas: AreaFields[] = [];
  for (let index = 0; index < DOMAINS_MAX + 1; index += 1) {
    const prefix = `area-${index}-`;
    if (!Object.keys(values).some((field) => field.startsWith(prefix))) break;
    const minimum = values[`${prefix}minimum`] ?? "";
    const maximum = values[`${prefix}maximum`] ?? "";
    areas.push({
      index,
      key: (values[`${prefix}key`] ?? "").trim(),
      name: values[`${prefix}name`] ?? "",
      question: values[`${prefix}question`] ?? "",
      minimum,
      maximum,
      points: scoresFor(minimum, maximum).map((score) => ({ score, description: values[`${prefix}point-${score}`] ?? "" })),
      remove: values[`${prefix}remove`] === "yes",
    });
  }
  const kept = areas.filter((area) => area.key !== "" || area.name.trim() !== "");
  const renumbered = kept.map((area, index) => ({ ...area, index }));
  if (renumbered.length < DOMAINS_MAX) {
    renumbered.push({ index: renumbered.length, key: "", name: "", question: "", ...NEW_AREA_RANGE, points: scoresFor(NEW_AREA_RANGE.minimum, NEW_AREA_RANGE.maximum).map((score) => ({ score, description: "" })), remove: false });
  }
  return renumbered;
}

/** A key for a new area from its name: "Money & debts" → "money-debts"; made unique against `taken`. */
export function keyFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^[^a-z]+/, "")
      .replace(/-+$/, "")
      .slice(0, 34)
      .replace(/-+$/, "") || "area";
  let key = base;
  for (let suffix = 2; taken.has(key); suffix += 1) key = `${base}-${suffix}`;
  return key;
}

/**
 * The areas to save, in the shape the scale's schema checks: removed and blank areas left out, new
 * areas given keys, numbers read as numbers (text that is not a whole number is passed on as it is,
 * for the schema to refuse with its message).
 */
export function domainsFromAreas(areas: readonly AreaFields[]): unknown[] {
  const kept = areas.filter((area) => !area.remove && (area.key !== "" || area.name.trim() !== ""));
  // Removed areas' keys stay taken: a new area must never inherit the readings of one removed.
  const taken = new Set(areas.map((area) => area.key).filter((key) => key !== ""));
  return kept.map((area) => {
    const key = area.key || keyFromName(area.name, taken);
    taken.add(key);
    const question = area.question.trim();
    return {
      key,
      name: area.name.trim(),
      ...(question ? { question } : {}),
      minimum: wholeNumber(area.minimum) ?? area.minimum,
      maximum: wholeNumber(area.maximum) ?? area.maximum,
      points: area.points.map((point) => ({ score: point.score, description: point.description.trim() })),
    };
  });
}
