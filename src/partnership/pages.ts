import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { Conflict } from "../platform/http/errors.ts";
import { pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { partnershipOverview, resetSecondFactor, userToReset, type UserSummary } from "./service.ts";
import { overviewPage, resetSecondFactorPage } from "./views.ts";

function userIdFrom(request: FastifyRequest): string {
  return (request.params as { userId: string }).userId;
}

export const partnershipRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.partnership.overview(), async (request, reply) => {
    const overview = await partnershipOverview(db, request.actor as Actor);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, overviewPage(context, overview));
  });

  app.get(paths.partnership.resetSecondFactor(":userId"), async (request, reply) => {
    const user = await userToReset(db, request.actor as Actor, userIdFrom(request));
    if (!user.secondFactor) return redirectWithFlash(db, request, reply, paths.partnership.overview(), { title: `${user.displayName} has no second factor to reset` });
    const context = await pageContext(db, request, reply);
    return sendPage(reply, resetSecondFactorPage(context, user));
  });

  app.post(paths.partnership.resetSecondFactor(":userId"), async (request, reply) => {
    let user: UserSummary;
    try {
      user = await resetSecondFactor(db, request.actor as Actor, userIdFrom(request));
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      return redirectWithFlash(db, request, reply, paths.partnership.overview(), { title: error.message });
    }
    return redirectWithFlash(db, request, reply, paths.partnership.overview(), {
      title: "Second factor reset",
      text: `${user.displayName} is signed out everywhere. They sign in again with their password alone, and set up a new second factor if their role needs one.`,
    });
  });
};
