import type { FastifyReply, FastifyRequest } from "fastify";
import type { RoutePlugin } from "../../app.ts";
import type { Actor } from "../access/actor.ts";
import { Conflict, Invalid, TooManyRequests, Unauthenticated, type FieldIssue } from "../http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../http/pages.ts";
import { paths } from "../http/paths.ts";
import { homeFor } from "./pages.ts";
import { safeReturnTo, setSessionCookie } from "./plugin.ts";
import {
  beginSetup,
  completeAwaitingSession,
  confirmSetup,
  passSecondFactor,
  regenerateRecoveryCodes,
  secondFactorStatus,
  turnOffSecondFactor,
} from "./second-factor.ts";
import { accountPage, challengePage, recoveryCodesPage, setupPage } from "./second-factor-views.ts";

/**
 * A wrong code, a malformed one or too many attempts, as a message beside the field and a status;
 * anything else is not the user's input and goes to the error handler.
 */
function codeProblem(error: unknown, field: string, wrongCodeStatus: number): { status: number; issues: FieldIssue[] } {
  if (error instanceof TooManyRequests) return { status: 429, issues: [{ field, message: error.message }] };
  if (error instanceof Unauthenticated) return { status: wrongCodeStatus, issues: [{ field, message: error.message }] };
  if (error instanceof Invalid) return { status: 400, issues: error.issues.map((issue) => ({ ...issue, field })) };
  throw error;
}

function returnToOf(request: FastifyRequest): string | null {
  const fromQuery = (request.query as Record<string, unknown>).returnTo;
  return safeReturnTo(request.method === "GET" ? fromQuery : formValues(request.body).returnTo);
}

