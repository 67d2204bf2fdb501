import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { Conflict, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { govukBackLink, govukButton, govukCharacterCount, govukErrorSummary, govukSummaryList, govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from "./schema.ts";
import { initialsOf } from "./steps.ts";
import { referralIdFrom } from "./triage-pages.ts";
import { WITHDRAW_REASON_LIMIT, notWithdrawable, readForWithdrawal, withdrawReferral, type Withdrawable } from "./withdraw.ts";

/** The page that withdraws an open referral, for its referrer and the receiving team's managers. */

function withdrawPage(context: PageContext, found: Withdrawable, form: { reason: string; version: string; issues: FieldIssue[] }): SafeHtml {
  const { referral } = found;
  const error = form.issues.find((issue) => issue.field === "reason");
  // The team sees the name; the referrer's pages show initials, as everywhere they look.
  const who = found.as === "team" ? `${referral.givenName} ${referral.familyName}` : initialsOf(referral.givenName, referral.familyName);
  return layout(context, {
    title: `Withdraw referral ${referral.reference}`,
    hasErrors: form.issues.length > 0,
    beforeContent: govukBackLink({ href: paths.referrals.show(referral.id), text: "Back to the referral" }),
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${form.issues.length > 0 ? govukErrorSummary({ titleText: "There is a problem", errorList: form.issues.map((issue) => ({ text: issue.message, href: issue.field === "reason" ? "#reason" : "#main-content" })) }) : ""}
<span class="govuk-caption-l">${found.serviceName}</span>
<h1 class="govuk-heading-l">Withdraw referral ${referral.reference}</h1>
${govukSummaryList({
  rows: [
    { key: { text: "Referral for" }, value: { text: who } },
    { key: { text: "Status" }, value: { text: REFERRAL_STATUS_LABELS[referral.status as ReferralStatus] ?? referral.status } },
  ],
})}
${govukWarningText({ text: "Withdrawing cannot be undone. The service stops working on the referral; to refer again, make a new referral." })}
<form method="post" action="${paths.referrals.withdraw(referral.id)}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${form.version}">
  ${govukCharacterCount({
    id: "reason",
    name: "reason",
    maxlength: WITHDRAW_REASON_LIMIT,
    label: { text: "Why is the referral being withdrawn?", classes: "govuk-label--m" },
    hint: { text: found.as === "team" ? "The referrer sees this, and is emailed that the referral is withdrawn." : "The service sees this. You are emailed that the referral is withdrawn." },
    value: form.reason,
    ...(error ? { errorMessage: { text: error.message } } : {}),
  })}
  <div class="govuk-button-group">
    ${govukButton({ text: "Withdraw the referral", classes: "govuk-button--warning", preventDoubleClick: true })}
    <a class="govuk-link" href="${paths.referrals.show(referral.id)}">Cancel</a>
  </div>
</form>
</div></div>`,
  });
}

function cannotWithdrawPage(context: PageContext, found: Withdrawable, message: string): SafeHtml {
  return layout(context, {
    title: "This referral cannot be withdrawn",
    beforeContent: govukBackLink({ href: paths.referrals.show(found.referral.id), text: "Back to the referral" }),
    content: html`<h1 class="govuk-heading-l">This referral cannot be withdrawn</h1>
<p class="govuk-body">${message}</p>
<p class="govuk-body"><a class="govuk-link" href="${paths.referrals.show(found.referral.id)}">Back to referral ${found.referral.reference}</a></p>`,
  });
}

export const withdrawRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.referrals.withdraw(":referralId"), async (request, reply) => {
    const found = await readForWithdrawal(db, request.actor as Actor, referralIdFrom(request));
    const context = await pageContext(db, request, reply);
    const refused = notWithdrawable(found.referral);
    if (refused) return sendPage(reply, cannotWithdrawPage(context, found, refused), 409);
    return sendPage(reply, withdrawPage(context, found, { reason: "", version: String(found.referral.version), issues: [] }));
  });

  app.post(paths.referrals.withdraw(":referralId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const referralId = referralIdFrom(request);
    const found = await readForWithdrawal(db, actor, referralId);
    const refused = notWithdrawable(found.referral);
    if (refused) return sendPage(reply, cannotWithdrawPage(await pageContext(db, request, reply), found, refused), 409);
    const values = formValues(request.body);
    const version = Number.parseInt(values.version ?? "", 10);
    const versionGiven = Number.isInteger(version) && version > 0;
    let issues: FieldIssue[] = versionGiven ? [] : [{ field: "form", message: "Reload the page and try again" }];
    if (issues.length === 0) {
      try {
        await withdrawReferral(db, deps, actor, referralId, values.reason ?? "", version);
        return redirectWithFlash(db, request, reply, paths.referrals.show(referralId), {
          title: "Referral withdrawn",
          text: found.as === "team" ? "The referrer can see it is withdrawn, with your reason." : "The service can see it is withdrawn, with your reason.",
        });
      } catch (error) {
        if (error instanceof Conflict) {
          const current = await readForWithdrawal(db, actor, referralId);
          const context = await pageContext(db, request, reply);
          if (notWithdrawable(current.referral)) return sendPage(reply, cannotWithdrawPage(context, current, error.message), 409);
          return sendPage(reply, withdrawPage(context, current, { reason: values.reason ?? "", version: String(current.referral.version), issues: [{ field: "form", message: error.message }] }), 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, withdrawPage(context, found, { reason: values.reason ?? "", version: versionGiven ? String(version) : String(found.referral.version), issues }), 400);
  });
};
