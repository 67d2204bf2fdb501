import { z } from "zod";
import type { RoutePlugin } from "../../app.ts";
import { ROLES } from "../access/roles.ts";
import { paths } from "../http/paths.ts";
import { apiErrorSchema } from "../http/api.ts";
import { signIn, signOut } from "./service.ts";

const sessionBody = z.strictObject({
  email: z.string({ error: "email is required" }).trim().min(1, { error: "Enter an email address" }).max(254),
  password: z.string({ error: "password is required" }).min(1, { error: "Enter a password" }).max(1000),
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
    summary: "Sign in and get a bearer token",
    tags: ["Session"],
    access: "public",
    body: sessionBody,
    rateLimit: { max: deps.config.signInRateLimitPerMinute, timeWindow: "1 minute" },
    responses: {
      200: { description: "Signed in", schema: z.object({ token: z.string() }) },
      401: { description: "Wrong email or password", schema: apiErrorSchema },
      429: { description: "Too many failed attempts", schema: apiErrorSchema },
    },
    handler: async ({ body, request }) => {
      const { token } = await signIn(db, { email: body.email, password: body.password, ip: request.ip, kind: "api" });
      return { token };
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
