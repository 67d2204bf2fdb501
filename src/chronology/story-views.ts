import { paths } from "../platform/http/paths.ts";
import { govukWarningText } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDateTime, plural } from "../platform/views/format.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { personPageLayout } from "../people/person-layout.ts";
import type { StoryHistory, StoryVersion } from "./service.ts";

function versionBlock(version: StoryVersion, index: number, replacedAt: Date | null): SafeHtml {
  const heading = replacedAt ? `Earlier version, replaced ${formatDateTime(replacedAt)}` : "Their story now";
  const who = html`${version.changedByName ?? "Someone no longer in Keywork"}, ${formatDateTime(version.changedAt)}`;
  return html`<section class="keywork-story-version" aria-labelledby="story-version-${version.version}">
  <h3 class="govuk-heading-s" id="story-version-${version.version}">${heading}</h3>
  <p class="govuk-body-s">${index === 0 ? "Last changed by" : "Written by"} ${who}</p>
  ${version.story ? html`<p class="govuk-body keywork-story">${version.story}</p>` : html`<p class="govuk-body">The story was removed in this change.</p>`}
</section>`;
}

export function storyHistoryPage(context: PageContext, history: StoryHistory): SafeHtml {
  const { person, relationship } = history;
  let body: SafeHtml;
  if (!history.shared) {
    body = govukWarningText({ text: "Their story is not shared with you, so neither is how it has changed. It will show here when they agree to share it with you." });
  } else if (history.versions.length === 0) {
    body = html`<p class="govuk-body">Their story has not been written yet.${
      relationship.mayEdit ? html` <a class="govuk-link" href="${paths.people.edit(person.id)}#story">Write it with them</a>.` : ""
    }</p>`;
  } else {
    body = html`<p class="govuk-body">${plural(history.versions.length, "version")} of their story, newest first. Changes to other details are not shown here.</p>
${history.versions.map((version, index) => versionBlock(version, index, history.versions[index - 1]?.changedAt ?? null))}`;
  }
  return personPageLayout(context, {
    person,
    relationship,
    current: "overview",
    title: "Their story, with its history",
    content: html`<h2 class="govuk-heading-l">Their story, with its history</h2>
<p class="govuk-body">Their story is written with them, in their own words, and kept as it was each time it changed, so nothing they said is lost.</p>
${body}
<p class="govuk-body"><a class="govuk-link" href="${paths.people.show(person.id)}">Back to their overview</a></p>`,
  });
}
