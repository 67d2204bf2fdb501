import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Deps } from "../../app.ts";
import { isApiRequest } from "../auth/plugin.ts";
import { html } from "../views/html.ts";
import { layout } from "../views/layout.ts";
import { Conflict, DomainError, Invalid, TooManyRequests, statusOf, type FieldIssue } from "./errors.ts";
import { paths } from "./paths.ts";

interface ErrorBody {
  error: { status: number; message: string; code?: string; issues?: FieldIssue[]; current?: unknown };
}

/**
 * PostgreSQL's class 22 ("data exception": a number out of range, a NUL character in text, a date
 * out of range) means the input was unusable. The transaction has rolled back, so nothing was written.
 */
function isDataException(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** What a framework error (bad JSON, too large, wrong content type, CSRF) means to the person who sent it. */
function describeFrameworkError(error: FastifyError): { status: number; message: string } | null {
  if (isDataException(error)) {
    return { status: 400, message: "Something you sent cannot be stored: a number is too large, a date is out of range, or the text has a character that is not allowed. Nothing was saved." };
  }
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, message: "The request is too large. Shorten the text or send it in parts." };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, message: "Send the request as application/json (API) or a form." };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, message: "The request body is empty: send a JSON object." };
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, message: "The request body is not valid JSON." };
    case "FST_CSRF_MISSING_SECRET":
    case "FST_CSRF_INVALID_TOKEN":
      return { status: 403, message: "This form has expired or did not come from Keywork. Go back, reload the page and try again." };
    default:
      break;
  }
  if (error.statusCode === 429) return { status: 429, message: "Too many requests. Wait a minute and try again." };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return { status: error.statusCode, message: error.message };
  return null;
}

function errorPage(request: FastifyRequest, reply: FastifyReply, status: number, message: string) {
  const titles: Record<number, string> = {
    403: "You cannot do that",
    404: "Page not found",
    409: "Someone else changed this",
    413: "Too much to send",
    429: "Too many attempts",
    500: "Sorry, there is a problem with Keywork",
  };
  const title = titles[status] ?? (status >= 500 ? titles[500] : "There is a problem");
  const body =
    status === 404
      ? html`<p class="govuk-body">If you typed the web address, check it is correct.</p>
<p class="govuk-body">If you were looking for a person, they may not be on a caseload you can see. <a class="govuk-link" href="${paths.people.search()}">Find a person</a>.</p>`
      : status >= 500
        ? html`<p class="govuk-body">Try again later. Nothing you did caused this; what you were saving may not have been saved, so check before entering it again.</p>`
        : html`<p class="govuk-body">${message}</p>`;
  const page = layout(
    { actor: request.actor ?? null, csrfToken: safeCsrf(reply), flash: null, currentPath: request.url },
    { title: title ?? "There is a problem", content: html`<h1 class="govuk-heading-l">${title}</h1>${body}` },
  );
  return reply.status(status).header("content-type", "text/html; charset=utf-8").header("cache-control", "no-store").send(page.value);
}

function safeCsrf(reply: FastifyReply): string {
  try {
    return reply.generateCsrf();
  } catch {
    return "";
  }
}

/** Maps every error to a status in one place: JSON for the API, a GOV.UK-style page for people. */
export function registerErrorHandling(app: FastifyInstance, deps: Deps): void {
  void deps;
  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    let status: number;
    let message: string;
    const body: ErrorBody = { error: { status: 0, message: "" } };
    if (error instanceof DomainError) {
      status = statusOf(error);
      message = error.message;
      if (error.code) body.error.code = error.code;
      if (error instanceof Invalid) body.error.issues = error.issues;
      if (error instanceof Conflict && error.current !== undefined) body.error.current = error.current;
      if (error instanceof TooManyRequests) reply.header("retry-after", String(error.retryAfterSeconds));
    } else {
      const described = describeFrameworkError(error);
      if (described) {
        status = described.status;
        message = described.message;
      } else {
        request.log.error({ err: error }, "unhandled error");
        status = 500;
        message = "Something went wrong on our side. Nothing you sent was saved; try again.";
      }
    }
    body.error.status = status;
    body.error.message = message;
    if (isApiRequest(request) || !request.headers.accept?.includes("text/html") && request.method !== "GET" && request.headers["content-type"]?.includes("json")) {
      return reply.status(status).send(body);
    }
    return errorPage(request, reply, status, message);
  });

  app.setNotFoundHandler((request, reply) => {
    if (isApiRequest(request)) return reply.status(404).send({ error: { status: 404, message: "Not found" } });
    return errorPage(request, reply, 404, "Page not found");
  });
}
