import type { TestPerson } from "../support/factories.ts";

/**
 * The actors and outcomes of the access matrix, shared by the rules of each capability
 * (`test/access/rules/*.ts`), so that each capability keeps its own rules beside the others.
 */

export type Actor =
  | "anonymous"
  | "lead worker"
  | "worker outside the team"
  | "team manager"
  | "other team's manager"
  | "partner in the team"
  | "partner outside the team"
  | "peer mentor in the team"
  | "administrator"
  | "referrer"
  | "register owner";

export const ACTORS: Actor[] = [
  "anonymous",
  "lead worker",
  "worker outside the team",
  "team manager",
  "other team's manager",
  "partner in the team",
  "partner outside the team",
  "peer mentor in the team",
  "administrator",
  "referrer",
  "register owner",
];

/** allowed: got past access (2xx, 3xx other than to sign-in, or 400 on a deliberately empty form); forbidden: 403; hidden: 404. */
export type Outcome = "allowed" | "forbidden" | "hidden" | "sign-in";

export const SIGNED_IN = Object.fromEntries(ACTORS.map((actor) => [actor, actor === "anonymous" ? "sign-in" : "allowed"])) as Record<Actor, Outcome>;
export const PUBLIC = Object.fromEntries(ACTORS.map((actor) => [actor, "allowed"])) as Record<Actor, Outcome>;

export function only(allowed: Actor[], otherwise: Outcome = "forbidden"): Record<Actor, Outcome> {
  return Object.fromEntries(
    ACTORS.map((actor) => [actor, actor === "anonymous" ? "sign-in" : allowed.includes(actor) ? "allowed" : otherwise]),
  ) as Record<Actor, Outcome>;
}

export const SEES_PERSON: Actor[] = ["lead worker", "team manager", "partner in the team", "peer mentor in the team"];
export const personRecord = only(SEES_PERSON, "hidden");
export const personEdit = { ...only(["lead worker", "team manager"], "hidden"), "partner in the team": "forbidden", "peer mentor in the team": "forbidden" } as Record<Actor, Outcome>;
// Roles that never read audit trails are refused outright (which says nothing about the person);
// a manager of another team is told the person does not exist.
export const personAudit = { ...only(["team manager", "administrator"]), "other team's manager": "hidden" } as Record<Actor, Outcome>;
export const creators = only(["lead worker", "worker outside the team", "team manager", "other team's manager"]);

export interface Rule {
  expect: Record<Actor, Outcome>;
  /** JSON body for API writes; forms are posted empty with a valid CSRF token. */
  json?: (person: TestPerson) => unknown;
}
