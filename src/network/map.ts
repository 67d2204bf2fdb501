import { CARE_TEAM_ROLE_LABELS } from "../platform/access/roles.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import type { Team } from "./service.ts";

/**
 * The network map: the person in the centre, and around them boxes for the Keywork team, other
 * professionals, family and carers, and the services involved now. Drawn at the server as SVG with
 * presentation attributes only (the content security policy forbids inline styles), sized by its
 * viewBox so it scales down to a phone, and described in words for screen readers.
 */

export type MapGroupKind = "team" | "professionals" | "family" | "services";

export interface MapGroup {
  kind: MapGroupKind;
  title: string;
  entries: Array<{ name: string; detail: string }>;
}

export interface NetworkMapInput {
  personName: string;
  groups: MapGroup[];
}

const COLOURS: Record<MapGroupKind, string> = {
  team: "#1d70b8",
  professionals: "#4c2c92",
  family: "#00703c",
  services: "#8a4b08",
};

const WIDTH = 480;
const MARGIN = 6;
const BOX_WIDTH = 230;
const HEADER = 34;
const ENTRY = 42;
const MORE = 26;
const MAX_ENTRIES = 6;
const PERSON_BAND = 110;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function boxHeight(group: MapGroup): number {
  const shown = Math.min(group.entries.length, MAX_ENTRIES);
  const more = group.entries.length > MAX_ENTRIES ? MORE : 0;
  return HEADER + 8 + Math.max(shown, 1) * ENTRY + more;
}

function box(group: MapGroup, x: number, y: number, height: number): SafeHtml {
  const colour = COLOURS[group.kind];
  const shown = group.entries.slice(0, MAX_ENTRIES);
  const hidden = group.entries.length - shown.length;
  const top = y + HEADER + 8;
  return html`<g>
  <rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${height}" rx="6" fill="#ffffff" stroke="${colour}" stroke-width="3"/>
  <rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${HEADER}" rx="6" fill="${colour}"/>
  <text x="${x + 10}" y="${y + 23}" font-size="17" font-weight="700" fill="#ffffff">${truncate(group.title, 24)}</text>
  ${shown.length === 0
    ? html`<text x="${x + 10}" y="${top + 26}" font-size="16" fill="#505a5f">None recorded</text>`
    : shown.map(
        (entry, index) => html`<text x="${x + 10}" y="${top + index * ENTRY + 19}" font-size="17" font-weight="700" fill="#0b0c0c">${truncate(entry.name, 22)}</text>
  <text x="${x + 10}" y="${top + index * ENTRY + 36}" font-size="14" fill="#0b0c0c">${truncate(entry.detail, 29)}</text>`,
      )}
  ${hidden > 0 ? html`<text x="${x + 10}" y="${top + shown.length * ENTRY + 18}" font-size="15" fill="#0b0c0c">and ${hidden} more</text>` : ""}
</g>`;
}

function describe(input: NetworkMapInput): string {
  const parts = input.groups.map((group) =>
    group.entries.length === 0 ? `${group.title}: none recorded.` : `${group.title}: ${group.entries.map((entry) => `${entry.name} (${entry.detail})`).join("; ")}.`,
  );
  return `${input.personName} is in the centre. ${parts.join(" ")}`;
}

/** The SVG picture of the network; `idPrefix` keeps ids unique if a page ever shows two. */
export function networkMap(input: NetworkMapInput, idPrefix = "network-map"): SafeHtml {
  const [topLeft, topRight, bottomLeft, bottomRight] = input.groups;
  const left = MARGIN;
  const right = WIDTH - MARGIN - BOX_WIDTH;
  const topHeight = Math.max(topLeft ? boxHeight(topLeft) : 0, topRight ? boxHeight(topRight) : 0);
  const personY = MARGIN + topHeight + PERSON_BAND / 2;
  const bottomY = MARGIN + topHeight + PERSON_BAND;
  const bottomHeight = Math.max(bottomLeft ? boxHeight(bottomLeft) : 0, bottomRight ? boxHeight(bottomRight) : 0);
  const height = bottomY + bottomHeight + MARGIN;
  const placed = [
    topLeft ? { group: topLeft, x: left, y: MARGIN, height: boxHeight(topLeft), anchorY: MARGIN + boxHeight(topLeft) } : null,
    topRight ? { group: topRight, x: right, y: MARGIN, height: boxHeight(topRight), anchorY: MARGIN + boxHeight(topRight) } : null,
    bottomLeft ? { group: bottomLeft, x: left, y: bottomY, height: boxHeight(bottomLeft), anchorY: bottomY } : null,
    bottomRight ? { group: bottomRight, x: right, y: bottomY, height: boxHeight(bottomRight), anchorY: bottomY } : null,
  ].filter((item) => item !== null);
  const name = truncate(input.personName, 24);
  const pillWidth = Math.min(300, Math.max(150, name.length * 11 + 36));
  return html`<svg class="keywork-network-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc" focusable="false">
  <title id="${idPrefix}-title">Network map of the team around ${input.personName}</title>
  <desc id="${idPrefix}-desc">${describe(input)}</desc>
  ${placed.map((item) => html`<line x1="${WIDTH / 2}" y1="${personY}" x2="${item.x + BOX_WIDTH / 2}" y2="${item.anchorY}" stroke="${COLOURS[item.group.kind]}" stroke-width="4"/>`)}
  ${placed.map((item) => box(item.group, item.x, item.y, item.height))}
  <rect x="${WIDTH / 2 - pillWidth / 2}" y="${personY - 28}" width="${pillWidth}" height="56" rx="28" fill="#0b0c0c"/>
  <text x="${WIDTH / 2}" y="${personY + 7}" font-size="20" font-weight="700" fill="#ffffff" text-anchor="middle">${name}</text>
</svg>`;
}

/** The map's groups from the team as the actor sees it: family only when they may see it. */
export function networkMapFor(team: Pick<Team, "members" | "professionals" | "family" | "services">, personName: string): NetworkMapInput {
  const groups: MapGroup[] = [
    { kind: "team", title: "Keywork team", entries: team.members.map((member) => ({ name: member.name, detail: `${CARE_TEAM_ROLE_LABELS[member.role]}, ${member.organisationName}` })) },
    {
      kind: "professionals",
      title: "Other professionals",
      entries: team.professionals.filter((row) => row.current).map((row) => ({ name: row.name, detail: `${row.role}, ${row.organisationName}` })),
    },
  ];
  if (team.family) {
    groups.push({
      kind: "family",
      title: "Family and carers",
      entries: team.family.filter((row) => row.current).map((row) => ({ name: row.name, detail: row.isCarer ? `${row.relationship}, carer` : row.relationship })),
    });
  }
  groups.push({
    kind: "services",
    title: "Services involved now",
    entries: team.services.filter((row) => row.current).map((row) => ({ name: row.organisationName, detail: row.serviceName ?? "Involved now" })),
  });
  return { personName, groups };
}
