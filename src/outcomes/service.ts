import { recordChronology } from "../chronology/service.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import { personHeading } from "../people/service.ts";
import { can, maySee, relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { isRealIsoDate } from "../platform/http/validation.ts";
import { distanceSummary, distanceTravelled, inDateOrder, type AggregateRow, type DomainDistance } from "./distance.ts";
import { DEFAULT_SCALE_DESCRIPTION, DEFAULT_SCALE_DOMAINS, DEFAULT_SCALE_NAME, NOTE_MAX, type ScaleDomain } from "./schema.ts";
import * as store from "./store.ts";

export type { ReadingRow, ScaleRow } from "./store.ts";

const NOT_FOUND = "Outcomes not found";
const MAY_NOT_EDIT = "Only the person's key workers and their manager can record outcome readings";
const MANAGERS_ONLY = "Only managers can see their team's outcomes";

/** The tenant's default open scale, added the first time it is needed. Safe to call again. */
export async function ensureDefaultScale(tx: Db | Tx, tenantId: string): Promise<store.ScaleRow> {
  const existing = await store.findDefaultScale(tx, tenantId);
  if (existing) return existing;
  const id = await store.insertScaleOnce(tx, { tenantId, name: DEFAULT_SCALE_NAME, description: DEFAULT_SCALE_DESCRIPTION, domains: DEFAULT_SCALE_DOMAINS, isDefault: true, createdBy: null });
  const scale = await store.findScale(tx, tenantId, id);
  if (!scale) throw new Error("The default scale was not saved");
  return scale;
}

/** Outcomes belong with the plan: the full audience sees them, partners and carers when the plan is shared. */
async function relationshipToOutcomes(tx: Db | Tx, actor: Actor, personId: string): Promise<Relationship> {
  const relationship = await relationshipTo(tx, actor, personId);
  if (!maySee(relationship, "plan")) throw new NotFound(NOT_FOUND);
  return relationship;
}

export interface ScaleDistance {
  scale: store.ScaleRow;
  readings: store.ReadingRow[];
  distances: DomainDistance[];
}

export interface PersonOutcomes {
  person: PersonHeading;
  relationship: Relationship;
  /** The scale a new reading uses: the default (active) one. */
  defaultScale: store.ScaleRow;
  /** Each scale the person has readings of, with its distance travelled. */
  byScale: ScaleDistance[];
  readings: store.ReadingRow[];
}

export type OutcomesPurpose = "page" | "api" | "record-form" | "edit-form";

/** The person's readings and distance travelled for the actor; NotFound unless theirs to see. Audited. */
export async function readOutcomes(db: Db, actor: Actor, personId: string, purpose: OutcomesPurpose): Promise<PersonOutcomes> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipToOutcomes(tx, actor, personId);
    if ((purpose === "record-form" || purpose === "edit-form") && !relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const person = await personHeading(tx, actor.tenantId, personId);
    const defaultScale = await ensureDefaultScale(tx, actor.tenantId);
    const readings = await store.listReadings(tx, actor.tenantId, personId);
    const scaleIds = [...new Set(readings.map((reading) => reading.scaleId))];
    const byScale: ScaleDistance[] = [];
    for (const scaleId of scaleIds) {
      const scale = scaleId === defaultScale.id ? defaultScale : await store.findScale(tx, actor.tenantId, scaleId);
      if (!scale) continue;
      const ofScale = readings.filter((reading) => reading.scaleId === scaleId);
      byScale.push({ scale, readings: ofScale, distances: distanceTravelled(scale.domains, ofScale) });
    }
    await audit(tx, actor, { action: "outcomes.read", personId, detail: { purpose, audience: relationship.audience, readings: readings.length } });
    return { person, relationship, defaultScale, byScale, readings };
  });
}

export interface ReadingInput {
  scaleId?: string;
  takenOn: string;
  scores: Record<string, number>;
  note?: string | null;
}

