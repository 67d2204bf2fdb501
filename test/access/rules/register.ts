import { ACTORS, only, type Actor, type Outcome, type Rule } from "../matrix.ts";

/**
 * Access rules for the dynamic support register and inpatient episodes (src/register). The register
 * owner keeps it; the key-worker service's managers (and psychologists) read it, and managers take
 * people on; everyone else is refused, whatever the person. No entry or stay has the stand-in id,
 * so those who may use a route with one are told it does not exist; src/register/register-access.test.ts
 * uses real ones.
 */

const MANAGERS: Actor[] = ["team manager", "other team's manager"];
const readers = only([...MANAGERS, "register owner"]);
const owner = only(["register owner"]);

/** Those allowed by `rule` find no entry with the stand-in id. */
function unknownId(rule: Record<Actor, Outcome>): Record<Actor, Outcome> {
  return Object.fromEntries(ACTORS.map((actor) => [actor, rule[actor] === "allowed" ? "hidden" : rule[actor]])) as Record<Actor, Outcome>;
}

export const registerRules: Record<string, Rule> = {
  "GET /register": { expect: readers },
  "GET /register/new": { expect: owner },
  // An empty form answers 400 for the owner: past access.
  "POST /register": { expect: owner },
  "GET /register/:entryId": { expect: unknownId(readers) },
  "GET /register/:entryId/rating": { expect: unknownId(owner) },
  "POST /register/:entryId/rating": { expect: unknownId(owner) },
  "GET /register/:entryId/remove": { expect: unknownId(owner) },
  "POST /register/:entryId/remove": { expect: unknownId(owner) },
  "GET /register/:entryId/take-on": { expect: unknownId(only(MANAGERS)) },
  "POST /register/:entryId/take-on": { expect: unknownId(only(MANAGERS)) },
  "GET /register/:entryId/episodes/new": { expect: unknownId(owner) },
  "POST /register/:entryId/episodes": { expect: unknownId(owner) },
  "GET /inpatient-episodes/:episodeId/edit": { expect: unknownId(owner) },
  "POST /inpatient-episodes/:episodeId": { expect: unknownId(owner) },
  "GET /api/v1/register": { expect: readers },
  "POST /api/v1/register": { expect: owner, json: () => ({ givenName: "Matrix", familyName: "Check", dateOfBirth: "2011-02-03", rating: "amber", reason: "Matrix check" }) },
  "GET /api/v1/register/:entryId": { expect: unknownId(readers) },
  "POST /api/v1/register/:entryId/episodes": { expect: unknownId(owner), json: () => ({ admittedOn: "2026-01-05", setting: "Matrix unit" }) },
};
