import { maySee, relationshipTo, type Actor, type ConsentScope, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, NotFound } from "../platform/http/errors.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import { personHeading } from "../people/service.ts";
import { visibleRiskCategories } from "../risks/visibility.ts";
import { presentTimelineRow, type ChronologyItem } from "./present.ts";
import { significantEventSection, type ChronologyOptions, type SignificantEventInput, type TimelineCursor } from "./schema.ts";
import * as store from "./store.ts";
import type { SignificantEventRow } from "./store.ts";

export type { SignificantEventRow } from "./store.ts";

/**
 * Which part of the record an event belongs to. Consent-scoped sections are seen only by those the
 * person shares them with; "record" (engagement, team, closure) by everyone who may see the person;
 * "consent" and "risks" as those pages allow.
 */
export type ChronologySection = ConsentScope | "record" | "consent" | "risks" | "team";

export interface ChronologyEntry {
  personId: string;
  /** A short machine name: "engagement-changed", "team-member-added", "consent-withdrawn", "story-edited"… */
  kind: string;
  /** One plain-English line a worker reads on the timeline. Never the text of a note. */
  summary: string;
  section: ChronologySection;
  detail?: Record<string, unknown>;
  sourceType?: string;
  sourceId?: string;
  occurredAt?: Date;
}

/** Adds an event to the person's chronology. Call it in the transaction that makes the change. */
export async function recordChronology(tx: Db | Tx, actor: Pick<Actor, "tenantId" | "userId">, entry: ChronologyEntry): Promise<void> {
  await store.insertChronologyEvent(tx, {
    tenantId: actor.tenantId,
    actorUserId: actor.userId,
    personId: entry.personId,
    kind: entry.kind,
    summary: entry.summary,
    section: entry.section,
    detail: entry.detail ?? null,
    sourceType: entry.sourceType ?? null,
    sourceId: entry.sourceId ?? null,
    ...(entry.occurredAt ? { occurredAt: entry.occurredAt } : {}),
  });
}

/**
 * The sections of the chronology a reader sees; null for all of them. Partners and carers see the
 * record and what consent shares with them, partners the risks and the agencies involved too (the
 * risks of the categories they may see: `visibleRiskCategories`); peer mentors the record alone;
 * consent itself only the full audience.
 */
export function chronologySections(relationship: Relationship): readonly ChronologySection[] | null {
  if (relationship.audience === "full") return null;
  if (relationship.audience === "peer-mentor") return ["record"];
  const sections: ChronologySection[] = ["record", ...relationship.sharedScopes];
  // Partners also see the agencies and professionals around the person, and the risks (safety).
  if (relationship.audience === "partner") sections.push("risks", "team");
  return sections;
}

export interface ChronologyRead {
  person: PersonHeading;
  relationship: Relationship;
  items: ChronologyItem[];
  total: number;
  /** `before` for the next page, when there is one. */
  next: string | null;
}

/** A person's chronology as the actor may see it, newest first; the read is audited. */
export async function readChronology(
  db: Db,
  actor: Actor,
  personId: string,
  options: ChronologyOptions & { offset?: number; before?: TimelineCursor | null; limit: number; purpose: "page" | "print" | "api" },
): Promise<ChronologyRead> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    const person = await personHeading(tx, actor.tenantId, personId);
    const rows = await store.listTimeline(tx, {
      tenantId: actor.tenantId,
      personId,
      sections: chronologySections(relationship),
      riskCategories: relationship.audience === "full" ? null : visibleRiskCategories(relationship),
      filter: options.filter,
      from: options.from,
      to: options.to,
      before: options.before ?? null,
      limit: options.limit,
      offset: options.offset ?? 0,
    });
    await audit(tx, actor, {
      action: "chronology.read",
      personId,
      detail: { purpose: options.purpose, audience: relationship.audience, filter: options.filter, from: options.from, to: options.to, returned: rows.length },
    });
    const total = rows[0]?.total ?? 0;
    const last = rows.at(-1);
    const seen = (options.offset ?? 0) + rows.length;
    return {
      person,
      relationship,
      items: rows.map((row) => presentTimelineRow(row, relationship)),
      total,
      next: last && seen < total ? last.cursor : null,
    };
  });
}

/** The latest crisis (a significant event of kind "crisis") of each person, for the caseload's ordering. */
export async function latestCrises(tx: Db | Tx, tenantId: string, personIds: string[]): Promise<Map<string, Date>> {
  return store.latestSignificantEventOfKind(tx, tenantId, personIds, "crisis");
}

