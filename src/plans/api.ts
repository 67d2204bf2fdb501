import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { ukToday } from "../platform/clock.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { Conflict } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import * as actions from "./action-service.ts";
import * as goals from "./goal-service.ts";
import { presentActionForApi, presentGoalForApi, presentHistoryForApi, presentPlanForApi } from "./present.ts";
import { ACTION_STATUSES, GOAL_STATUSES, createActionBody, createGoalBody, progressBody, updateActionBody, updateGoalBody, type ActionChanges } from "./schema.ts";
import * as plans from "./service.ts";

// Any text: an id that is not a UUID is simply something that is not found.
const personIdParams = z.object({ id: z.string().max(100) });
const goalIdParams = z.object({ goalId: z.string().max(100) });
const actionIdParams = z.object({ actionId: z.string().max(100) });

const named = z.object({ id: z.string(), name: z.string() });
const progressResponse = z.object({
  id: z.string(),
  recordedAt: z.string(),
  rating: z.number().int().nullable().describe("0 (nowhere near) to 10 (there), when the person gave one"),
  note: z.string().nullable().describe("Null for family and carers"),
  recordedBy: named.nullable(),
});
const goalResponse = z.object({
  id: z.string(),
  personId: z.string(),
  description: z.string().describe("In the person's own words"),
  workerNote: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  latestProgress: progressResponse.nullable(),
  progress: z.array(progressResponse).describe("Oldest first"),
  endedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().describe("Send it back when changing the goal; a stale one answers 409"),
});
const actionResponse = z.object({
  id: z.string(),
  personId: z.string(),
  goalId: z.string().nullable(),
  meetingId: z.string().nullable().describe("The meeting that recommended it"),
  description: z.string(),
  dueDate: z.string().describe("YYYY-MM-DD"),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean().describe("Open and due before today"),
  evidence: z.string().nullable().describe("Null for family and carers"),
  ownerOrganisation: named,
  ownerOrganisationId: z.string(),
  owner: named.nullable().describe("The named owner, when they have a Keywork account"),
  ownerName: z.string().nullable().describe("The named owner's name, with or without an account"),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().describe("Send it back when changing the action; a stale one answers 409"),
});
const planResponse = z.object({
  personId: z.string(),
  view: z.enum(["whole-plan", "own-organisation-actions"]).describe("own-organisation-actions: a partner the plan is not shared with sees their organisation's actions only"),
  nextReviewOn: z.string().nullable(),
  reviewIntervalMonths: z.number().int(),
  lastReviewedOn: z.string().nullable(),
  reviewOverdue: z.boolean(),
  goals: z.array(goalResponse),
  actions: z.array(actionResponse).describe("Open first, the most overdue first; then done and cancelled"),
});
const historyResponse = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      changedAt: z.string(),
      changedBy: named.nullable(),
      changes: z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    }),
  ),
});

const notVisible = { description: "No such person, or not one you may see", schema: apiErrorSchema };
const goalNotVisible = { description: "No such goal, or not one you may see", schema: apiErrorSchema };
const actionNotVisible = { description: "No such action, or not one you may see", schema: apiErrorSchema };
const invalid = { description: "Not valid: each issue names its field", schema: apiErrorSchema };
const stale = { description: "Someone else saved first: error.current holds what is stored now", schema: apiErrorSchema };

function rethrowWithCurrent<T>(error: unknown, present: (current: T) => unknown): never {
  if (error instanceof Conflict) throw new Conflict(error.message, present(error.current as T));
  throw error;
}

