import { paths } from "../platform/http/paths.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, personName } from "../platform/views/format.ts";
import { renderPdf, type Block } from "./pdf-writer.ts";
import { whoseWords } from "./present.ts";
import type { WellnessPlan } from "./service.ts";
import { contactsBlock, NO_CONTACTS_YET, savedLine } from "./views.ts";

const EMPTY_SECTION = "Nothing has been written here yet.";

/** The printable copy for the person: the plan alone, without the service's menus. */
export function wellnessPlanPrintPage(plan: WellnessPlan, printedAt: Date): SafeHtml {
  const { person, sections } = plan;
  const name = personName(person);
  return html`<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title>Wellness and crisis plan – ${name} – Keywork</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/govuk/govuk-frontend.min.css">
  <link rel="stylesheet" href="/static/keywork.css">
</head>
<body class="govuk-template__body keywork-print">
  <div class="govuk-width-container">
    <main class="govuk-main-wrapper" id="main-content">
      <p class="govuk-body keywork-no-print"><a class="govuk-link" href="${paths.people.wellnessPlan(person.id)}">Back to the wellness plan</a> · <a class="govuk-link" href="${paths.people.wellnessPlanPdf(person.id)}">Download as PDF</a> · Use your browser's print option to print this page.</p>
      <span class="govuk-caption-l">Wellness and crisis plan</span>
      <h1 class="govuk-heading-l">${name}</h1>
      <p class="govuk-body-s">Printed ${formatDate(printedAt)}. This plan is personal: keep it somewhere safe and share it only with people you choose.</p>
      ${contactsBlock(plan.contacts)}
      ${sections.map(
        (section) => html`<section class="keywork-wellness-section" aria-labelledby="${section.key}-heading">
        <h2 class="govuk-heading-m" id="${section.key}-heading">${section.title}</h2>
        ${section.text
          ? html`<p class="govuk-body-s"><strong>${whoseWords(section) ?? ""}</strong>. ${savedLine(section)}</p><p class="govuk-body keywork-pre-line">${section.text}</p>`
          : html`<p class="govuk-body">${EMPTY_SECTION}</p>`}
      </section>`,
      )}
    </main>
  </div>
</body>
</html>`;
}

/** The printable copy as a PDF file: the person's name, each section with whose words it is in, the service's hours and crisis contacts, and the date printed. */
export function wellnessPlanPdf(plan: WellnessPlan, printedAt: Date): Buffer {
  const { person, sections, contacts } = plan;
  const name = personName(person);
  const blocks: Block[] = [
    { kind: "small", text: "Wellness and crisis plan" },
    { kind: "title", text: name },
    { kind: "small", text: `Printed ${formatDate(printedAt)}. This plan is personal: keep it somewhere safe and share it only with people you choose.` },
    { kind: "space", points: 6 },
    { kind: "heading", text: contacts ? `Service hours and crisis contacts (${contacts.teamName})` : "Service hours and crisis contacts" },
  ];
  if (contacts) {
    blocks.push(
      { kind: "subheading", text: "When the service is open" },
      { kind: "text", text: contacts.serviceHours },
      { kind: "subheading", text: "How to reach the service" },
      { kind: "text", text: contacts.serviceContact },
      { kind: "subheading", text: "In a crisis when the service is closed" },
      { kind: "text", text: contacts.outOfHours },
    );
  } else {
    blocks.push({ kind: "text", text: `${NO_CONTACTS_YET} Until then, in an emergency call 999, or call NHS 111 and choose the mental health option.` });
  }
  for (const section of sections) {
    blocks.push({ kind: "space", points: 6 }, { kind: "heading", text: section.title });
    if (section.text) {
      blocks.push({ kind: "small", text: `${whoseWords(section) ?? ""}. ${savedLine(section)}` }, { kind: "text", text: section.text });
    } else {
      blocks.push({ kind: "text", text: EMPTY_SECTION });
    }
  }
  return renderPdf(blocks, { title: `Wellness and crisis plan – ${name}`, footer: `Wellness and crisis plan for ${name}, printed ${formatDate(printedAt)}` });
}
