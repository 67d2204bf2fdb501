import { recordChronology } from "../chronology/service.ts";
import { personHeading } from "../people/service.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import type { Actor, Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { todayIso } from "../platform/http/validation.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { consentAccess } from "./access.ts";
import { consentSubject, scopeSummary } from "./present.ts";
import { REVIEW_MONTHS, addMonths, type ConsentChanges, type NewConsent, type NewInformationReceived } from "./schema.ts";
import * as store from "./store.ts";

export type { ConsentRow, FamilyMemberOption, InformationReceivedRow, PartyOption } from "./store.ts";
export { REVIEW_NOTICE_DAYS, consentForHandover, consentReviewsDue, type ConsentHandover, type ConsentHandoverItem } from "./summaries.ts";

/** Checks, before a form is read, that the actor may see (or record and change) consent for this person. */
export async function assertConsentAccess(db: Db, actor: Actor, personId: string, purpose: "see" | "record" | "change"): Promise<void> {
  await consentAccess(db, actor, personId, purpose);
}

export interface ConsentOverview {
  person: PersonHeading;
  relationship: Relationship;
  consents: store.ConsentRow[];
  informationReceived: store.InformationReceivedRow[];
}

/** A person's consents and the information received from their family, for the full audience; audited. */
export async function readConsents(db: Db, actor: Actor, personId: string): Promise<ConsentOverview> {
  return db.transaction(async (tx) => {
    const relationship = await consentAccess(tx, actor, personId, "see");
    const person = await personHeading(tx, actor.tenantId, personId);
    const consents = await store.listConsents(tx, actor.tenantId, personId);
    const informationReceived = await store.listInformationReceived(tx, actor.tenantId, personId);
    await audit(tx, actor, { action: "consent.list", personId, detail: { returned: consents.map((consent) => consent.id) } });
    return { person, relationship, consents, informationReceived };
  });
}

export interface ConsentFormData {
  person: PersonHeading;
  relationship: Relationship;
  organisations: store.PartyOption[];
  familyMembers: store.FamilyMemberOption[];
}

/** What the forms about a person's consent offer (the partnership's organisations, the person's family); audited. */
export async function readConsentForm(db: Db, actor: Actor, personId: string, form: "consent" | "information-received"): Promise<ConsentFormData> {
  return db.transaction(async (tx) => {
    const relationship = await consentAccess(tx, actor, personId, form === "consent" ? "change" : "record");
    const person = await personHeading(tx, actor.tenantId, personId);
    const organisations = form === "consent" ? await store.listOrganisations(tx, actor.tenantId) : [];
    const familyMembers = await store.listFamilyMembers(tx, actor.tenantId, personId);
    await audit(tx, actor, { action: "consent.form", personId, detail: { form } });
    return { person, relationship, organisations, familyMembers };
  });
}

function partyCount(consent: NewConsent): number {
  const { party } = consent;
  return [party.organisationId, party.familyMemberId, party.description].filter((value) => value !== null && value !== "").length;
}

/**
 * The rules every new consent meets, whichever form or API it came through: sharing and contacting
 * need one party; sharing needs at least one scope; it cannot be given in the future; the review
 * comes after it was given.
 */
export function consentRuleIssues(consent: NewConsent, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (consent.type !== "work-with-service") {
    const count = partyCount(consent);
    if (count === 0) {
      issues.push({
        field: "party",
        message: consent.type === "share-with" ? "Select who they agree to share information with" : "Select the agency they agree you can contact",
      });
    } else if (count > 1) {
      issues.push({ field: "party", message: "Give one of: an organisation, a family member, or who it is in words" });
    }
  }
  if (consent.type === "share-with" && consent.scopes.length === 0) {
    issues.push({ field: "scopes", message: "Select at least one thing they agree to share" });
  }
  if (consent.givenOn > today) issues.push({ field: "givenOn", message: "The date consent was given must be today or in the past" });
  if (consent.reviewOn !== null && consent.reviewOn <= consent.givenOn) {
    issues.push({ field: "reviewOn", message: "The review date must be after the date consent was given" });
  }
  return issues;
}

