import { maySee, type Actor, type Relationship } from "../platform/access/index.ts";
import { Forbidden } from "../platform/http/errors.ts";
import type { ActionView } from "./store.ts";

/**
 * What an actor may see and do in one person's plan:
 *  - the person's workers (lead, co-workers, cover) and their team's manager see and change it all;
 *    the team's psychologist reads it;
 *  - a partner professional in the team sees the whole plan when the person shares it with their
 *    organisation, otherwise only the actions their organisation owns, and no goals; they may update
 *    the status and evidence of the actions their organisation owns, nothing else;
 *  - a family member or carer reads goals and actions when the person shares the plan with them,
 *    without the workers' notes, progress notes or evidence;
 *  - peer mentors, and carers the plan is not shared with, do not see it (403: they see the person).
 */
export interface PlanAccess {
  relationship: Relationship;
  /** Goals and every action; false for a partner who sees their organisation's actions only. */
  wholePlan: boolean;
  /** When not the whole plan, the organisation whose actions are shown. */
  onlyOrganisationId: string | null;
  /** May add and change goals, progress, actions and the review schedule. */
  mayEdit: boolean;
  /** A partner professional in the team, who may update the actions their organisation owns. */
  partnerOrganisationId: string | null;
  /** Sees workers' notes, progress notes and evidence: everyone but family and carers. */
  seesNotes: boolean;
}

export const NOT_FOR_PEER_MENTORS = "The plan is not shared with peer mentors. Ask the person's key worker what you can help with.";
export const NOT_SHARED_WITH_CARER = "The person has not agreed to share their plan with you. Ask their key worker if you would like to know more.";
export const MAY_NOT_EDIT = "Only the person's key workers and their manager can change the plan";
export const PARTNER_FIELDS_ONLY =
  "Partner agencies can update the status and evidence of their own actions. Ask the person's key worker to change anything else.";
export const NOT_YOUR_ACTION = "Only the person's key workers, their manager and the agency that owns an action can update it";

/** The actor's access to the plan, or Forbidden for peer mentors and carers it is not shared with. */
export function planAccess(actor: Actor, relationship: Relationship): PlanAccess {
  const base = { relationship, mayEdit: relationship.mayEdit, partnerOrganisationId: null, seesNotes: true };
  switch (relationship.audience) {
    case "full":
      return { ...base, wholePlan: true, onlyOrganisationId: null };
    case "partner": {
      const whole = maySee(relationship, "plan");
      return { ...base, mayEdit: false, wholePlan: whole, onlyOrganisationId: whole ? null : actor.organisationId, partnerOrganisationId: actor.organisationId };
    }
    case "carer":
      if (!maySee(relationship, "plan")) throw new Forbidden(NOT_SHARED_WITH_CARER);
      return { ...base, mayEdit: false, wholePlan: true, onlyOrganisationId: null, seesNotes: false };
    case "peer-mentor":
      throw new Forbidden(NOT_FOR_PEER_MENTORS);
  }
}

/** Whether the actor sees this action at all (a partner without the plan shared: their organisation's only). */
export function seesAction(access: PlanAccess, action: Pick<ActionView, "ownerOrganisation">): boolean {
  return access.onlyOrganisationId === null || action.ownerOrganisation.id === access.onlyOrganisationId;
}

/** What the actor may change of an action: everything, its status and evidence, or nothing. */
export function actionChangeRights(access: PlanAccess, action: Pick<ActionView, "ownerOrganisation">): "all" | "status-and-evidence" | "none" {
  if (access.mayEdit) return "all";
  if (access.partnerOrganisationId !== null && action.ownerOrganisation.id === access.partnerOrganisationId) return "status-and-evidence";
  return "none";
}

/** Hides what family and carers do not see: workers' notes, progress notes and evidence. */
export function withoutNotes<T extends { evidence?: string | null; workerNote?: string | null }>(access: PlanAccess, item: T): T {
  if (access.seesNotes) return item;
  return { ...item, ...("evidence" in item ? { evidence: null } : {}), ...("workerNote" in item ? { workerNote: null } : {}) };
}
