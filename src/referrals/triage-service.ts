import type { Config } from "../config.ts";
import { can, relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { systemClock, ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { todayIso } from "../platform/http/validation.ts";
import { formatIsoDate, personName } from "../platform/views/format.ts";
import { recordChronology } from "../chronology/service.ts";
import { registerSummaryFor } from "../register/service.ts";
import type { Rating } from "../register/schema.ts";
import { assessEligibility, type EligibilityResult } from "./eligibility.ts";
import { findMatches, type Match } from "./matching.ts";
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, type EligibilityRules, type ReferralStatus } from "./schema.ts";
import { findSettingsForService, findServicesByIds, listReferralSteps, type ReferralStepRow } from "./store.ts";
import { recordReferralStep } from "./steps.ts";
import * as store from "./triage-store.ts";
import { AWAITING_DECISION, overdueThreshold, timersFor, type Timers } from "./triage-timers.ts";

export type { TriageReferral, ReferralLine, TriageCounts, TriageTab } from "./triage-store.ts";

/** What every triage change needs: the configuration (for emails to the referrer) and the clock. */
export interface TriageDeps {
  config: Config;
  clock: Clock;
}

const NOT_A_MANAGER = "Only the managers of the team that receives a service's referrals can acknowledge, screen, decide and allocate them";

/** The actor manages a team and may triage its referrals; Forbidden otherwise. Returns the team. */
export function assertMayTriage(actor: Actor): string {
  if (!can(actor, "referrals.triage") || !actor.teamId) throw new Forbidden(NOT_A_MANAGER);
  return actor.teamId;
}

/** A referral to one of the actor's team's services; NotFound for any other (or none). */
export async function requireTeamReferral(tx: Db | Tx, actor: Actor, referralId: string): Promise<store.TriageReferral> {
  const teamId = assertMayTriage(actor);
  const referral = isUuid(referralId) ? await store.findTeamReferral(tx, actor.tenantId, teamId, referralId) : undefined;
  if (!referral) throw new NotFound("Referral not found");
  return referral;
}

/** Locks the referral, reads it, and checks the version the user acted on (null: the API, any version). */
export async function lockForChange(tx: Tx, actor: Actor, referralId: string, expectedVersion: number | null): Promise<store.TriageReferral> {
  const before = await requireTeamReferral(tx, actor, referralId);
  await store.lockReferral(tx, actor.tenantId, before.id);
  const referral = await requireTeamReferral(tx, actor, before.id);
  if (expectedVersion !== null && referral.version !== expectedVersion) {
    throw new Conflict("Someone else changed this referral after you opened it: check it and try again", referral);
  }
  return referral;
}

export function refuseUnless(referral: store.TriageReferral, statuses: readonly ReferralStatus[], doing: string): void {
  if (statuses.includes(referral.status as ReferralStatus)) return;
  const now = REFERRAL_STATUS_LABELS[referral.status as ReferralStatus] ?? referral.status;
  throw new Conflict(`You cannot ${doing}: the referral is now “${now.toLowerCase()}”`, referral);
}

/** Every triage audit row names the referral, and the person once it is linked. */
export async function auditReferral(tx: Db | Tx, actor: Actor, referral: { id: string; personId: string | null }, action: string, detail: Record<string, unknown> = {}): Promise<void> {
  await audit(tx, actor, { action, personId: referral.personId, subjectType: "referral", subjectId: referral.id, detail });
}

/** Sets triage's fields on a locked referral, at its current version. */
export async function setFields(tx: Tx, actor: Actor, clock: Clock, referralId: string, changes: Parameters<typeof store.updateTriageFields>[1]["changes"]): Promise<void> {
  const current = await requireTeamReferral(tx, actor, referralId);
  const saved = await store.updateTriageFields(tx, { tenantId: actor.tenantId, referralId, expectedVersion: current.version, changes, at: clock.now() });
  if (!saved) throw new Conflict("Someone else changed this referral at the same moment: try again", current);
}

/**
 * Puts the referral on the person's chronology once: who referred them and when, in the story
 * section. The summary never holds what the referrer wrote; the reason is kept in the detail, shown
 * to those who may read the person's story.
 */
export async function addReferralToChronology(tx: Db | Tx, actor: Actor, referral: store.TriageReferral, personId: string): Promise<boolean> {
  if (await store.hasChronologyEvent(tx, actor.tenantId, personId, referral.id)) return false;
  const from = referral.referrerOrganisation ?? referral.referrerName;
  await recordChronology(tx, actor, {
    personId,
    kind: "referral-received",
    section: "story",
    summary: `Referral to ${referral.serviceName} from ${from}, received ${formatIsoDate(todayIso(referral.receivedAt))}`,
    detail: { referralId: referral.id, reference: referral.reference, reason: referral.reason, needs: referral.needs },
    sourceType: "referral",
    sourceId: referral.id,
    occurredAt: referral.receivedAt,
  });
  return true;
}

/** Said when allocating a referral linked to a record the manager can no longer change. */
export const LINKED_ELSEWHERE =
  "This referral is linked to a Keywork record you can no longer change: the person may have moved to another team. Unlink it, then link the right person or allocate to make a new record, or ask the manager of the team they are with.";

/** The manager's relationship to the person a referral is linked to; null when they cannot see them. */
export async function linkedRelationship(tx: Db | Tx, actor: Actor, personId: string): Promise<Relationship | null> {
  return relationshipTo(tx, actor, personId).catch((error: unknown) => {
    if (error instanceof NotFound) return null;
    throw error;
  });
}

/** A referral is allocated (and linked) only to someone whose record the manager may change, never through break-glass. */
export function mayAllocateTo(relationship: Relationship | null): boolean {
  return relationship !== null && relationship.mayEdit && !relationship.breakGlass;
}

export interface TriageView {
  referral: store.TriageReferral;
  steps: Array<ReferralStepRow & { byName: string | null }>;
  timers: Timers;
  rules: EligibilityRules;
  eligibility: EligibilityResult;
  /** The linked person, as the manager may see them. */
  person: { id: string; name: string } | null;
  /** Linked to a record the manager can no longer change (moved to another team, or seen only through break-glass). */
  linkedElsewhere: boolean;
  /** People already known who may be the one referred; only while it is open and not linked. */
  matches: Match[];
  /** The services suggested with a decline. */
  suggestedServices: Array<{ id: string; name: string }>;
  today: string;
  /** The changes the referral's status allows now. */
  may: { acknowledge: boolean; screen: boolean; decide: boolean; allocate: boolean; link: boolean; unlink: boolean; withdraw: boolean; prioritise: boolean };
}

/**
 * The whole referral for a manager of the receiving team: what the referrer wrote, every step,
 * timers, eligibility against the service's rules, possible matches. NotFound for anyone else.
 * Audited (against the person once linked).
 */
export async function readReferralForTriage(db: Db, actor: Actor, referralId: string, clock: Clock = systemClock): Promise<TriageView> {
  const today = ukToday(clock);
  return db.transaction(async (tx) => {
    const referral = await requireTeamReferral(tx, actor, referralId);
    const steps = await listReferralSteps(tx, actor.tenantId, referral.id, { visibleToReferrerOnly: false });
    const settings = await findSettingsForService(tx, actor.tenantId, referral.serviceId);
    const rules = settings?.eligibility ?? {};
    let person: TriageView["person"] = null;
    let registerRating: Rating | null = null;
    let linkedElsewhere = false;
    if (referral.personId) {
      const relationship = await linkedRelationship(tx, actor, referral.personId);
      const visible = relationship !== null;
      linkedElsewhere = !mayAllocateTo(relationship);
      const name = visible ? await store.findPersonName(tx, actor.tenantId, referral.personId) : undefined;
      if (name) person = { id: referral.personId, name: personName(name) };
      // The register's rating is part of the person's record: only for a manager who may see them.
      if (visible) registerRating = (await registerSummaryFor(tx, actor.tenantId, referral.personId, today))?.rating ?? null;
    }
    const eligibility = assessEligibility(rules, {
      needs: referral.needs,
      statedRating: referral.registerRating,
      registerRating,
      dateOfBirth: referral.dateOfBirth,
      receivedOn: todayIso(referral.receivedAt),
      area: referral.area,
    });
    const status = referral.status as ReferralStatus;
    const open = OPEN_REFERRAL_STATUSES.includes(status);
    const matches = open && !referral.personId ? await findMatches(tx, actor, referral) : [];
    const suggestedServices = (await findServicesByIds(tx, actor.tenantId, referral.suggestedServiceIds)).map((service) => ({ id: service.id, name: service.name }));
    await auditReferral(tx, actor, referral, "referral.read", { status, matches: matches.map((match) => match.person.id) });
    return {
      referral,
      steps,
      timers: timersFor(referral, today),
      rules,
      eligibility,
      person,
      linkedElsewhere,
      matches,
      suggestedServices,
      today,
      may: {
        acknowledge: status === "awaiting-acknowledgement",
        screen: status === "awaiting-acknowledgement" || status === "acknowledged",
        decide: AWAITING_DECISION.includes(status),
        allocate: status === "accepted",
        link: open && !referral.personId,
        unlink: open && Boolean(referral.personId),
        withdraw: open,
        prioritise: open,
      },
    };
  });
}

/** Acknowledges a referral: the referrer is told it has arrived and is being looked at. */
export async function acknowledgeReferral(db: Db, deps: TriageDeps, actor: Actor, referralId: string, expectedVersion: number | null = null): Promise<store.TriageReferral> {
  return db.transaction(async (tx) => {
    const referral = await lockForChange(tx, actor, referralId, expectedVersion);
    refuseUnless(referral, ["awaiting-acknowledgement"], "acknowledge it");
    await recordReferralStep(tx, deps, { tenantId: actor.tenantId, referralId: referral.id, step: "acknowledged", byUserId: actor.userId });
    await auditReferral(tx, actor, referral, "referral.acknowledge");
    return requireTeamReferral(tx, actor, referral.id);
  });
}

/** Starts screening against the eligibility rules (acknowledging the referral if it was not yet). */
export async function startScreening(db: Db, deps: TriageDeps, actor: Actor, referralId: string, expectedVersion: number | null = null): Promise<store.TriageReferral> {
  return db.transaction(async (tx) => {
    const referral = await lockForChange(tx, actor, referralId, expectedVersion);
    refuseUnless(referral, ["awaiting-acknowledgement", "acknowledged"], "start screening");
    await recordReferralStep(tx, deps, { tenantId: actor.tenantId, referralId: referral.id, step: "screening", byUserId: actor.userId });
    await auditReferral(tx, actor, referral, "referral.screen");
    return requireTeamReferral(tx, actor, referral.id);
  });
}

/** For the team page: how many of the team's referrals are overdue; null for those who do not triage. */
export async function overdueReferralCount(db: Db, actor: Actor, clock: Clock): Promise<number | null> {
  if (!can(actor, "referrals.triage") || !actor.teamId) return null;
  const counts = await store.countTeamReferrals(db, { tenantId: actor.tenantId, teamId: actor.teamId, serviceId: null }, overdueThreshold(ukToday(clock)));
  return counts.overdue;
}
