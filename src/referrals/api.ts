import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { can } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { isUuid } from "../platform/database/ids.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { Invalid, NotFound } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { apiReferralSchema, dateOfBirthIssue } from "./intake-schema.ts";
import { referrerAccount, submitReferral, type ReferralDetails } from "./intake-service.ts";
import { referrerViewJson, triageViewJson } from "./present.ts";
import { NEED_DOMAINS, REFERRAL_STATUSES, REFERRAL_STEPS, REGISTER_RATINGS } from "./schema.ts";
import { findOwnReferral, readOwnReferral } from "./status-service.ts";
import { readReferralForTriage } from "./triage-service.ts";

const referralIdParams = z.object({ referralId: z.string().max(100) });

const createdResponse = z.object({
  id: z.string(),
  reference: z.string().describe("KW-XXXX-XXXX: quote it to the service"),
  statusUrl: z.string().describe("The private status page: shown here and in the first email to the referrer. Keywork keeps only its hash, and removes it from its copy of that email once GOV.UK Notify has sent it. Anyone with it sees the status, never the person's name"),
  status: z.enum(REFERRAL_STATUSES),
  service: z.object({ id: z.string(), name: z.string() }),
  receivedAt: z.string(),
  acknowledgeBy: z.string().describe("UK date by which the service is to acknowledge it"),
  decideBy: z.string().describe("UK date by which the service is to decide"),
});

const contact = z.object({ id: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable(), website: z.string().nullable() });

