import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { Conflict, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { errorsByField, formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { dateFromParts, fieldIssues } from "../platform/http/validation.ts";
import {
  govukButton,
  govukDateInput,
  govukErrorSummary,
  govukSelect,
  govukSummaryList,
  govukTag,
  govukTextarea,
} from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { layout, type PageContext } from "../platform/views/layout.ts";
import { arrangeCover, cancelCover, newCoverInput, requireManager, teamCovers, type CoverRow } from "./cover-service.ts";
import { teamWorkers } from "./service.ts";
import { todayIso } from "../platform/http/validation.ts";

function coverStatus(cover: CoverRow): SafeHtml {
  const today = todayIso();
  if (cover.cancelled) return govukTag({ text: "Cancelled", classes: "govuk-tag--grey" });
  if (cover.endsOn < today) return govukTag({ text: "Ended", classes: "govuk-tag--grey" });
  if (cover.startsOn > today) return govukTag({ text: "Coming up", classes: "govuk-tag--blue" });
  return govukTag({ text: "Covering now", classes: "govuk-tag--green" });
}

function coverListPage(context: PageContext, covers: CoverRow[]): SafeHtml {
  return layout(context, {
    title: "Cover for absences",
    section: paths.team(),
    beforeContent: html`<a href="${paths.team()}" class="govuk-back-link">Back to team</a>`,
    content: html`<h1 class="govuk-heading-l">Cover for absences</h1>
<p class="govuk-body">The covering worker sees the absent worker's people, with the handover note, from the first day to the last — and not before or after.</p>
${govukButton({ text: "Arrange cover", href: paths.cover.new() })}
${covers.length === 0
  ? html`<p class="govuk-body">No cover is arranged.</p>`
  : covers.map((cover) =>
      govukSummaryList({
        card: {
          title: { text: `${cover.coveringName} covering ${cover.absentName}` },
          ...(cover.cancelled || cover.endsOn < todayIso()
            ? {}
            : {
                actions: {
                  items: [{ href: paths.cover.cancel(cover.id, { version: cover.version }), text: "Cancel", visuallyHiddenText: `cover for ${cover.absentName}` }],
                },
              }),
        },
        rows: [
          { key: { text: "Dates" }, value: { text: `${formatIsoDate(cover.startsOn)} to ${formatIsoDate(cover.endsOn)}` } },
          { key: { text: "Status" }, value: { html: coverStatus(cover) } },
          { key: { text: "Handover note" }, value: { text: cover.handoverNote ?? "None" } },
        ],
      }),
    )}`,
  });
}

interface CoverFormValues {
  absentUserId?: string;
  coveringUserId?: string;
  "startsOn-day"?: string;
  "startsOn-month"?: string;
  "startsOn-year"?: string;
  "endsOn-day"?: string;
  "endsOn-month"?: string;
  "endsOn-year"?: string;
  handoverNote?: string;
}

function dateField(name: "startsOn" | "endsOn", legend: string, values: CoverFormValues, error: string | undefined): SafeHtml {
  const item = (part: "day" | "month" | "year", width: number) => ({
    name: part,
    classes: `govuk-input--width-${width}${error ? " govuk-input--error" : ""}`,
    value: values[`${name}-${part}`] ?? "",
  });
  return govukDateInput({
    id: name,
    namePrefix: name,
    fieldset: { legend: { text: legend, classes: "govuk-fieldset__legend--s" } },
    ...(error ? { errorMessage: { text: error } } : {}),
    items: [item("day", 2), item("month", 2), item("year", 4)],
  });
}

function coverFormPage(context: PageContext, workers: Array<{ id: string; displayName: string }>, values: CoverFormValues, issues: FieldIssue[]): SafeHtml {
  const errors = errorsByField(issues);
  const choices = [{ value: "", text: "Choose a worker" }, ...workers.map((worker) => ({ value: worker.id, text: worker.displayName }))];
  const anchor = (field: string) => (field === "startsOn" || field === "endsOn" ? `#${field}-day` : `#${field}`);
  return layout(context, {
    title: "Arrange cover",
    section: paths.team(),
    hasErrors: issues.length > 0,
    beforeContent: html`<a href="${paths.cover.list()}" class="govuk-back-link">Back</a>`,
    content: html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
${issues.length > 0 ? govukErrorSummary({ titleText: "There is a problem", errorList: issues.map((issue) => ({ text: issue.message, href: anchor(issue.field) })) }) : ""}
<h1 class="govuk-heading-l">Arrange cover</h1>
<form method="post" action="${paths.cover.list()}" novalidate>
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  ${govukSelect({ id: "absentUserId", name: "absentUserId", label: { text: "Who is away?" }, items: choices, value: values.absentUserId ?? "", ...(errors.absentUserId ? { errorMessage: { text: errors.absentUserId } } : {}) })}
  ${govukSelect({ id: "coveringUserId", name: "coveringUserId", label: { text: "Who is covering?" }, items: choices, value: values.coveringUserId ?? "", ...(errors.coveringUserId ? { errorMessage: { text: errors.coveringUserId } } : {}) })}
  ${dateField("startsOn", "First day of cover", values, errors.startsOn)}
  ${dateField("endsOn", "Last day of cover", values, errors.endsOn)}
  ${govukTextarea({
    id: "handoverNote",
    name: "handoverNote",
    label: { text: "Handover note (optional)", classes: "govuk-label--s" },
    hint: { text: "What the covering worker needs to know: who to check on first, what is booked, what is promised." },
    rows: 5,
    value: values.handoverNote ?? "",
    ...(errors.handoverNote ? { errorMessage: { text: errors.handoverNote } } : {}),
  })}
  ${govukButton({ text: "Arrange cover", preventDoubleClick: true })}
</form>
</div></div>`,
  });
}

function cancelPage(context: PageContext, coverId: string, version: string): SafeHtml {
  return layout(context, {
    title: "Cancel cover",
    section: paths.team(),
    content: html`<h1 class="govuk-heading-l">Cancel this cover?</h1>
<p class="govuk-body">The covering worker stops seeing the absent worker's people straight away.</p>
<form method="post" action="${paths.cover.cancel(coverId)}">
  <input type="hidden" name="_csrf" value="${context.csrfToken}">
  <input type="hidden" name="version" value="${version}">
  <div class="govuk-button-group">${govukButton({ text: "Cancel the cover", classes: "govuk-button--warning" })}<a class="govuk-link" href="${paths.cover.list()}">Keep it</a></div>
</form>`,
  });
}

export const coverRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.cover.list(), async (request, reply) => {
    const covers = await teamCovers(db, request.actor as Actor);
    return sendPage(reply, coverListPage(await pageContext(db, request, reply), covers));
  });

  app.get(paths.cover.new(), async (request, reply) => {
    const actor = request.actor as Actor;
    requireManager(actor);
    return sendPage(reply, coverFormPage(await pageContext(db, request, reply), await teamWorkers(db, actor), {}, []));
  });

  app.post(paths.cover.list(), async (request, reply) => {
    const actor = request.actor as Actor;
    requireManager(actor);
    const values = formValues(request.body) as CoverFormValues;
    const issues: FieldIssue[] = [];
    const starts = dateFromParts("The first day", { day: values["startsOn-day"], month: values["startsOn-month"], year: values["startsOn-year"] });
    const ends = dateFromParts("The last day", { day: values["endsOn-day"], month: values["endsOn-month"], year: values["endsOn-year"] });
    if ("error" in starts) issues.push({ field: "startsOn", message: starts.error });
    else if (starts.value === null) issues.push({ field: "startsOn", message: "Enter the first day of the cover" });
    if ("error" in ends) issues.push({ field: "endsOn", message: ends.error });
    else if (ends.value === null) issues.push({ field: "endsOn", message: "Enter the last day of the cover" });
    const parsed = newCoverInput.safeParse({
      absentUserId: values.absentUserId ?? "",
      coveringUserId: values.coveringUserId ?? "",
      startsOn: "value" in starts ? starts.value : null,
      endsOn: "value" in ends ? ends.value : null,
      handoverNote: values.handoverNote,
    });
    if (!parsed.success) for (const issue of fieldIssues(parsed.error)) if (!issues.some((existing) => existing.field === issue.field)) issues.push(issue);
    if (issues.length === 0 && parsed.success) {
      try {
        await arrangeCover(db, actor, parsed.data);
        return redirectWithFlash(db, request, reply, paths.cover.list(), { title: "Cover arranged" });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues.push(...error.issues);
      }
    }
    const order = ["absentUserId", "coveringUserId", "startsOn", "endsOn", "handoverNote"];
    issues.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, coverFormPage(context, await teamWorkers(db, actor), values, issues), 400);
  });

  app.get(paths.cover.cancel(":coverId"), async (request, reply) => {
    requireManager(request.actor as Actor);
    const { coverId } = request.params as { coverId: string };
    const { version } = request.query as { version?: string };
    return sendPage(reply, cancelPage(await pageContext(db, request, reply), coverId, version ?? ""));
  });

  app.post(paths.cover.cancel(":coverId"), async (request, reply) => {
    const { coverId } = request.params as { coverId: string };
    const version = Number.parseInt(formValues(request.body).version ?? "", 10);
    try {
      await cancelCover(db, request.actor as Actor, coverId, Number.isInteger(version) ? version : -1);
    } catch (error) {
      if (!(error instanceof Conflict)) throw error;
      return redirectWithFlash(db, request, reply, paths.cover.list(), { title: "That cover had already changed", text: "Check the list and try again." });
    }
    return redirectWithFlash(db, request, reply, paths.cover.list(), { title: "Cover cancelled" });
  });
};
