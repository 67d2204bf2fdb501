import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { NotFound } from "../platform/http/errors.ts";
import { pageContext, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { sendPrivatePage } from "./intake-pages.ts";
import { linkNotValidPage } from "./intake-views.ts";
import { listSentReferrals, readStatusByToken } from "./status-service.ts";
import { sentPage, statusPage } from "./status-views.ts";

/** The referrer's private status page (public, behind its token) and the signed-in referrer's list. */
export const statusRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.referrals.status(":token"), { config: { access: "public" } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    try {
      const view = await readStatusByToken(db, deps.clock, token, request.ip);
      const context = await pageContext(db, request, reply);
      return sendPrivatePage(reply, statusPage(context, view));
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      const context = await pageContext(db, request, reply);
      return sendPrivatePage(reply, linkNotValidPage(context, "status"), 404);
    }
  });

  app.get(paths.referrals.sent(), async (request, reply) => {
    const { page: pageText } = request.query as { page?: string };
    const page = Math.min(10_000, Math.max(1, Number.parseInt(pageText ?? "1", 10) || 1));
    const list = await listSentReferrals(db, request.actor as Actor, page);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, sentPage(context, list));
  });
};
