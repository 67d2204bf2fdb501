import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { ukToday } from "../platform/clock.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { allocateReferral } from "./allocation.ts";
import { PRIORITIES, REFERRAL_STATUSES } from "./schema.ts";
import { decideReferral, DECISION_REASON_LIMIT, SUGGESTIONS_LIMIT } from "./triage-actions.ts";
import { listForApi } from "./triage-lists.ts";
import { acknowledgeReferral, type TriageDeps, type TriageReferral } from "./triage-service.ts";
import type { ReferralLine } from "./triage-store.ts";
import { timersFor, type Timers } from "./triage-timers.ts";

/** The receiving team's API: its referrals with their timers, and acknowledging, deciding and allocating them. */

const referralParams = z.object({ referralId: z.string().max(100) });

const listQuery = z.object({
  status: z.enum(REFERRAL_STATUSES, { error: `status must be one of: ${REFERRAL_STATUSES.join(", ")}` }).optional(),
  service: z.uuid({ error: "service must be a service id" }).optional(),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1).max(10_000).optional(),
});

const triageItem = z.object({
  id: z.string(),
  reference: z.string().describe("KW-XXXX-XXXX: what the referrer quotes"),
  service: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(REFERRAL_STATUSES),
  priority: z.enum(PRIORITIES),
  person: z.object({ givenName: z.string(), familyName: z.string(), dateOfBirth: z.string().nullable(), personId: z.string().nullable().describe("The Keywork record, once linked") }),
  referrer: z.object({ name: z.string(), organisation: z.string().nullable() }),
  receivedAt: z.string(),
  acknowledgeBy: z.string().describe("UK date, YYYY-MM-DD"),
  decideBy: z.string().describe("UK date, YYYY-MM-DD"),
  acknowledgementOverdue: z.boolean(),
  decisionOverdue: z.boolean(),
  overdueByWorkingDays: z.number().int().describe("The larger of the two overdue counts; 0 when nothing is overdue"),
  allocatedWorker: z.string().nullable(),
});

function presentLine(line: ReferralLine, timers: Timers) {
  return {
    id: line.id,
    reference: line.reference,
    service: { id: line.serviceId, name: line.serviceName },
    status: line.status,
    priority: line.priority,
    person: { givenName: line.givenName, familyName: line.familyName, dateOfBirth: line.dateOfBirth, personId: line.personId },
    referrer: { name: line.referrerName, organisation: line.referrerOrganisation },
    receivedAt: line.receivedAt.toISOString(),
    acknowledgeBy: line.acknowledgeBy,
    decideBy: line.decideBy,
    acknowledgementOverdue: timers.acknowledgementOverdueBy > 0,
    decisionOverdue: timers.decisionOverdueBy > 0,
    overdueByWorkingDays: Math.max(timers.acknowledgementOverdueBy, timers.decisionOverdueBy),
    allocatedWorker: line.allocatedWorkerName,
  };
}

function presentReferral(referral: TriageReferral, today: string) {
  const line: ReferralLine = {
    id: referral.id,
    reference: referral.reference,
    serviceId: referral.serviceId,
    serviceName: referral.serviceName,
    status: referral.status as ReferralLine["status"],
    priority: referral.priority as ReferralLine["priority"],
    givenName: referral.givenName,
    familyName: referral.familyName,
    dateOfBirth: referral.dateOfBirth,
    referrerName: referral.referrerName,
    referrerOrganisation: referral.referrerOrganisation,
    personId: referral.personId,
    receivedAt: referral.receivedAt,
    acknowledgeBy: referral.acknowledgeBy,
    decideBy: referral.decideBy,
    decidedAt: referral.decidedAt,
    allocatedWorkerName: referral.allocatedWorkerName,
  };
  return presentLine(line, timersFor(referral, today));
}

const decisionBody = z.strictObject({
  decision: z.enum(["accept", "decline"], { error: "decision must be accept or decline" }),
  reason: z.string({ error: "reason must be text" }).max(DECISION_REASON_LIMIT, { error: `reason must be ${DECISION_REASON_LIMIT} characters or fewer` }).nullish(),
  suggestedServiceIds: z.array(z.uuid({ error: "Each suggested service must be a service id" })).max(SUGGESTIONS_LIMIT, { error: `Suggest no more than ${SUGGESTIONS_LIMIT} services` }).default([]),
});

const allocationBody = z.strictObject({ workerId: z.uuid({ error: "workerId must be the id of a key worker in your team" }) });

const actionResponses = {
  200: { description: "Done: the referral as it is now", schema: triageItem },
  400: { description: "Not valid: each issue names its field", schema: apiErrorSchema },
  403: { description: "Only managers of the team that receives the service's referrals", schema: apiErrorSchema },
  404: { description: "No such referral to your team's services", schema: apiErrorSchema },
  409: { description: "The referral's status does not allow it (already acknowledged, decided or allocated)", schema: apiErrorSchema },
};

export const triageApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;
  const triageDeps: TriageDeps = { config: deps.config, clock: deps.clock };
  const today = () => ukToday(deps.clock);

  api.add(app, {
    method: "GET",
    url: paths.api.referrals(),
    summary: "Referrals to your team's services (team managers), overdue first, with their timers: filter by status (e.g. awaiting-acknowledgement) and service",
    tags: ["Referrals"],
    access: "signed-in",
    query: listQuery,
    responses: {
      200: { description: "Referrals (500 a page)", schema: z.object({ items: z.array(triageItem), total: z.number().int() }) },
      400: { description: "A filter is not valid", schema: apiErrorSchema },
      403: { description: "Only managers of a team that receives referrals", schema: apiErrorSchema },
    },
    handler: async ({ actor, query }) => {
      const { rows, total } = await listForApi(db, actor, deps.clock, { status: query.status ?? null, serviceId: query.service ?? null, page: query.page ?? 1 });
      return { items: rows.map((row) => presentLine(row, row.timers)), total };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.referralAcknowledgement(":referralId"),
    summary: "Acknowledge a referral: the referrer sees it has arrived",
    tags: ["Referrals"],
    access: "signed-in",
    params: referralParams,
    responses: actionResponses,
    handler: async ({ actor, params }) => presentReferral(await acknowledgeReferral(db, triageDeps, actor, params.referralId), today()),
  });

  api.add(app, {
    method: "POST",
    url: paths.api.referralDecision(":referralId"),
    summary: "Accept a referral (it joins the waiting list) or decline it with a reason the referrer sees, suggesting other services from the directory",
    tags: ["Referrals"],
    access: "signed-in",
    params: referralParams,
    body: decisionBody,
    responses: actionResponses,
    handler: async ({ actor, params, body }) =>
      presentReferral(await decideReferral(db, triageDeps, actor, params.referralId, { decision: body.decision, reason: body.reason ?? null, suggestedServiceIds: body.suggestedServiceIds }), today()),
  });

  api.add(app, {
    method: "POST",
    url: paths.api.referralAllocation(":referralId"),
    summary:
      "Allocate an accepted referral to a key worker of your team: a person not yet known gets a Keywork record with the worker as lead; a known person without a lead gets the worker as lead",
    tags: ["Referrals"],
    access: "signed-in",
    params: referralParams,
    body: allocationBody,
    responses: actionResponses,
    handler: async ({ actor, params, body }) => presentReferral((await allocateReferral(db, triageDeps, actor, params.referralId, body.workerId)).referral, today()),
  });
};
