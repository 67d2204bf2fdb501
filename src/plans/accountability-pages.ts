import type { RoutePlugin } from "../app.ts";
import { can, hasRole, type Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { pageContext, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { actionsByAgency, chaseList, chasingMessage, STATUS_FILTERS, type StatusFilter } from "./accountability.ts";
import { actionsByAgencyPage } from "./accountability-views.ts";
import { chaseListPage, chasingMessagePage } from "./chase-views.ts";

function statusFrom(value: string | undefined): StatusFilter | undefined {
  return (STATUS_FILTERS as readonly string[]).includes(value ?? "") ? (value as StatusFilter) : undefined;
}

function pageFrom(value: string | undefined): number {
  const page = Number.parseInt(value ?? "1", 10);
  return Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1;
}

export const accountabilityRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.actions.byAgency(), async (request, reply) => {
    const actor = request.actor as Actor;
    const query = request.query as { scope?: string; organisation?: string; status?: string; page?: string };
    const scope = query.scope === "service" || query.scope === "caseload" ? query.scope : undefined;
    const view = await actionsByAgency(db, actor, ukToday(deps.clock), { scope, organisationId: query.organisation, status: statusFrom(query.status), page: pageFrom(query.page) });
    const context = await pageContext(db, request, reply);
    return sendPage(reply, actionsByAgencyPage(context, view, { mayChase: hasRole(actor, "key-worker", "co-worker", "manager") }));
  });

  app.get(paths.actions.chaseList(), async (request, reply) => {
    const actor = request.actor as Actor;
    const view = await chaseList(db, actor, ukToday(deps.clock));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, chaseListPage(context, view, { mayChangeSettings: can(actor, "settings.manage") }));
  });

  app.get(paths.actions.chasingMessage(":organisationId"), async (request, reply) => {
    const { organisationId } = request.params as { organisationId: string };
    const view = await chasingMessage(db, request.actor as Actor, ukToday(deps.clock), organisationId);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, chasingMessagePage(context, view));
  });
};