/** What is wrong with a reading against its scale, as field issues (empty when it is right). */
export function readingIssues(domains: readonly ScaleDomain[], input: ReadingInput, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isRealIsoDate(input.takenOn)) issues.push({ field: "takenOn", message: "Enter a real date for the reading" });
  else if (input.takenOn > today) issues.push({ field: "takenOn", message: "The date of the reading must be today or in the past" });
  const keys = new Set(domains.map((domain) => domain.key));
  for (const key of Object.keys(input.scores)) {
    if (!keys.has(key)) issues.push({ field: "scores", message: `“${key}” is not an area of this scale` });
  }
  for (const domain of domains) {
    const score = input.scores[domain.key];
    if (score === undefined) issues.push({ field: `score-${domain.key}`, message: `Choose a score for ${domain.name}` });
    else if (!Number.isInteger(score) || score < domain.minimum || score > domain.maximum) {
      issues.push({ field: `score-${domain.key}`, message: `${domain.name} is scored from ${domain.minimum} to ${domain.maximum}` });
    }
  }
  if ((input.note ?? "").length > NOTE_MAX) issues.push({ field: "note", message: `The note must be ${NOTE_MAX} characters or fewer` });
  return issues;
}

async function scaleFor(tx: Db | Tx, tenantId: string, scaleId: string | undefined): Promise<store.ScaleRow> {
  if (scaleId === undefined) return ensureDefaultScale(tx, tenantId);
  const scale = isUuid(scaleId) ? await store.findScale(tx, tenantId, scaleId) : null;
  if (!scale || !scale.active) throw new Invalid([{ field: "scaleId", message: "Choose a scale that is in use" }]);
  return scale;
}

/** Records a reading for the person; Invalid (nothing written) when a score or the date is wrong. Audited, with a chronology entry. */
export async function recordReading(db: Db, actor: Actor, clock: Clock, personId: string, input: ReadingInput): Promise<store.ReadingRow> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipToOutcomes(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const scale = await scaleFor(tx, actor.tenantId, input.scaleId);
    const issues = readingIssues(scale.domains, input, ukToday(clock));
    if (issues.length > 0) throw new Invalid(issues);
    const note = input.note?.trim() || null;
    const id = await store.insertReading(tx, { tenantId: actor.tenantId, personId, scaleId: scale.id, takenOn: input.takenOn, scores: input.scores, note, recordedBy: actor.userId, recordedAt: clock.now() });
    await audit(tx, actor, { action: "outcomes.record", personId, subjectType: "outcome-reading", subjectId: id, detail: { scaleId: scale.id, takenOn: input.takenOn } });
    await recordChronology(tx, actor, { personId, kind: "outcome-reading-recorded", summary: `Outcome reading recorded (${scale.name})`, section: "plan", sourceType: "outcome-reading", sourceId: id });
    const saved = await store.findReading(tx, actor.tenantId, personId, id);
    if (!saved) throw new Error("The reading was not saved");
    return saved;
  });
}

/** One reading with its scale, for the edit form. */
export async function readingForEdit(db: Db, actor: Actor, personId: string, readingId: string): Promise<{ reading: store.ReadingRow; scale: store.ScaleRow }> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipToOutcomes(tx, actor, personId);
    const reading = isUuid(readingId) ? await store.findReading(tx, actor.tenantId, personId, readingId) : null;
    if (!reading) throw new NotFound("Outcome reading not found");
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const scale = await store.findScale(tx, actor.tenantId, reading.scaleId);
    if (!scale) throw new NotFound("Outcome reading not found");
    return { reading, scale };
  });
}

