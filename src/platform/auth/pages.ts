import type { FastifyReply, FastifyRequest } from "fastify";
import type { RoutePlugin } from "../../app.ts";
import { hasRole, type Actor } from "../access/actor.ts";
import { ROLE_LABELS } from "../access/roles.ts";
import { Invalid, TooManyRequests, Unauthenticated, type FieldIssue } from "../http/errors.ts";
import { errorsByField, formValues, pageContext, sendPage } from "../http/pages.ts";
import { paths } from "../http/paths.ts";
import { govukButton, govukErrorSummary, govukInput, govukPasswordInput } from "../views/govuk/index.ts";
import { html } from "../views/html.ts";
import { layout, type PageContext } from "../views/layout.ts";
import { SESSION_COOKIE, safeReturnTo, secondFactorStep, setSessionCookie } from "./plugin.ts";
import { signIn, signOut } from "./service.ts";

function signInView(context: PageContext, input: { email: string; returnTo: string | null; issues: FieldIssue[] }) {
  const errors = errorsByField(input.issues);
  return layout(context, {
    title: "Sign in",
    hasErrors: input.issues.length > 0,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
  ${input.issues.length > 0
    ? govukErrorSummary({
        titleText: "There is a problem",
        errorList: input.issues.map((issue) => ({ text: issue.message, href: `#${issue.field === "form" ? "email" : issue.field}` })),
      })
    : ""}
  <h1 class="govuk-heading-l">Sign in to Keywork</h1>
  <form method="post" action="${paths.signIn()}" novalidate>
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    ${input.returnTo ? html`<input type="hidden" name="returnTo" value="${input.returnTo}">` : ""}
    ${govukInput({
      id: "email",
      name: "email",
      type: "email",
      label: { text: "Email address" },
      autocomplete: "username",
      spellcheck: false,
      value: input.email,
      ...(errors.email ? { errorMessage: { text: errors.email } } : {}),
    })}
    ${govukPasswordInput({
      id: "password",
      name: "password",
      label: { text: "Password" },
      autocomplete: "current-password",
      ...(errors.password ? { errorMessage: { text: errors.password } } : {}),
    })}
    ${govukButton({ text: "Sign in", preventDoubleClick: true })}
  </form>
</div></div>`,
  });
}

/** Where someone lands after signing in: the page that does most for their role. */
export function homeFor(actor: Actor): string {
  if (hasRole(actor, "key-worker", "co-worker")) return paths.caseload();
  if (hasRole(actor, "manager")) return paths.team();
  if (hasRole(actor, "psychologist", "peer-mentor", "partner")) return paths.people.search();
  if (hasRole(actor, "admin")) return paths.partnership.overview();
  if (hasRole(actor, "register-owner")) return paths.register.list();
  if (hasRole(actor, "referrer")) return paths.referrals.sent();
  return paths.welcome();
}

export const signInPages: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get("/", async (request, reply) => reply.redirect(homeFor(request.actor as Actor), 303));

  app.get(paths.welcome(), async (request, reply) => {
    const actor = request.actor as Actor;
    const context = await pageContext(db, request, reply);
    const roles = actor.roles.map((role) => ROLE_LABELS[role]).join(", ");
    return sendPage(
      reply,
      layout(context, {
        title: "Welcome",
        content: html`<h1 class="govuk-heading-l">Welcome, ${actor.displayName}</h1>
<p class="govuk-body">You are signed in to Keywork as: ${roles}.</p>
<p class="govuk-body">There is nothing for your role to do here yet. The pages for your role will appear in the menu when your service turns them on.</p>`,
      }),
    );
  });

  app.get(paths.signIn(), { config: { access: "public" } }, async (request, reply) => {
    if (request.actor) return reply.redirect(homeFor(request.actor), 303);
    const context = await pageContext(db, request, reply);
    const returnTo = safeReturnTo((request.query as Record<string, unknown>).returnTo);
    return sendPage(reply, signInView(context, { email: "", returnTo, issues: [] }));
  });

  app.post(paths.signIn(), { config: { access: "public", rateLimit: { max: deps.config.signInRateLimitPerMinute, timeWindow: "1 minute" } } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const form = formValues(request.body);
    const email = (form.email ?? "").trim();
    const password = form.password ?? "";
    const returnTo = safeReturnTo(form.returnTo);
    const issues: FieldIssue[] = [];
    if (!email) issues.push({ field: "email", message: "Enter your email address" });
    if (!password) issues.push({ field: "password", message: "Enter your password" });
    let status = 400;
    if (issues.length === 0) {
      try {
        const { token, actor, awaiting } = await signIn(db, {
          email,
          password,
          ip: request.ip,
          kind: "browser",
          secondFactorRequired: deps.config.secondFactorRequired,
          now: deps.clock.now(),
        });
        setSessionCookie(reply, token, deps.config.secureCookies);
        if (awaiting) return reply.redirect(secondFactorStep(awaiting === "code", returnTo), 303);
        return reply.redirect(returnTo ?? homeFor(actor), 303);
      } catch (error) {
        if (error instanceof TooManyRequests) {
          status = 429;
          issues.push({ field: "email", message: error.message });
        } else if (error instanceof Unauthenticated || error instanceof Invalid) {
          status = 401;
          issues.push({ field: "email", message: error.message });
        } else {
          throw error;
        }
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, signInView(context, { email, returnTo, issues }), status);
  });

  app.post(paths.signOut(), { config: { access: "second-factor" } }, async (request, reply) => {
    const actor = request.actor ?? request.pendingSignIn?.actor;
    if (actor && request.sessionId) await signOut(db, actor, request.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect(paths.signedOut(), 303);
  });

  app.get(paths.signedOut(), { config: { access: "public" } }, async (request, reply) => {
    const context = await pageContext(db, request, reply);
    return sendPage(
      reply,
      layout(context, {
        title: "You have signed out",
        content: html`<h1 class="govuk-heading-l">You have signed out</h1>
<p class="govuk-body">Nothing about the people you work with is kept on this device. If it is shared, close the browser too.</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.signIn()}">Sign in again</a></p>`,
      }),
    );
  });
};
