import { formatIsoDate } from "../platform/views/format.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { chartSeries, type AggregateRow, type ReadingScores } from "./distance.ts";
import type { ScaleDomain } from "./schema.ts";

/**
 * Server-drawn SVG charts. Each has role="img" with a title and a description, draws every score as a
 * labelled marker (never colour alone), and sits beside a data table and a text summary.
 */

const PANEL_WIDTH = 320;
const PANEL_HEIGHT = 170;
const COLUMNS = 2;
const PANEL = { width: PANEL_WIDTH, height: PANEL_HEIGHT, left: 36, top: 40, right: PANEL_WIDTH - 24, bottom: PANEL_HEIGHT - 34 };

function shortDate(iso: string): string {
  return formatIsoDate(iso).replace(/ \d{4}$/, "");
}

/** Distance travelled as small multiples: one panel per area, scores over time, each labelled. */
export function distanceChart(options: { id: string; title: string; description: string; domains: readonly ScaleDomain[]; readings: readonly ReadingScores[] }): SafeHtml {
  const { domains, readings } = options;
  const minimum = Math.min(...domains.map((domain) => domain.minimum));
  const maximum = Math.max(...domains.map((domain) => domain.maximum));
  const { series, dates } = chartSeries(domains, readings, { ...PANEL, minimum, maximum });
  const rows = Math.ceil(series.length / COLUMNS);
  const width = PANEL_WIDTH * COLUMNS;
  const height = PANEL_HEIGHT * rows;
  const yAt = (score: number) => PANEL.bottom - ((PANEL.bottom - PANEL.top) * (score - minimum)) / (maximum - minimum);
  const levels = Array.from({ length: maximum - minimum + 1 }, (_, index) => minimum + index);
  const first = dates[0];
  const last = dates[dates.length - 1];
  return html`<svg class="keywork-outcomes-chart" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
  <title id="${options.id}-title">${options.title}</title>
  <desc id="${options.id}-desc">${options.description}</desc>
  ${series.map((line, index) => {
    const x = (index % COLUMNS) * PANEL_WIDTH;
    const y = Math.floor(index / COLUMNS) * PANEL_HEIGHT;
    const path = line.points.map((point, at) => `${at === 0 ? "M" : "L"}${point.x} ${point.y}`).join(" ");
    return html`<g transform="translate(${x} ${y})" aria-hidden="true">
    <text x="${PANEL.left}" y="22" class="keywork-chart__heading">${line.name}</text>
    ${levels.map((level) => html`<line x1="${PANEL.left}" x2="${PANEL.right}" y1="${yAt(level)}" y2="${yAt(level)}" class="keywork-chart__grid"/><text x="${PANEL.left - 8}" y="${yAt(level) + 4}" text-anchor="end" class="keywork-chart__axis">${level}</text>`)}
    ${first ? html`<text x="${PANEL.left}" y="${PANEL.bottom + 20}" class="keywork-chart__axis">${shortDate(first)}</text>` : ""}
    ${last && last !== first ? html`<text x="${PANEL.right}" y="${PANEL.bottom + 20}" text-anchor="end" class="keywork-chart__axis">${shortDate(last)}</text>` : ""}
    ${line.points.length > 1 ? html`<path d="${path}" class="keywork-chart__line"/>` : ""}
    ${line.points.map(
      (point) => html`<circle cx="${point.x}" cy="${point.y}" r="5" class="keywork-chart__marker"/><text x="${point.x}" y="${point.y - 9}" text-anchor="middle" class="keywork-chart__value">${point.score}</text>`,
    )}
  </g>`;
  })}
</svg>`;
}

/** The team's average first and latest score per area: a hollow marker for first, a filled one for latest, with the numbers written. */
export function aggregateChart(options: { id: string; title: string; description: string; rows: ReadonlyArray<AggregateRow & { name: string }>; minimum: number; maximum: number }): SafeHtml {
  const rowHeight = 44;
  const left = 230;
  const right = 600;
  const top = 36;
  const width = 660;
  const height = top + rowHeight * Math.max(1, options.rows.length) + 10;
  const xAt = (score: number) => Math.round((left + ((right - left) * (score - options.minimum)) / (options.maximum - options.minimum)) * 10) / 10;
  const levels = Array.from({ length: options.maximum - options.minimum + 1 }, (_, index) => options.minimum + index);
  return html`<svg class="keywork-outcomes-chart" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
  <title id="${options.id}-title">${options.title}</title>
  <desc id="${options.id}-desc">${options.description}</desc>
  <g aria-hidden="true">
    ${levels.map((level) => html`<line x1="${xAt(level)}" x2="${xAt(level)}" y1="${top - 8}" y2="${height - 10}" class="keywork-chart__grid"/><text x="${xAt(level)}" y="${top - 14}" text-anchor="middle" class="keywork-chart__axis">${level}</text>`)}
    ${options.rows.map((row, index) => {
      const y = top + rowHeight * index + rowHeight / 2;
      return html`<text x="${left - 12}" y="${y + 4}" text-anchor="end" class="keywork-chart__label">${row.name}</text>
    <line x1="${xAt(row.averageFirst)}" x2="${xAt(row.averageLatest)}" y1="${y}" y2="${y}" class="keywork-chart__line"/>
    <circle cx="${xAt(row.averageFirst)}" cy="${y}" r="6" class="keywork-chart__marker keywork-chart__marker--first"/>
    <rect x="${xAt(row.averageLatest) - 6}" y="${y - 6}" width="12" height="12" class="keywork-chart__marker"/>
    <text x="${xAt(row.averageLatest)}" y="${y - 10}" text-anchor="middle" class="keywork-chart__value">${row.averageLatest.toFixed(1)}</text>
    <text x="${xAt(row.averageFirst)}" y="${y + 20}" text-anchor="middle" class="keywork-chart__axis">${row.averageFirst.toFixed(1)}</text>`;
    })}
  </g>
</svg>`;
}