export const secondFactorPages: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const { config, clock } = deps;
  const finishing = { config: { access: "second-factor" as const } };

  /** Someone fully signed in has nothing to finish; someone without a second factor yet must set one up. */
  function elsewhere(request: FastifyRequest, reply: FastifyReply, returnTo: string | null): FastifyReply | null {
    if (request.actor) return reply.redirect(returnTo ?? homeFor(request.actor), 303);
    if (!request.pendingSignIn?.enrolled) return reply.redirect(paths.secondFactor.setup(returnTo ? { returnTo } : {}), 303);
    return null;
  }

  app.get(paths.secondFactor.challenge(), finishing, async (request, reply) => {
    const returnTo = returnToOf(request);
    const away = elsewhere(request, reply, returnTo);
    if (away) return away;
    const context = await pageContext(db, request, reply);
    return sendPage(reply, challengePage(context, { returnTo, issues: [] }));
  });

  // Each address may send only so many codes a minute, as with passwords on the sign-in page.
  const checkingCode = { config: { ...finishing.config, rateLimit: { max: config.signInRateLimitPerMinute, timeWindow: "1 minute" } } };

  app.post(paths.secondFactor.challenge(), checkingCode, async (request, reply) => {
    const returnTo = returnToOf(request);
    const away = elsewhere(request, reply, returnTo);
    if (away) return away;
    const pending = request.pendingSignIn!;
    let problem: { status: number; issues: FieldIssue[] };
    try {
      const passed = await passSecondFactor(db, pending.actor, formValues(request.body).code ?? "", clock.now());
      const token = await completeAwaitingSession(db, pending.actor, pending.sessionId, passed.method);
      setSessionCookie(reply, token, config.secureCookies);
      const destination = returnTo ?? homeFor(pending.actor);
      if (passed.recoveryCodesRemaining === null) return reply.redirect(destination, 303);
      return redirectWithFlash(db, request, reply, destination, {
        title: "You signed in with a recovery code",
        text: `You have ${passed.recoveryCodesRemaining} recovery ${passed.recoveryCodesRemaining === 1 ? "code" : "codes"} left. If you have lost your phone, set up the second factor again or get new codes from the second factor page.`,
      });
    } catch (error) {
      problem = codeProblem(error, "code", 401);
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, challengePage(context, { returnTo, issues: problem.issues }), problem.status);
  });

  /** The person setting up: fully signed in, or part-way through signing in with a role that needs it. */
  function setterUp(request: FastifyRequest, reply: FastifyReply, returnTo: string | null): { actor: Actor; forced: boolean } | FastifyReply {
    if (request.actor) return { actor: request.actor, forced: false };
    const pending = request.pendingSignIn!;
    if (pending.enrolled) return reply.redirect(paths.secondFactor.challenge(returnTo ? { returnTo } : {}), 303);
    return { actor: pending.actor, forced: true };
  }

  app.get(paths.secondFactor.setup(), finishing, async (request, reply) => {
    const returnTo = returnToOf(request);
    const who = setterUp(request, reply, returnTo);
    if (!("actor" in who)) return who;
    let setup: { secret: string; uri: string };
    try {
      setup = await beginSetup(db, who.actor);
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      return redirectWithFlash(db, request, reply, paths.secondFactor.account(), { title: "Your second factor is already on" });
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, setupPage(context, { ...setup, returnTo, issues: [], forced: who.forced }));
  });

  app.post(paths.secondFactor.setup(), finishing, async (request, reply) => {
    const returnTo = returnToOf(request);
    const who = setterUp(request, reply, returnTo);
    if (!("actor" in who)) return who;
    let problem: { status: number; issues: FieldIssue[] };
    try {
      const { recoveryCodes } = await confirmSetup(db, who.actor, formValues(request.body).code ?? "", clock.now());
      const context = await pageContext(db, request, reply);
      const actor: Actor = { ...who.actor, secondFactorEnabled: true };
      if (request.pendingSignIn) {
        const token = await completeAwaitingSession(db, who.actor, request.pendingSignIn.sessionId, "setup");
        setSessionCookie(reply, token, config.secureCookies);
      }
      const continueTo = who.forced ? (returnTo ?? homeFor(actor)) : paths.secondFactor.account();
      return sendPage(reply, recoveryCodesPage({ ...context, actor }, { codes: recoveryCodes, continueTo, justTurnedOn: true }));
    } catch (error) {
      if (error instanceof Conflict) return redirectWithFlash(db, request, reply, paths.secondFactor.account(), { title: "Your second factor is already on" });
      problem = codeProblem(error, "code", 400);
    }
    const setup = await beginSetup(db, who.actor);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, setupPage(context, { ...setup, returnTo, issues: problem.issues, forced: who.forced }), problem.status);
  });

  app.get(paths.secondFactor.account(), async (request, reply) => {
    const actor = request.actor as Actor;
    const status = await secondFactorStatus(db, actor, config.secondFactorRequired);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, accountPage(context, { status, issues: [] }));
  });

  async function accountWithProblem(request: FastifyRequest, reply: FastifyReply, problem: { status: number; issues: FieldIssue[] }) {
    const status = await secondFactorStatus(db, request.actor as Actor, config.secondFactorRequired);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, accountPage(context, { status, issues: problem.issues }), problem.status);
  }

  app.post(paths.secondFactor.recoveryCodes(), async (request, reply) => {
    const actor = request.actor as Actor;
    let problem: { status: number; issues: FieldIssue[] };
    try {
      const codes = await regenerateRecoveryCodes(db, actor, formValues(request.body).code ?? "", clock.now());
      const context = await pageContext(db, request, reply);
      return sendPage(reply, recoveryCodesPage(context, { codes, continueTo: paths.secondFactor.account(), justTurnedOn: false }));
    } catch (error) {
      if (error instanceof Conflict) return redirectWithFlash(db, request, reply, paths.secondFactor.account(), { title: "Set up a second factor first" });
      problem = codeProblem(error, "recoveryCode", 400);
    }
    return accountWithProblem(request, reply, problem);
  });

  app.post(paths.secondFactor.turnOff(), async (request, reply) => {
    const actor = request.actor as Actor;
    let problem: { status: number; issues: FieldIssue[] };
    try {
      await turnOffSecondFactor(db, actor, formValues(request.body).code ?? "", clock.now(), config.secondFactorRequired);
      return redirectWithFlash(db, request, reply, paths.secondFactor.account(), {
        title: "Second factor turned off",
        text: "You now sign in with your password alone. Your recovery codes no longer work.",
      });
    } catch (error) {
      if (error instanceof Conflict) return redirectWithFlash(db, request, reply, paths.secondFactor.account(), { title: "Your second factor is already off" });
      problem = codeProblem(error, "turnOffCode", 400);
    }
    return accountWithProblem(request, reply, problem);
  });
};
