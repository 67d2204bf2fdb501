import { can, hasRole, type Actor } from "../platform/access/index.ts";
import { audit, auditMany } from "../platform/audit/index.ts";
import { addDays } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Forbidden, NotFound } from "../platform/http/errors.ts";
import { chasingMessageText, mailtoLink, type ChasingMessageText } from "./accountability-present.ts";
import * as store from "./accountability-store.ts";
import { readPlanSettings } from "./settings.ts";

export type { AgencyActionRow, OrganisationContact, OrganisationCounts, StatusFilter } from "./accountability-store.ts";

/**
 * Accountability (PRODUCT.md, C5): the actions every agency owns across the people one works with,
 * overdue first; the chase list of actions overdue beyond the partnership's threshold; and a
 * ready-to-send message chasing one agency. Each read is audited, with a row on the audit trail of
 * every person listed.
 */

export const STATUS_FILTERS = ["open", "overdue", "done", "cancelled", "all"] as const;
export const STATUS_FILTER_LABELS: Record<store.StatusFilter, string> = {
  open: "Open (overdue first)",
  overdue: "Overdue only",
  done: "Done",
  cancelled: "Cancelled",
  all: "All",
};
/** Open actions due within this many days (from today) are "due soon". */
export const DUE_SOON_DAYS = 7;
export const ACTIONS_PER_PAGE = 100;
/** The most actions a chase list or chasing message shows. */
const CHASE_LIMIT = 500;

/** Whose actions the page shows: my caseload, my team's (managers), or my agency's (partners). */
export type AgencyScope = "caseload" | "service" | "agency";

export interface ActionsByAgencyQuery {
  scope?: "caseload" | "service" | undefined;
  organisationId?: string | undefined;
  status?: store.StatusFilter | undefined;
  page?: number | undefined;
}

export interface ActionGroup {
  organisationId: string;
  name: string;
  rows: store.AgencyActionRow[];
}

export interface ActionsByAgency {
  scope: AgencyScope;
  /** Managers may switch between their caseload and the whole service. */
  mayChooseScope: boolean;
  status: store.StatusFilter;
  organisationId: string | null;
  today: string;
  dueSoonUntil: string;
  counts: store.OrganisationCounts[];
  organisations: Array<{ id: string; name: string }>;
  groups: ActionGroup[];
  total: number;
  page: number;
  pages: number;
  chaseAfterDays: number;
}

/** Only partners (and no worker, manager or psychologist role) see their agency's actions rather than a caseload's. */
function isPartnerOnly(actor: Actor): boolean {
  return hasRole(actor, "partner") && !hasRole(actor, "key-worker", "co-worker", "manager", "psychologist");
}

function chooseScope(actor: Actor, requested: ActionsByAgencyQuery["scope"]): { scope: AgencyScope; people: store.PeopleScope } {
  if (!can(actor, "actions.by-agency")) throw new Forbidden("Actions by agency are for key workers, their managers and psychologists, and partner agencies");
  const serviceWide = can(actor, "actions.service-wide") && actor.teamId !== null;
  if (requested === "service" && !serviceWide) throw new Forbidden("Only team managers can see the actions across the whole service");
  if (isPartnerOnly(actor)) return { scope: "agency", people: { kind: "caseload" } };
  const useService = requested === "service" || (requested === undefined && serviceWide && !hasRole(actor, "key-worker", "co-worker"));
  if (useService && actor.teamId) return { scope: "service", people: { kind: "team", teamId: actor.teamId } };
  return { scope: "caseload", people: { kind: "caseload" } };
}

function groupByOrganisation(rows: store.AgencyActionRow[]): ActionGroup[] {
  const groups: ActionGroup[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.organisationId === row.ownerOrganisationId) last.rows.push(row);
    else groups.push({ organisationId: row.ownerOrganisationId, name: row.ownerOrganisationName, rows: [row] });
  }
  return groups;
}

async function auditList(tx: Tx, actor: Actor, action: string, rows: store.AgencyActionRow[], detail: Record<string, unknown>): Promise<void> {
  await audit(tx, actor, { action, detail: { ...detail, returned: rows.map((row) => row.id) } });
  await auditMany(tx, actor, [...new Set(rows.map((row) => row.personId))].map((personId) => ({ action, personId })));
}

