import { newSecretToken } from "../platform/secret-tokens.ts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { Invalid, NotFound, TooManyRequests } from "../platform/http/errors.ts";
import { pageContext, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import type { SafeHtml } from "../platform/views/html.ts";
import { detailsFromForm, honeypotFilled, intakeFormFrom, type IntakeForm } from "./intake-form.ts";
import {
  isAccepting,
  newReference,
  referrerAccount,
  serviceForPublicLink,
  servicesToReferTo,
  serviceToReferTo,
  submitPublicReferral,
  submitReferral,
  type CreatedReferral,
} from "./intake-service.ts";
import { chooseServicePage, confirmationPage, linkNotValidPage, notAcceptingPage, referralFormPage } from "./intake-views.ts";
import { REFERRAL_LIMITS } from "./schema.ts";
import { addWorkingDays } from "./working-days.ts";

const EMPTY_FORM: IntakeForm = { values: {}, needs: [] };

/** Pages carrying a private link: never cached, and the link never sent on to another site. */
export function sendPrivatePage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  reply.header("referrer-policy", "no-referrer");
  return sendPage(reply, page, status);
}

function confirmation(created: CreatedReferral & { serviceName: string }, signedIn: boolean) {
  return {
    serviceName: created.serviceName,
    reference: created.referral.reference,
    statusUrl: created.statusUrl,
    acknowledgeBy: created.referral.acknowledgeBy,
    decideBy: created.referral.decideBy,
    emailed: created.referral.referrerEmail !== null,
    referralId: signedIn ? created.referral.id : null,
  };
}

/** Making a referral: signed in (referrals.make), or through a service's public link with no account. */
export const intakeRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const { clock, config } = deps;

  app.get(paths.referrals.new(), async (request, reply) => {
    const actor = request.actor as Actor;
    const { service } = request.query as { service?: string };
    const context = await pageContext(db, request, reply);
    if (!service) return sendPage(reply, chooseServicePage(context, await servicesToReferTo(db, actor)));
    const found = await serviceToReferTo(db, actor, service);
    if (!isAccepting(found)) return sendPage(reply, notAcceptingPage(context, found.service));
    const signedIn = await referrerAccount(db, actor);
    return sendPage(reply, referralFormPage(context, { service: found.service, form: EMPTY_FORM, issues: [], action: paths.referrals.create(), signedIn }));
  });

  app.post(paths.referrals.create(), async (request, reply) => {
    const actor = request.actor as Actor;
    const form = intakeFormFrom(request.body);
    const found = await serviceToReferTo(db, actor, form.values.serviceId ?? "");
    const signedIn = await referrerAccount(db, actor);
    const context = await pageContext(db, request, reply);
    if (!isAccepting(found)) return sendPage(reply, notAcceptingPage(context, found.service), 400);
    const read = detailsFromForm(form, ukToday(clock), signedIn);
    if ("issues" in read) {
      return sendPage(reply, referralFormPage(context, { service: found.service, form, issues: read.issues, action: paths.referrals.create(), signedIn }), 400);
    }
    const created = await submitReferral(db, { config, clock }, actor, { serviceId: found.service.id, details: read.details, channel: "form" });
    return sendPrivatePage(reply, confirmationPage(context, confirmation(created, true)));
  });

  const publicPage = async (request: FastifyRequest, reply: FastifyReply, render: (context: Awaited<ReturnType<typeof pageContext>>) => SafeHtml, status = 200) => {
    const context = await pageContext(db, request, reply);
    return sendPrivatePage(reply, render(context), status);
  };

  const publicService = async (request: FastifyRequest, reply: FastifyReply) => {
    const { token } = request.params as { token: string };
    try {
      return { token, found: await serviceForPublicLink(db, token) };
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      await publicPage(request, reply, (context) => linkNotValidPage(context, "referral"), 404);
      return null;
    }
  };

  app.get(paths.referrals.publicForm(":token"), { config: { access: "public" } }, async (request, reply) => {
    const link = await publicService(request, reply);
    if (!link) return reply;
    const { found, token } = link;
    if (!isAccepting(found)) return publicPage(request, reply, (context) => notAcceptingPage(context, found.service));
    return publicPage(request, reply, (context) =>
      referralFormPage(context, { service: found.service, form: EMPTY_FORM, issues: [], action: paths.referrals.publicForm(token), signedIn: null }),
    );
  });

  app.post(
    paths.referrals.publicForm(":token"),
    {
      config: {
        access: "public",
        rateLimit: {
          max: config.referralRateLimitPerHour,
          timeWindow: "1 hour",
          errorResponseBuilder: (_request: FastifyRequest, context: { ttl: number }) =>
            new TooManyRequests(
              "You have sent as many referrals from this address as we accept in an hour. Nothing has been sent this time. Wait an hour and try again, or phone the service.",
              Math.ceil(context.ttl / 1000),
            ),
        },
      },
      bodyLimit: REFERRAL_LIMITS.publicBodyBytes,
    },
    async (request, reply) => {
      const link = await publicService(request, reply);
      if (!link) return reply;
      const { found, token } = link;
      const form = intakeFormFrom(request.body);
      if (honeypotFilled(form)) {
        // Spam protection: only robots fill in the hidden field. Answer as if the referral was
        // received, so the robot learns nothing, but write nothing at all: no referral, no email,
        // no audit row. The reference and link shown are made up and lead nowhere.
        request.log.info({ serviceId: found.service.id }, "public referral: hidden field filled in, treated as spam and not stored");
        return publicPage(request, reply, (context) =>
          confirmationPage(context, {
            serviceName: found.service.name,
            reference: newReference(),
            statusUrl: `${config.publicUrl}${paths.referrals.status(newSecretToken())}`,
            acknowledgeBy: addWorkingDays(ukToday(clock), found.settings.acknowledgeWithinWorkingDays),
            decideBy: addWorkingDays(ukToday(clock), found.settings.decideWithinWorkingDays),
            emailed: false,
            referralId: null,
          }),
        );
      }
      if (!isAccepting(found)) return publicPage(request, reply, (context) => notAcceptingPage(context, found.service), 400);
      const read = detailsFromForm(form, ukToday(clock));
      if ("issues" in read) {
        return publicPage(
          request,
          reply,
          (context) => referralFormPage(context, { service: found.service, form, issues: read.issues, action: paths.referrals.publicForm(token), signedIn: null }),
          400,
        );
      }
      try {
        const created = await submitPublicReferral(db, { config, clock }, { token, details: read.details, ip: request.ip });
        return publicPage(request, reply, (context) => confirmationPage(context, confirmation(created, false)));
      } catch (error) {
        // Settings changed between reading the link and saving: the service stopped taking referrals.
        if (error instanceof Invalid) return publicPage(request, reply, (context) => notAcceptingPage(context, found.service), 400);
        throw error;
      }
    },
  );
};
