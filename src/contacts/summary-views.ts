/** Small views of contacts and appointments for other pages: the caseload, the person overview, the handover summary. */
import { paths } from "../platform/http/paths.ts";
import { govukSummaryList } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, plural } from "../platform/views/format.ts";
import { appointmentWhen } from "./appointment-views.ts";
import type { HandoverContactsSummary, NextAppointment } from "./summaries.ts";
import { contactRows, typeLabel } from "./view-parts.ts";

/** For a caseload cell: "3 Mar 2026, 2:30pm" and the place, or "None booked". */
export function nextAppointmentSummary(next: NextAppointment | undefined): SafeHtml {
  if (!next) return html`<span class="govuk-hint govuk-!-margin-bottom-0">None booked</span>`;
  return html`${formatDateTime(next.startsAt)}${next.place ? html`<br><span class="govuk-hint govuk-!-margin-bottom-0">${next.place}</span>` : ""}`;
}

/**
 * For the handover summary or person overview: next appointments and recent contacts, under an
 * h2 (or the heading level given), saying plainly when contacts are not shared.
 */
export function handoverContactsSection(summary: HandoverContactsSummary, personId: string, options: { headingLevel?: 2 | 3 } = {}): SafeHtml {
  const level = options.headingLevel ?? 2;
  const heading = (text: string) => (level === 2 ? html`<h2 class="govuk-heading-m">${text}</h2>` : html`<h3 class="govuk-heading-s">${text}</h3>`);
  if (!summary.shared) {
    return html`${heading("Contacts and appointments")}<p class="govuk-body">Contacts and appointments are not shared with you.</p>`;
  }
  const appointments =
    summary.nextAppointments.length === 0
      ? html`<p class="govuk-body">No appointments booked.</p>`
      : html`<ul class="govuk-list">${summary.nextAppointments.map(
          (appointment) => html`<li>${appointmentWhen(appointment)}${appointment.place ? `, ${appointment.place}` : ""} (with ${appointment.workerName})</li>`,
        )}</ul>`;
  const contacts =
    summary.recentContacts.length === 0
      ? html`<p class="govuk-body">No contacts recorded yet.</p>`
      : html`${summary.recentContacts.map((contact) =>
          govukSummaryList({
            card: { title: { text: `${typeLabel(contact.type) ?? contact.type}, ${formatDateTime(contact.occurredAt)}`, headingLevel: level + 1 } },
            rows: contactRows(contact).slice(1),
          }),
        )}`;
  return html`${heading("Next appointments")}${appointments}
${heading("Recent contacts")}
<p class="govuk-body">${summary.lastContactAt ? `Last contact ${formatDateTime(summary.lastContactAt)}. ` : ""}${plural(summary.totalContacts, "contact")} recorded. <a class="govuk-link" href="${paths.people.contacts(personId)}">See all contacts</a></p>
${contacts}`;
}
