import type { RoutePlugin } from "../app.ts";
import { can, type Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { NotFound } from "../platform/http/errors.ts";
import { pageContext, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { findOwnReferral, readOwnReferral } from "./status-service.ts";
import { ownReferralPage } from "./status-views.ts";
import { readReferralForTriage } from "./triage-service.ts";
import { triagePage } from "./triage-views.ts";

/**
 * One referral's page. Managers of the team that receives it see the whole referral (triage);
 * the referrer who made it sees the referrer's view (what happened, what happens next, what they
 * sent). Anyone else: not found.
 */
export const referralRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.referrals.show(":referralId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const { referralId } = request.params as { referralId: string };
    if (!isUuid(referralId)) throw new NotFound("Referral not found");
    if (can(actor, "referrals.triage")) {
      try {
        const view = await readReferralForTriage(db, actor, referralId, deps.clock);
        const context = await pageContext(db, request, reply);
        return sendPage(reply, triagePage(context, view));
      } catch (error) {
        // Not one of the manager's team's referrals: it may still be one they made.
        if (!(error instanceof NotFound)) throw error;
      }
    }
    if (!(await findOwnReferral(db, actor, referralId))) throw new NotFound("Referral not found");
    const { view, submitted } = await readOwnReferral(db, actor, deps.clock, referralId);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, ownReferralPage(context, view, submitted));
  });
};
