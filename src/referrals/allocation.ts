import type { Actor } from "../platform/access/index.ts";
import type { Db } from "../platform/database/open.ts";
import { Conflict, Invalid } from "../platform/http/errors.ts";
import { fieldIssues } from "../platform/http/validation.ts";
import { teamCaseloads } from "../caseload/service.ts";
import { addMember, changeLeadWorker, teamForHandover } from "../network/service.ts";
import { personDetailsSchema } from "../people/schema.ts";
import { createPerson } from "../people/service.ts";
import { listInWords } from "./eligibility.ts";
import { NEED_DOMAIN_LABELS, isNeedDomain } from "./schema.ts";
import { recordReferralStep } from "./steps.ts";
import { listTeamKeyWorkers, type TriageReferral } from "./triage-store.ts";
import {
  LINKED_ELSEWHERE,
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

/** Allocating an accepted referral to a key worker of the receiving team. */

export interface WorkerSuggestion {
  id: string;
  displayName: string;
  weightedLoad: number;
  capacity: number;
  /** Their specialisms that the referral's needs call for. */
  matching: string[];
  overCapacity: boolean;
  /** "8 of 20 weighted caseload; specialises in housing". */
  reasons: string;
}

function specialismLabel(specialism: string): string {
  return isNeedDomain(specialism) ? NEED_DOMAIN_LABELS[specialism].toLowerCase() : specialism;
}

/**
 * Ranks workers for a referral: those with room before those over capacity; then by how full their
 * weighted caseload is against their capacity, each specialism the referral needs counting as a
 * quarter of a caseload's worth of room.
 */
export function rankWorkers(
  workers: Array<{ id: string; displayName: string; weightedLoad: number; capacity: number; specialisms: readonly string[] }>,
  needs: readonly string[],
): WorkerSuggestion[] {
  const suggestions = workers.map((worker) => {
    const matching = worker.specialisms.filter((specialism) => needs.includes(specialism));
    const overCapacity = worker.weightedLoad >= worker.capacity;
    const parts = [`${worker.weightedLoad} of ${worker.capacity} weighted caseload`];
    if (matching.length > 0) parts.push(`specialises in ${listInWords(matching.map(specialismLabel))}`);
    if (overCapacity) parts.push("at or over capacity");
    const score = worker.weightedLoad / Math.max(1, worker.capacity) - 0.25 * matching.length;
    return { suggestion: { id: worker.id, displayName: worker.displayName, weightedLoad: worker.weightedLoad, capacity: worker.capacity, matching, overCapacity, reasons: parts.join("; ") }, score };
  });
  return suggestions
    .sort((a, b) => Number(a.suggestion.overCapacity) - Number(b.suggestion.overCapacity) || a.score - b.score || a.suggestion.displayName.localeCompare(b.suggestion.displayName))
    .map((item) => item.suggestion);
}

/** The team's active key workers, best suited first, with why. */
export async function suggestWorkers(db: Db, actor: Actor, referral: TriageReferral, target: number): Promise<WorkerSuggestion[]> {
  const caseloads = await teamCaseloads(db, actor, target);
  const specialisms = new Map((await listTeamKeyWorkers(db, actor.tenantId, referral.teamId)).map((worker) => [worker.id, worker.specialisms]));
  const workers = caseloads.workers
    .filter((worker) => specialisms.has(worker.workerId))
    .map((worker) => ({ id: worker.workerId, displayName: worker.displayName, weightedLoad: worker.weightedLoad, capacity: worker.capacity, specialisms: specialisms.get(worker.workerId) ?? [] }));
  return rankWorkers(workers, referral.needs);
}

/** The Keywork record a referral becomes: the names and date of birth the referrer gave. */
function detailsFrom(referral: TriageReferral) {
  const phone = referral.personPhone && /^[0-9 +()-]{6,40}$/.test(referral.personPhone) ? referral.personPhone : null;
  const parsed = personDetailsSchema.safeParse({
    givenName: referral.givenName,
    familyName: referral.familyName,
    aliases: referral.aliases,
    dateOfBirth: referral.dateOfBirth,
    phone,
    engagementStatus: "not-yet-engaged",
  });
  if (!parsed.success) throw new Invalid(fieldIssues(parsed.error).map((issue) => ({ field: "workerId", message: `On the referral: ${issue.message}` })));
  return parsed.data;
}

export interface Allocation {
  referral: TriageReferral;
  personId: string;
  /** A new Keywork record was made for the person. */
  created: boolean;
}

/**
 * Allocates an accepted referral to one of the team's key workers, in one transaction: a person
 * not yet known gets a record in the team with the worker as lead; a known person with no lead
 * gets the worker as lead (or, with a lead already, the worker joins as co-worker); the referral
 * joins their chronology if it has not; the referrer is told the worker's name. Audited.
 */
export async function allocateReferral(db: Db, deps: TriageDeps, actor: Actor, referralId: string, workerId: string, expectedVersion: number | null = null): Promise<Allocation> {
  return db.transaction(async (tx) => {
    const referral = await lockForChange(tx, actor, referralId, expectedVersion);
    refuseUnless(referral, ["accepted"], "allocate it");
    const worker = (await listTeamKeyWorkers(tx, actor.tenantId, referral.teamId)).find((candidate) => candidate.id === workerId);
    if (!worker) throw new Invalid([{ field: "workerId", message: "Select a key worker from your team" }]);
    let personId = referral.personId;
    const created = personId === null;
    if (personId === null) {
      const person = await createPerson(tx, actor, detailsFrom(referral), { leadWorkerId: worker.id });
      personId = person.id;
      // A new record, not one already known: the "allocated" step and the audit row say so, not a "linked" step.
      await setFields(tx, actor, deps.clock, referral.id, { personId });
    } else {
      if (!mayAllocateTo(await linkedRelationship(tx, actor, personId))) throw new Conflict(LINKED_ELSEWHERE, referral);
      const { members } = await teamForHandover(tx, actor, personId);
      const lead = members.find((member) => member.role === "lead");
      if (!lead) await changeLeadWorker(tx, actor, personId, worker.id, { previousLead: "co-worker", expectedLeadUserId: null });
      else if (!members.some((member) => member.userId === worker.id)) await addMember(tx, actor, personId, { userId: worker.id, role: "co-worker" });
    }
    const linked = await requireTeamReferral(tx, actor, referral.id);
    const chronologyAdded = await addReferralToChronology(tx, actor, linked, personId);
    await setFields(tx, actor, deps.clock, referral.id, { allocatedWorkerId: worker.id });
    await recordReferralStep(tx, deps, { tenantId: actor.tenantId, referralId: referral.id, step: "allocated", byUserId: actor.userId, note: worker.displayName });
    const allocated = await requireTeamReferral(tx, actor, referral.id);
    await auditReferral(tx, actor, allocated, "referral.allocate", { workerId: worker.id, created, chronologyAdded });
    return { referral: allocated, personId, created };
  });
}
