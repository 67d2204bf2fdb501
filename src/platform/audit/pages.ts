import type { RoutePlugin } from "../../app.ts";
import type { Actor } from "../access/actor.ts";
import { pageContext, sendPage } from "../http/pages.ts";
import { paths, routes } from "../http/paths.ts";
import { govukTable } from "../views/govuk/index.ts";
import { html } from "../views/html.ts";
import { formatDateTime } from "../views/format.ts";
import { layout } from "../views/layout.ts";
import { readAuditTrail } from "./service.ts";

const ACTION_LABELS: Record<string, string> = {
  "person.read": "Viewed the record",
  "person.create": "Added the person",
  "person.update": "Changed details",
  "audit.read": "Read this audit trail",
};

export const auditPages: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(routes.personAudit, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { before } = request.query as { before?: string };
    const trail = await readAuditTrail(db, request.actor as Actor, id, { before });
    const context = await pageContext(db, request, reply);
    const page = layout(context, {
      title: `Audit trail for ${trail.personName}`,
      beforeContent: html`<a href="${paths.people.show(id)}" class="govuk-back-link">Back to ${trail.personName}</a>`,
      content: html`<span class="govuk-caption-l">${trail.personName}</span>
<h1 class="govuk-heading-l">Who has viewed or changed this record</h1>
<p class="govuk-body">Every view and change is recorded and cannot be altered. Newest first.</p>
${govukTable({
  caption: "Audit events",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "When" }, { text: "Who" }, { text: "What" }],
  rows: trail.items.map((item) => [
    { text: formatDateTime(item.at) },
    { text: item.actor.name ?? "Keywork" },
    { text: ACTION_LABELS[item.action] ?? item.action },
  ]),
})}
${trail.nextBefore ? html`<p class="govuk-body"><a class="govuk-link" href="${paths.people.audit(id, { before: trail.nextBefore })}">Older events</a></p>` : ""}`,
    });
    return sendPage(reply, page);
  });
};
