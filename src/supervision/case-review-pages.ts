import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { caseReviewForm, readCaseReview, readCaseReviews, recordCaseReview } from "./case-review-service.ts";
import { caseReviewFormPage, caseReviewPage, caseReviewsPage } from "./case-review-views.ts";
import { caseReviewFromForm, dateFields, type CaseReviewFormValues } from "./schema.ts";

/** Reflective case reviews of one person (PRODUCT.md, C11). */
export const caseReviewRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(routes.personSection("case-reviews"), async (request, reply) => {
    const view = await readCaseReviews(db, request.actor as Actor, personIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, caseReviewsPage(context, view));
  });

  app.get(routes.personSection("case-reviews/new"), async (request, reply) => {
    const today = ukToday(deps.clock);
    const form = await caseReviewForm(db, request.actor as Actor, personIdFrom(request), today);
    const values: CaseReviewFormValues = { ...dateFields("heldOn", today), whatIsStuck: form.stuckReasons.map((reason) => reason.text).join("\n") };
    const context = await pageContext(db, request, reply);
    return sendPage(reply, caseReviewFormPage(context, { context: form, values, issues: [] }));
  });

  app.post(routes.personSection("case-reviews"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const today = ukToday(deps.clock);
    const form = await caseReviewForm(db, actor, personId, today);
    const values = formValues(request.body) as CaseReviewFormValues;
    const read = caseReviewFromForm(values, today);
    let issues: FieldIssue[] = "issues" in read ? read.issues : [];
    if ("input" in read) {
      try {
        const { reviewId, goalsAdded } = await recordCaseReview(db, actor, personId, read.input, today);
        const text = goalsAdded > 0 ? `${goalsAdded === 1 ? "1 refocused goal was" : `${goalsAdded} refocused goals were`} added to the plan. The review is on the chronology.` : "The review is on the chronology.";
        return await redirectWithFlash(db, request, reply, paths.caseReviews.show(reviewId), { title: "Reflective case review recorded", text });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, caseReviewFormPage(context, { context: form, values, issues }), 400);
  });

  app.get(paths.caseReviews.show(":reviewId"), async (request, reply) => {
    const { reviewId } = request.params as { reviewId: string };
    const view = await readCaseReview(db, request.actor as Actor, reviewId);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, caseReviewPage(context, view));
  });
};
