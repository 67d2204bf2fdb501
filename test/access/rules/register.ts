import { only, type Actor, type Rule } from "../matrix.ts";
import { ids, inpatientEpisode, registerEntry } from "../records.ts";

/**
 * Access rules for the dynamic support register and inpatient episodes (src/register). The register
 * owner keeps it; the key-worker service's managers (and psychologists) read it, and managers take
 * people on; everyone else is refused, whatever the person or entry. These are rights of a role
 * across the partnership, not of a team (src/platform/access/capabilities.ts `register.*`,
 * src/register/service.ts `assertMayRead`, `assertMayManage`), so both teams' managers read the
 * owner's entry here and may take it on; src/register/register-access.test.ts has more.
 */

const MANAGERS: Actor[] = ["team manager", "other team's manager"];
const readers = only([...MANAGERS, "register owner"]);
const owner = only(["register owner"]);
const anEntry = ids({ entryId: registerEntry });
const anEpisode = ids({ episodeId: inpatientEpisode });

export const registerRules: Record<string, Rule> = {
  "GET /register": { expect: readers },
  "GET /register/new": { expect: owner },
  // An empty form answers 400 for the owner: past access.
  "POST /register": { expect: owner },
  "GET /register/:entryId": { expect: readers, ids: anEntry },
  "GET /register/:entryId/rating": { expect: owner, ids: anEntry },
  "POST /register/:entryId/rating": { expect: owner, ids: anEntry },
  "GET /register/:entryId/remove": { expect: owner, ids: anEntry },
  "POST /register/:entryId/remove": { expect: owner, ids: anEntry },
  "GET /register/:entryId/take-on": { expect: only(MANAGERS), ids: anEntry },
  "POST /register/:entryId/take-on": { expect: only(MANAGERS), ids: anEntry },
  "GET /register/:entryId/episodes/new": { expect: owner, ids: anEntry },
  "POST /register/:entryId/episodes": { expect: owner, ids: anEntry },
  "GET /inpatient-episodes/:episodeId/edit": { expect: owner, ids: anEpisode },
  "POST /inpatient-episodes/:episodeId": { expect: owner, ids: anEpisode },
  "GET /api/v1/register": { expect: readers },
  "POST /api/v1/register": { expect: owner, json: () => ({ givenName: "Matrix", familyName: "Check", dateOfBirth: "2011-02-03", rating: "amber", reason: "Matrix check" }) },
  "GET /api/v1/register/:entryId": { expect: readers, ids: anEntry },
  "POST /api/v1/register/:entryId/episodes": { expect: owner, ids: anEntry, json: () => ({ admittedOn: "2026-01-05", setting: "Matrix unit" }) },
};
