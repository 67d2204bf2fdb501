import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from "fastify";
import type { Config } from "./config.ts";
import { caseloadRoutes } from "./caseload/pages.ts";
import { caseloadApi } from "./caseload/api.ts";
import { coverRoutes } from "./caseload/cover-pages.ts";
import { handoverRoutes } from "./caseload/handover.ts";
import { partnershipRoutes } from "./partnership/pages.ts";
import { stuckCaseRoutes } from "./supervision/pages.ts";
import { caseReviewRoutes } from "./supervision/case-review-pages.ts";
import { supervisionNoteRoutes } from "./supervision/note-pages.ts";
import { supervisionApi } from "./supervision/api.ts";
import { triageRoutes } from "./referrals/triage-pages.ts";
import { triageApi } from "./referrals/triage-api.ts";
import { referralSettingsRoutes } from "./referrals/settings-pages.ts";
import { intakeRoutes } from "./referrals/intake-pages.ts";
import { statusRoutes } from "./referrals/status-pages.ts";
import { referralRoutes } from "./referrals/pages.ts";
import { withdrawRoutes } from "./referrals/withdraw-pages.ts";
import { intakeApi } from "./referrals/api.ts";
import { outboxRoutes } from "./platform/email/pages.ts";
import { emailDelivery } from "./platform/email/delivery.ts";
import { embeddedStatistics } from "./platform/database/statistics.ts";
import { breakGlassRoutes } from "./break-glass/pages.ts";
import { breakGlassApi } from "./break-glass/api.ts";
import { peopleApi } from "./people/api.ts";
import { peopleRoutes } from "./people/pages.ts";
import { closureRoutes } from "./people/closure-pages.ts";
import { consentApi } from "./consent/api.ts";
import { consentRoutes } from "./consent/pages.ts";
import { contactPages } from "./contacts/pages.ts";
import { appointmentPages } from "./contacts/appointment-pages.ts";
import { contactsApi } from "./contacts/api.ts";
import { chronologyApi } from "./chronology/api.ts";
import { chronologyRoutes } from "./chronology/pages.ts";
import { risksApi } from "./risks/api.ts";
import { teamRoutes } from "./network/pages.ts";
import { teamEntryRoutes } from "./network/entry-pages.ts";
import { directoryRoutes } from "./network/directory-pages.ts";
import { networkApi } from "./network/api.ts";
import { riskRoutes } from "./risks/pages.ts";
import { wellnessPlanRoutes } from "./wellness-plans/pages.ts";
import { wellnessPlansApi } from "./wellness-plans/api.ts";
import { outcomeRoutes } from "./outcomes/pages.ts";
import { outcomesApi } from "./outcomes/api.ts";
import { outcomeScaleRoutes } from "./outcomes/scale-pages.ts";
import { budgetRoutes } from "./personal-budgets/pages.ts";
import { budgetSettingsRoutes } from "./personal-budgets/settings-pages.ts";
import { budgetsApi } from "./personal-budgets/api.ts";
import { meetingRoutes } from "./meetings/pages.ts";
import { meetingsApi } from "./meetings/api.ts";
import { registerRoutes } from "./register/pages.ts";
import { episodeRoutes } from "./register/episode-pages.ts";
import { registerApi } from "./register/api.ts";
import { accountabilityRoutes } from "./plans/accountability-pages.ts";
import { accountabilityApi } from "./plans/accountability-api.ts";
import { planSettingsRoutes } from "./plans/settings-pages.ts";
import { escalationSchedule } from "./plans/escalation-schedule.ts";
import { reminderRoutes } from "./notifications/pages.ts";
import { remindersApi } from "./notifications/api.ts";
import { plansApi } from "./plans/api.ts";
import { planRoutes } from "./plans/pages.ts";
import { actionRoutes } from "./plans/action-pages.ts";
import { auditApi } from "./platform/audit/api.ts";
import { auditPages } from "./platform/audit/pages.ts";
import { sessionApi } from "./platform/auth/api.ts";
import { signInPages } from "./platform/auth/pages.ts";
import { secondFactorPages } from "./platform/auth/second-factor-pages.ts";
import { isApiRequest, registerAuthentication } from "./platform/auth/plugin.ts";
import type { Database } from "./platform/database/open.ts";
import type { Clock } from "./platform/clock.ts";
import { ApiRegistry } from "./platform/http/api.ts";
import { registerErrorHandling } from "./platform/http/error-handling.ts";
import { apiDocsRoutes } from "./platform/http/api-docs.ts";
import { paths } from "./platform/http/paths.ts";
import "./platform/http/types.ts";