export interface SignificantEventContext {
  person: PersonHeading;
  relationship: Relationship;
}

const MAY_NOT_EDIT = "Only the person's key workers and their manager can add or change significant events";

/** Checks the actor may add significant events for the person, and gives what the form shows; audited as a read. */
export async function significantEventForm(db: Db, actor: Actor, personId: string): Promise<SignificantEventContext> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const person = await personHeading(tx, actor.tenantId, personId);
    await audit(tx, actor, { action: "person.read", personId, detail: { purpose: "significant-event-form" } });
    return { person, relationship };
  });
}

export async function addSignificantEvent(db: Db, actor: Actor, personId: string, input: SignificantEventInput): Promise<SignificantEventRow> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const event = await store.insertSignificantEvent(tx, { tenantId: actor.tenantId, personId, recordedBy: actor.userId, event: input });
    await audit(tx, actor, { action: "significant-event.create", personId, subjectType: "significant-event", subjectId: event.id, detail: { kind: input.kind } });
    return event;
  });
}

/** A significant event the reader does not see on the chronology (health or offending not shared with them) does not exist for them. */
function assertSeesSignificantEvent(relationship: Relationship, kind: string): void {
  const sections = chronologySections(relationship);
  if (sections !== null && !sections.includes(significantEventSection(kind))) throw new NotFound("Significant event not found");
}

/** A significant event with its person, for the edit form; NotFound unless the actor sees the person, Forbidden unless they may edit. */
export async function readSignificantEventForEdit(db: Db, actor: Actor, eventId: string): Promise<SignificantEventContext & { event: SignificantEventRow }> {
  if (!isUuid(eventId)) throw new NotFound("Significant event not found");
  return db.transaction(async (tx) => {
    const event = await store.findSignificantEvent(tx, actor.tenantId, eventId);
    if (!event) throw new NotFound("Significant event not found");
    const relationship = await relationshipTo(tx, actor, event.personId);
    assertSeesSignificantEvent(relationship, event.kind);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const person = await personHeading(tx, actor.tenantId, event.personId);
    await audit(tx, actor, { action: "person.read", personId: event.personId, subjectType: "significant-event", subjectId: event.id, detail: { purpose: "significant-event-edit" } });
    return { event, person, relationship };
  });
}

/** Saves changes made against `expectedVersion`; Conflict (with what is stored now) when someone saved first. */
export async function updateSignificantEvent(db: Db, actor: Actor, eventId: string, expectedVersion: number, input: SignificantEventInput): Promise<SignificantEventRow> {
  if (!isUuid(eventId)) throw new NotFound("Significant event not found");
  return db.transaction(async (tx) => {
    const stored = await store.findSignificantEvent(tx, actor.tenantId, eventId);
    if (!stored) throw new NotFound("Significant event not found");
    const relationship = await relationshipTo(tx, actor, stored.personId);
    assertSeesSignificantEvent(relationship, stored.kind);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const updated = await store.updateSignificantEvent(tx, { tenantId: actor.tenantId, eventId, expectedVersion, event: input });
    if (!updated) throw new Conflict("Someone else changed this significant event after you opened it", stored);
    await audit(tx, actor, {
      action: "significant-event.update",
      personId: stored.personId,
      subjectType: "significant-event",
      subjectId: eventId,
      detail: { kind: input.kind, version: updated.version },
    });
    return updated;
  });
}

export interface StoryVersion {
  version: number;
  story: string | null;
  changedAt: Date;
  changedByName: string | null;
}

export interface StoryHistory extends SignificantEventContext {
  /** False when the person's story is not shared with the actor: no versions are given. */
  shared: boolean;
  /** Each version in which the story changed, newest (the current story) first. */
  versions: StoryVersion[];
}

/** The person's story now and every earlier version of it, for those the story is shared with; audited. */
export async function readStoryHistory(db: Db, actor: Actor, personId: string): Promise<StoryHistory> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    const person = await personHeading(tx, actor.tenantId, personId);
    const shared = maySee(relationship, "story");
    const versions: StoryVersion[] = [];
    if (shared) {
      let previous: string | null = null;
      for (const revision of await store.listStoryRevisions(tx, actor.tenantId, personId)) {
        const story = revision.story?.trim() ? revision.story : null;
        if (story === previous) continue;
        versions.push({ ...revision, story });
        previous = story;
      }
      versions.reverse();
    }
    await audit(tx, actor, { action: "story-history.read", personId, detail: { shared, versions: versions.length } });
    return { person, relationship, shared, versions };
  });
}
