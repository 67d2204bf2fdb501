import { z } from "zod";
import type { RoutePlugin } from "../../app.ts";
import { ROLES } from "../access/roles.ts";
import { paths } from "../http/paths.ts";
import { apiErrorSchema } from "../http/api.ts";
import { secondFactorStatus } from "./second-factor.ts";
import { signIn, signOut } from "./service.ts";

const sessionBody = z.strictObject({
  email: z.string({ error: "email is required" }).trim().min(1, { error: "Enter an email address" }).max(254),
  password: z.string({ error: "password is required" }).min(1, { error: "Enter a password" }).max(1000),
  totp: z
    .string({ error: "totp must be text: the 6-digit code from the authenticator app, or a recovery code" })
    .trim()
    .min(1, { error: "Enter the code from the authenticator app, or a recovery code" })
    .max(40, { error: "totp is too long: send the 6-digit code from the authenticator app, or a recovery code" })
    .optional()
    .describe("Needed when the account has a second factor: the 6-digit code from the authenticator app, or a one-time recovery code"),
});

const secondFactorResponse = z.object({
  enabled: z.boolean(),
  required: z.boolean().describe("Whether the account's role needs a second factor in this partnership"),
  recoveryCodesRemaining: z.number().int(),
});

const meResponse = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  organisationId: z.string(),
  teamId: z.string().nullable(),
});

export const sessionApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "POST",
    url: paths.api.session(),
    summary: "Sign in and get a bearer token (with `totp` when the account has a second factor)",
    tags: ["Session"],
    access: "public",
    body: sessionBody,
    rateLimit: { max: deps.config.signInRateLimitPerMinute, timeWindow: "1 minute" },
    responses: {
      200: { description: "Signed in", schema: z.object({ token: z.string() }) },
      401: {
        description: 'Wrong email or password; or a second factor is needed (`code: "second-factor-required"`: send `totp`); or the code in `totp` is wrong or used',
        schema: apiErrorSchema,
      },
      403: { description: "The account's role needs a second factor and has none yet: set one up in a browser first", schema: apiErrorSchema },
      429: { description: "Too many failed attempts (of the password or of the code)", schema: apiErrorSchema },
    },
    handler: async ({ body, request }) => {
      const { token } = await signIn(db, {
        email: body.email,
        password: body.password,
        totp: body.totp,
        ip: request.ip,
        kind: "api",
        secondFactorRequired: deps.config.secondFactorRequired,
        now: deps.clock.now(),
      });
      return { token };
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.secondFactor(),
    summary: "Whether the signed-in account has a second factor, needs one, and how many recovery codes are left",
    tags: ["Session"],
    access: "signed-in",
    responses: { 200: { description: "The account's second factor", schema: secondFactorResponse } },
    handler: async ({ actor }) => {
      const status = await secondFactorStatus(db, actor, deps.config.secondFactorRequired);
      return { enabled: status.enabled, required: status.required, recoveryCodesRemaining: status.recoveryCodesRemaining };
    },
  });

  api.add(app, {
    method: "DELETE",
    url: paths.api.session(),
    summary: "Sign out: the token stops working",
    tags: ["Session"],
    access: "signed-in",
    responses: { 204: { description: "Signed out" } },
    handler: async ({ actor, request, reply }) => {
      if (request.sessionId) await signOut(db, actor, request.sessionId);
      reply.status(204);
      return undefined;
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.me(),
    summary: "Who the token belongs to",
    tags: ["Session"],
    access: "signed-in",
    responses: { 200: { description: "The signed-in user", schema: meResponse } },
    handler: async ({ actor }) => ({
      id: actor.userId,
      email: actor.email,
      displayName: actor.displayName,
      roles: actor.roles,
      organisationId: actor.organisationId,
      teamId: actor.teamId,
    }),
  });
};
