import type { Relationship } from "../platform/access/index.ts";
import { significantEventLabel } from "./schema.ts";
import type { TimelineRow } from "./store.ts";

const CONTACT_TYPE_LABELS: Record<string, string> = {
  "face-to-face": "Face to face",
  phone: "Phone call",
  "phone-call": "Phone call",
  text: "Text message",
  "text-message": "Text message",
  email: "Email",
  video: "Video call",
  "outreach-attempt": "Outreach attempt",
  "did-not-attend": "Did not attend",
  "professional-contact": "With another professional",
  "with-professional": "With another professional",
  "with-another-professional": "With another professional",
};

const LOCATION_PHRASES: Record<string, string> = {
  street: "on the street",
  cafe: "at a café",
  café: "at a café",
  home: "at their home",
  hostel: "at the hostel",
  prison: "in prison",
  court: "at court",
  hospital: "in hospital",
  office: "at the office",
  "day-centre": "at the day centre",
  "day centre": "at the day centre",
  "their-home": "at their home",
  school: "at school",
  "gp-surgery": "at the GP surgery",
  community: "in the community",
  online: "online",
  other: "somewhere else",
};

function humanise(code: string): string {
  const words = code.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function contactTypeLabel(type: string): string {
  return CONTACT_TYPE_LABELS[type] ?? humanise(type);
}

function locationPhrase(location: string): string {
  const known = LOCATION_PHRASES[location.toLowerCase()];
  if (known) return known;
  const words = location.replace(/[-_]+/g, " ").trim();
  return /^(at|in|on|by|near|outside)\s/i.test(words) ? words : `at ${words}`;
}

/** "Face to face at the day centre — Sam Okafor, 45 minutes": what a contact was, never its note. */
export function contactSummary(contact: { type: string; location: string | null; workerName: string | null; durationMinutes: number | null }): string {
  const what = `${contactTypeLabel(contact.type)}${contact.location ? ` ${locationPhrase(contact.location)}` : ""}`;
  const details = [contact.workerName, contact.durationMinutes ? `${contact.durationMinutes} minutes` : null].filter((part): part is string => Boolean(part));
  return details.length > 0 ? `${what} — ${details.join(", ")}` : what;
}

/** One line of the chronology, as pages and the API show it. */
export interface ChronologyItem {
  id: string;
  source: TimelineRow["source"];
  occurredAt: Date;
  recordedAt: Date;
  kind: string;
  /** A short label for the kind: "Contact", "Evicted", "Consent", "Risk"… */
  label: string;
  /** For significant events: eviction, crisis, achievement… */
  eventKind: string | null;
  summary: string;
  section: string;
  recordedBy: { id: string; name: string } | null;
  /** The significant event's own note, for the full audience only; a referral's reason, for those who may read the story. */
  note: string | null;
  sourceRef: { type: string; id: string };
  cursor: string;
}

function labelFor(row: TimelineRow): string {
  if (row.source === "contact") return "Contact";
  if (row.source === "significant-event") return significantEventLabel(row.kind);
  if (row.section === "consent") return "Consent";
  if (row.section === "risks") return "Risk";
  return "Record";
}

export function presentTimelineRow(row: TimelineRow, relationship: Relationship): ChronologyItem {
  const summary =
    row.source === "contact"
      ? contactSummary({ type: row.contactType ?? "contact", location: row.contactLocation, workerName: row.workerName, durationMinutes: row.durationMinutes })
      : row.source === "significant-event" && row.summary === null
        ? significantEventLabel(row.kind)
        : (row.summary ?? "");
  return {
    id: row.id,
    source: row.source,
    occurredAt: row.occurredAt,
    recordedAt: row.recordedAt,
    kind: row.source === "significant-event" ? "significant-event" : row.kind,
    label: labelFor(row),
    eventKind: row.source === "significant-event" ? row.kind : null,
    summary,
    section: row.section,
    recordedBy: row.actorId ? { id: row.actorId, name: row.actorName ?? "Unknown" } : null,
    // A significant event's note is for the full audience; a referral's reason for whoever may read the story it belongs to.
    note: row.source === "significant-event" ? (relationship.audience === "full" ? row.note : null) : row.note,
    sourceRef: row.sourceType && row.sourceId ? { type: row.sourceType, id: row.sourceId } : { type: "chronology-event", id: row.id },
    cursor: row.cursor,
  };
}

/** The API's shape of a chronology item. */
export function presentChronologyItemForApi(item: ChronologyItem) {
  return {
    id: item.id,
    occurredAt: item.occurredAt.toISOString(),
    kind: item.kind,
    ...(item.eventKind ? { eventKind: item.eventKind } : {}),
    summary: item.summary,
    section: item.section,
    recordedBy: item.recordedBy,
    source: item.sourceRef,
  };
}
