import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { chronologyEvents } from "./tables.ts";

export interface NewChronologyEvent {
  tenantId: string;
  personId: string;
  kind: string;
  summary: string;
  section: string;
  detail?: Record<string, unknown> | null;
  actorUserId: string | null;
  sourceType?: string | null;
  sourceId?: string | null;
  occurredAt?: Date;
}

export async function insertChronologyEvent(tx: Db | Tx, event: NewChronologyEvent): Promise<void> {
  await tx.insert(chronologyEvents).values({
    id: newId(),
    tenantId: event.tenantId,
    personId: event.personId,
    kind: event.kind,
    summary: event.summary,
    section: event.section,
    detail: event.detail ?? null,
    actorUserId: event.actorUserId,
    sourceType: event.sourceType ?? null,
    sourceId: event.sourceId ?? null,
    ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
  });
}
