import type { RoutePlugin } from "../app.ts";
import { can, hasRole, type Actor } from "../platform/access/index.ts";
import { pageContext, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { NotFound } from "../platform/http/errors.ts";
import { isUuid } from "../platform/database/ids.ts";
import { coversToday } from "./cover-service.ts";
import { caseloadOf, teamCaseloads } from "./service.ts";
import { caseloadPage, teamPage } from "./views.ts";
import { awaitingReviewCount } from "../break-glass/service.ts";
import { overdueReferralCount } from "../referrals/triage-service.ts";
import { countApprovals } from "../personal-budgets/service.ts";

export const caseloadRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.caseload(), async (request, reply) => {
    const actor = request.actor as Actor;
    const { worker } = request.query as { worker?: string };
    if (worker !== undefined && !isUuid(worker)) throw new NotFound("Worker not found");
    if (worker === undefined && !hasRole(actor, "key-worker", "co-worker")) {
      return reply.redirect(hasRole(actor, "manager") ? paths.team() : paths.people.search(), 303);
    }
    const caseload = await caseloadOf(db, actor, worker);
    const isOwn = caseload.worker.id === actor.userId;
    const covers = isOwn ? await coversToday(db, actor) : [];
    const context = await pageContext(db, request, reply);
    return sendPage(reply, caseloadPage(context, caseload, isOwn, can(actor, "people.create"), covers));
  });

  app.get(paths.team(), async (request, reply) => {
    const team = await teamCaseloads(db, request.actor as Actor, deps.config.caseloadTarget);
    const breakGlassAwaiting = await awaitingReviewCount(db, request.actor as Actor);
    const referralsOverdue = await overdueReferralCount(db, request.actor as Actor, deps.clock);
    const budgetApprovals = can(request.actor as Actor, "budgets.approve") ? await countApprovals(db, request.actor as Actor) : null;
    const context = await pageContext(db, request, reply);
    return sendPage(reply, teamPage(context, team, breakGlassAwaiting, referralsOverdue, budgetApprovals));
  });
};