export interface Deps {
  config: Config;
  database: Database;
  /** The time for date-dependent rules (falling due, escalation, stuck cases); tests fix it. */
  clock: Clock;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: "public" | "signed-in" | "second-factor";
}

/** A capability's routes: pages and API register themselves here, given the app and the dependencies. */
export type RoutePlugin = (app: FastifyInstance, deps: Deps, api: ApiRegistry) => void;

/** Every capability, in the order its routes are registered. */
const capabilities: RoutePlugin[] = [
  signInPages,
  secondFactorPages,
  sessionApi,
  caseloadRoutes,
  caseloadApi,
  coverRoutes,
  handoverRoutes,
  peopleRoutes,
  peopleApi,
  closureRoutes,
  consentRoutes,
  consentApi,
  contactPages,
  appointmentPages,
  contactsApi,
  chronologyRoutes,
  chronologyApi,
  riskRoutes,
  risksApi,
  wellnessPlanRoutes,
  wellnessPlansApi,
  outcomeRoutes,
  outcomesApi,
  outcomeScaleRoutes,
  budgetRoutes,
  budgetSettingsRoutes,
  budgetsApi,
  meetingRoutes,
  meetingsApi,
  accountabilityRoutes,
  accountabilityApi,
  planSettingsRoutes,
  reminderRoutes,
  remindersApi,
  escalationSchedule,
  planRoutes,
  actionRoutes,
  plansApi,
  teamRoutes,
  teamEntryRoutes,
  directoryRoutes,
  networkApi,
  auditPages,
  auditApi,
  partnershipRoutes,
  registerRoutes,
  episodeRoutes,
  registerApi,
  stuckCaseRoutes,
  caseReviewRoutes,
  supervisionNoteRoutes,
  supervisionApi,
  triageRoutes,
  triageApi,
  referralSettingsRoutes,
  intakeRoutes,
  statusRoutes,
  referralRoutes,
  withdrawRoutes,
  intakeApi,
  outboxRoutes,
  emailDelivery,
  embeddedStatistics,
  breakGlassRoutes,
  breakGlassApi,
  apiDocsRoutes,
];

const require = createRequire(import.meta.url);
const govukDist = join(dirname(require.resolve("govuk-frontend/package.json")), "dist", "govuk");
const ownStatic = join(dirname(fileURLToPath(import.meta.url)), "platform", "views", "static");

/** The start of an address whose next segment is a secret (a capability token), from its `paths` builder. */
const prefixOf = (build: (token: string) => string): string => build("\u0000").split("\u0000")[0] ?? "";
const SECRET_SEGMENT_AFTER = [paths.referrals.status, paths.referrals.publicForm, paths.calendarFile].map(prefixOf);

/**
 * The address as the request log keeps it: the path without its query string (which can hold a
 * name searched for or a date of birth), and "…" for the segment that is a capability token (a
 * referral's private status link, a service's public referral link, a calendar feed).
 */
export function loggedPath(url: string): string {
  const path = url.split("?")[0] ?? "";
  const prefix = SECRET_SEGMENT_AFTER.find((start) => path.startsWith(start));
  return prefix ? `${prefix}…${path.slice(prefix.length).replace(/^[^/]*/, "")}` : path;
}

/** The logger's options; `stream` replaces standard output (tests read what is logged). */
export function loggerOptions(config: Config, stream?: NodeJS.WritableStream) {
  if (config.logLevel === "silent") return false as const;
  return {
    level: config.logLevel,
    redact: ["req.headers.authorization", "req.headers.cookie"],
    serializers: { req: (request: { method: string; url: string }) => ({ method: request.method, url: loggedPath(request.url) }) },
    ...(stream ? { stream } : {}),
  };
}

