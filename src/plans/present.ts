import { formatIsoDate } from "../platform/views/format.ts";
import { ACTION_STATUS_LABELS, type ActionStatus } from "./schema.ts";
import type { ActionRevision, ActionView, GoalView, PersonPlan, ProgressView } from "./service.ts";

/** The named owner of an action, with or without an account. */
export function ownerNameOf(action: Pick<ActionView, "owner" | "ownerNameText">): string | null {
  return action.owner?.name ?? action.ownerNameText;
}

/** "Claire Dunn, Northmoor Probation Delivery Unit", or the organisation alone. */
export function ownerLine(action: Pick<ActionView, "owner" | "ownerNameText" | "ownerOrganisation">): string {
  const name = ownerNameOf(action);
  return name ? `${name}, ${action.ownerOrganisation.name}` : action.ownerOrganisation.name;
}

export function latestProgress(goal: GoalView): ProgressView | null {
  return goal.progress[goal.progress.length - 1] ?? null;
}

function presentProgress(item: ProgressView) {
  return { id: item.id, recordedAt: item.recordedAt.toISOString(), rating: item.rating, note: item.note, recordedBy: item.recordedBy };
}

/** The API's shape of a goal, with its progress over time (oldest first). */
export function presentGoalForApi(goal: GoalView) {
  const latest = latestProgress(goal);
  return {
    id: goal.id,
    personId: goal.personId,
    description: goal.description,
    workerNote: goal.workerNote,
    status: goal.status,
    latestProgress: latest ? presentProgress(latest) : null,
    progress: goal.progress.map(presentProgress),
    endedAt: goal.endedAt?.toISOString() ?? null,
    createdAt: goal.createdAt.toISOString(),
    updatedAt: goal.updatedAt.toISOString(),
    version: goal.version,
  };
}

/** The API's shape of an action: the owning organisation, and the named owner with or without an account. */
export function presentActionForApi(action: ActionView) {
  return {
    id: action.id,
    personId: action.personId,
    goalId: action.goalId,
    meetingId: action.meetingId,
    description: action.description,
    dueDate: action.dueOn,
    status: action.status,
    overdue: action.overdue,
    evidence: action.evidence,
    ownerOrganisation: action.ownerOrganisation,
    ownerOrganisationId: action.ownerOrganisation.id,
    owner: action.owner,
    ownerName: ownerNameOf(action),
    completedAt: action.completedAt?.toISOString() ?? null,
    createdAt: action.createdAt.toISOString(),
    updatedAt: action.updatedAt.toISOString(),
    version: action.version,
  };
}

export function presentPlanForApi(plan: PersonPlan) {
  return {
    personId: plan.person.id,
    view: plan.access.wholePlan ? ("whole-plan" as const) : ("own-organisation-actions" as const),
    nextReviewOn: plan.schedule.nextReviewOn,
    reviewIntervalMonths: plan.schedule.reviewIntervalMonths,
    lastReviewedOn: plan.schedule.lastReviewedOn,
    reviewOverdue: plan.schedule.reviewOverdue,
    goals: plan.goals.map(presentGoalForApi),
    actions: plan.actions.map(presentActionForApi),
  };
}

/** Fields of an action's history, in the API's words, with how a page names them. */
const HISTORY_FIELDS = [
  { key: "description", api: "description", label: "What" },
  { key: "dueOn", api: "dueDate", label: "Due" },
  { key: "status", api: "status", label: "Status" },
  { key: "ownerOrganisationId", api: "ownerOrganisationId", label: "Organisation" },
  { key: "ownerUserId", api: "ownerUserId", label: "Named owner" },
  { key: "ownerName", api: "ownerName", label: "Named owner (no account)" },
  { key: "goalId", api: "goalId", label: "Goal" },
  { key: "evidence", api: "evidence", label: "Evidence" },
] as const;

export interface HistoryChange {
  field: string;
  label: string;
  from: string | null;
  to: string | null;
  /** The values as people read them: names and dates rather than ids. */
  fromText: string;
  toText: string;
}

export interface HistoryEntry {
  version: number;
  changedAt: Date;
  changedBy: { id: string; name: string } | null;
  changes: HistoryChange[];
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function readable(revision: ActionRevision, key: (typeof HISTORY_FIELDS)[number]["key"]): string {
  const value = text(revision.snapshot[key]);
  if (value === null) return "None";
  switch (key) {
    case "dueOn":
      return formatIsoDate(value);
    case "status":
      return ACTION_STATUS_LABELS[value as ActionStatus] ?? value;
    case "ownerOrganisationId":
      return revision.names.ownerOrganisation ?? "Unknown organisation";
    case "ownerUserId":
      return revision.names.owner ?? "Unknown";
    case "goalId":
      return revision.names.goal ?? "A goal";
    default:
      return value;
  }
}

/** Each saved version of an action with what changed from the one before (the first: what it was made with). */
export function historyEntries(history: ActionRevision[]): HistoryEntry[] {
  return history.map((revision, index) => {
    const previous = index > 0 ? history[index - 1] : undefined;
    const changes = HISTORY_FIELDS.flatMap((field) => {
      const to = text(revision.snapshot[field.key]);
      const from = previous ? text(previous.snapshot[field.key]) : null;
      if (from === to) return [];
      return [{ field: field.api, label: field.label, from, to, fromText: previous ? readable(previous, field.key) : "None", toText: readable(revision, field.key) }];
    });
    return { version: revision.version, changedAt: revision.changedAt, changedBy: revision.changedBy, changes };
  });
}

export function presentHistoryForApi(history: ActionRevision[]) {
  return {
    items: historyEntries(history).map((entry) => ({
      version: entry.version,
      changedAt: entry.changedAt.toISOString(),
      changedBy: entry.changedBy,
      changes: entry.changes.map((change) => ({ field: change.field, from: change.from, to: change.to })),
    })),
  };
}