/** The actions-by-agency page: a page of actions grouped by owning organisation, with counts per agency. */
export async function actionsByAgency(db: Db, actor: Actor, today: string, query: ActionsByAgencyQuery = {}): Promise<ActionsByAgency> {
  const { scope, people } = chooseScope(actor, query.scope);
  const status = query.status ?? "open";
  const organisationId = query.organisationId && isUuid(query.organisationId) ? query.organisationId : null;
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const dueSoonUntil = addDays(today, DUE_SOON_DAYS);
  const base = { today, scope: people, ownOrganisationOnly: scope === "agency" };
  return db.transaction(async (tx) => {
    const [counts, organisations, settings, list] = [
      await store.countActionsByAgency(tx, actor, { ...base, dueSoonUntil }),
      await store.listOrganisations(tx, actor.tenantId),
      await readPlanSettings(tx, actor.tenantId),
      await store.listActionsByAgency(tx, actor, { ...base, status, organisationId: organisationId ?? undefined, limit: ACTIONS_PER_PAGE, offset: (page - 1) * ACTIONS_PER_PAGE }),
    ];
    await auditList(tx, actor, "actions.by-agency.read", list.rows, { scope, status, organisationId, page });
    return {
      scope,
      mayChooseScope: can(actor, "actions.service-wide") && actor.teamId !== null && !isPartnerOnly(actor),
      status,
      organisationId,
      today,
      dueSoonUntil,
      counts,
      organisations: scope === "agency" ? organisations.filter((organisation) => organisation.id === actor.organisationId) : organisations,
      groups: groupByOrganisation(list.rows),
      total: list.total,
      page,
      pages: Math.max(1, Math.ceil(list.total / ACTIONS_PER_PAGE)),
      chaseAfterDays: settings.chaseAfterDays,
    };
  });
}

/** The chase list is a key worker's (their people) or a manager's (their team's people). */
function chaseScope(actor: Actor): { view: "worker" | "team"; people: store.PeopleScope } {
  if (hasRole(actor, "manager") && actor.teamId) return { view: "team", people: { kind: "team", teamId: actor.teamId } };
  if (hasRole(actor, "key-worker", "co-worker")) return { view: "worker", people: { kind: "worker" } };
  throw new Forbidden("The chase list is for key workers and their managers");
}

export interface ChaseList {
  view: "worker" | "team";
  today: string;
  chaseAfterDays: number;
  groups: ActionGroup[];
  /** More actions are overdue than the list shows. */
  truncated: boolean;
}

/** Open actions on the actor's people (or their team's, for a manager) overdue by the chase threshold or more, by agency. */
export async function chaseList(db: Db, actor: Actor, today: string): Promise<ChaseList> {
  const { view, people } = chaseScope(actor);
  return db.transaction(async (tx) => {
    const { chaseAfterDays } = await readPlanSettings(tx, actor.tenantId);
    const rows = await store.listOverdueActions(tx, actor, { today, scope: people, dueOnOrBefore: addDays(today, -chaseAfterDays), limit: CHASE_LIMIT + 1 });
    const shown = rows.slice(0, CHASE_LIMIT);
    await auditList(tx, actor, "chase-list.read", shown, { view, chaseAfterDays });
    return { view, today, chaseAfterDays, groups: groupByOrganisation(shown), truncated: rows.length > CHASE_LIMIT };
  });
}

export interface ChasingMessage extends ChasingMessageText {
  view: "worker" | "team";
  organisation: store.OrganisationContact;
  rows: store.AgencyActionRow[];
  chaseAfterDays: number;
  /** Opens the message in the user's e-mail app, when the organisation (or a named owner) has an address. */
  mailto: string | null;
}

/** A ready-to-send message to one agency listing its overdue actions on the actor's people (or team's). */
export async function chasingMessage(db: Db, actor: Actor, today: string, organisationId: string): Promise<ChasingMessage> {
  const { view, people } = chaseScope(actor);
  if (!isUuid(organisationId)) throw new NotFound("Organisation not found");
  return db.transaction(async (tx) => {
    const organisation = await store.findOrganisationContact(tx, actor.tenantId, organisationId);
    if (!organisation) throw new NotFound("Organisation not found");
    const { chaseAfterDays } = await readPlanSettings(tx, actor.tenantId);
    const rows = await store.listOverdueActions(tx, actor, { today, scope: people, dueOnOrBefore: addDays(today, -1), organisationId, limit: CHASE_LIMIT });
    const signatory = (await store.findSignatory(tx, actor.tenantId, actor.userId)) ?? { name: actor.displayName, jobTitle: null, organisationName: "" };
    const text = chasingMessageText(organisation, rows, signatory);
    const ownerEmails = rows.flatMap((row) => (row.ownerUserEmail ? [row.ownerUserEmail] : []));
    await auditList(tx, actor, "chasing-message.read", rows, { organisationId, view });
    return { ...text, view, organisation, rows, chaseAfterDays, mailto: rows.length > 0 ? mailtoLink(organisation.email, ownerEmails, text) : null };
  });
}

/** Actions the actor may see, for the API: overdue ones, open ones (the default), closed ones or all. */
export async function listActionsForApi(db: Db, actor: Actor, today: string, query: { status: store.StatusFilter; organisationId?: string | undefined; limit: number }): Promise<store.AgencyActionRow[]> {
  if (query.organisationId !== undefined && !isUuid(query.organisationId)) return [];
  return db.transaction(async (tx) => {
    const rows = await store.listVisibleActions(tx, actor, { today, status: query.status, organisationId: query.organisationId, limit: query.limit });
    await auditList(tx, actor, "actions.read", rows, { status: query.status, organisationId: query.organisationId ?? null });
    return rows;
  });
}
