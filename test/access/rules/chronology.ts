import { CHANGES, only, personEdit, personRecord, READS, type Rule } from "../matrix.ts";

/** Access rules for the chronology, significant events and the story's history (src/chronology). No event has the stand-in id. */
export const chronologyRules: Record<string, Rule> = {
  "GET /people/:id/chronology": { expect: personRecord, relationships: READS },
  "GET /people/:id/chronology/events/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/chronology/events": { expect: personEdit, relationships: CHANGES },
  "GET /significant-events/:eventId/edit": { expect: only([], "hidden") },
  "POST /significant-events/:eventId": { expect: only([], "hidden") },
  "GET /people/:id/story": { expect: personRecord, relationships: READS },
  "GET /api/v1/people/:id/chronology": { expect: personRecord, relationships: READS },
};
