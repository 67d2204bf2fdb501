import type { FastifyReply, FastifyRequest } from "fastify";
import { setFlash } from "../auth/service.ts";
import type { Db } from "../database/open.ts";
import type { Flash, PageContext } from "../views/layout.ts";
import type { SafeHtml } from "../views/html.ts";
import { NotFound, type FieldIssue } from "./errors.ts";
import { isUuid } from "../database/ids.ts";

/** The `:id` of a person's page; an id that is not a UUID is a person that is not found. */
export function personIdFrom(request: FastifyRequest): string {
  const { id } = request.params as { id: string };
  if (!isUuid(id)) throw new NotFound("Person not found");
  return id;
}

/** Builds what the layout needs, and uses up the one-time message so it shows once. */
export async function pageContext(db: Db, request: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
  const flash = request.flash;
  if (flash && request.sessionId) await setFlash(db, request.sessionId, null);
  return {
    actor: request.actor,
    csrfToken: reply.generateCsrf(),
    flash,
    currentPath: request.url.split("?")[0] ?? "/",
  };
}

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).header("content-type", "text/html; charset=utf-8").header("cache-control", "no-store").send(page.value);
}

/** Post-redirect-get: remember a message for the next page, then redirect to it. */
export async function redirectWithFlash(db: Db, request: FastifyRequest, reply: FastifyReply, location: string, flash: Flash): Promise<FastifyReply> {
  if (request.sessionId) await setFlash(db, request.sessionId, flash);
  return reply.redirect(location, 303);
}

/** Field -> message, for showing each message beside its field. */
export function errorsByField(issues: FieldIssue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) byField[issue.field] ??= issue.message;
  return byField;
}

/** Form bodies arrive as strings (or arrays of strings for repeated names); anything else is ignored. */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== "object") return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === "string") values[key] = value;
    else if (Array.isArray(value) && typeof value[0] === "string") values[key] = value[0];
  }
  return values;
}
