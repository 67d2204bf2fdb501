import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { addMonths, ukToday } from "../platform/clock.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { goalFormValues, goalFromForm, progressFromForm, RELOAD, scheduleFormValues, scheduleFromForm, versionFrom, type GoalFormValues, type ProgressFormValues, type ScheduleFormValues } from "./forms.ts";
import * as goals from "./goal-service.ts";
import { goalFormPage, goalPage } from "./goal-views.ts";
import { GOAL_STATUS_LABELS } from "./schema.ts";
import { scheduleFormPage } from "./schedule-views.ts";
import * as plans from "./service.ts";
import { planPage } from "./views.ts";

function goalIdFrom(request: FastifyRequest): string {
  const { goalId } = request.params as { goalId: string };
  if (!isUuid(goalId)) throw new NotFound("Goal not found");
  return goalId;
}

/** The plan page, the review schedule, and goals with their progress. Actions are in action-pages.ts. */
export const planRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const today = () => ukToday(deps.clock);

  app.get(paths.people.plan(":id"), async (request, reply) => {
    const plan = await plans.readPlan(db, request.actor as Actor, personIdFrom(request), today());
    return sendPage(reply, planPage(await pageContext(db, request, reply), plan));
  });

  app.get(paths.people.planSchedule(":id"), async (request, reply) => {
    const form = await plans.readScheduleForm(db, request.actor as Actor, personIdFrom(request), today());
    const values = scheduleFormValues(form.schedule, addMonths(today(), 3));
    return sendPage(reply, scheduleFormPage(await pageContext(db, request, reply), form, { values, issues: [] }));
  });

  app.post(paths.people.planSchedule(":id"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const form = await plans.readScheduleForm(db, actor, personId, today());
    const values = formValues(request.body) as ScheduleFormValues;
    const read = scheduleFromForm(values);
    let issues: FieldIssue[] = "issues" in read ? read.issues : [];
    if ("input" in read) {
      try {
        const saved = await plans.changeSchedule(db, actor, personId, versionFrom(values), read.input, today());
        return redirectWithFlash(db, request, reply, paths.people.plan(personId), { title: "Review schedule saved", text: `Next review by ${formatIsoDate(saved.nextReviewOn)}.` });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as plans.PlanSchedule;
          const kept = { ...values, version: stored.version === null ? "" : String(stored.version) };
          return sendPage(reply, scheduleFormPage(await pageContext(db, request, reply), form, { values: kept, issues: [], conflict: stored }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    return sendPage(reply, scheduleFormPage(await pageContext(db, request, reply), form, { values, issues }), 400);
  });

  app.get(paths.people.newGoal(":id"), async (request, reply) => {
    const form = await plans.planForm(db, request.actor as Actor, personIdFrom(request), "goal-form");
    return sendPage(reply, goalFormPage(await pageContext(db, request, reply), { mode: "new", person: form.person, relationship: form.relationship, values: {}, issues: [] }));
  });

  app.post(paths.people.goals(":id"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const form = await plans.planForm(db, actor, personId, "goal-form");
    const values = formValues(request.body) as GoalFormValues;
    const read = goalFromForm(values, { withStatus: false });
    if ("input" in read) {
      const goal = await goals.createGoal(db, actor, personId, { description: read.input.description, workerNote: read.input.workerNote }, today());
      return redirectWithFlash(db, request, reply, paths.people.plan(personId), { title: "Goal added", text: goal.description });
    }
    const page = goalFormPage(await pageContext(db, request, reply), { mode: "new", person: form.person, relationship: form.relationship, values, issues: read.issues });
    return sendPage(reply, page, 400);
  });

  app.get(paths.goals.show(":goalId"), async (request, reply) => {
    const view = await goals.readGoal(db, request.actor as Actor, goalIdFrom(request), today());
    return sendPage(reply, goalPage(await pageContext(db, request, reply), view));
  });

  app.post(paths.goals.progress(":goalId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const goalId = goalIdFrom(request);
    await goals.readGoalForEdit(db, actor, goalId);
    const values = formValues(request.body) as ProgressFormValues;
    const read = progressFromForm(values);
    if ("input" in read) {
      await goals.addProgress(db, actor, goalId, read.input);
      return redirectWithFlash(db, request, reply, paths.goals.show(goalId), { title: "Progress saved" });
    }
    const view = await goals.readGoal(db, actor, goalId, today());
    return sendPage(reply, goalPage(await pageContext(db, request, reply), view, { values, issues: read.issues }), 400);
  });

  app.get(paths.goals.edit(":goalId"), async (request, reply) => {
    const { goal, person, relationship } = await goals.readGoalForEdit(db, request.actor as Actor, goalIdFrom(request));
    return sendPage(reply, goalFormPage(await pageContext(db, request, reply), { mode: "edit", person, relationship, goal, values: goalFormValues(goal), issues: [] }));
  });

  app.post(paths.goals.update(":goalId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const goalId = goalIdFrom(request);
    const { goal, person, relationship } = await goals.readGoalForEdit(db, actor, goalId);
    const values = formValues(request.body) as GoalFormValues;
    const version = versionFrom(values);
    const read = goalFromForm(values, { withStatus: true });
    const issues = [...(version === null ? [RELOAD] : []), ...("issues" in read ? read.issues : [])];
    if (issues.length === 0 && "input" in read && version !== null) {
      try {
        const saved = await goals.updateGoal(db, actor, goalId, version, read.input);
        const title = saved.status !== goal.status ? `Goal marked “${GOAL_STATUS_LABELS[saved.status]}”` : "Goal saved";
        return redirectWithFlash(db, request, reply, paths.goals.show(goalId), { title });
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        const stored = error.current as plans.GoalView;
        const kept = { ...values, version: String(stored.version) };
        return sendPage(reply, goalFormPage(await pageContext(db, request, reply), { mode: "edit", person, relationship, goal: stored, values: kept, issues: [], conflict: stored }), 409);
      }
    }
    return sendPage(reply, goalFormPage(await pageContext(db, request, reply), { mode: "edit", person, relationship, goal, values, issues }), 400);
  });
};
