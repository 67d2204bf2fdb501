import { can, type Actor, type Relationship } from "../platform/access/index.ts";
import { ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { paths } from "../platform/http/paths.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { auditEntry, registerSummaryFor } from "./service.ts";
import { OVERDUE_TAG, ratingTag } from "./views.ts";

/**
 * The line on a person's overview when they are on the dynamic support register, for those who
 * see the whole record: "On the dynamic support register: Red – reviewed by …, next review …",
 * linking to the entry for those who read the register. Empty otherwise. Audited when shown, in the
 * overview's transaction.
 */
export async function registerOverviewLine(tx: Db | Tx, actor: Actor, clock: Clock, personId: string, relationship: Relationship): Promise<SafeHtml> {
  if (relationship.audience !== "full") return html``;
  const summary = await registerSummaryFor(tx, actor.tenantId, personId, ukToday(clock));
  if (!summary) return html``;
  await auditEntry(tx, actor, { id: summary.entryId, personId }, "register.entry.read", { purpose: "person-overview" });
  const text = html`${ratingTag(summary.rating)}${summary.inpatientSince ? ` since ${formatIsoDate(summary.inpatientSince)}` : ""} – reviewed by ${
    summary.ratedBy ?? "unknown"
  }, next review ${formatIsoDate(summary.nextReviewOn)}${summary.reviewOverdue ? html` ${OVERDUE_TAG}` : ""}`;
  const heading = can(actor, "register.read")
    ? html`<a class="govuk-link" href="${paths.register.show(summary.entryId)}">On the dynamic support register</a>`
    : html`On the dynamic support register`;
  return html`<p class="govuk-body keywork-register-line" data-register-rating="${summary.rating}"><strong>${heading}:</strong> ${text}</p>`;
}
