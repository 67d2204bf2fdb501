import { only, relationships, type Actor, type Rule } from "../matrix.ts";
import { ids, grant } from "../records.ts";

/**
 * Access rules for break-glass access (src/break-glass). Key workers, co-workers, managers and
 * psychologists open records outside their access; managers and administrators review it. What a
 * grant opens (the record to read, nothing to change) is the matrix's "break-glass reader" on every
 * route about a person, declared in those routes' rules; src/break-glass/break-glass.test.ts tests
 * grants ending, expiring and being reviewed.
 *
 * One grant (the worker outside the team's, on a person of the lead worker's team) is found by the
 * worker who opened it and by those who review it: every administrator, and the managers of the
 * person's team and of the opener's team, which are the matrix's two (src/break-glass/store.ts
 * `reviewScope`). Those may end it; the reviewers review it (the opener may not review their own).
 * Anyone else who may open or review grants is told it does not exist; the rest are refused.
 */

const OPENERS: Actor[] = ["lead worker", "worker outside the team", "team manager", "other team's manager"];
const REVIEWERS: Actor[] = ["team manager", "other team's manager", "administrator"];

const aGrant = ids({ grantId: grant });

export const breakGlassRules: Record<string, Rule> = {
  "GET /break-glass": { expect: only(OPENERS) },
  // An empty form answers 400 for those who may open a record: past access.
  "POST /break-glass": { expect: only(OPENERS) },
  "POST /break-glass/:grantId/end": { expect: { ...only(["worker outside the team", ...REVIEWERS]), "lead worker": "hidden" }, ids: aGrant },
  "GET /break-glass/report": { expect: only(REVIEWERS) },
  // An empty form answers 400 for reviewers: past access.
  "GET /break-glass/:grantId/review": { expect: only(REVIEWERS), ids: aGrant },
  "POST /break-glass/:grantId/review": { expect: only(REVIEWERS), ids: aGrant },
  // Those who see the person already are told so (409); the others open it (201). The matrix's
  // people have the factory's date of birth. Opening is about a person: the covering worker and the
  // break-glass reader see them already (409); a worker whose cover has ended may open it like any
  // worker (201, audited and reviewed like any grant).
  "POST /api/v1/break-glass": {
    expect: only(OPENERS),
    relationships: relationships("allowed", "allowed", "allowed"),
    json: (person) => ({ personId: person.id, givenName: person.givenName, familyName: person.familyName, dateOfBirth: "1988-04-12", reason: "Access matrix check of break-glass", hours: 1 }),
  },
  "GET /api/v1/break-glass": { expect: only(REVIEWERS) },
};
