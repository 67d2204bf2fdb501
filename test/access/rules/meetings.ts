import { isoDaysFromToday } from "../../support/chronology.ts";
import { CHANGES, only, personEdit, READS, type Actor, type Outcome, type Rule } from "../matrix.ts";
import { ids, meeting } from "../records.ts";

/**
 * Meetings are seen by the professionals in the team around the person (its workers, their manager
 * and partner professionals, who see less without the plan shared); peer mentors are refused, and
 * everyone else is told the person does not exist. Only those who may change the record, record
 * meetings. One meeting is the same (src/meetings/service.ts `loadMeeting`): read by those who see
 * the person's meetings, changed (and given recommendations) only by those who may change the record;
 * a grant reads it and changes nothing.
 */
const meetingsSeen = { ...only(["lead worker", "team manager", "partner in the team"], "hidden"), "peer mentor in the team": "forbidden" } as Record<Actor, Outcome>;
const aMeeting = ids({ meetingId: meeting });

/** Access rules for meetings and their recommendations (src/meetings). */
export const meetingRules: Record<string, Rule> = {
  "GET /people/:id/meetings": { expect: meetingsSeen, relationships: READS },
  "GET /people/:id/meetings/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/meetings": { expect: personEdit, relationships: CHANGES },
  "GET /meetings/:meetingId": { expect: meetingsSeen, relationships: READS, ids: aMeeting },
  "GET /meetings/:meetingId/edit": { expect: personEdit, relationships: CHANGES, ids: aMeeting },
  "POST /meetings/:meetingId": { expect: personEdit, relationships: CHANGES, ids: aMeeting },
  "POST /meetings/:meetingId/recommendations": { expect: personEdit, relationships: CHANGES, ids: aMeeting },
  "GET /api/v1/people/:id/meetings": { expect: meetingsSeen, relationships: READS },
  "POST /api/v1/people/:id/meetings": { expect: personEdit, relationships: CHANGES, json: () => ({ kind: "cetr", date: isoDaysFromToday(0), location: "Matrix room" }) },
  "GET /api/v1/meetings/:meetingId": { expect: meetingsSeen, relationships: READS, ids: aMeeting },
};
