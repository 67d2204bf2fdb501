import { isoDaysFromToday } from "../../support/chronology.ts";
import { CHANGES, only, personEdit, READS, type Actor, type Outcome, type Rule } from "../matrix.ts";

/**
 * Meetings are seen by the professionals in the team around the person (its workers, their manager
 * and partner professionals, who see less without the plan shared); peer mentors are refused, and
 * everyone else is told the person does not exist. Only those who may change the record, record
 * meetings. No meeting has the stand-in id; src/meetings/*.test.ts use real ones.
 */
const meetingsSeen = { ...only(["lead worker", "team manager", "partner in the team"], "hidden"), "peer mentor in the team": "forbidden" } as Record<Actor, Outcome>;
const noSuchMeeting = only([], "hidden");

/** Access rules for meetings and their recommendations (src/meetings). */
export const meetingRules: Record<string, Rule> = {
  "GET /people/:id/meetings": { expect: meetingsSeen, relationships: READS },
  "GET /people/:id/meetings/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/meetings": { expect: personEdit, relationships: CHANGES },
  "GET /meetings/:meetingId": { expect: noSuchMeeting },
  "GET /meetings/:meetingId/edit": { expect: noSuchMeeting },
  "POST /meetings/:meetingId": { expect: noSuchMeeting },
  "POST /meetings/:meetingId/recommendations": { expect: noSuchMeeting },
  "GET /api/v1/people/:id/meetings": { expect: meetingsSeen, relationships: READS },
  "POST /api/v1/people/:id/meetings": { expect: personEdit, relationships: CHANGES, json: () => ({ kind: "cetr", date: isoDaysFromToday(0), location: "Matrix room" }) },
  "GET /api/v1/meetings/:meetingId": { expect: noSuchMeeting },
};
