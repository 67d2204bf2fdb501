import { can, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid, newId } from "../platform/database/ids.ts";
import { Conflict, Forbidden, NotFound } from "../platform/http/errors.ts";
import type { OpenInput, ReportStatus, ReviewInput, SearchCriteria } from "./schema.ts";
import * as store from "./store.ts";
import type { GrantRow, SearchMatch } from "./store.ts";

export type { GrantRow, SearchMatch } from "./store.ts";

/**
 * Break-glass access (C19): in an emergency, a worker opens a record outside their access with a
 * stated reason, for at most 24 hours. They read it all and change nothing; every opening is
 * audited, and a manager reviews every grant.
 */

export const NOT_AN_OPENER = "Break-glass access is for key workers, co-workers, managers and psychologists";
export const NOT_A_REVIEWER = "Only managers and administrators review break-glass access";
export const ALREADY_VISIBLE = "You can already see this record: open it without break-glass access";
const MATCH_LIMIT = 20;
export const REPORT_PAGE_SIZE = 25;

export function assertMayOpen(actor: Actor): void {
  if (!can(actor, "break-glass.open")) throw new Forbidden(NOT_AN_OPENER);
}

export function assertMayReview(actor: Actor): void {
  if (!can(actor, "break-glass.review")) throw new Forbidden(NOT_A_REVIEWER);
}

/**
 * Everyone in the partnership with exactly this name and date of birth: only their name, date of
 * birth and team. Audited with how many were found, not the names searched for.
 */
export async function search(db: Db, actor: Actor, criteria: SearchCriteria): Promise<SearchMatch[]> {
  assertMayOpen(actor);
  return db.transaction(async (tx) => {
    const matches = await store.findMatches(tx, actor, criteria, MATCH_LIMIT);
    await audit(tx, actor, {
      action: "break-glass.search",
      subjectType: "break-glass-search",
      detail: { results: matches.length, alreadyVisible: matches.filter((match) => match.alreadyVisible).length, personIds: matches.map((match) => match.personId) },
    });
    return matches;
  });
}

/** The one answer for an unknown id and for a person who does not match: nothing tells them apart. */
export const NO_MATCH = "No record matches this name, date of birth and person";

async function findMatch(tx: Db | Tx, actor: Actor, criteria: SearchCriteria, personId: string): Promise<SearchMatch> {
  const [match] = isUuid(personId) ? await store.findMatches(tx, actor, criteria, 1, personId) : [];
  if (!match) throw new NotFound(NO_MATCH);
  return match;
}

/** One person found by the search, for the form that asks why: NotFound unless they match the criteria. */
export async function matchFor(db: Db, actor: Actor, criteria: SearchCriteria, personId: string): Promise<SearchMatch> {
  assertMayOpen(actor);
  return findMatch(db, actor, criteria, personId);
}

export interface OpenedGrant {
  id: string;
  personId: string;
  openedAt: Date;
  expiresAt: Date;
}

/**
 * Opens a record for `hours` (validated by the caller's schema: at most 24) from now on the clock,
 * only when the person matches the name and date of birth, as found by the search. NotFound (the
 * same answer) for an unknown id and for a person who does not match; Conflict when the actor can
 * see them already.
 */
export async function openRecord(db: Db, actor: Actor, clock: Clock, criteria: SearchCriteria, input: OpenInput): Promise<OpenedGrant> {
  assertMayOpen(actor);
  return db.transaction(async (tx) => {
    const person = await findMatch(tx, actor, criteria, input.personId);
    if (person.alreadyVisible) throw new Conflict(ALREADY_VISIBLE);
    const openedAt = clock.now();
    const expiresAt = new Date(openedAt.getTime() + input.hours * 3_600_000);
    const id = newId();
    await store.insertGrant(tx, { id, tenantId: actor.tenantId, userId: actor.userId, personId: person.personId, reason: input.reason, openedAt, expiresAt });
    await audit(tx, actor, {
      action: "break-glass.open",
      personId: person.personId,
      subjectType: "break-glass-grant",
      subjectId: id,
      detail: { reason: input.reason, hours: input.hours, expiresAt: expiresAt.toISOString() },
    });
    return { id, personId: person.personId, openedAt, expiresAt };
  });
}