async function newConsentIssues(tx: Tx, actor: Actor, personId: string, consent: NewConsent, today: string): Promise<FieldIssue[]> {
  const issues = consentRuleIssues(consent, today);
  if (consent.type === "work-with-service" || partyCount(consent) !== 1) return issues;
  if (consent.party.organisationId) {
    const known = await store.listOrganisations(tx, actor.tenantId);
    if (!known.some((organisation) => organisation.id === consent.party.organisationId)) {
      issues.unshift({ field: "party.organisationId", message: "Select an organisation of the partnership" });
    }
  } else if (consent.party.familyMemberId) {
    const family = await store.listFamilyMembers(tx, actor.tenantId, personId);
    if (!family.some((member) => member.id === consent.party.familyMemberId)) {
      issues.unshift({ field: "party.familyMemberId", message: "Select one of their family members or carers" });
    }
  }
  return issues;
}

/** Records a consent given by the person. It applies to sharing from its given date; audited and on the chronology. */
export async function recordConsent(db: Db, actor: Actor, personId: string, input: NewConsent): Promise<store.ConsentRow> {
  return db.transaction(async (tx) => {
    await consentAccess(tx, actor, personId, "change");
    const consent: NewConsent =
      input.type === "work-with-service" ? { ...input, party: { organisationId: null, familyMemberId: null, description: null }, scopes: [] } : input;
    const issues = await newConsentIssues(tx, actor, personId, consent, todayIso());
    if (issues.length > 0) throw new Invalid(issues);
    const reviewOn = consent.reviewOn ?? addMonths(consent.givenOn, REVIEW_MONTHS);
    const id = await store.insertConsent(tx, { tenantId: actor.tenantId, personId, recordedBy: actor.userId, consent: { ...consent, reviewOn } });
    const saved = await store.findConsent(tx, actor.tenantId, id);
    if (!saved) throw new Error("a consent just recorded was not found");
    const scopes = scopeSummary(saved.scopes);
    await audit(tx, actor, {
      action: "consent.create",
      personId,
      subjectType: "consent",
      subjectId: id,
      detail: { type: saved.type, scopes: saved.scopes, givenOn: saved.givenOn, reviewOn: saved.reviewOn },
    });
    await recordChronology(tx, actor, {
      personId,
      kind: "consent-given",
      summary: `${consentSubject(saved)} given${scopes ? ` (${scopes})` : ""}`,
      section: "consent",
      sourceType: "consent",
      sourceId: id,
      detail: { consentId: id, version: saved.version, scopes: saved.scopes, reviewOn: saved.reviewOn },
    });
    return saved;
  });
}

export interface ConsentRecord {
  person: PersonHeading;
  relationship: Relationship;
  consent: store.ConsentRow;
}

async function loadConsent(tx: Db | Tx, actor: Actor, consentId: string, purpose: "see" | "change"): Promise<{ consent: store.ConsentRow; relationship: Relationship }> {
  if (!isUuid(consentId)) throw new NotFound("Consent not found");
  const consent = await store.findConsent(tx, actor.tenantId, consentId);
  if (!consent) throw new NotFound("Consent not found");
  const relationship = await consentAccess(tx, actor, consent.personId, purpose);
  return { consent, relationship };
}

/** One consent, for the pages that change or withdraw it; audited. */
export async function readConsent(db: Db, actor: Actor, consentId: string, purpose: "edit" | "withdraw"): Promise<ConsentRecord> {
  return db.transaction(async (tx) => {
    const { consent, relationship } = await loadConsent(tx, actor, consentId, "change");
    const person = await personHeading(tx, actor.tenantId, consent.personId);
    await audit(tx, actor, { action: "consent.read", personId: consent.personId, subjectType: "consent", subjectId: consent.id, detail: { purpose } });
    return { person, relationship, consent };
  });
}

/** Checks, before a form is read, that the consent exists and the actor may change it. */
export async function assertMayChangeConsentById(db: Db, actor: Actor, consentId: string): Promise<void> {
  await loadConsent(db, actor, consentId, "change");
}

function endedMessage(consent: store.ConsentRow): string {
  return `This consent was withdrawn on ${formatIsoDate(consent.withdrawnOn)} and cannot be changed. Record a new consent if they agree again.`;
}

