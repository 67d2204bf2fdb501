import { z } from "zod";
import { can, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { areasFromFields, domainsFromAreas } from "./scale-form.ts";
import { domainsSchema, type ScaleDomain } from "./schema.ts";
import { ensureDefaultScale } from "./service.ts";
import * as store from "./store.ts";

/** Outcome scales for administrators: add, change and switch off scales; the default stays. */

const ADMINS_ONLY = "Only administrators can change outcome scales";

export interface ScaleInput {
  name: string;
  description: string | null;
  domains: ScaleDomain[];
}

export function assertMayManageScales(actor: Actor): void {
  if (!can(actor, "partnership.manage")) throw new Forbidden(ADMINS_ONLY);
}

/**
 * Reads the scale form: name, description and the areas, field by field (see scale-form.ts), or as
 * JSON when the "paste as JSON" box is filled in. A plain message for each problem.
 */
export function scaleFromForm(values: Record<string, string>): { input: ScaleInput } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const name = (values.name ?? "").trim();
  const description = (values.description ?? "").trim();
  if (!name) issues.push({ field: "name", message: "Enter a name for the scale" });
  else if (name.length > 120) issues.push({ field: "name", message: "The name must be 120 characters or fewer" });
  if (description.length > 1000) issues.push({ field: "description", message: "The description must be 1,000 characters or fewer" });
  const read = (values.domains ?? "").trim() ? domainsFromJson(values.domains ?? "") : domainsFromFormFields(values);
  issues.push(...read.issues);
  if (issues.length > 0 || !read.domains) return { issues: dedupe(issues) };
  return { input: { name, description: description || null, domains: read.domains } };
}

function domainsFromJson(text: string): { domains?: ScaleDomain[]; issues: FieldIssue[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { issues: [{ field: "domains", message: "The areas must be written as JSON: a list of areas, each with key, name, minimum, maximum and points" }] };
  }
  const parsed = domainsSchema.safeParse(raw);
  if (parsed.success) return { domains: parsed.data as ScaleDomain[], issues: [] };
  return {
    issues: parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? ` (at ${issue.path.join(".")})` : "";
      return { field: "domains", message: issue.code === "custom" || issue.message.includes(":") ? issue.message : `${issue.message}${where}` };
    }),
  };
}

function domainsFromFormFields(values: Record<string, string>): { domains?: ScaleDomain[]; issues: FieldIssue[] } {
  const areas = areasFromFields(values);
  const kept = areas.filter((area) => !area.remove && (area.key !== "" || area.name.trim() !== ""));
  const issues: FieldIssue[] = [];
  kept.forEach((area, position) => {
    const label = area.name.trim() || `Area ${position + 1}`;
    for (const end of ["minimum", "maximum"] as const) {
      if (!/^\s*\d{1,2}\s*$/.test(area[end]) || Number(area[end]) > 10) {
        issues.push({ field: `area-${area.index}-${end}`, message: `${label}: enter the ${end === "minimum" ? "lowest" : "highest"} score as a whole number from 0 to 10` });
      }
    }
    const blank = area.points.filter((point) => point.description.trim() === "").map((point) => point.score);
    if (blank.length > 0) issues.push({ field: `area-${area.index}-points`, message: `${label}: describe what a score of ${blank.join(", ")} means` });
  });
  if (issues.length > 0) return { issues };
  const parsed = domainsSchema.safeParse(domainsFromAreas(areas));
  if (parsed.success) return { domains: parsed.data as ScaleDomain[], issues: [] };
  return {
    issues: parsed.error.issues.map((issue) => {
      const [position, part] = issue.path;
      const area = typeof position === "number" ? kept[position] : undefined;
      if (!area) return { field: "areas", message: issue.message };
      const label = area.name.trim() || `Area ${(position as number) + 1}`;
      const field = part === "name" || part === "minimum" || part === "maximum" || part === "question" ? `area-${area.index}-${part}` : part === "points" ? `area-${area.index}-points` : `area-${area.index}-name`;
      return { field, message: issue.message.startsWith(`${label}:`) ? issue.message : `${label}: ${issue.message}` };
    }),
  };
}

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => (seen.has(issue.message) ? false : (seen.add(issue.message), true)));
}

export interface ScaleListItem extends store.ScaleRow {
  readings: number;
}

