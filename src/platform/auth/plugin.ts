import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../access/actor.ts";
import type { Db } from "../database/open.ts";
import { Unauthenticated } from "../http/errors.ts";
import { paths } from "../http/paths.ts";
import type { Flash } from "../views/layout.ts";
import { authenticate, type AuthSettings } from "./service.ts";

export const SESSION_COOKIE = "keywork_session";

/** A browser session whose password was right but which still waits for the second factor. */
export interface PendingSignIn {
  actor: Actor;
  sessionId: string;
  /** Whether they have a second factor to enter; if not, their role needs one set up first. */
  enrolled: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set instead of `actor` while the session waits for the second factor. */
    pendingSignIn: PendingSignIn | null;
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/i.exec(header);
  return match?.[1] ?? null;
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith(paths.api.prefix());
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", secure });
}

/** Where a session waiting for its second factor goes to finish signing in. */
export function secondFactorStep(enrolled: boolean, returnTo: string | null): string {
  const query = returnTo ? { returnTo } : {};
  return enrolled ? paths.secondFactor.challenge(query) : paths.secondFactor.setup(query);
}

/**
 * Works out who is making each request: a bearer token for /api/, the session cookie for pages
 * (the API never accepts the cookie, so it needs no CSRF defence). Routes not marked public send
 * anybody unknown to sign in (pages) or answer 401 (API). A session waiting for its second factor
 * opens only the routes marked "second-factor"; every other page sends it back to finish.
 */
export function registerAuthentication(app: FastifyInstance, db: Db, settings: AuthSettings): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("flash", null);
  app.decorateRequest("pendingSignIn", null);

  app.addHook("preHandler", async (request: FastifyRequest, reply: FastifyReply) => {
    const api = isApiRequest(request);
    const token = api ? bearerToken(request) : (request.cookies[SESSION_COOKIE] ?? null);
    if (token) {
      const session = await authenticate(db, settings, { token, ip: request.ip, kind: api ? "api" : "browser" });
      if (session) {
        if (session.awaitingSecondFactor) request.pendingSignIn = { actor: session.actor, sessionId: session.sessionId, enrolled: session.actor.secondFactorEnabled === true };
        else request.actor = session.actor;
        request.sessionId = session.sessionId;
        request.flash = (session.flash as Flash | null) ?? null;
      }
    }
    const access = request.routeOptions.config.access ?? "signed-in";
    if (access === "public" || request.actor) return;
    if (access === "second-factor" && request.pendingSignIn) return;
    if (api) throw new Unauthenticated("Send a bearer token from POST /api/v1/session");
    const returnTo = request.method === "GET" ? request.url : undefined;
    if (request.pendingSignIn) return reply.redirect(secondFactorStep(request.pendingSignIn.enrolled, returnTo && returnTo !== "/" ? safeReturnTo(returnTo) : null), 303);
    return reply.redirect(returnTo && returnTo !== "/" ? `${paths.signIn()}?returnTo=${encodeURIComponent(returnTo)}` : paths.signIn(), 303);
  });
}

/**
 * An onRequest hook for routes whose body is read before the preHandler above runs (file uploads:
 * the multipart parser reads the whole upload first). It turns away anyone without a full session
 * before a byte of the body is read; the preHandler still runs as on every route.
 */
export function signedInBeforeBody(db: Db, settings: AuthSettings) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await authenticate(db, settings, { token, ip: request.ip, kind: "browser" }) : null;
    if (!session || session.awaitingSecondFactor) await reply.redirect(paths.signIn(), 303);
  };
}

/** Only same-site paths, so a crafted sign-in link cannot send someone elsewhere. */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  if (value.length > 500) return null;
  return value;
}
