import { CHANGES, only, personEdit, READS, type Actor, type Outcome, type Rule } from "../matrix.ts";
import { caseReview, ids, supervisionNote } from "../records.ts";

/** The staff of the key-worker service, who are supervised or supervise. */
const SERVICE_STAFF = only(["lead worker", "worker outside the team", "team manager", "other team's manager", "peer mentor in the team"]);
const MANAGERS = only(["team manager", "other team's manager"]);
/**
 * One case review is for those who see the whole of the person's record (src/supervision/
 * case-review-service.ts `readCaseReview`): to a partner or peer mentor who sees only part of it,
 * as to everyone who does not see the person, it does not exist; a grant reads it.
 */
const caseReviewSeen = only(["lead worker", "team manager"], "hidden");
/**
 * A supervision note (the lead worker's, by the team's manager) is found by exactly its worker and
 * its supervisor, and changed by its supervisor alone; the worker is refused (403), and everyone
 * else is told it does not exist (src/supervision/note-service.ts `loadNote`).
 */
const aNote = ids({ noteId: supervisionNote });
const noteSeen = only(["lead worker", "team manager"], "hidden");
const noteChanged = { ...only(["team manager"], "hidden"), "lead worker": "forbidden" } as Record<Actor, Outcome>;

/** Access rules for stuck cases, reflective case reviews and supervision notes (src/supervision). */
export const supervisionRules: Record<string, Rule> = {
  // The stuck list: managers and psychologists (no psychologist in the matrix); each sees their own team's.
  "GET /stuck-cases": { expect: MANAGERS },
  "GET /api/v1/stuck-cases": { expect: MANAGERS },
  "GET /settings/stuck-cases": { expect: MANAGERS },
  "POST /settings/stuck-cases": { expect: MANAGERS },
  // Reflective case reviews: the person's workers, their manager (and the team's psychologist);
  // partners and peer mentors who see the person are refused.
  "GET /people/:id/case-reviews": { expect: personEdit, relationships: READS },
  "GET /people/:id/case-reviews/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/case-reviews": { expect: personEdit, relationships: CHANGES },
  "GET /case-reviews/:reviewId": { expect: caseReviewSeen, relationships: READS, ids: ids({ reviewId: caseReview }) },
  // Supervision notes: the service's staff have a supervision page; managers and psychologists write notes.
  "GET /supervision": { expect: SERVICE_STAFF },
  "GET /supervision/new": { expect: MANAGERS },
  "POST /supervision": { expect: MANAGERS },
  "GET /supervision/:noteId": { expect: noteSeen, ids: aNote },
  "GET /supervision/:noteId/edit": { expect: noteChanged, ids: aNote },
  "POST /supervision/:noteId": { expect: noteChanged, ids: aNote },
};