/**
 * Closing waits for the requests in progress before anything they use is closed. Fastify answers
 * new requests with 503 once it is closing, but it waits for connections, not requests: a handler
 * whose client has gone (a browser that moved on, a proxy or load tester that gave up) runs on
 * with no connection to wait for, and would meet a closed database. So a request counts from its
 * first hook until its handlers are done (onSend, reached even when the client has gone) and its
 * answer is over (the raw response's close); the preClose hook, which runs before the server
 * closes its idle connections, waits until none is left. Answers given while closing say
 * `Connection: close`, so that their connections close instead of idling on.
 */
function waitForRequestsInProgressOnClose(app: FastifyInstance): void {
  const inProgress = new Map<FastifyRequest, { handled: boolean; answered: boolean }>();
  let closing = false;
  let noneLeft: (() => void) | undefined;
  const settle = (request: FastifyRequest, part: "handled" | "answered") => {
    const state = inProgress.get(request);
    if (!state) return;
    state[part] = true;
    if (!state.handled || !state.answered) return;
    inProgress.delete(request);
    if (inProgress.size > 0 || !noneLeft) return;
    const resolve = noneLeft;
    noneLeft = undefined;
    resolve();
  };
  app.addHook("onRequest", (request, reply, done) => {
    inProgress.set(request, { handled: false, answered: false });
    reply.raw.once("close", () => settle(request, "answered"));
    done();
  });
  app.addHook("onSend", (request, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    settle(request, "handled");
    done(null, payload);
  });
  app.addHook("preClose", async () => {
    closing = true;
    if (inProgress.size === 0) return;
    app.log.info({ requests: inProgress.size }, "closing: waiting for the requests in progress");
    await new Promise<void>((resolve) => (noneLeft = resolve));
  });
}

/** The middleware stack, top to bottom, then each capability's routes. */
export async function createApp(deps: Deps, options: { logStream?: NodeJS.WritableStream } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config, options.logStream),
    bodyLimit: 256 * 1024,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  // First, so that every hook after it and every route is inside what closing waits for.
  waitForRequestsInProgressOnClose(app);

  // Kept by reference and read later: hooks of inner scopes may still mark a route public.
  const routeOptions: RouteOptions[] = [];
  app.addHook("onRoute", (route) => {
    routeOptions.push(route);
  });
  app.decorate("registeredRoutes", () =>
    routeOptions.flatMap((route) =>
      (Array.isArray(route.method) ? route.method : [route.method])
        .filter((method) => method !== "HEAD")
        .map((method) => ({ method, url: route.url, access: route.config?.access ?? "signed-in" })),
    ),
  );

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: deps.config.secureCookies,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieOpts: { path: "/", sameSite: "lax", httpOnly: true, secure: deps.config.secureCookies },
    // A multipart form (receipts) attaches each field as `{ value }`; other forms give the string.
    getToken: (request) => {
      const token = (request.body as Record<string, unknown> | undefined)?._csrf;
      return typeof token === "object" ? (token as { value?: string } | null)?.value : (token as string | undefined);
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  registerErrorHandling(app, deps);

  app.get("/health", { config: { access: "public" } }, async () => {
    await deps.database.db.execute(sql`SELECT 1`);
    return { status: "ok", database: deps.database.kind };
  });

  await app.register(async (assets) => {
    assets.addHook("onRoute", (route) => {
      route.config = { ...route.config, access: "public" };
    });
    await assets.register(fastifyStatic, { root: join(govukDist, "assets"), prefix: "/assets/", maxAge: "1d" });
    await assets.register(fastifyStatic, {
      root: govukDist,
      prefix: "/govuk/",
      decorateReply: false,
      allowedPath: (path) => /^\/govuk-frontend\.min\.(css|js)(\.map)?$/.test(path),
      maxAge: "1h",
    });
    await assets.register(fastifyStatic, { root: ownStatic, prefix: "/static/", decorateReply: false, maxAge: "1h" });
  });

  await app.register(async (scope) => {
    registerAuthentication(scope, deps.database.db, { idleMinutes: deps.config.sessionIdleMinutes });
    scope.addHook("preHandler", (request, reply, done) => {
      if (isApiRequest(request) || request.method === "GET" || request.method === "HEAD") return done();
      scope.csrfProtection(request, reply, done);
    });
    const api = new ApiRegistry();
    for (const capability of capabilities) capability(scope, deps, api);
    scope.get("/openapi.json", { config: { access: "public" } }, async () => api.openApiDocument());
  });

  return app;
}
