import { paths } from "../platform/http/paths.ts";
import { govukSummaryList, govukTable, govukTag } from "../platform/views/govuk/index.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { formatDate, formatDateTime, formatIsoDate, shorten } from "../platform/views/format.ts";
import { latestProgress, ownerLine } from "./present.ts";
import { ACTION_STATUS_LABELS, GOAL_STATUS_LABELS, type ActionStatus, type GoalStatus } from "./schema.ts";
import type { ActionView, GoalView, ProgressView } from "./service.ts";

/** Pieces the plan's pages share: status tags, the progress sparkline, tables of actions. */

const GOAL_TAG_CLASSES: Record<GoalStatus, string> = { active: "govuk-tag--blue", achieved: "govuk-tag--green", stopped: "govuk-tag--grey" };
const ACTION_TAG_CLASSES: Record<ActionStatus, string> = { open: "govuk-tag--blue", done: "govuk-tag--green", cancelled: "govuk-tag--grey" };

export function goalStatusTag(status: GoalStatus): SafeHtml {
  return govukTag({ text: GOAL_STATUS_LABELS[status], classes: GOAL_TAG_CLASSES[status] });
}

export function actionStatusTag(action: Pick<ActionView, "status" | "overdue">): SafeHtml {
  if (action.overdue) return govukTag({ text: "Overdue", classes: "govuk-tag--red" });
  return govukTag({ text: ACTION_STATUS_LABELS[action.status], classes: ACTION_TAG_CLASSES[action.status] });
}

/** "7 out of 10" or "No rating". */
export function ratingText(rating: number | null): string {
  return rating === null ? "No rating" : `${rating} out of 10`;
}

/**
 * Ratings over time as a small line drawn at the server (no script), with the same values in words
 * for screen readers. Empty when fewer than two ratings.
 */
export function sparkline(progress: ProgressView[], options: { width?: number; height?: number } = {}): SafeHtml {
  const rated = progress.filter((item): item is ProgressView & { rating: number } => item.rating !== null);
  if (rated.length < 2) return html``;
  const width = options.width ?? 120;
  const height = options.height ?? 28;
  const step = (width - 4) / (rated.length - 1);
  const points = rated.map((item, index) => [2 + index * step, height - 2 - (item.rating / 10) * (height - 4)] as const);
  const line = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
  const [lastX, lastY] = points[points.length - 1] ?? [0, 0];
  const label = `Ratings over time: ${rated.map((item) => item.rating).join(", ")} out of 10`;
  return html`<svg class="keywork-sparkline" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" focusable="false"><title>${label}</title><line x1="0" y1="${height - 2}" x2="${width}" y2="${height - 2}" stroke="#b1b4b6" stroke-width="1"/><polyline points="${line}" fill="none" stroke="#1d70b8" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/><circle cx="${lastX.toFixed(1)}" cy="${lastY.toFixed(1)}" r="3" fill="#1d70b8"/></svg>`;
}

/** The latest progress in a line: rating, date and the line of ratings. */
export function latestProgressLine(goal: GoalView): SafeHtml {
  const latest = latestProgress(goal);
  if (!latest) return html`No progress recorded yet`;
  return html`${ratingText(latest.rating)}, ${formatDate(latest.recordedAt)} ${sparkline(goal.progress)}`;
}

export function dueLine(action: Pick<ActionView, "dueOn" | "status" | "completedAt">): string {
  if (action.status === "done" && action.completedAt) return `Done ${formatDate(action.completedAt)} (due ${formatIsoDate(action.dueOn)})`;
  return formatIsoDate(action.dueOn);
}

/**
 * A table of actions: what, who owns it, when it is due, its status, and (for readers who see it)
 * the evidence. Each links to the action's page with its history.
 */
export function actionsTable(actions: ActionView[], options: { caption: string; captionClasses?: string; showEvidence: boolean; showGoal?: boolean }): SafeHtml {
  return govukTable({
    caption: options.caption,
    captionClasses: options.captionClasses ?? "govuk-table__caption--s",
    classes: "keywork-plan-actions",
    head: [
      { text: "Action" },
      { text: "Owner" },
      { text: "Due" },
      { text: "Status" },
      ...(options.showEvidence ? [{ text: "Evidence" }] : []),
    ],
    rows: actions.map((action) => [
      {
        html: html`<a class="govuk-link" href="${paths.actions.show(action.id)}">${shorten(action.description, 140)}</a>${
          options.showGoal && action.goalDescription ? html`<br><span class="govuk-hint govuk-!-font-size-16">Goal: ${shorten(action.goalDescription, 80)}</span>` : ""
        }`,
      },
      { text: ownerLine(action), attributes: { "data-label": "Owner" } },
      { text: dueLine(action), attributes: { "data-label": "Due" } },
      { html: actionStatusTag(action), attributes: { "data-label": "Status" } },
      ...(options.showEvidence ? [{ text: action.evidence ? shorten(action.evidence, 120) : "None yet", attributes: { "data-label": "Evidence" } }] : []),
    ]),
  });
}

/** Who made a thing and who changed it last. */
export function recordedLine(item: { createdBy: { name: string } | null; createdAt: Date; updatedBy: { name: string } | null; updatedAt: Date; version: number }): string {
  const made = `Added by ${item.createdBy?.name ?? "Unknown"}, ${formatDateTime(item.createdAt)}.`;
  return item.version > 1 ? `${made} Last changed by ${item.updatedBy?.name ?? "Unknown"}, ${formatDateTime(item.updatedAt)}.` : made;
}

/** An action's details as a summary list. */
export function actionDetails(action: ActionView, options: { showEvidence: boolean; linkMeeting: boolean }): SafeHtml {
  return govukSummaryList({
    rows: [
      { key: { text: "Action" }, value: { html: html`<span class="keywork-pre-line">${action.description}</span>` } },
      { key: { text: "Owner" }, value: { text: ownerLine(action) } },
      { key: { text: "Due" }, value: { html: html`${formatIsoDate(action.dueOn)}${action.overdue ? html` ${govukTag({ text: "Overdue", classes: "govuk-tag--red" })}` : ""}` } },
      { key: { text: "Status" }, value: { html: html`${govukTag({ text: ACTION_STATUS_LABELS[action.status], classes: ACTION_TAG_CLASSES[action.status] })}${action.completedAt ? ` ${formatDate(action.completedAt)}` : ""}` } },
      ...(options.showEvidence ? [{ key: { text: "Evidence" }, value: { html: html`<span class="keywork-pre-line">${action.evidence ?? "None yet"}</span>` } }] : []),
      // Readers who see only their agency's actions see no goals: goalDescription is null for them.
      ...(action.goalId && !action.goalDescription
        ? []
        : [{ key: { text: "Goal" }, value: action.goalId && action.goalDescription ? { html: html`<a class="govuk-link" href="${paths.goals.show(action.goalId)}">${action.goalDescription}</a>` } : { text: "Not linked to a goal" } }]),
      ...(action.meetingId && options.linkMeeting ? [{ key: { text: "Agreed at" }, value: { html: html`<a class="govuk-link" href="${paths.meetings.show(action.meetingId)}">The meeting that recommended it</a>` } }] : []),
    ],
  });
}
