import type { FastifyReply, FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { listServices } from "../network/directory.ts";
import { allocateReferral, suggestWorkers } from "./allocation.ts";
import { PRIORITIES, PRIORITY_LABELS, type Priority } from "./schema.ts";
import { formList } from "./settings-forms.ts";
import { decideReferral, linkReferral, setPriority, unlinkReferral } from "./triage-actions.ts";
import { allocationPage, decisionPage, type DecisionFormValues } from "./triage-form-views.ts";
import { isTriageTab, listForManager, readWaitingList } from "./triage-lists.ts";
import { referralListPage, waitingListPage } from "./triage-list-views.ts";
import { LINKED_ELSEWHERE, acknowledgeReferral, assertMayTriage, readReferralForTriage, startScreening, type TriageDeps } from "./triage-service.ts";
import { triagePage } from "./triage-views.ts";

export function referralIdFrom(request: FastifyRequest): string {
  const { referralId } = request.params as { referralId: string };
  if (!isUuid(referralId)) throw new NotFound("Referral not found");
  return referralId;
}

/** The version the form was made from; null when missing or not a number (the form is then refused). */
function versionFrom(values: Record<string, string>): number | null {
  const version = Number.parseInt(values.version ?? "", 10);
  return Number.isInteger(version) && version > 0 ? version : null;
}

const RELOAD: FieldIssue = { field: "form", message: "Reload the page and try again" };

/** The receiving team's pages: the list by status, the waiting list, and each step on a referral. */
export const triageRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const triageDeps: TriageDeps = { config: deps.config, clock: deps.clock };

  /** Shows the referral again with what went wrong: a problem with the input (400) or a change someone made first (409). */
  async function showAgain(request: FastifyRequest, reply: FastifyReply, error: unknown): Promise<FastifyReply> {
    if (!(error instanceof Invalid) && !(error instanceof Conflict)) throw error;
    const view = await readReferralForTriage(db, request.actor as Actor, referralIdFrom(request), deps.clock);
    const context = await pageContext(db, request, reply);
    if (error instanceof Invalid) return sendPage(reply, triagePage(context, view, { issues: error.issues }), 400);
    return sendPage(reply, triagePage(context, view, { conflict: error.message }), 409);
  }

  /** Runs one step from a button on the referral page, then back to the page with what happened. */
  function step(action: string, take: (actor: Actor, referralId: string, values: Record<string, string>, version: number) => Promise<string>): void {
    app.post(action, async (request, reply) => {
      const actor = request.actor as Actor;
      assertMayTriage(actor);
      const referralId = referralIdFrom(request);
      const values = formValues(request.body);
      const version = versionFrom(values);
      try {
        if (version === null) throw new Invalid([RELOAD]);
        const title = await take(actor, referralId, values, version);
        return redirectWithFlash(db, request, reply, paths.referrals.show(referralId), { title });
      } catch (error) {
        return showAgain(request, reply, error);
      }
    });
  }

  app.get(paths.referrals.list(), async (request, reply) => {
    const actor = request.actor as Actor;
    assertMayTriage(actor);
    const query = request.query as Record<string, string | undefined>;
    const tab = isTriageTab(query.status) ? query.status : "awaiting-acknowledgement";
    const serviceId = query.service && isUuid(query.service) ? query.service : null;
    const page = Math.min(10_000, Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1));
    const list = await listForManager(db, actor, deps.clock, { tab, serviceId, page });
    const context = await pageContext(db, request, reply);
    return sendPage(reply, referralListPage(context, list));
  });

  app.get(paths.referrals.waitingList(), async (request, reply) => {
    const lines = await readWaitingList(db, request.actor as Actor, deps.clock);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, waitingListPage(context, lines));
  });

  step(paths.referrals.acknowledge(":referralId"), async (actor, referralId, _values, version) => {
    await acknowledgeReferral(db, triageDeps, actor, referralId, version);
    return "Referral acknowledged: the referrer can see it has arrived";
  });

  step(paths.referrals.screen(":referralId"), async (actor, referralId, _values, version) => {
    await startScreening(db, triageDeps, actor, referralId, version);
    return "Screening started: check the referral against the service's rules";
  });

  step(paths.referrals.priority(":referralId"), async (actor, referralId, values, version) => {
    const priority = values.priority ?? "";
    if (!(PRIORITIES as readonly string[]).includes(priority)) throw new Invalid([{ field: "priority", message: "Select urgent, high or normal" }]);
    await setPriority(db, triageDeps, actor, referralId, priority as Priority, version);
    return `Priority: ${PRIORITY_LABELS[priority as Priority].toLowerCase()}`;
  });

  step(paths.referrals.link(":referralId"), async (actor, referralId, values, version) => {
    await linkReferral(db, triageDeps, actor, referralId, values.personId ?? "", version);
    return "Linked to their Keywork record: the referral is on their chronology";
  });

  step(paths.referrals.unlink(":referralId"), async (actor, referralId, _values, version) => {
    await unlinkReferral(db, triageDeps, actor, referralId, version);
    return "Unlinked from the Keywork record: link the right person, or allocating a worker makes a new record";
  });

  async function otherServices(actor: Actor, serviceId: string) {
    return (await listServices(db, actor)).filter((service) => service.id !== serviceId).map((service) => ({ id: service.id, name: service.name, organisation: service.organisation.name }));
  }

  app.get(paths.referrals.decision(":referralId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const view = await readReferralForTriage(db, actor, referralIdFrom(request), deps.clock);
    const context = await pageContext(db, request, reply);
    if (!view.may.decide) return sendPage(reply, triagePage(context, view, { conflict: "This referral has already been decided" }), 409);
    return sendPage(reply, decisionPage(context, view, { values: {}, issues: [], services: await otherServices(actor, view.referral.serviceId) }));
  });

  app.post(paths.referrals.decision(":referralId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const referralId = referralIdFrom(request);
    const view = await readReferralForTriage(db, actor, referralId, deps.clock);
    const fields = formValues(request.body);
    const values: DecisionFormValues = { decision: fields.decision, reason: fields.reason, suggestedServiceIds: formList(request.body, "suggestedServiceIds"), version: fields.version };
    const version = versionFrom(fields);
    let issues: FieldIssue[] = version === null ? [RELOAD] : [];
    const decision = values.decision === "accept" || values.decision === "decline" ? values.decision : null;
    if (!decision) issues.push({ field: "decision", message: "Select whether to accept or decline the referral" });
    if (issues.length === 0 && decision) {
      try {
        const suggestedServiceIds = decision === "decline" ? (values.suggestedServiceIds ?? []) : [];
        await decideReferral(db, triageDeps, actor, referralId, { decision, reason: values.reason ?? null, suggestedServiceIds }, version);
        const title = decision === "accept" ? "Referral accepted: they are on the waiting list" : "Referral declined: the referrer can see the reason";
        return redirectWithFlash(db, request, reply, paths.referrals.show(referralId), { title });
      } catch (error) {
        if (error instanceof Conflict) return showAgain(request, reply, error);
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, decisionPage(context, view, { values, issues, services: await otherServices(actor, view.referral.serviceId) }), 400);
  });

  app.get(paths.referrals.allocation(":referralId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const view = await readReferralForTriage(db, actor, referralIdFrom(request), deps.clock);
    const context = await pageContext(db, request, reply);
    if (!view.may.allocate) {
      const message = view.referral.status === "allocated" ? "This referral has already been allocated" : "Accept the referral before allocating a worker";
      return sendPage(reply, triagePage(context, view, { conflict: message }), 409);
    }
    if (view.linkedElsewhere) return sendPage(reply, triagePage(context, view, { conflict: LINKED_ELSEWHERE }), 409);
    const suggestions = await suggestWorkers(db, actor, view.referral, deps.config.caseloadTarget);
    return sendPage(reply, allocationPage(context, view, { suggestions, values: {}, issues: [] }));
  });

  app.post(paths.referrals.allocation(":referralId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const referralId = referralIdFrom(request);
    const view = await readReferralForTriage(db, actor, referralId, deps.clock);
    const fields = formValues(request.body);
    const version = versionFrom(fields);
    let issues: FieldIssue[] = version === null ? [RELOAD] : fields.workerId ? [] : [{ field: "workerId", message: "Select who will be their key worker" }];
    if (issues.length === 0) {
      try {
        const allocation = await allocateReferral(db, triageDeps, actor, referralId, fields.workerId ?? "", version);
        return redirectWithFlash(db, request, reply, paths.referrals.show(referralId), {
          title: `Allocated to ${allocation.referral.allocatedWorkerName ?? "the worker"}`,
          text: allocation.created ? "A Keywork record has been made for them in your team, with the worker as lead." : "The referral is on their Keywork record.",
        });
      } catch (error) {
        if (error instanceof Conflict) return showAgain(request, reply, error);
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const suggestions = await suggestWorkers(db, actor, view.referral, deps.config.caseloadTarget);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, allocationPage(context, view, { suggestions, values: { workerId: fields.workerId, version: fields.version }, issues }), 400);
  });
};
