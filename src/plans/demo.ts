import { addDays, addMonths } from "../platform/clock.ts";
import type { Tx } from "../platform/database/open.ts";
import { todayIso } from "../platform/http/validation.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { recordChronology } from "../chronology/service.ts";
import type { DemoContext, DemoUserKey } from "../demo/types.ts";
import * as actionStore from "./action-store.ts";
import { CHILDREN_PLANS } from "./demo-data-children.ts";
import { MULTIPLE_NEEDS_PLANS, type DemoAction, type DemoOrganisation, type DemoPlan } from "./demo-data.ts";
import * as goalStore from "./goal-store.ts";
import { organisationName } from "./store.ts";

type Step = { at: Date; run: () => Promise<void> };

/** A morning `days` before the demo's today (10am UK winter time, near enough). */
function daysAgo(context: DemoContext, days: number, hour = 10): Date {
  return new Date(Date.parse(`${addDays(todayIso(context.now), -days)}T${String(hour).padStart(2, "0")}:00:00Z`));
}

/** The steps of one person's plan, each at its own time: goals, progress, actions and what became of them. */
function planSteps(tx: Tx, context: DemoContext, personId: string, service: string, lead: DemoUserKey, plan: DemoPlan): Step[] {
  const tenantId = context.tenantId;
  const leadId = context.userIds[lead];
  const today = todayIso(context.now);
  const goalIds: string[] = [];
  const steps: Step[] = [];
  const chronicle = (by: string, at: Date, entry: { kind: string; summary: string; sourceType: string; sourceId: string; detail?: Record<string, unknown> }) =>
    recordChronology(tx, { tenantId, userId: by }, { personId, section: "plan", occurredAt: at, ...entry });
  const ensurePlan = (at: Date) => goalStore.ensurePlan(tx, { tenantId, personId, nextReviewOn: addMonths(todayIso(at), 3), by: leadId });
  const organisationOf = (owner: DemoOrganisation) => context.organisationIds[owner === "team" ? (service === "children" ? "children" : "together") : owner] ?? "";
  const userOf = (action: DemoAction) => (action.user === undefined ? null : context.userIds[action.user === "lead" ? lead : action.user]);

  plan.goals.forEach((goal, index) => {
    const started = daysAgo(context, goal.startedDaysAgo, 10);
    steps.push({
      at: started,
      run: async () => {
        const row = await goalStore.insertGoal(tx, { tenantId, personId, createdBy: leadId, description: goal.text, workerNote: goal.note ?? null, at: started });
        goalIds[index] = row.id;
        await ensurePlan(started);
        await chronicle(leadId, started, { kind: "goal-added", summary: `Goal added: ${goal.text}`, sourceType: "goal", sourceId: row.id });
      },
    });
    for (const [days, rating, note] of goal.progress) {
      const at = daysAgo(context, days, 14);
      steps.push({
        at,
        run: async () => {
          const goalId = goalIds[index] ?? "";
          await goalStore.insertGoalProgress(tx, { tenantId, goalId, personId, recordedBy: leadId, note, rating, at });
          await chronicle(leadId, at, { kind: "goal-progress", summary: `Progress on goal${rating === null ? "" : ` (${rating} out of 10)`}: ${goal.text}`, sourceType: "goal", sourceId: goalId, detail: { rating } });
        },
      });
    }
    const ended = goal.achievedDaysAgo ?? goal.stoppedDaysAgo;
    if (ended !== undefined) {
      const at = daysAgo(context, ended, 15);
      const status = goal.achievedDaysAgo !== undefined ? "achieved" : "stopped";
      steps.push({
        at,
        run: async () => {
          const goalId = goalIds[index] ?? "";
          await goalStore.updateGoal(tx, { tenantId, goalId, expectedVersion: 1, by: leadId, changes: { status }, at });
          const summary = status === "achieved" ? `Goal achieved: ${goal.text}` : `Goal no longer being worked on: ${goal.text}`;
          await chronicle(leadId, at, { kind: status === "achieved" ? "goal-achieved" : "goal-stopped", summary, sourceType: "goal", sourceId: goalId });
        },
      });
    }
  });

  for (const action of plan.actions) {
    const added = daysAgo(context, action.addedDaysAgo, 11);
    const dueOn = addDays(today, action.due);
    let actionId = "";
    steps.push({
      at: added,
      run: async () => {
        const row = await actionStore.insertAction(tx, {
          tenantId,
          personId,
          createdBy: leadId,
          meetingId: null,
          at: added,
          action: {
            description: action.text,
            dueOn,
            ownerOrganisationId: organisationOf(action.owner),
            ownerUserId: userOf(action),
            ownerName: action.name ?? null,
            goalId: action.goal === undefined ? null : (goalIds[action.goal] ?? null),
            evidence: null,
          },
        });
        actionId = row.id;
        await ensurePlan(added);
        await chronicle(leadId, added, { kind: "action-added", summary: `Action added: ${action.text} – due ${formatIsoDate(dueOn)}`, sourceType: "plan-action", sourceId: row.id });
      },
    });
    const outcome = action.done ? { status: "done" as const, detail: action.done } : action.cancelled ? { status: "cancelled" as const, detail: action.cancelled } : null;
    if (outcome) {
      const at = daysAgo(context, outcome.detail[0], 16);
      // A partner agency's own professional marks their actions done; the lead worker the rest.
      const by = action.user !== undefined && action.user !== "lead" && action.owner !== "team" ? (userOf(action) ?? leadId) : leadId;
      steps.push({
        at,
        run: async () => {
          await actionStore.updateAction(tx, { tenantId, actionId, expectedVersion: 1, changedBy: by, changes: { status: outcome.status, evidence: outcome.detail[1] }, at });
          const where = await organisationName(tx, tenantId, organisationOf(action.owner));
          const label = outcome.status === "done" ? "Action done" : "Action cancelled";
          await chronicle(by, at, { kind: `action-${outcome.status}`, summary: `${label}: ${action.text} (${where})`, sourceType: "plan-action", sourceId: actionId });
        },
      });
    }
  }

  if (plan.reviewedDaysAgo !== undefined) {
    const at = daysAgo(context, plan.reviewedDaysAgo, 13);
    const reviewedOn = todayIso(at);
    const nextReviewOn = addMonths(reviewedOn, 3);
    steps.push({
      at,
      run: async () => {
        const row = await goalStore.markPlanReviewed(tx, { tenantId, personId, reviewedOn, nextReviewOn, by: leadId });
        if (!row) return;
        await chronicle(leadId, at, { kind: "plan-reviewed", summary: `Plan reviewed (plan review with the person and their team); next review by ${nextReviewOn}`, sourceType: "plan", sourceId: row.id, detail: { reviewedOn, nextReviewOn } });
      },
    });
  }
  return steps;
}

/**
 * Loads the demo's plans: goals in people's own words with months of progress, and actions owned by
 * the team and by partner agencies (probation, CAMHS, social care, drug and alcohol, the hostel,
 * housing), some done with evidence and some overdue. Most people have a plan; a few do not yet.
 */
export async function loadPlansDemo(tx: Tx, context: DemoContext): Promise<void> {
  const people = new Map(context.people.map((person) => [person.demo.key, person]));
  for (const plan of [...MULTIPLE_NEEDS_PLANS, ...CHILDREN_PLANS]) {
    const person = people.get(plan.person);
    if (!person) continue;
    const steps = planSteps(tx, context, person.id, person.demo.service, person.demo.lead, plan).sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) await step.run();
  }
}
