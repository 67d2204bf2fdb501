import type { Actor } from "../platform/access/index.ts";
import type { Db } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid } from "../platform/http/errors.ts";
import { recordChronology } from "../chronology/service.ts";
import { listServices } from "../network/directory.ts";
import { OPEN_REFERRAL_STATUSES, PRIORITY_LABELS, type Priority } from "./schema.ts";
import { recordReferralStep } from "./steps.ts";
import { hasChronologyEvent, type TriageReferral } from "./triage-store.ts";
import { AWAITING_DECISION } from "./triage-timers.ts";
import {
  addReferralToChronology,
  auditReferral,
  linkedRelationship,
  lockForChange,
  mayAllocateTo,
  refuseUnless,
  requireTeamReferral,
  setFields,
  type TriageDeps,
} from "./triage-service.ts";

/** Triage's decisions on a referral: its priority, the person it is about, accept or decline. */

export const DECISION_REASON_LIMIT = 2000;
export const SUGGESTIONS_LIMIT = 5;

/** Sets how urgently the referral needs a worker: the waiting list's order. Not shown to the referrer. */
export async function setPriority(db: Db, deps: TriageDeps, actor: Actor, referralId: string, priority: Priority, expectedVersion: number | null = null): Promise<TriageReferral> {
  return db.transaction(async (tx) => {
    const referral = await lockForChange(tx, actor, referralId, expectedVersion);
    refuseUnless(referral, OPEN_REFERRAL_STATUSES, "change its priority");
    if (referral.priority === priority) return referral;
    await setFields(tx, actor, deps.clock, referral.id, { priority });
    await recordReferralStep(tx, deps, { tenantId: actor.tenantId, referralId: referral.id, step: "priority-changed", byUserId: actor.userId, note: PRIORITY_LABELS[priority], visibleToReferrer: false });
    await auditReferral(tx, actor, referral, "referral.priority", { from: referral.priority, to: priority });
    return requireTeamReferral(tx, actor, referral.id);
  });
}

/** Why a person cannot be linked: the manager sees them only through break-glass, or may not change their record. */
export const NOT_YOURS_TO_LINK = "You can link a referral only to someone with your team, whose record you may change";

/**
 * Links the referral to someone the service already knows, rather than making a second record: the
 * referral joins their chronology (once). The person must be one the manager may see and change,
 * not one seen only through break-glass (a grant is for reading a record, not for linking to it).
 */
export async function linkReferral(db: Db, deps: TriageDeps, actor: Actor, referralId: string, personId: string, expectedVersion: number | null = null): Promise<TriageReferral> {
  return db.transaction(async (tx) => {
    const referral = await lockForChange(tx, actor, referralId, expectedVersion);
    if (referral.personId) throw new Conflict("This referral is already linked to a record", referral);
    refuseUnless(referral, OPEN_REFERRAL_STATUSES, "link it to a record");
    const pick = [{ field: "personId", message: "Select one of the people listed" }];
    if (!isUuid(personId)) throw new Invalid(pick);
    const relationship = await linkedRelationship(tx, actor, personId);
    if (!relationship) throw new Invalid(pick);
    if (!mayAllocateTo(relationship)) throw new Invalid([{ field: "personId", message: NOT_YOURS_TO_LINK }]);
    await setFields(tx, actor, deps.clock, referral.id, { personId });
    await recordReferralStep(tx, deps, { tenantId: actor.tenantId, referralId: referral.id, step: "linked", byUserId: actor.userId, visibleToReferrer: false });
    const linked = await requireTeamReferral(tx, actor, referral.id);
    const added = await addReferralToChronology(tx, actor, linked, personId);
    await auditReferral(tx, actor, linked, "referral.link", { chronologyAdded: added });
    return linked;
  });
}

/**
 * Takes back a link made in error, or to someone whose record has since moved out of the manager's
 * hands, while the referral is open (an allocated one has its worker). The "linked" step stays in
 * the history; an "unlinked" step follows it, and the audit row names the person it was linked to.
 * Their chronology is append-only: the referral's entry stays, followed by one saying it was unlinked.
 */