/** A grant the actor opened or reviews; NotFound otherwise. */
export async function readGrant(db: Db, actor: Actor, grantId: string): Promise<GrantRow> {
  const grant = isUuid(grantId) ? await store.findGrant(db, actor, grantId) : undefined;
  if (!grant) throw new NotFound("Break-glass access not found");
  return grant;
}

/** Ends a grant early: one's own, or any a manager reviews. Conflict when it has ended already. */
export async function endAccess(db: Db, actor: Actor, clock: Clock, grantId: string): Promise<GrantRow> {
  if (!can(actor, "break-glass.open") && !can(actor, "break-glass.review")) throw new Forbidden(NOT_AN_OPENER);
  if (!isUuid(grantId)) throw new NotFound("Break-glass access not found");
  return db.transaction(async (tx) => {
    const grant = await store.findGrant(tx, actor, grantId);
    if (!grant) throw new NotFound("Break-glass access not found");
    if (!(await store.endGrant(tx, actor.tenantId, grant.id, clock.now()))) throw new Conflict("This break-glass access has already ended", grant);
    await audit(tx, actor, { action: "break-glass.end", personId: grant.personId, subjectType: "break-glass-grant", subjectId: grant.id, detail: { own: grant.userId === actor.userId } });
    return grant;
  });
}

export interface Report {
  rows: GrantRow[];
  total: number;
  page: number;
  pageSize: number;
  awaitingReview: number;
}

/** The grants a manager (their team's) or an administrator (all) reviews, newest first; audited. */
export async function readReport(db: Db, actor: Actor, query: { status?: ReportStatus | undefined; page?: number | undefined }): Promise<Report> {
  assertMayReview(actor);
  const page = Math.max(1, query.page ?? 1);
  return db.transaction(async (tx) => {
    const { rows, total } = await store.listGrants(tx, actor, { status: query.status, limit: REPORT_PAGE_SIZE, offset: (page - 1) * REPORT_PAGE_SIZE });
    const awaitingReview = await store.countAwaitingReview(tx, actor);
    await audit(tx, actor, { action: "break-glass.report", subjectType: "break-glass-grant", detail: { status: query.status ?? "all", page, returned: rows.map((row) => row.id) } });
    return { rows, total, page, pageSize: REPORT_PAGE_SIZE, awaitingReview };
  });
}

/** How many grants the actor has still to review (0 for those who do not review). */
export async function awaitingReviewCount(db: Db, actor: Actor): Promise<number> {
  return can(actor, "break-glass.review") ? store.countAwaitingReview(db, actor) : 0;
}

/** Whether the reviewer may see the name of the person whose record was opened: their own team's people. */
export function showsPersonName(actor: Actor, grant: Pick<GrantRow, "personTeamId">): boolean {
  return actor.teamId !== null && grant.personTeamId === actor.teamId;
}

/** A grant to review, NotFound outside the reviewer's scope; nobody reviews their own. */
export async function grantToReview(db: Db, actor: Actor, grantId: string): Promise<GrantRow> {
  assertMayReview(actor);
  const grant = await readGrant(db, actor, grantId);
  if (grant.userId === actor.userId) throw new Forbidden("You cannot review your own break-glass access: another manager or an administrator reviews it");
  return grant;
}

/** Records the review once: Conflict when someone has reviewed it already. */
export async function review(db: Db, actor: Actor, clock: Clock, grantId: string, input: ReviewInput): Promise<GrantRow> {
  const grant = await grantToReview(db, actor, grantId);
  return db.transaction(async (tx) => {
    const recorded = await store.recordReview(tx, actor.tenantId, grant.id, { ...input, reviewedBy: actor.userId, reviewedAt: clock.now() });
    if (!recorded) throw new Conflict("Someone has already reviewed this break-glass access", grant);
    await audit(tx, actor, { action: "break-glass.reviewed", personId: grant.personId, subjectType: "break-glass-grant", subjectId: grant.id, detail: { outcome: input.outcome } });
    return grant;
  });
}