function changeIssues(consent: store.ConsentRow, changes: ConsentChanges): FieldIssue[] {
  if (consent.status === "withdrawn") return [{ field: "status", message: endedMessage(consent) }];
  const issues: FieldIssue[] = [];
  if (changes.scopes !== undefined) {
    if (consent.type === "work-with-service" && changes.scopes.length > 0) {
      issues.push({ field: "scopes", message: "Consent to work with the service does not share any sections" });
    }
    if (consent.type === "share-with" && changes.scopes.length === 0) {
      issues.push({ field: "scopes", message: "Select at least one thing they agree to share, or withdraw the consent" });
    }
  }
  if (changes.reviewOn !== undefined && changes.reviewOn <= consent.givenOn) {
    issues.push({ field: "reviewOn", message: "The review date must be after the date consent was given" });
  }
  if (changes.withdrawnOn !== undefined && changes.withdrawnOn < consent.givenOn) {
    issues.push({ field: "withdrawnOn", message: "The date consent was withdrawn must be on or after the date it was given" });
  }
  return issues;
}

function changeSummary(before: store.ConsentRow, after: store.ConsentRow): { kind: string; summary: string } | null {
  const subject = consentSubject(after);
  if (after.withdrawnOn !== before.withdrawnOn && after.withdrawnOn !== null) {
    return after.status === "withdrawn"
      ? { kind: "consent-withdrawn", summary: `${subject} withdrawn` }
      : { kind: "consent-changed", summary: `${subject} to end on ${formatIsoDate(after.withdrawnOn)}` };
  }
  if (scopeSummary(after.scopes) !== scopeSummary(before.scopes)) {
    return { kind: "consent-changed", summary: `${subject} changed (now ${scopeSummary(after.scopes) || "nothing shared"})` };
  }
  if (after.reviewOn !== before.reviewOn) {
    return { kind: "consent-changed", summary: `${subject}: review date moved to ${formatIsoDate(after.reviewOn)}` };
  }
  if (after.note !== before.note) return { kind: "consent-changed", summary: `${subject}: note updated` };
  return null;
}

/**
 * Saves changes to a consent made against `expectedVersion`: Conflict (with what is stored now)
 * when someone saved first. A withdrawn consent cannot be changed.
 */
export async function changeConsent(db: Db, actor: Actor, consentId: string, expectedVersion: number, changes: ConsentChanges): Promise<store.ConsentRow> {
  return db.transaction(async (tx) => {
    const { consent: before } = await loadConsent(tx, actor, consentId, "change");
    if (before.version !== expectedVersion) throw new Conflict("Someone else changed this consent after you opened it", before);
    const issues = changeIssues(before, changes);
    if (issues.length > 0) throw new Invalid(issues);
    const saved = await store.updateConsent(tx, { tenantId: actor.tenantId, consentId, expectedVersion, changes });
    const after = await store.findConsent(tx, actor.tenantId, consentId);
    if (!saved || !after) throw new Conflict("Someone else changed this consent after you opened it", after);
    await recordChange(tx, actor, before, after, "consent.update");
    return after;
  });
}

async function recordChange(tx: Tx, actor: Actor, before: store.ConsentRow, after: store.ConsentRow, action: string, line?: { kind: string; summary: string }): Promise<void> {
  const fields = (["scopes", "reviewOn", "note", "withdrawnOn"] as const).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
  await audit(tx, actor, {
    action,
    personId: after.personId,
    subjectType: "consent",
    subjectId: after.id,
    detail: { fields, version: after.version, scopes: after.scopes, reviewOn: after.reviewOn, withdrawnOn: after.withdrawnOn },
  });
  const event = line ?? changeSummary(before, after);
  if (!event) return;
  await recordChronology(tx, actor, {
    personId: after.personId,
    kind: event.kind,
    summary: event.summary,
    section: "consent",
    sourceType: "consent",
    sourceId: after.id,
    detail: { consentId: after.id, version: after.version, fields, scopes: after.scopes, reviewOn: after.reviewOn, withdrawnOn: after.withdrawnOn },
  });
}