export const plansApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;
  const today = () => ukToday(deps.clock);

  api.add(app, {
    method: "GET",
    url: paths.api.personPlan(":id"),
    summary: "A person's plan: goals with their progress, actions with their owners, and the review schedule. Partners the plan is not shared with get their organisation's actions only",
    tags: ["Plan"],
    access: "signed-in",
    params: personIdParams,
    responses: {
      200: { description: "The plan as you may see it", schema: planResponse },
      403: { description: "The plan is not shared with peer mentors, nor with family members it is not shared with", schema: apiErrorSchema },
      404: notVisible,
    },
    handler: async ({ actor, params }) => presentPlanForApi(await plans.readPlan(db, actor, params.id, today())),
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personGoals(":id"),
    summary: "Add a goal in the person's own words",
    tags: ["Plan"],
    access: "signed-in",
    params: personIdParams,
    body: createGoalBody,
    responses: {
      201: { description: "Added", schema: goalResponse },
      400: invalid,
      403: { description: "Only the person's key workers and their manager may change the plan", schema: apiErrorSchema },
      404: notVisible,
    },
    handler: async ({ actor, params, body, reply }) => {
      const goal = await goals.createGoal(db, actor, params.id, { description: body.description, workerNote: body.workerNote ?? null }, today());
      reply.status(201).header("location", paths.api.goal(goal.id));
      return presentGoalForApi(goal);
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.goal(":goalId"),
    summary: "A goal with its progress over time",
    tags: ["Plan"],
    access: "signed-in",
    params: goalIdParams,
    responses: { 200: { description: "The goal", schema: goalResponse }, 403: { description: "The plan is not shared with you", schema: apiErrorSchema }, 404: goalNotVisible },
    handler: async ({ actor, params }) => presentGoalForApi((await goals.readGoal(db, actor, params.goalId, today())).goal),
  });

  api.add(app, {
    method: "PATCH",
    url: paths.api.goal(":goalId"),
    summary: "Change a goal, or mark it achieved or stopped (or active again); send the version you last read",
    tags: ["Plan"],
    access: "signed-in",
    params: goalIdParams,
    body: updateGoalBody,
    responses: { 200: { description: "Saved", schema: goalResponse }, 400: invalid, 403: { description: "Only the person's key workers and their manager may change goals", schema: apiErrorSchema }, 404: goalNotVisible, 409: stale },
    handler: async ({ actor, params, body }) => {
      const { version, ...changes } = body;
      try {
        return presentGoalForApi(await goals.updateGoal(db, actor, params.goalId, version, changes));
      } catch (error) {
        return rethrowWithCurrent(error, presentGoalForApi);
      }
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.goalProgress(":goalId"),
    summary: "Record progress towards a goal: a note and, when the person gives one, a rating from 0 to 10. Answers the goal with its progress",
    tags: ["Plan"],
    access: "signed-in",
    params: goalIdParams,
    body: progressBody,
    responses: { 201: { description: "Recorded", schema: goalResponse }, 400: invalid, 403: { description: "Only the person's key workers and their manager may record progress", schema: apiErrorSchema }, 404: goalNotVisible },
    handler: async ({ actor, params, body, reply }) => {
      const goal = await goals.addProgress(db, actor, params.goalId, { note: body.note, rating: body.rating ?? null });
      reply.status(201).header("location", paths.api.goal(goal.id));
      return presentGoalForApi(goal);
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personActions(":id"),
    summary: "Add an action owned by one of the partnership's organisations (and, optionally, a named person there); a due date already past makes it overdue at once",
    tags: ["Plan"],
    access: "signed-in",
    params: personIdParams,
    body: createActionBody,
    responses: {
      201: { description: "Added", schema: actionResponse },
      400: { description: "Not valid, or an owner or goal that is not in the partnership or the person's plan: each issue names its field", schema: apiErrorSchema },
      403: { description: "Only the person's key workers and their manager may add actions", schema: apiErrorSchema },
      404: notVisible,
    },
    handler: async ({ actor, params, body, reply }) => {
      const action = await actions.createAction(
        db,
        actor,
        params.id,
        {
          description: body.description,
          dueOn: body.dueDate,
          ownerOrganisationId: body.ownerOrganisationId,
          ownerUserId: body.ownerUserId ?? null,
          ownerName: body.ownerName ?? null,
          goalId: body.goalId ?? null,
          evidence: body.evidence ?? null,
        },
        today(),
      );
      reply.status(201).header("location", paths.api.action(action.id));
      return presentActionForApi(action);
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.action(":actionId"),
    summary: "An action",
    tags: ["Plan"],
    access: "signed-in",
    params: actionIdParams,
    responses: { 200: { description: "The action", schema: actionResponse }, 403: { description: "The plan is not shared with you", schema: apiErrorSchema }, 404: actionNotVisible },
    handler: async ({ actor, params }) => presentActionForApi((await actions.readAction(db, actor, params.actionId, today())).action),
  });

  api.add(app, {
    method: "PATCH",
    url: paths.api.action(":actionId"),
    summary: "Update an action: its status (open, done, cancelled) and evidence; the person's workers may change the rest too. Send the version you last read",
    tags: ["Plan"],
    access: "signed-in",
    params: actionIdParams,
    body: updateActionBody,
    responses: {
      200: { description: "Saved", schema: actionResponse },
      400: invalid,
      403: { description: "Not yours to change: partner agencies update the status and evidence of their own actions only", schema: apiErrorSchema },
      404: actionNotVisible,
      409: stale,
    },
    handler: async ({ actor, params, body }) => {
      const { version, dueDate, ...rest } = body;
      const changes: ActionChanges = { ...rest, ...(dueDate === undefined ? {} : { dueOn: dueDate }) };
      try {
        return presentActionForApi(await actions.updateAction(db, actor, params.actionId, version, changes, today()));
      } catch (error) {
        return rethrowWithCurrent(error, presentActionForApi);
      }
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.actionHistory(":actionId"),
    summary: "Every saved version of an action: who changed what, and when (oldest first)",
    tags: ["Plan"],
    access: "signed-in",
    params: actionIdParams,
    responses: { 200: { description: "The history", schema: historyResponse }, 403: { description: "The plan is not shared with you", schema: apiErrorSchema }, 404: actionNotVisible },
    handler: async ({ actor, params }) => presentHistoryForApi((await actions.readAction(db, actor, params.actionId, today())).history),
  });
};