export async function unlinkReferral(db: Db, deps: TriageDeps, actor: Actor, referralId: string, expectedVersion: number | null = null): Promise<TriageReferral> {
  return db.transaction(async (tx) => {
    const referral = await lockForChange(tx, actor, referralId, expectedVersion);
    if (!referral.personId) throw new Conflict("This referral is not linked to a record", referral);
    refuseUnless(referral, OPEN_REFERRAL_STATUSES, "unlink it");
    await setFields(tx, actor, deps.clock, referral.id, { personId: null });
    await recordReferralStep(tx, deps, { tenantId: actor.tenantId, referralId: referral.id, step: "unlinked", byUserId: actor.userId, visibleToReferrer: false });
    if (await hasChronologyEvent(tx, actor.tenantId, referral.personId, referral.id)) {
      await recordChronology(tx, actor, {
        personId: referral.personId,
        kind: "referral-unlinked",
        section: "story",
        summary: `Referral ${referral.reference} to ${referral.serviceName} unlinked from this record: it may not have been about them`,
        sourceType: "referral",
        sourceId: referral.id,
      });
    }
    await auditReferral(tx, actor, referral, "referral.unlink");
    return requireTeamReferral(tx, actor, referral.id);
  });
}

export interface DecisionInput {
  decision: "accept" | "decline";
  /** Required to decline; the referrer sees it. */
  reason: string | null;
  /** Other services from the directory, suggested with a decline. */
  suggestedServiceIds: string[];
}

/** The problems with a decision before anything is read; the API and the form share them. */
export function decisionIssues(input: DecisionInput): Array<{ field: string; message: string }> {
  const issues: Array<{ field: string; message: string }> = [];
  const reason = input.reason?.trim() ?? "";
  if (input.decision === "decline" && reason === "") issues.push({ field: "reason", message: "Enter why the referral is declined: the referrer will see the reason" });
  if (reason.length > DECISION_REASON_LIMIT) issues.push({ field: "reason", message: `The reason must be ${DECISION_REASON_LIMIT} characters or fewer` });
  if (input.decision === "accept" && input.suggestedServiceIds.length > 0) issues.push({ field: "suggestedServiceIds", message: "Suggest other services only when declining" });
  if (input.suggestedServiceIds.length > SUGGESTIONS_LIMIT) issues.push({ field: "suggestedServiceIds", message: `Suggest no more than ${SUGGESTIONS_LIMIT} services` });
  return issues;
}

/**
 * Accepts the referral (it joins the waiting list) or declines it with a reason and, if the
 * manager chooses, other services from the directory. The referrer sees the decision and reason.
 */
export async function decideReferral(db: Db, deps: TriageDeps, actor: Actor, referralId: string, input: DecisionInput, expectedVersion: number | null = null): Promise<TriageReferral> {
  const issues = decisionIssues(input);
  if (issues.length > 0) throw new Invalid(issues);
  const reason = input.reason?.trim() || null;
  const suggestions = [...new Set(input.suggestedServiceIds)];
  return db.transaction(async (tx) => {
    const referral = await lockForChange(tx, actor, referralId, expectedVersion);
    refuseUnless(referral, AWAITING_DECISION, "decide on it");
    if (suggestions.length > 0) {
      const offered = new Set((await listServices(tx, actor)).filter((service) => service.id !== referral.serviceId).map((service) => service.id));
      if (suggestions.some((id) => !offered.has(id))) throw new Invalid([{ field: "suggestedServiceIds", message: "Choose other services from the list" }]);
    }
    await setFields(tx, actor, deps.clock, referral.id, { decisionReason: reason, suggestedServiceIds: suggestions });
    const step = input.decision === "accept" ? "accepted" : "declined";
    await recordReferralStep(tx, deps, { tenantId: actor.tenantId, referralId: referral.id, step, byUserId: actor.userId, note: reason });
    await auditReferral(tx, actor, referral, "referral.decide", { decision: input.decision, suggestedServiceIds: suggestions });
    return requireTeamReferral(tx, actor, referral.id);
  });
}
