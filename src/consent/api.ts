import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { CONSENT_SCOPES } from "../platform/access/index.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { Conflict } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { todayIso } from "../platform/http/validation.ts";
import { presentConsentForApi } from "./present.ts";
import { CONSENT_TYPES, HOW_GIVEN, createConsentBody, updateConsentBody } from "./schema.ts";
import * as consent from "./service.ts";

// Any text: an id that is not a UUID is simply not found.
const personIdParams = z.object({ id: z.string().max(100) });
const consentIdParams = z.object({ consentId: z.string().max(100) });

const consentResponse = z.object({
  id: z.string(),
  personId: z.string(),
  type: z.enum(CONSENT_TYPES),
  party: z.object({
    organisationId: z.string().nullable(),
    organisationName: z.string().nullable(),
    familyMemberId: z.string().nullable(),
    familyMemberName: z.string().nullable(),
    description: z.string().nullable(),
  }),
  scopes: z.array(z.enum(CONSENT_SCOPES)),
  howGiven: z.enum(HOW_GIVEN),
  givenOn: z.string(),
  reviewOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(["current", "review-due", "withdrawn", "not-yet-started"]).describe("review-due: current, with its review date today or past"),
  recordedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  version: z.number().int().describe("Send it back when changing the consent; a stale one answers 409"),
});

const forbidden = { description: "You may see the person, but not their consent records", schema: apiErrorSchema };
const hidden = { description: "No such person or consent, or not one you may see", schema: apiErrorSchema };

export const consentApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.personConsents(":id"),
    summary: "A person's consents, current and past (key workers and their team's managers and psychologists)",
    tags: ["Consent"],
    access: "signed-in",
    params: personIdParams,
    responses: { 200: { description: "Their consents, newest given first", schema: z.object({ items: z.array(consentResponse) }) }, 403: forbidden, 404: hidden },
    handler: async ({ actor, params }) => {
      const overview = await consent.readConsents(db, actor, params.id);
      return { items: overview.consents.map(presentConsentForApi) };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personConsents(":id"),
    summary: "Record a consent. share-with needs a party and at least one scope; givenOn defaults to today, reviewOn to six months later",
    tags: ["Consent"],
    access: "signed-in",
    params: personIdParams,
    body: createConsentBody,
    responses: {
      201: { description: "Recorded", schema: consentResponse },
      400: { description: "Not valid: each issue names its field", schema: apiErrorSchema },
      403: forbidden,
      404: hidden,
    },
    handler: async ({ actor, params, body, reply }) => {
      const saved = await consent.recordConsent(db, actor, params.id, {
        type: body.type,
        party: { organisationId: body.party?.organisationId ?? null, familyMemberId: body.party?.familyMemberId ?? null, description: body.party?.description ?? null },
        scopes: body.scopes,
        howGiven: body.howGiven,
        givenOn: body.givenOn ?? todayIso(),
        reviewOn: body.reviewOn ?? null,
        note: body.note,
      });
      reply.status(201).header("location", paths.api.consent(saved.id));
      return presentConsentForApi(saved);
    },
  });

  api.add(app, {
    method: "PATCH",
    url: paths.api.consent(":consentId"),
    summary: "Change a consent's review date, scopes or note, or withdraw it (withdrawnOn); send the version you last read",
    tags: ["Consent"],
    access: "signed-in",
    params: consentIdParams,
    body: updateConsentBody,
    responses: {
      200: { description: "Saved", schema: consentResponse },
      400: { description: "Not valid, or the consent was already withdrawn", schema: apiErrorSchema },
      403: forbidden,
      404: hidden,
      409: { description: "Someone else saved first: error.current holds what is stored now", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body }) => {
      const { version, ...changes } = body;
      try {
        const saved = await consent.changeConsent(db, actor, params.consentId, version, {
          ...(changes.reviewOn !== undefined ? { reviewOn: changes.reviewOn } : {}),
          ...(changes.scopes !== undefined ? { scopes: changes.scopes } : {}),
          ...(changes.note !== undefined ? { note: changes.note } : {}),
          ...(changes.withdrawnOn !== undefined ? { withdrawnOn: changes.withdrawnOn } : {}),
        });
        return presentConsentForApi(saved);
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        const current = error.current as consent.ConsentRow | undefined;
        throw new Conflict(error.message, current ? presentConsentForApi(current) : undefined);
      }
    },
  });
};
