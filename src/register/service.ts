import { can, relationshipTo, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { addMonths, ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { todayIso } from "../platform/http/validation.ts";
import { recordChronology } from "../chronology/service.ts";
import { listEpisodes, type EpisodeView } from "./episode-store.ts";
import { findPersonInTenant, peopleToLink, type LinkablePerson } from "./link-store.ts";
import { promptOnRating } from "./prompt.ts";
import { RATING_LABELS, defaultNextReview, type NewEntryInput, type Rating, type RatingInput } from "./schema.ts";
import * as store from "./store.ts";
import type { EntryFilters, EntryView, RatingView, RegisterCounts } from "./store.ts";

export type { EntryView, RatingView, RegisterCounts } from "./store.ts";
export type { EpisodeView } from "./episode-store.ts";

const NOT_A_READER = "The dynamic support register is for its owner and the key-worker service's managers and psychologists";
const NOT_THE_OWNER = "Only the register owner can change the dynamic support register";

export function assertMayRead(actor: Actor): void {
  if (!can(actor, "register.read")) throw new Forbidden(NOT_A_READER);
}

export function assertMayManage(actor: Actor): void {
  if (!can(actor, "register.manage")) throw new Forbidden(NOT_THE_OWNER);
}

/** Every register audit row names the entry, and the person when the entry is linked to one. */
export async function auditEntry(tx: Db | Tx, actor: Actor, entry: { id: string; personId: string | null }, action: string, detail: Record<string, unknown> = {}): Promise<void> {
  await audit(tx, actor, { action, personId: entry.personId, subjectType: "register-entry", subjectId: entry.id, detail });
}

/** Puts a register event on the linked person's chronology, as health information (shared only with consent). */
export async function chronicle(tx: Tx, actor: Actor, entry: { id: string; personId: string | null }, kind: string, summary: string, at: Date): Promise<void> {
  if (!entry.personId) return;
  await recordChronology(tx, actor, { personId: entry.personId, kind, summary, section: "health", sourceType: "register-entry", sourceId: entry.id, occurredAt: at });
}

export async function requireEntry(tx: Db | Tx, tenantId: string, entryId: string, today: string): Promise<EntryView> {
  const entry = isUuid(entryId) ? await store.findEntry(tx, tenantId, entryId, today) : undefined;
  if (!entry) throw new NotFound("Register entry not found");
  return entry;
}

export const REGISTER_PAGE_SIZE = 25;

export interface RegisterRead {
  counts: RegisterCounts;
  entries: EntryView[];
  total: number;
  page: number;
  pageSize: number;
  /** Red and amber-red entries not with the service yet; for those who may take people on, otherwise null. */
  needsTakingOn: EntryView[] | null;
}

/** The register with its counts, filtered and a page at a time; audited. */
export async function readRegister(db: Db, actor: Actor, clock: Clock, options: { filters: EntryFilters; page?: number; pageSize?: number }): Promise<RegisterRead> {
  assertMayRead(actor);
  const today = ukToday(clock);
  const page = Math.max(1, options.page ?? 1);
  const pageSize = options.pageSize ?? REGISTER_PAGE_SIZE;
  return db.transaction(async (tx) => {
    const counts = await store.countEntries(tx, actor.tenantId, today, addMonths(today, -12));
    const { rows, total } = await store.listEntries(tx, actor.tenantId, { today, filters: options.filters, limit: pageSize, offset: (page - 1) * pageSize });
    const needsTakingOn = can(actor, "register.take-on") ? await store.listNeedingTakeOn(tx, actor.tenantId, today) : null;
    await audit(tx, actor, {
      action: "register.list",
      subjectType: "register-entry",
      detail: { filters: options.filters, page, returned: rows.map((row) => row.id), needsTakingOn: needsTakingOn?.map((row) => row.id) ?? [] },
    });
    return { counts, entries: rows, total, page, pageSize, needsTakingOn };
  });
}

export interface EntryRead {
  entry: EntryView;
  ratings: RatingView[];
  episodes: EpisodeView[];
  /** The linked Keywork person, when the reader may see them. */
  person: { id: string; name: string } | null;
  mayManage: boolean;
  mayTakeOn: boolean;
  needsTakingOn: boolean;
  /** Today on the app's clock, YYYY-MM-DD: ages and lengths of stay are counted to it. */
  today: string;
}

/** One entry with its rating history and stays in hospital; audited against the linked person. */
export async function readEntry(db: Db, actor: Actor, clock: Clock, entryId: string, purpose = "view"): Promise<EntryRead> {
  assertMayRead(actor);
  const today = ukToday(clock);
  return db.transaction(async (tx) => {
    const entry = await requireEntry(tx, actor.tenantId, entryId, today);
    const ratings = await store.listRatings(tx, actor.tenantId, entry.id);
    const episodes = await listEpisodes(tx, actor.tenantId, entry.id, today);
    const person = entry.personId ? await visiblePerson(tx, actor, entry.personId) : null;
    const needsTakingOn = await store.entryNeedsTakingOn(tx, actor.tenantId, entry.id, today);
    await auditEntry(tx, actor, entry, "register.entry.read", { purpose, ratings: ratings.length, episodes: episodes.length });
    return { entry, ratings, episodes, person, mayManage: can(actor, "register.manage"), mayTakeOn: can(actor, "register.take-on"), needsTakingOn, today };
  });
}

async function visiblePerson(tx: Tx, actor: Actor, personId: string): Promise<{ id: string; name: string } | null> {
  try {
    await relationshipTo(tx, actor, personId);
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
  const person = await findPersonInTenant(tx, actor.tenantId, personId);
  return person ? { id: person.id, name: `${person.givenName} ${person.familyName}` } : null;
}

/** What the new-entry form offers: the people the owner may see and link (usually none). */
export async function newEntryForm(db: Db, actor: Actor): Promise<{ people: LinkablePerson[] }> {
  assertMayManage(actor);
  return { people: await peopleToLink(db, actor) };
}

function reviewDate(input: RatingInput, today: string): string {
  const next = input.nextReviewOn ?? defaultNextReview(input.rating, today);
  if (next < today) throw new Invalid([{ field: "nextReviewOn", message: "The next review date must be today or in the future" }]);
  return next;
}

/**
 * Records a rating in the entry's history and makes it current, against `expectedVersion` (any
 * when null): blue only while they are in hospital, and another colour only once they are
 * discharged. Prompts the key-worker service when the rating rises to red or amber-red. Returns the
 * new rating's id.
 */
export async function rateInTransaction(
  tx: Tx,
  actor: Actor,
  clock: Clock,
  entryId: string,
  expectedVersion: number | null,
  input: RatingInput,
  options: { audited?: boolean; chronology?: { kind: string; summary: string } } = {},
): Promise<string> {
  const today = ukToday(clock);
  const at = clock.now();
  if (!isUuid(entryId)) throw new NotFound("Register entry not found");
  await store.lockEntry(tx, actor.tenantId, entryId);
  const before = await requireEntry(tx, actor.tenantId, entryId, today);
  const name = `${before.givenName} ${before.familyName}`;
  if (before.inpatient && input.rating !== "blue") {
    throw new Invalid([{ field: "rating", message: `${name} is in hospital: record their discharge to change the rating from blue` }]);
  }
  if (!before.inpatient && input.rating === "blue") {
    throw new Invalid([{ field: "rating", message: "Blue is for young people in hospital now: record the admission instead" }]);
  }
  const nextReviewOn = reviewDate(input, today);
  const rating = { tenantId: actor.tenantId, entryId, rating: input.rating, reason: input.reason, ratedBy: actor.userId, at, nextReviewOn };
  if (!(await store.setCurrentRating(tx, { ...rating, expectedVersion }))) {
    throw new Conflict("Someone else changed this entry after you opened it", before);
  }
  const ratingId = await store.insertRating(tx, rating);
  const restored = before.removedAt !== null;
  const previous: Rating | null = restored ? null : before.rating;
  await promptOnRating(tx, { tenantId: actor.tenantId, entry: before, ratingId, previous, next: input.rating, today });
  const label = RATING_LABELS[input.rating].toLowerCase();
  const summary = restored
    ? `Back on the dynamic support register (${label})`
    : previous === input.rating
      ? `Dynamic support register rating reviewed (${label})`
      : `Dynamic support register rating changed from ${RATING_LABELS[before.rating].toLowerCase()} to ${label}`;
  const event = options.chronology ?? { kind: "register-rating", summary };
  await chronicle(tx, actor, before, event.kind, event.summary, at);
  if (options.audited !== false) await auditEntry(tx, actor, before, "register.entry.rate", { from: before.rating, to: input.rating, restored, ratingId });
  return ratingId;
}

/** A new rating for an entry, made against the version the owner read; audited. */
export async function rateEntry(db: Db, actor: Actor, clock: Clock, entryId: string, expectedVersion: number | null, input: RatingInput): Promise<EntryView> {
  assertMayManage(actor);
  if (!isUuid(entryId)) throw new NotFound("Register entry not found");
  return db.transaction(async (tx) => {
    await rateInTransaction(tx, actor, clock, entryId, expectedVersion, input);
    return requireEntry(tx, actor.tenantId, entryId, ukToday(clock));
  });
}

/**
 * Puts a young person on the register, by name or linked to a Keywork person. For the API a
 * person anywhere in the partnership may be linked; on the page only one the owner may see. When
 * the person is already on the register, the rating is recorded on their entry instead.
 */
export async function createEntry(
  db: Db,
  actor: Actor,
  clock: Clock,
  input: NewEntryInput,
  options: { linkAnyPerson: boolean },
): Promise<{ entry: EntryView; created: boolean }> {
  assertMayManage(actor);
  const today = ukToday(clock);
  const at = clock.now();
  if (input.dateOfBirth && input.dateOfBirth >= today) throw new Invalid([{ field: "dateOfBirth", message: "The date of birth must be in the past" }]);
  return db.transaction(async (tx) => {
    let person: LinkablePerson | undefined;
    if (input.personId) {
      person = await personToLink(tx, actor, input, options.linkAnyPerson);
      const existing = person ? await store.findEntryForPerson(tx, actor.tenantId, person.id, today) : undefined;
      if (existing) {
        await rateInTransaction(tx, actor, clock, existing.id, null, input);
        return { entry: await requireEntry(tx, actor.tenantId, existing.id, today), created: false };
      }
    }
    if (input.rating === "blue") {
      throw new Invalid([{ field: "rating", message: "Add them with the rating they had before admission, then record the admission to make them blue" }]);
    }
    const givenName = input.givenName ?? person?.givenName;
    const familyName = input.familyName ?? person?.familyName;
    if (!givenName || !familyName) throw new Invalid([{ field: "givenName", message: "Enter the young person's given name and family name" }]);
    const nextReviewOn = reviewDate(input, today);
    const entryId = await store.insertEntry(tx, {
      tenantId: actor.tenantId,
      personId: person?.id ?? null,
      givenName,
      familyName,
      dateOfBirth: input.dateOfBirth ?? person?.dateOfBirth ?? null,
      createdBy: actor.userId,
      rating: input.rating,
      reason: input.reason,
      nextReviewOn,
      at,
    });
    const ratingId = await store.insertRating(tx, { tenantId: actor.tenantId, entryId, rating: input.rating, reason: input.reason, ratedBy: actor.userId, at, nextReviewOn });
    const entry = await requireEntry(tx, actor.tenantId, entryId, today);
    await promptOnRating(tx, { tenantId: actor.tenantId, entry, ratingId, previous: null, next: input.rating, today });
    await chronicle(tx, actor, entry, "register-added", `Added to the dynamic support register (${RATING_LABELS[input.rating].toLowerCase()})`, at);
    await auditEntry(tx, actor, entry, "register.entry.create", { rating: input.rating, linked: entry.personId !== null, ratingId });
    return { entry, created: true };
  });
}

/**
 * The person a new entry links to. Their names and date of birth come from their record only when
 * the actor may see it. Otherwise (the API links any person in the partnership) the names must be
 * sent, nothing is read from the record, and the answer is the same whether or not the id exists:
 * the entry is linked when it does, and stands on its own when it does not.
 */
async function personToLink(tx: Tx, actor: Actor, input: NewEntryInput, anyInTenant: boolean): Promise<LinkablePerson | undefined> {
  const personId = input.personId ?? "";
  let visible = true;
  try {
    await relationshipTo(tx, actor, personId);
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    visible = false;
  }
  if (visible) {
    const person = await findPersonInTenant(tx, actor.tenantId, personId);
    if (!person) throw new NotFound("Person not found");
    return person;
  }
  if (!anyInTenant) throw new Invalid([{ field: "personId", message: "Select a young person from the list, or enter their name" }]);
  const message = "Send the young person's givenName and familyName: their Keywork record is not one you can read";
  const missing = [...(input.givenName ? [] : [{ field: "givenName", message }]), ...(input.familyName ? [] : [{ field: "familyName", message }])];
  if (missing.length > 0 || !input.givenName || !input.familyName) throw new Invalid(missing);
  const person = isUuid(personId) ? await findPersonInTenant(tx, actor.tenantId, personId) : undefined;
  return person ? { id: person.id, givenName: input.givenName, familyName: input.familyName, dateOfBirth: input.dateOfBirth, closed: person.closed } : undefined;
}

/** Takes an entry off the register with a reason; its history stays. Not while they are in hospital. */
export async function removeEntry(db: Db, actor: Actor, clock: Clock, entryId: string, expectedVersion: number, reason: string): Promise<EntryView> {
  assertMayManage(actor);
  const today = ukToday(clock);
  return db.transaction(async (tx) => {
    const before = await requireEntry(tx, actor.tenantId, entryId, today);
    if (before.removedAt) throw new Conflict("This entry has already been taken off the register", before);
    if (before.inpatient) throw new Invalid([{ field: "reason", message: `${before.givenName} ${before.familyName} is in hospital: record their discharge before taking them off the register` }]);
    if (!(await store.markRemoved(tx, { tenantId: actor.tenantId, entryId: before.id, expectedVersion, reason, at: clock.now() }))) {
      // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
      // conflict must show what is stored now (taken off already, perhaps), with its version.
      throw new Conflict("Someone else changed this entry after you opened it", await requireEntry(tx, actor.tenantId, before.id, today));
    }
    await chronicle(tx, actor, before, "register-removed", "Taken off the dynamic support register", clock.now());
    await auditEntry(tx, actor, before, "register.entry.remove", { rating: before.rating });
    return requireEntry(tx, actor.tenantId, before.id, today);
  });
}

export interface RegisterSummary {
  entryId: string;
  rating: Rating;
  ratedBy: string | null;
  ratedAt: Date;
  nextReviewOn: string;
  reviewOverdue: boolean;
  inpatientSince: string | null;
}

/**
 * The person's place on the register, for their overview; null when they are not on it. Not
 * audited: the caller audits the read it belongs to.
 */
export async function registerSummaryFor(tx: Db | Tx, tenantId: string, personId: string, today: string = todayIso()): Promise<RegisterSummary | null> {
  const entry = await store.findEntryForPerson(tx, tenantId, personId, today);
  if (!entry || entry.removedAt) return null;
  return {
    entryId: entry.id,
    rating: entry.rating,
    ratedBy: entry.ratedBy?.name ?? null,
    ratedAt: entry.ratedAt,
    nextReviewOn: entry.nextReviewOn,
    reviewOverdue: entry.reviewOverdue,
    inpatientSince: entry.inpatient?.since ?? null,
  };
}
