import { CHANGES, only, personEdit, READS, type Rule } from "../matrix.ts";

/** The staff of the key-worker service, who are supervised or supervise. */
const SERVICE_STAFF = only(["lead worker", "worker outside the team", "team manager", "other team's manager", "peer mentor in the team"]);
const MANAGERS = only(["team manager", "other team's manager"]);
// No note or review has the stand-in id; src/supervision/*.test.ts use real ones, and test that a
// note is found only by its worker and its supervisor.
const NOBODY_FINDS = only([], "hidden");

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
  "GET /case-reviews/:reviewId": { expect: NOBODY_FINDS },
  // Supervision notes: the service's staff have a supervision page; managers and psychologists write notes.
  "GET /supervision": { expect: SERVICE_STAFF },
  "GET /supervision/new": { expect: MANAGERS },
  "POST /supervision": { expect: MANAGERS },
  "GET /supervision/:noteId": { expect: NOBODY_FINDS },
  "GET /supervision/:noteId/edit": { expect: NOBODY_FINDS },
  "POST /supervision/:noteId": { expect: NOBODY_FINDS },
};