/** Corrects a reading saved at `expectedVersion`; Conflict (with what is saved) when someone changed it first. Audited. */
export async function editReading(db: Db, actor: Actor, clock: Clock, personId: string, readingId: string, expectedVersion: number, input: ReadingInput): Promise<store.ReadingRow> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipToOutcomes(tx, actor, personId);
    const before = isUuid(readingId) ? await store.findReading(tx, actor.tenantId, personId, readingId) : null;
    if (!before) throw new NotFound("Outcome reading not found");
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const scale = await store.findScale(tx, actor.tenantId, before.scaleId);
    if (!scale) throw new NotFound("Outcome reading not found");
    const issues = readingIssues(scale.domains, input, ukToday(clock));
    if (issues.length > 0) throw new Invalid(issues);
    const note = input.note?.trim() || null;
    const saved = await store.updateReading(tx, { tenantId: actor.tenantId, personId, readingId, takenOn: input.takenOn, scores: input.scores, note, recordedBy: actor.userId, expectedVersion });
    // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
    // conflict must show what is stored now, with its version.
    if (!saved) throw new Conflict("Someone else changed this reading after you opened it", (await store.findReading(tx, actor.tenantId, personId, readingId)) ?? before);
    await audit(tx, actor, { action: "outcomes.update", personId, subjectType: "outcome-reading", subjectId: readingId, detail: { version: expectedVersion + 1 } });
    await recordChronology(tx, actor, { personId, kind: "outcome-reading-corrected", summary: `Outcome reading of ${before.takenOn} corrected`, section: "plan", sourceType: "outcome-reading", sourceId: readingId });
    const after = await store.findReading(tx, actor.tenantId, personId, readingId);
    if (!after) throw new Error("The reading was not saved");
    return after;
  });
}

export interface TeamOutcomes {
  teamName: string;
  scales: store.ScaleRow[];
  scale: store.ScaleRow;
  from: string;
  to: string;
  rows: Array<AggregateRow & { name: string }>;
  /** The most people counted in any one area. */
  people: number;
}

export function mayReadTeamOutcomes(actor: Actor): boolean {
  return (can(actor, "team.view") || can(actor, "stuck-cases.read")) && actor.teamId !== null;
}

/** Average first and latest scores per area for the manager's team over a period. Audited (no person). */
export async function readTeamOutcomes(db: Db, actor: Actor, query: { scaleId?: string; from: string; to: string }): Promise<TeamOutcomes> {
  if (!mayReadTeamOutcomes(actor) || !actor.teamId) throw new Forbidden(MANAGERS_ONLY);
  const teamId = actor.teamId;
  return db.transaction(async (tx) => {
    const defaultScale = await ensureDefaultScale(tx, actor.tenantId);
    const scales = await store.listScales(tx, actor.tenantId);
    const scale = scales.find((candidate) => candidate.id === query.scaleId) ?? defaultScale;
    const found = await store.aggregateForTeam(tx, actor.tenantId, teamId, scale.id, query.from, query.to);
    const rows = scale.domains.flatMap((domain) => {
      const row = found.find((candidate) => candidate.domainKey === domain.key);
      return row ? [{ ...row, name: domain.name }] : [];
    });
    await audit(tx, actor, { action: "outcomes-team.read", subjectType: "team", subjectId: teamId, detail: { scaleId: scale.id, from: query.from, to: query.to } });
    return { teamName: (await store.teamName(tx, actor.tenantId, teamId)) ?? "Your team", scales, scale, from: query.from, to: query.to, rows, people: Math.max(0, ...rows.map((row) => row.people)) };
  });
}

export interface HandoverOutcomes {
  readings: number;
  latestOn: string | null;
  /** The distance-travelled sentence for the scale of the latest reading. */
  summary: string | null;
}

/** For the handover summary: how many readings, the latest, and the distance travelled in a sentence. Read in the handover's transaction, which is audited as a whole. */
export async function outcomesForHandover(tx: Tx, actor: Actor, personId: string, formatDate: (iso: string) => string): Promise<HandoverOutcomes> {
  const readings = inDateOrder(await store.listReadings(tx, actor.tenantId, personId));
  const latest = readings.at(-1);
  if (!latest) return { readings: 0, latestOn: null, summary: null };
  const scale = await store.findScale(tx, actor.tenantId, latest.scaleId);
  const ofScale = readings.filter((reading) => reading.scaleId === latest.scaleId);
  const summary = scale && ofScale[0] ? distanceSummary(distanceTravelled(scale.domains, ofScale), ofScale[0].takenOn, formatDate, ofScale.length) : null;
  return { readings: readings.length, latestOn: latest.takenOn, summary };
}
