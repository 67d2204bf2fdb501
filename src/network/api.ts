import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { CARE_TEAM_ROLES } from "../platform/access/roles.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { paths } from "../platform/http/paths.ts";
import { listServices } from "./directory.ts";
import { referralSettingsForServices } from "../referrals/settings-service.ts";
import * as entries from "./entries.ts";
import { presentDirectoryService, presentFamilyMember, presentMember, presentProfessional, presentServiceInvolved, presentTeamForApi } from "./present.ts";
import { addToTeamBody, directoryQuery } from "./schema.ts";
import * as team from "./service.ts";

const personIdParams = z.object({ id: z.string().max(100) });

const member = z.object({ userId: z.string(), name: z.string(), role: z.enum(CARE_TEAM_ROLES), roleLabel: z.string(), organisation: z.string(), since: z.string() });
const professional = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  organisation: z.string(),
  organisationId: z.string().nullable(),
  phone: z.string().nullable().describe("Null for peer mentors and carers"),
  email: z.string().nullable().describe("Null for peer mentors and carers"),
  since: z.string(),
  until: z.string().nullable(),
  version: z.number().int(),
});
const familyMember = z.object({
  id: z.string(),
  name: z.string(),
  relationship: z.string(),
  isCarer: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  contactPreferences: z.string().nullable(),
  ownNeeds: z.string().nullable(),
  hasKeyworkAccount: z.boolean(),
  until: z.string().nullable(),
  version: z.number().int(),
});
const serviceInvolved = z.object({
  id: z.string(),
  organisation: z.string(),
  service: z.string().nullable(),
  serviceId: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  current: z.boolean(),
  note: z.string().nullable().describe("Null for peer mentors and carers"),
  version: z.number().int(),
});

const teamResponse = z.object({
  members: z.array(member).describe("Keywork users in the team now"),
  externalProfessionals: z.array(professional).describe("Professionals without a Keywork account, involved now"),
  family: z.array(familyMember).optional().describe("Family and carers: only for the person's key workers and their manager"),
  servicesInvolved: z.array(serviceInvolved).describe("Services involved now and before"),
});

const directoryService = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  area: z.string().nullable(),
  referrals: z
    .object({
      accepting: z.boolean(),
      eligibility: z.object({
        needs: z.object({ domains: z.array(z.string()), atLeast: z.number().int() }).optional(),
        registerRatings: z.array(z.string()).optional(),
        age: z.object({ minimum: z.number().int().optional(), maximum: z.number().int().optional() }).optional(),
        areas: z.array(z.string()).optional(),
      }),
      acknowledgeWithinWorkingDays: z.number().int(),
      decideWithinWorkingDays: z.number().int(),
    })
    .nullable()
    .describe("How the service takes referrals through Keywork: eligibility rules (each one present must be met) and timers; null when it does not"),
});

export const networkApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.personTeam(":id"),
    summary: "The team around a person: Keywork users, other professionals, family and carers (key workers only), services involved",
    tags: ["Team around the person"],
    access: "signed-in",
    params: personIdParams,
    responses: {
      200: { description: "The team, holding only what you may see", schema: teamResponse },
      404: { description: "No such person, or not one you may see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params }) => presentTeamForApi(await team.readTeam(db, actor, params.id)),
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personTeam(":id"),
    summary: "Add to the team around a person: a Keywork user (kind member), another professional (external), a family member or carer (family), or a service involved (service)",
    tags: ["Team around the person"],
    access: "signed-in",
    params: personIdParams,
    body: addToTeamBody,
    responses: {
      201: { description: "Added: the new entry", schema: z.union([member, professional, familyMember, serviceInvolved]) },
      400: { description: "Not valid: each issue names its field", schema: apiErrorSchema },
      403: { description: "You may see the person but not change their team", schema: apiErrorSchema },
      404: { description: "No such person, or not one you may see", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body, reply }) => {
      let created: unknown;
      if (body.kind === "member") {
        const { kind: _kind, ...input } = body;
        void _kind;
        created = presentMember(await team.addMember(db, actor, params.id, input));
      } else if (body.kind === "external") {
        const { kind: _kind, ...input } = body;
        void _kind;
        created = presentProfessional(await entries.addProfessional(db, actor, params.id, input));
      } else if (body.kind === "family") {
        const { kind: _kind, ...input } = body;
        void _kind;
        created = presentFamilyMember(await entries.addFamilyMember(db, actor, params.id, input));
      } else {
        const { kind: _kind, ...input } = body;
        void _kind;
        created = presentServiceInvolved(await entries.addServiceInvolved(db, actor, params.id, input));
      }
      reply.status(201).header("location", paths.api.personTeam(params.id));
      return created;
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.services(),
    summary: "The partnership's directory of services that are running, searchable by the name of the service or its organisation, each with how it takes referrals (eligibility rules and timers)",
    tags: ["Directory"],
    access: "signed-in",
    query: directoryQuery,
    responses: { 200: { description: "Services", schema: z.object({ items: z.array(directoryService) }) } },
    handler: async ({ actor, query }) => {
      const services = await listServices(db, actor, query.q ?? "");
      const settings = await referralSettingsForServices(db, actor.tenantId, services.map((service) => service.id));
      return { items: services.map((service) => ({ ...presentDirectoryService(service), referrals: settings.get(service.id) ?? null })) };
    },
  });
};