const referrerResponse = z.object({
  view: z.literal("referrer"),
  id: z.string(),
  reference: z.string(),
  service: contact,
  status: z.enum(REFERRAL_STATUSES),
  statusLabel: z.string(),
  person: z.object({ initials: z.string() }),
  receivedAt: z.string(),
  acknowledgeBy: z.string(),
  decideBy: z.string(),
  acknowledgedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  allocatedAt: z.string().nullable(),
  steps: z.array(z.object({ step: z.enum(REFERRAL_STEPS), label: z.string(), at: z.string(), note: z.string().nullable() })).describe("The dated steps the referrer may see, oldest first"),
  decline: z.object({ reason: z.string().nullable(), suggestedServices: z.array(contact) }).nullable(),
  allocatedWorker: z.object({ name: z.string() }).nullable(),
  next: z.object({ text: z.string(), overdue: z.boolean() }),
  submitted: z
    .object({
      givenName: z.string(),
      familyName: z.string(),
      aliases: z.array(z.string()),
      dateOfBirth: z.string().nullable(),
      area: z.string().nullable(),
      phone: z.string().nullable(),
      personConsented: z.boolean(),
      needs: z.array(z.enum(NEED_DOMAINS)),
      registerRating: z.enum(REGISTER_RATINGS).nullable(),
      reason: z.string(),
      safetyInformation: z.string().nullable(),
      referrer: z.object({ name: z.string(), organisation: z.string().nullable(), role: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
    })
    .describe("What the referrer sent, as they wrote it"),
});

const triageResponse = z
  .object({
    view: z.literal("triage"),
    id: z.string(),
    reference: z.string(),
    service: z.object({ id: z.string(), name: z.string() }),
    status: z.enum(REFERRAL_STATUSES),
    statusLabel: z.string(),
    priority: z.string(),
    channel: z.string().describe("public-link, form or api"),
    person: z.object({
      givenName: z.string(),
      familyName: z.string(),
      aliases: z.array(z.string()),
      dateOfBirth: z.string().nullable(),
      area: z.string().nullable(),
      phone: z.string().nullable(),
      personId: z.string().nullable().describe("The linked Keywork record, when you may see it"),
    }),
    personConsented: z.boolean(),
    needs: z.array(z.string()),
    registerRating: z.string().nullable(),
    reason: z.string(),
    safetyInformation: z.string().nullable(),
    referrer: z.object({ name: z.string(), organisation: z.string().nullable(), role: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
    receivedAt: z.string(),
    acknowledgeBy: z.string(),
    decideBy: z.string(),
    acknowledgementOverdueBy: z.number().int().describe("Working days"),
    decisionOverdueBy: z.number().int().describe("Working days"),
    acknowledgedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    allocatedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    suggestedServices: z.array(z.object({ id: z.string(), name: z.string() })),
    allocatedWorker: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    eligibility: z.unknown().describe("Each criterion of the service's rules: met, not met or unknown, with why"),
    steps: z
      .array(z.object({ step: z.enum(REFERRAL_STEPS), label: z.string(), at: z.string(), by: z.string().nullable(), note: z.string().nullable(), visibleToReferrer: z.boolean() }))
      .describe("Every step, oldest first, including the service's own"),
    version: z.number().int(),
  })
  .describe("The whole referral, for managers of the receiving team");

export const intakeApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;
  const { clock, config } = deps;

  api.add(app, {
    method: "POST",
    url: paths.api.referrals(),
    summary:
      "Refer someone to a service (partner professionals and staff). The referrer's name, organisation and email default to the signed-in account's. Answers the reference and the private status link",
    tags: ["Referrals"],
    access: "signed-in",
    body: apiReferralSchema,
    responses: {
      201: { description: "The referral is received: its reference and private status link", schema: createdResponse },
      400: { description: "Not valid (unknown fields, needs not in the list, a date of birth not in the past), or the service is not taking referrals", schema: apiErrorSchema },
      403: { description: "Your role cannot make referrals", schema: apiErrorSchema },
      404: { description: "No service with that id takes referrals through Keywork", schema: apiErrorSchema },
    },
    handler: async ({ actor, body, reply }) => {
      const past = dateOfBirthIssue(body.person.dateOfBirth, ukToday(clock));
      if (past) throw new Invalid([past]);
      const account = await referrerAccount(db, actor);
      const given = body.referrer;
      const details: ReferralDetails = {
        person: body.person,
        personConsented: body.personConsented,
        needs: body.needs,
        registerRating: body.registerRating,
        reason: body.reason,
        safetyInformation: body.safetyInformation,
        referrer: {
          name: given?.name ?? account.name,
          organisation: given?.organisation ?? account.organisation,
          role: given?.role ?? null,
          email: given?.email ?? account.email,
          phone: given?.phone ?? null,
        },
      };
      const created = await submitReferral(db, { config, clock }, actor, { serviceId: body.serviceId, details, channel: "api" });
      reply.status(201);
      return {
        id: created.referral.id,
        reference: created.referral.reference,
        statusUrl: created.statusUrl,
        status: created.referral.status,
        service: { id: created.referral.serviceId, name: created.serviceName },
        receivedAt: created.referral.receivedAt.toISOString(),
        acknowledgeBy: created.referral.acknowledgeBy,
        decideBy: created.referral.decideBy,
      };
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.referral(":referralId"),
    summary:
      "A referral with its dated steps. The referrer who made it gets the referrer's view (view: referrer); managers of the team that receives it get the whole referral (view: triage). Anyone else: 404",
    tags: ["Referrals"],
    access: "signed-in",
    params: referralIdParams,
    responses: {
      200: { description: "The referral", schema: z.union([referrerResponse, triageResponse]) },
      404: { description: "No such referral, or not yours to see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params }) => {
      if (!isUuid(params.referralId)) throw new NotFound("Referral not found");
      if (can(actor, "referrals.triage")) {
        try {
          return triageViewJson(await readReferralForTriage(db, actor, params.referralId, clock));
        } catch (error) {
          if (!(error instanceof NotFound)) throw error;
        }
      }
      if (!(await findOwnReferral(db, actor, params.referralId))) throw new NotFound("Referral not found");
      const { view, submitted } = await readOwnReferral(db, actor, clock, params.referralId);
      return referrerViewJson(view, submitted);
    },
  });
};
