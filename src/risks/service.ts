import { relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { todayIso } from "../platform/http/validation.ts";
import { recordChronology } from "../chronology/service.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import { personHeading } from "../people/service.ts";
import { RISK_CATEGORY_LABELS, RISK_LEVEL_LABELS, defaultReviewOn, type RiskCategory, type RiskChanges, type RiskInput, type RiskLevel } from "./schema.ts";
import * as store from "./store.ts";
import type { RiskView } from "./store.ts";
import { visibleRiskCategories } from "./visibility.ts";

export type { RiskView } from "./store.ts";

const MAY_NOT_EDIT = "Only the person's key workers and their manager can add or change risks";

export interface PersonRisks {
  person: PersonHeading;
  relationship: Relationship;
  categories: readonly RiskCategory[];
  /** Current risks first, then closed ones. */
  risks: RiskView[];
}

/** A person's risks, as many categories as the actor may see; audited. */
export async function readRisks(db: Db, actor: Actor, personId: string): Promise<PersonRisks> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    const person = await personHeading(tx, actor.tenantId, personId);
    const categories = visibleRiskCategories(relationship);
    const risks = await store.listRisks(tx, actor.tenantId, personId, { categories });
    await audit(tx, actor, { action: "risks.read", personId, detail: { audience: relationship.audience, categories, returned: risks.length } });
    return { person, relationship, categories, risks };
  });
}

export interface RiskFormContext {
  person: PersonHeading;
  relationship: Relationship;
}

/** Checks the actor may add risks for the person, and gives what the form shows; audited as a read. */
export async function riskForm(db: Db, actor: Actor, personId: string): Promise<RiskFormContext> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const person = await personHeading(tx, actor.tenantId, personId);
    await audit(tx, actor, { action: "person.read", personId, detail: { purpose: "risk-form" } });
    return { person, relationship };
  });
}

function assertReviewNotPast(reviewOn: string): void {
  if (reviewOn < todayIso()) throw new Invalid([{ field: "reviewOn", message: "The review date must be today or in the future" }]);
}

/** Adds a risk; recorded on the chronology and in the audit trail. */
export async function createRisk(db: Db, actor: Actor, personId: string, input: Omit<RiskInput, "reviewOn"> & { reviewOn?: string | undefined }): Promise<RiskView> {
  const risk: RiskInput = { ...input, reviewOn: input.reviewOn ?? defaultReviewOn() };
  assertReviewNotPast(risk.reviewOn);
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const row = await store.insertRisk(tx, { tenantId: actor.tenantId, personId, createdBy: actor.userId, risk });
    await recordChronology(tx, actor, {
      personId,
      kind: "risk-added",
      summary: `${RISK_CATEGORY_LABELS[risk.category]} added (${risk.level})`,
      section: "risks",
      detail: { category: risk.category, level: risk.level },
      sourceType: "risk",
      sourceId: row.id,
    });
    await audit(tx, actor, { action: "risk.create", personId, subjectType: "risk", subjectId: row.id, detail: { category: risk.category, level: risk.level } });
    return requireView(tx, actor.tenantId, row.id);
  });
}

async function requireView(tx: Db | Tx, tenantId: string, riskId: string): Promise<RiskView> {
  const view = await store.findRiskView(tx, tenantId, riskId);
  if (!view) throw new NotFound("Risk not found");
  return view;
}

