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
  "person.search": "Found them in a search",
  "person.close": "Closed the case",
  "person.reopen": "Re-opened the case",
  "audit.read": "Read this audit trail",
  "handover.read": "Read the handover summary",
  "chronology.read": "Read the chronology",
  "story-history.read": "Read how their story changed",
  "wellness-plan.read": "Read the wellness and crisis plan",
  "wellness-plan.update": "Changed the wellness and crisis plan",
  "wellness-plan.download": "Downloaded the wellness and crisis plan",
  "wellness-plan-history.read": "Read earlier versions of the wellness plan",
  "crisis-contacts.update": "Changed the team's service hours and crisis contacts",
  "contacts.read": "Read their contacts",
  "contact.read": "Read a contact",
  "contact.form.read": "Opened a contact form",
  "contact.create": "Recorded a contact",
  "contact.update": "Changed a contact",
  "contacts.summary.read": "Read recent contacts",
  "appointments.read": "Read their appointments",
  "appointment.read": "Read an appointment",
  "appointment.form.read": "Opened an appointment form",
  "appointment.create": "Booked an appointment",
  "appointment.update": "Changed an appointment",
  "appointment.status": "Marked an appointment",
  "risks.read": "Read their risks",
  "risk.create": "Added a risk",
  "risk.update": "Changed a risk",
  "significant-event.create": "Added a significant event",
  "significant-event.update": "Changed a significant event",
  "team.read": "Read the team around them",
  "team.member.add": "Added someone to their team",
  "team.member.end": "Took someone off their team",
  "team.lead.change": "Changed the lead worker",
  "team.professional.add": "Added a professional",
  "team.professional.update": "Changed a professional",
  "team.professional.end": "Ended a professional's involvement",
  "team.family.add": "Added a family member or carer",
  "team.family.update": "Changed a family member or carer",
  "team.family.end": "Ended a family member's involvement",
  "team.service.add": "Added a service involved",
  "team.service.update": "Changed a service involved",
  "team.service.end": "Ended a service's involvement",
  "consent.list": "Read their consents",
  "consent.read": "Read a consent",
  "consent.form": "Opened a consent form",
  "consent.create": "Recorded consent",
  "consent.update": "Changed a consent",
  "consent.review": "Reviewed a consent",
  "consent.withdraw": "Recorded consent withdrawn",
  "information-received.create": "Recorded information from family",
  "calendar.read": "Their appointment went to a worker's calendar app",
  "diary.read": "Their appointment was in a worker's diary",
  "plan.read": "Read the plan",
  "plan.schedule.update": "Changed when the plan is reviewed",
  "goal.read": "Read a goal",
  "goal.create": "Added a goal",
  "goal.update": "Changed a goal",
  "goal-progress.create": "Recorded progress on a goal",
  "plan-action.read": "Read an action",
  "plan-action.create": "Added an action",
  "plan-action.create-refused": "Tried to add an action that was not valid",
  "plan-action.update": "Changed an action",
  "actions.read": "Their actions were in a list of actions",
  "actions.by-agency.read": "Their actions were in the actions-by-agency view",
  "chase-list.read": "Their actions were on a chase list",
  "chasing-message.read": "Their actions were in a chasing message",
  "meetings.read": "Read their meetings",
  "meeting.read": "Read a meeting",
  "meeting.create": "Recorded a meeting",
  "meeting.update": "Changed a meeting",
  "meeting.recommendation-add": "Added a meeting recommendation",
  "register.entry.read": "Read their register entry",
  "register.entry.create": "Put them on the dynamic support register",
  "register.entry.rate": "Changed their rating on the register",
  "register.entry.remove": "Took them off the register",
  "register.episode.create": "Recorded an admission to hospital",
  "register.episode.update": "Changed or ended a stay in hospital",
  "register.take-on": "Took them on from the register",
  "referral.read": "Read a referral for them",
  "referral.list": "Listed referrals",
  "referral.waiting-list": "Read the waiting list",
  "referral.acknowledge": "Acknowledged a referral for them",
  "referral.screen": "Started screening a referral for them",
  "referral.priority": "Changed the priority of a referral for them",
  "referral.link": "Linked a referral to their record",
  "referral.unlink": "Unlinked a referral from their record",
  "referral.withdraw": "Withdrew a referral for them",
  "referral.decide": "Accepted or declined a referral for them",
  "referral.allocate": "Allocated a referral for them to a key worker",
  "referral.create": "A referral for them was received",
  "referral.status.read": "The referrer's private status page was viewed",
  "referrals.sent.read": "A referrer listed the referrals they made",
  "referral-settings.create": "Set up referrals for a service",
  "referral-settings.update": "Changed a service's referral settings",
  "referral-settings.public-link-create": "Made a service's public referral link",
  "referral-settings.public-link-replace": "Replaced a service's public referral link",
  "referral-settings.public-link-off": "Turned off a service's public referral link",
  "break-glass.open": "Opened the record with break-glass access",
  "break-glass.access": "Read the record with break-glass access",
  "break-glass.end": "Ended break-glass access to the record",
  "break-glass.reviewed": "Reviewed break-glass access to the record",
  "break-glass.search": "Searched for a record to open with break-glass access",
  "break-glass.report": "Read the break-glass report",
  "case-reviews.read": "Read their reflective case reviews",
  "case-review.read": "Read a reflective case review",
  "case-review.create": "Recorded a reflective case review",
  "stuck-cases.read": "They were on the stuck-case list",
  "second-factor.enabled": "Turned on their second factor",
  "second-factor.disabled": "Turned off their second factor",
  "second-factor.reset": "Reset a user's second factor",
  "second-factor.recovery-codes-generated": "Got new recovery codes for their second factor",
  "second-factor.failed": "Entered a wrong second-factor code",
  "session.second-factor-passed": "Signed in with their second factor",
  "recovery-code.used": "Used a recovery code",
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