/** Every scale, the default first (added now if the tenant has none), with how many readings use each. */
export async function listScales(db: Db, actor: Actor): Promise<ScaleListItem[]> {
  assertMayManageScales(actor);
  return db.transaction(async (tx) => {
    await ensureDefaultScale(tx, actor.tenantId);
    const counts = await store.readingCounts(tx, actor.tenantId);
    return (await store.listScales(tx, actor.tenantId)).map((scale) => ({ ...scale, readings: counts.get(scale.id) ?? 0 }));
  });
}

export async function readScale(db: Db, actor: Actor, scaleId: string): Promise<store.ScaleRow> {
  assertMayManageScales(actor);
  const scale = isUuid(scaleId) ? await store.findScale(db, actor.tenantId, scaleId) : null;
  if (!scale) throw new NotFound("Outcome scale not found");
  return scale;
}

const NAME_TAKEN: FieldIssue = { field: "name", message: "Another scale already has that name: choose a different one" };

export async function createScale(db: Db, actor: Actor, input: ScaleInput): Promise<string> {
  assertMayManageScales(actor);
  return db.transaction(async (tx) => {
    const id = await store.insertScale(tx, { tenantId: actor.tenantId, ...input, createdBy: actor.userId });
    if (!id) throw new Invalid([NAME_TAKEN]);
    await audit(tx, actor, { action: "outcome-scale.create", subjectType: "outcome-scale", subjectId: id, detail: { name: input.name, domains: input.domains.map((domain) => domain.key) } });
    return id;
  });
}

/** Saves a scale against `expectedVersion`. Refuses to drop an area that readings have scored. */
export async function updateScale(db: Db, actor: Actor, scaleId: string, expectedVersion: number, input: ScaleInput): Promise<void> {
  assertMayManageScales(actor);
  return db.transaction(async (tx) => {
    const before = isUuid(scaleId) ? await store.findScale(tx, actor.tenantId, scaleId) : null;
    if (!before) throw new NotFound("Outcome scale not found");
    const keys = new Set(input.domains.map((domain) => domain.key));
    const used = await store.usedScoreRanges(tx, actor.tenantId, scaleId);
    const dropped = used.map((range) => range.key).filter((key) => !keys.has(key));
    if (dropped.length > 0) {
      throw new Invalid([{ field: "domains", message: `Readings already score ${dropped.map((key) => `“${key}”`).join(", ")}: keep ${dropped.length === 1 ? "that area" : "those areas"} (you can change the name and descriptions)` }]);
    }
    // Readings already taken must still fit their area's range, or charts and tables would misdraw them.
    const narrowed = used.filter((range) => {
      const domain = input.domains.find((candidate) => candidate.key === range.key);
      return domain !== undefined && (range.lowest < domain.minimum || range.highest > domain.maximum);
    });
    if (narrowed.length > 0) {
      const list = narrowed.map((range) => `“${range.key}” (${range.lowest} to ${range.highest})`).join(", ");
      throw new Invalid([{ field: "domains", message: `Readings already hold scores outside the new range for ${list}: keep each range wide enough for them` }]);
    }
    const result = await store.updateScale(tx, { tenantId: actor.tenantId, scaleId, ...input, expectedVersion });
    if (result === "name-taken") throw new Invalid([NAME_TAKEN]);
    // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
    // conflict must show what is stored now, with its version.
    if (result === "stale") throw new Conflict("Someone else changed this scale after you opened it", (await store.findScale(tx, actor.tenantId, scaleId)) ?? before);
    await audit(tx, actor, { action: "outcome-scale.update", subjectType: "outcome-scale", subjectId: scaleId, detail: { version: expectedVersion + 1, domains: [...keys] } });
  });
}

/** Switches a scale off (no new readings) or back on. The default scale always stays on. */
export async function setScaleActive(db: Db, actor: Actor, scaleId: string, active: boolean): Promise<store.ScaleRow> {
  assertMayManageScales(actor);
  return db.transaction(async (tx) => {
    const scale = isUuid(scaleId) ? await store.findScale(tx, actor.tenantId, scaleId) : null;
    if (!scale) throw new NotFound("Outcome scale not found");
    if (scale.isDefault && !active) throw new Invalid([{ field: "form", message: "The default scale cannot be switched off or deleted" }]);
    await store.setScaleActive(tx, actor.tenantId, scaleId, active);
    await audit(tx, actor, { action: active ? "outcome-scale.activate" : "outcome-scale.deactivate", subjectType: "outcome-scale", subjectId: scaleId });
    return { ...scale, active };
  });
}

/** The areas as the JSON the form shows. */
export function domainsJson(domains: readonly ScaleDomain[]): string {
  return JSON.stringify(domains, null, 2);
}

export const activeForm = z.object({ active: z.enum(["true", "false"]) });
