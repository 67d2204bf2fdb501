import { z } from "zod";
import { can, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
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

/** Reads the scale form: name, description and the areas as JSON, with a plain message for each problem. */
export function scaleFromForm(values: Record<string, string>): { input: ScaleInput } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const name = (values.name ?? "").trim();
  const description = (values.description ?? "").trim();
  if (!name) issues.push({ field: "name", message: "Enter a name for the scale" });
  else if (name.length > 120) issues.push({ field: "name", message: "The name must be 120 characters or fewer" });
  if (description.length > 1000) issues.push({ field: "description", message: "The description must be 1,000 characters or fewer" });
  let raw: unknown;
  try {
    raw = JSON.parse(values.domains ?? "");
  } catch {
    issues.push({ field: "domains", message: "The areas must be written as JSON: a list of areas, each with key, name, minimum, maximum and points" });
    return { issues };
  }
  const parsed = domainsSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.length > 0 ? ` (at ${issue.path.join(".")})` : "";
      issues.push({ field: "domains", message: issue.code === "custom" || issue.message.includes(":") ? issue.message : `${issue.message}${where}` });
    }
  }
  if (issues.length > 0 || !parsed.success) return { issues: dedupe(issues) };
  return { input: { name, description: description || null, domains: parsed.data as ScaleDomain[] } };
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
    if (result === "stale") throw new Conflict("Someone else changed this scale after you opened it", before);
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
