import { relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { recordChronology } from "../chronology/service.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import { personHeading } from "../people/service.ts";
import { addGoalInTransaction } from "../plans/goals.ts";
import * as store from "./case-review-store.ts";
import type { CaseReviewView } from "./case-review-store.ts";
import { goalLines, type CaseReviewInput } from "./schema.ts";
import { stuckReasonsFor, type StuckReason } from "./service.ts";

export type { CaseReviewView } from "./case-review-store.ts";

/** How the refocused goals of a review are named on the chronology and in the audit trail. */
export const VIA_CASE_REVIEW = "reflective case review";

const MAY_NOT_RECORD = "Only the person's key workers, their manager and the team's psychologist can record a reflective case review";
const MAY_NOT_READ = "Reflective case reviews are seen only by the person's key workers, their manager and the team's psychologist";

/**
 * Who may hold and record a reflective case review: the person's workers (and their manager), and
 * the psychologist who oversees the team — reflective review is their core work, though they do
 * not otherwise change the record.
 */
export function mayRecordCaseReview(relationship: Relationship): boolean {
  return relationship.mayEdit || relationship.overseesTeam;
}

async function relationshipForRecording(tx: Db | Tx, actor: Actor, personId: string): Promise<Relationship> {
  const relationship = await relationshipTo(tx, actor, personId);
  if (!mayRecordCaseReview(relationship)) throw new Forbidden(MAY_NOT_RECORD);
  return relationship;
}

export interface CaseReviewFormContext {
  person: PersonHeading;
  relationship: Relationship;
  /** What the stuck-case rules find today, to start "what is stuck" with. */
  stuckReasons: StuckReason[];
}

/** Checks the actor may record a review, and gives what the form starts with; audited as a read. */
export async function caseReviewForm(db: Db, actor: Actor, personId: string, today: string): Promise<CaseReviewFormContext> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipForRecording(tx, actor, personId);
    const person = await personHeading(tx, actor.tenantId, personId);
    const stuckReasons = await stuckReasonsFor(tx, actor, personId, today);
    await audit(tx, actor, { action: "person.read", personId, detail: { purpose: "case-review-form" } });
    return { person, relationship, stuckReasons };
  });
}

/** The review's line on the chronology: when it was held and how many goals were refocused — never its outcome or conversation. */
export function caseReviewSummary(heldOn: string, goalsRefocused: number): string {
  return `Reflective case review held on ${formatIsoDate(heldOn)}: ${goalsRefocused} ${goalsRefocused === 1 ? "goal" : "goals"} refocused`;
}

/**
 * Records a reflective case review. Each refocused goal becomes a goal in the person's plan; that
 * it was held, and the refocused goals, go on the chronology (plan section) — never the outcome or
 * the conversation. `today` is the app
 * clock's UK date: a review cannot be held in the future.
 */
export async function recordCaseReview(db: Db, actor: Actor, personId: string, input: CaseReviewInput, today: string): Promise<{ reviewId: string; goalsAdded: number }> {
  if (input.heldOn > today) throw new Invalid([{ field: "heldOn", message: "The date of the review must be today or in the past" }]);
  return db.transaction(async (tx) => {
    await relationshipForRecording(tx, actor, personId);
    const reviewId = await store.insertCaseReview(tx, { tenantId: actor.tenantId, personId, createdBy: actor.userId, review: input });
    const goals = goalLines(input.refocusedGoals);
    for (const description of goals) {
      await addGoalInTransaction(tx, actor, personId, { description, workerNote: null }, { via: VIA_CASE_REVIEW, today });
    }
    await recordChronology(tx, actor, {
      personId,
      kind: "case-review",
      summary: caseReviewSummary(input.heldOn, goals.length),
      section: "plan",
      detail: { heldOn: input.heldOn, goalsAdded: goals.length },
      sourceType: "case-review",
      sourceId: reviewId,
      ...(input.heldOn < today ? { occurredAt: new Date(`${input.heldOn}T12:00:00Z`) } : {}),
    });
    await audit(tx, actor, {
      action: "case-review.create",
      personId,
      subjectType: "case-review",
      subjectId: reviewId,
      detail: { heldOn: input.heldOn, goalsAdded: goals.length },
    });
    return { reviewId, goalsAdded: goals.length };
  });
}

export interface PersonCaseReviews {
  person: PersonHeading;
  relationship: Relationship;
  reviews: CaseReviewView[];
  mayRecord: boolean;
}

/** A person's reflective case reviews, for the people who see the whole record; audited. */
export async function readCaseReviews(db: Db, actor: Actor, personId: string): Promise<PersonCaseReviews> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (relationship.audience !== "full") throw new Forbidden(MAY_NOT_READ);
    const person = await personHeading(tx, actor.tenantId, personId);
    const reviews = await store.listCaseReviews(tx, actor.tenantId, personId);
    await audit(tx, actor, { action: "case-reviews.read", personId, detail: { returned: reviews.length } });
    return { person, relationship, reviews, mayRecord: mayRecordCaseReview(relationship) };
  });
}

/** One review; not found for anyone who does not see the whole of the person's record. Audited. */
export async function readCaseReview(db: Db, actor: Actor, reviewId: string): Promise<{ person: PersonHeading; relationship: Relationship; review: CaseReviewView }> {
  if (!isUuid(reviewId)) throw new NotFound("Case review not found");
  return db.transaction(async (tx) => {
    const review = await store.findCaseReview(tx, actor.tenantId, reviewId);
    if (!review) throw new NotFound("Case review not found");
    // A review of someone the actor may not see, or may see only in part, does not exist for them.
    const relationship = await relationshipTo(tx, actor, review.personId).catch((error: unknown) => {
      throw error instanceof NotFound ? new NotFound("Case review not found") : error;
    });
    if (relationship.audience !== "full") throw new NotFound("Case review not found");
    const person = await personHeading(tx, actor.tenantId, review.personId);
    await audit(tx, actor, { action: "case-review.read", personId: review.personId, subjectType: "case-review", subjectId: reviewId });
    return { person, relationship, review };
  });
}
