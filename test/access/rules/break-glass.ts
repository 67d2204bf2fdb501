import { ACTORS, only, relationships, type Actor, type Outcome, type Rule } from "../matrix.ts";

/**
 * Access rules for break-glass access (src/break-glass). Key workers, co-workers, managers and
 * psychologists open records outside their access; managers and administrators review it. No grant
 * has the stand-in id, so those who may end or review one are told it does not exist. What a grant
 * opens (the record to read, nothing to change) is the matrix's "break-glass reader" on every route
 * about a person, declared in those routes' rules; src/break-glass/break-glass.test.ts tests grants
 * ending, expiring and being reviewed.
 */

const OPENERS: Actor[] = ["lead worker", "worker outside the team", "team manager", "other team's manager"];
const REVIEWERS: Actor[] = ["team manager", "other team's manager", "administrator"];

/** Those allowed by `rule` find no grant with the stand-in id. */
function unknownGrant(rule: Record<Actor, Outcome>): Record<Actor, Outcome> {
  return Object.fromEntries(ACTORS.map((actor) => [actor, rule[actor] === "allowed" ? "hidden" : rule[actor]])) as Record<Actor, Outcome>;
}

export const breakGlassRules: Record<string, Rule> = {
  "GET /break-glass": { expect: only(OPENERS) },
  // An empty form answers 400 for those who may open a record: past access.
  "POST /break-glass": { expect: only(OPENERS) },
  "POST /break-glass/:grantId/end": { expect: unknownGrant(only([...OPENERS, "administrator"])) },
  "GET /break-glass/report": { expect: only(REVIEWERS) },
  "GET /break-glass/:grantId/review": { expect: unknownGrant(only(REVIEWERS)) },
  "POST /break-glass/:grantId/review": { expect: unknownGrant(only(REVIEWERS)) },
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
