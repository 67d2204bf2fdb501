import { can, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { Conflict, Forbidden } from "../platform/http/errors.ts";
import { personName, plural } from "../platform/views/format.ts";
import type { StuckRule, StuckRuleSettings, StuckRules } from "./schema.ts";
import * as store from "./store.ts";
import type { StuckFacts } from "./store.ts";

export type { StuckRules } from "./schema.ts";

/** One reason a case is stuck, in plain words, and how far past its threshold it is (1 is just past). */
export interface StuckReason {
  rule: StuckRule;
  text: string;
  severity: number;
}

export interface StuckCase {
  personId: string;
  name: string;
  keyWorker: { id: string; name: string } | null;
  /** Most severe first. */
  reasons: StuckReason[];
  lastCaseReviewOn: string | null;
  severity: number;
}

/** Why the rules find one person stuck, most severe first. */
export function reasonsFor(facts: StuckFacts, rules: StuckRuleSettings): StuckReason[] {
  const reasons: StuckReason[] = [];
  if (facts.crisesFound) {
    reasons.push({ rule: "crises", text: `${plural(facts.crises, "crisis", "crises")} in ${rules.crisesWeeks} weeks`, severity: facts.crises / rules.crisesCount });
  }
  if (facts.noContact) {
    const aim = `aim is every ${facts.targetDays} days`;
    const text = facts.neverSeen
      ? `Not seen since the case opened ${plural(facts.daysWithoutContact, "day")} ago — ${aim}`
      : `No contact for ${plural(facts.daysWithoutContact, "day")} — ${aim}`;
    reasons.push({ rule: "no-contact", text, severity: facts.daysWithoutContact / (rules.noContactMultiple * facts.targetDays) });
  }
  if (facts.overdueActionsFound) {
    const by = rules.overdueActionDays > 0 ? ` by more than ${plural(rules.overdueActionDays, "day")}` : "";
    reasons.push({
      rule: "overdue-actions",
      text: `${plural(facts.overdueActions, "action")} overdue${by} (${facts.overdueOrganisations.join(", ")})`,
      severity: (facts.mostDaysOverdue / Math.max(rules.overdueActionDays, 7)) * Math.min(1 + facts.overdueActions / 10, 2),
    });
  }
  if (facts.noProgress) {
    const days = facts.daysSinceGoalActivity;
    reasons.push({
      rule: "no-progress",
      text: days === null ? "No progress recorded on goals" : `No progress on goals for ${plural(Math.floor(days / 7), "week")}`,
      severity: days === null ? 1 : days / (rules.noProgressWeeks * 7),
    });
  }
  if (facts.noGoals) reasons.push({ rule: "no-goals", text: "No goals yet", severity: 1 });
  return reasons.sort((a, b) => b.severity - a.severity);
}

function stuckCaseOf(facts: StuckFacts, rules: StuckRuleSettings): StuckCase {
  const reasons = reasonsFor(facts, rules);
  return {
    personId: facts.personId,
    name: personName(facts),
    keyWorker: facts.keyWorker,
    reasons,
    lastCaseReviewOn: facts.lastCaseReviewOn,
    severity: reasons.reduce((total, reason) => total + reason.severity, 0),
  };
}

/** Most reasons first, then the furthest past their thresholds, then by name. */
export function orderStuckCases(cases: StuckCase[]): StuckCase[] {
  return [...cases].sort((a, b) => b.reasons.length - a.reasons.length || b.severity - a.severity || a.name.localeCompare(b.name));
}

export interface StuckList {
  cases: StuckCase[];
  rules: StuckRules;
  today: string;
}

/**
 * The stuck cases among the open cases the actor may see (their team, for a manager or
 * psychologist), as the rules find them on `today` (the app clock's UK date). Audited as a list,
 * like the caseload.
 */
export async function stuckCases(db: Db, actor: Actor, today: string): Promise<StuckList> {
  if (!can(actor, "stuck-cases.read")) throw new Forbidden("Only team managers and psychologists can see the stuck cases");
  return db.transaction(async (tx) => {
    const rules = await store.findRules(tx, actor.tenantId);
    const cases = orderStuckCases((await store.listStuckFacts(tx, actor, { today, rules })).map((facts) => stuckCaseOf(facts, rules)));
    await audit(tx, actor, {
      action: "stuck-cases.read",
      ...(actor.teamId ? { subjectType: "team", subjectId: actor.teamId } : {}),
      detail: { today, returned: cases.map((stuck) => stuck.personId) },
    });
    return { cases, rules, today };
  });
}

/**
 * Why the rules find one person stuck today, for the reflective case review form. Call it in the
 * transaction that checks access to the person and audits the read.
 */
export async function stuckReasonsFor(tx: Db | Tx, actor: Actor, personId: string, today: string): Promise<StuckReason[]> {
  const rules = await store.findRules(tx, actor.tenantId);
  const [facts] = await store.listStuckFacts(tx, actor, { today, rules, personIds: [personId] });
  return facts ? reasonsFor(facts, rules) : [];
}

const MAY_NOT_MANAGE = "Only team managers can change the stuck-case rules";

/** The partnership's stuck-case rules, for the settings page (managers). */
export async function readStuckRules(db: Db, actor: Actor): Promise<StuckRules> {
  if (!can(actor, "settings.manage")) throw new Forbidden(MAY_NOT_MANAGE);
  return store.findRules(db, actor.tenantId);
}

/**
 * Saves the rules made against `expectedVersion` (0 when they were the defaults). Conflict, with
 * the rules as they are now, when someone saved first. Audited with what changed (no person).
 */
export async function saveStuckRules(db: Db, actor: Actor, expectedVersion: number, settings: StuckRuleSettings): Promise<StuckRules> {
  if (!can(actor, "settings.manage")) throw new Forbidden(MAY_NOT_MANAGE);
  return db.transaction(async (tx) => {
    const before = await store.findRules(tx, actor.tenantId);
    const saved = await store.saveRules(tx, { tenantId: actor.tenantId, expectedVersion, by: actor.userId, settings });
    // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
    // conflict must show what is stored now, with its version.
    if (!saved) throw new Conflict("Someone else changed the stuck-case rules after you opened them", await store.findRules(tx, actor.tenantId));
    const changed = (Object.keys(settings) as Array<keyof StuckRuleSettings>).filter((key) => settings[key] !== before[key]);
    const after = await store.findRules(tx, actor.tenantId);
    await audit(tx, actor, {
      action: "stuck-case-rules.update",
      subjectType: "stuck-case-rules",
      subjectId: actor.tenantId,
      detail: { changed: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: settings[key] }])), version: after.version },
    });
    return after;
  });
}
