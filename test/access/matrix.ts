import type { Db } from "../../src/platform/database/open.ts";
import type { TestPerson, TestTenant, TestUser } from "../support/factories.ts";
import type { HttpClient } from "../support/http.ts";

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

/**
 * Workers related to the person by something other than their role and team, each a key worker
 * (src/platform/access: `coveringCondition`, `breakGlassCondition`):
 *  - "covering the lead worker": in the person's team, not in the team around the person, covering
 *    the person's absent lead worker from yesterday to tomorrow (src/caseload/cover-service.ts);
 *  - "cover has ended": the same, but the cover ended yesterday;
 *  - "break-glass reader": in another team, holding a current break-glass grant for the person,
 *    opened through the API with a reason (src/break-glass).
 * They are put to every route about a person: every route whose path has the person's id (`:id`),
 * and every route whose rule declares them (the person is then in its query or body).
 */
export type Relationship = "covering the lead worker" | "cover has ended" | "break-glass reader";

export const RELATIONSHIPS: Relationship[] = ["covering the lead worker", "cover has ended", "break-glass reader"];

export type Relationships = Record<Relationship, Outcome>;

/**
 * The outcomes for the three relationships. Beyond the outcome, the matrix checks that the covering
 * worker gets exactly the lead worker's status wherever both are declared alike, that the
 * break-glass reader gets exactly the lead's status on each read both are allowed, that each such
 * read leaves a `break-glass.access` audit row, and that no request of the reader's other than a
 * GET writes anything to the partnership's tables (audit rows and sessions aside).
 */
export function relationships(covering: Outcome, breakGlass: Outcome, coverEnded: Outcome = "hidden"): Relationships {
  return { "covering the lead worker": covering, "cover has ended": coverEnded, "break-glass reader": breakGlass };
}

/**
 * The product's rules for a read of the record: cover gives the lead worker's access for the days
 * of the cover and no longer; a grant reads the whole record, each reading audited.
 */
export const READS = relationships("allowed", "allowed");
/** ...and for a change to it, or a page with a form to make one: a grant changes nothing. */
export const CHANGES = relationships("allowed", "forbidden");
/** A person's audit trail is for managers and administrators: key workers are refused it outright, however they relate to the person. */
export const AUDIT_TRAIL = relationships("forbidden", "forbidden", "forbidden");

/** Everyone the matrix signs in: each actor but the anonymous one, and each relationship's worker. */
export type Who = Exclude<Actor, "anonymous"> | Relationship;

/**
 * What a rule's `ids` gets to find or make the records its route is about: the request's person
 * (the one with a full record for a read, a fresh one for each write), the matrix's partnership and
 * users, and signed-in clients to make records the way their users do.
 */
export interface RecordScene {
  db: Db;
  tenant: TestTenant;
  users: Record<Who, TestUser>;
  person: TestPerson;
  /**
   * True for a write: the record is made for this request alone, so that one actor's change (a
   * version bump, a record ended or cancelled) cannot change another's answer. False for a read: the
   * record is made once and shared by every read about the same person.
   */
  fresh: boolean;
  /** A signed-in client of the user, shared with the matrix's own requests. */
  client(who: Who, api: boolean): Promise<HttpClient>;
  /** A new person with the matrix's team around them (the lead worker, the partner and the peer mentor in the team). */
  newPerson(): Promise<TestPerson>;
  baseUrl: string;
}

/** The parameters of a route's path that name a record other than the person (`goalId` of `/goals/:goalId`). */
export function recordParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z]+Id)\b/g)].map((match) => match[1] ?? "");
}

/** Real ids for the record id parameters of a route's path (`goalId` for `/goals/:goalId`), by name. */
export type RecordIds = (scene: RecordScene) => Promise<Record<string, string>>;

export interface Rule {
  expect: Record<Actor, Outcome>;
  /**
   * Required on every route about a person (see `Relationship`); a route whose path has no person
   * id declares them when it is about a person all the same.
   */
  relationships?: Relationships;
  /**
   * Required on every route whose path has the id of a record other than the person's own `:id`
   * (`:goalId`, `:referralId`, `:userId`...): the real record each request is about (see
   * `records.ts`). A route with such an id and no way to get a real one fails the matrix.
   */
  ids?: RecordIds;
  /** JSON body for API writes; forms are posted empty with a valid CSRF token. */
  json?: (person: TestPerson) => unknown;
}