/** A risk and its person for the actor, or NotFound; Forbidden when `forEdit` and they may not change it. */
async function loadRisk(tx: Db | Tx, actor: Actor, riskId: string, forEdit: boolean): Promise<{ risk: RiskView; relationship: Relationship }> {
  if (!isUuid(riskId)) throw new NotFound("Risk not found");
  const risk = await store.findRiskView(tx, actor.tenantId, riskId);
  if (!risk) throw new NotFound("Risk not found");
  const relationship = await relationshipTo(tx, actor, risk.personId);
  // A risk the actor may not see does not exist for them, even when they ask to change it.
  if (!visibleRiskCategories(relationship).includes(risk.category)) throw new NotFound("Risk not found");
  if (forEdit && !relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
  return { risk, relationship };
}

/** A risk with its person, for the edit form; audited as a read. */
export async function readRiskForEdit(db: Db, actor: Actor, riskId: string): Promise<RiskFormContext & { risk: RiskView }> {
  return db.transaction(async (tx) => {
    const { risk, relationship } = await loadRisk(tx, actor, riskId, true);
    const person = await personHeading(tx, actor.tenantId, risk.personId);
    await audit(tx, actor, { action: "person.read", personId: risk.personId, subjectType: "risk", subjectId: risk.id, detail: { purpose: "risk-edit" } });
    return { risk, person, relationship };
  });
}

function changeSummary(before: RiskView, after: { category: RiskCategory; level: RiskLevel; closed: boolean }): { kind: string; summary: string } {
  const label = RISK_CATEGORY_LABELS[after.category];
  if (after.closed && !before.closedAt) return { kind: "risk-closed", summary: `${label} closed` };
  if (!after.closed && before.closedAt) return { kind: "risk-reopened", summary: `${label} reopened (${after.level})` };
  if (after.level !== before.level && after.category === before.category) {
    return { kind: "risk-updated", summary: `${label} changed from ${RISK_LEVEL_LABELS[before.level].toLowerCase()} to ${after.level}` };
  }
  return { kind: "risk-updated", summary: `${label} updated (${after.level})` };
}

/**
 * Changes a risk made against `expectedVersion`: its details, or closing (status "closed") and
 * reopening it. Conflict, with what is stored now, when someone saved first. A new review date
 * must be today or later.
 */
export async function updateRisk(db: Db, actor: Actor, riskId: string, expectedVersion: number, changes: RiskChanges): Promise<RiskView> {
  return db.transaction(async (tx) => {
    const { risk: before } = await loadRisk(tx, actor, riskId, true);
    const { status, ...details } = changes;
    if (details.reviewOn !== undefined && details.reviewOn !== before.reviewOn) assertReviewNotPast(details.reviewOn);
    const closed = status === undefined ? undefined : status === "closed";
    const row = await store.updateRisk(tx, { tenantId: actor.tenantId, riskId, expectedVersion, changedBy: actor.userId, risk: details, ...(closed === undefined ? {} : { closed }) });
    // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
    // conflict must show what is stored now, with its version.
    if (!row) throw new Conflict("Someone else changed this risk after you opened it", (await store.findRiskView(tx, actor.tenantId, riskId)) ?? before);
    const change = changeSummary(before, { category: row.category as RiskCategory, level: row.level as RiskLevel, closed: row.closedAt !== null });
    await recordChronology(tx, actor, {
      personId: before.personId,
      kind: change.kind,
      summary: change.summary,
      section: "risks",
      detail: { category: row.category, level: row.level, fields: Object.keys(changes) },
      sourceType: "risk",
      sourceId: riskId,
    });
    await audit(tx, actor, {
      action: "risk.update",
      personId: before.personId,
      subjectType: "risk",
      subjectId: riskId,
      detail: { fields: Object.keys(changes), status: row.closedAt ? "closed" : "current", version: row.version },
    });
    return requireView(tx, actor.tenantId, riskId);
  });
}

export interface RiskFlag {
  highest: RiskLevel;
  /** There is a current risk to workers: read it before visiting alone. */
  toWorkers: boolean;
  reviewOverdue: boolean;
  count: number;
}

/**
 * Current risks at a glance for each of `personIds` the actor may see (people without current
 * risks they may see are absent), for the caseload and the person's overview. Not audited: it
 * is a flag beside a list the caller has already audited.
 */
export async function activeRiskFlags(tx: Db | Tx, actor: Actor, personIds: string[]): Promise<Map<string, RiskFlag>> {
  const flags = new Map<string, RiskFlag>();
  const order: RiskLevel[] = ["low", "medium", "high"];
  for (const row of await store.listRiskFlags(tx, actor, personIds)) {
    const flag = flags.get(row.personId) ?? { highest: "low", toWorkers: false, reviewOverdue: false, count: 0 };
    if (order.indexOf(row.highest) > order.indexOf(flag.highest)) flag.highest = row.highest;
    flag.toWorkers ||= row.category === "to-workers";
    flag.reviewOverdue ||= row.reviewOverdue;
    flag.count += row.count;
    flags.set(row.personId, flag);
  }
  return flags;
}

/**
 * The current risks the actor may see for a handover summary. NotFound when the person is not
 * theirs to see. Call it inside the transaction that audits the handover's read; pass the
 * relationship when that transaction has already established it for this actor and person.
 */
export async function risksForHandover(tx: Db | Tx, actor: Actor, personId: string, known?: Relationship): Promise<RiskView[]> {
  const relationship = known ?? (await relationshipTo(tx, actor, personId));
  return store.listRisks(tx, actor.tenantId, personId, { categories: visibleRiskCategories(relationship), currentOnly: true });
}