/**
 * Withdraws a consent from today: sharing that depended on it stops with the next request. Needs
 * no version: a withdrawal must never be lost to someone else's edit. Returns false when it had
 * already been withdrawn.
 */
export async function withdrawConsent(db: Db, actor: Actor, consentId: string): Promise<{ consent: store.ConsentRow; withdrawn: boolean }> {
  return db.transaction(async (tx) => {
    const { consent: before } = await loadConsent(tx, actor, consentId, "change");
    const withdrawn = await store.withdrawConsent(tx, actor.tenantId, consentId);
    const after = (await store.findConsent(tx, actor.tenantId, consentId)) ?? before;
    if (withdrawn) await recordChange(tx, actor, before, after, "consent.withdraw", { kind: "consent-withdrawn", summary: `${consentSubject(after)} withdrawn` });
    return { consent: after, withdrawn };
  });
}

/** "Reviewed today — still agreed": the next review is REVIEW_MONTHS from today. */
export async function markReviewed(db: Db, actor: Actor, consentId: string, expectedVersion: number): Promise<store.ConsentRow> {
  return db.transaction(async (tx) => {
    const { consent: before } = await loadConsent(tx, actor, consentId, "change");
    if (before.status === "withdrawn") throw new Invalid([{ field: "status", message: endedMessage(before) }]);
    if (before.version !== expectedVersion) throw new Conflict("Someone else changed this consent after you opened the page. Check it and review it again.", before);
    const reviewOn = addMonths(before.today, REVIEW_MONTHS);
    const saved = await store.updateConsent(tx, { tenantId: actor.tenantId, consentId, expectedVersion, changes: { reviewOn } });
    const after = await store.findConsent(tx, actor.tenantId, consentId);
    if (!saved || !after) throw new Conflict("Someone else changed this consent after you opened the page. Check it and review it again.", after);
    await recordChange(tx, actor, before, after, "consent.review", {
      kind: "consent-reviewed",
      summary: `${consentSubject(after)} reviewed: still agreed, next review ${formatIsoDate(reviewOn)}`,
    });
    return after;
  });
}

const londonTime = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** Now in the UK: "YYYY-MM-DD" and "HH:MM". */
export function nowInLondon(now: Date = new Date()): { date: string; time: string } {
  return { date: todayIso(now), time: londonTime.format(now) };
}

/**
 * "You can always listen": records what a family member or carer told the service. Shares nothing
 * with them. The chronology says who it came from, never what they said.
 */
export async function recordInformationReceived(db: Db, actor: Actor, personId: string, input: NewInformationReceived): Promise<void> {
  await db.transaction(async (tx) => {
    await consentAccess(tx, actor, personId, "record");
    const issues: FieldIssue[] = [];
    let from = input.fromDescription;
    if (input.familyMemberId) {
      const member = (await store.listFamilyMembers(tx, actor.tenantId, personId)).find((candidate) => candidate.id === input.familyMemberId);
      if (!member) issues.push({ field: "familyMemberId", message: "Select one of their family members or carers" });
      else from = `${member.name} (${member.relationship})`;
    } else if (!from) {
      issues.push({ field: "fromDescription", message: "Enter who told you" });
    }
    const now = nowInLondon();
    if (input.receivedOn > now.date || (input.receivedOn === now.date && input.receivedTime > now.time)) {
      issues.push({ field: "receivedOn", message: "The date and time must be in the past" });
    }
    if (issues.length > 0 || !from) throw new Invalid(issues);
    const id = await store.insertInformationReceived(tx, {
      tenantId: actor.tenantId,
      personId,
      recordedBy: actor.userId,
      familyMemberId: input.familyMemberId,
      fromDescription: from,
      receivedOn: input.receivedOn,
      receivedTime: input.receivedTime,
      note: input.note,
    });
    await audit(tx, actor, { action: "information-received.create", personId, subjectType: "information-received", subjectId: id, detail: { familyMemberId: input.familyMemberId } });
    await recordChronology(tx, actor, {
      personId,
      kind: "information-received",
      summary: `Information received from ${from}`,
      section: "consent",
      sourceType: "information-received",
      sourceId: id,
    });
  });
}
