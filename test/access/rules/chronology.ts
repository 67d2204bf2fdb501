import { CHANGES, personEdit, personRecord, READS, type Rule } from "../matrix.ts";
import { ids, significantEvent } from "../records.ts";

/**
 * Access rules for the chronology, significant events and the story's history (src/chronology).
 * A significant event (an eviction, here, which everyone who sees the person sees) is changed only
 * by those who may change the record (src/chronology/service.ts); a grant may not change it.
 */
const anEvent = ids({ eventId: significantEvent });
export const chronologyRules: Record<string, Rule> = {
  "GET /people/:id/chronology": { expect: personRecord, relationships: READS },
  "GET /people/:id/chronology/events/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/chronology/events": { expect: personEdit, relationships: CHANGES },
  "GET /significant-events/:eventId/edit": { expect: personEdit, relationships: CHANGES, ids: anEvent },
  "POST /significant-events/:eventId": { expect: personEdit, relationships: CHANGES, ids: anEvent },
  "GET /people/:id/story": { expect: personRecord, relationships: READS },
  "GET /api/v1/people/:id/chronology": { expect: personRecord, relationships: READS },
};
