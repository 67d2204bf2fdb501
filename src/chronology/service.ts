import type { Actor, ConsentScope } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import * as store from "./store.ts";

/**
 * Which part of the record an event belongs to. Consent-scoped sections are seen only by those the
 * person shares them with; "record" (engagement, team, closure) by everyone who may see the person;
 * "consent" and "risks" as those pages allow.
 */
export type ChronologySection = ConsentScope | "record" | "consent" | "risks";

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
