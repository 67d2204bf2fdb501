import type { RoutePlugin } from "../../app.ts";
import { govukTable, govukTag } from "../views/govuk/index.ts";
import { html } from "../views/html.ts";
import { layout } from "../views/layout.ts";
import { pageContext, sendPage } from "./pages.ts";
import { paths } from "./paths.ts";

/** A readable index of the API, made from the same registry as /openapi.json. */
export const apiDocsRoutes: RoutePlugin = (app, deps, api) => {
  app.get(paths.api.docs(), { config: { access: "public" } }, async (request, reply) => {
    const context = await pageContext(deps.database.db, request, reply);
    return sendPage(
      reply,
      layout(context, {
        title: "Keywork API",
        content: html`<h1 class="govuk-heading-l">Keywork API</h1>
<p class="govuk-body">A JSON API for integrations. Sign in with <code>POST /api/v1/session</code> and send the token as <code>Authorization: Bearer &lt;token&gt;</code>. A person you may not see answers 404, never 403.</p>
<p class="govuk-body">The full description is the <a class="govuk-link" href="${paths.api.openapi()}">OpenAPI 3.1 document</a>.</p>
${govukTable({
  caption: "Endpoints",
  captionClasses: "govuk-visually-hidden",
  head: [{ text: "Method" }, { text: "Path" }, { text: "What it does" }],
  rows: api.routes.map((route) => [
    { html: govukTag({ text: route.method, classes: "govuk-tag--grey" }) },
    { html: html`<code>${route.url}</code>` },
    { text: route.summary },
  ]),
})}`,
      }),
    );
  });
};
