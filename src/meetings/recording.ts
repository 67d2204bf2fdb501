import { relationshipTo, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { addMonths } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formatIsoDate, plural } from "../platform/views/format.ts";
import { recordChronology } from "../chronology/service.ts";
import { addActionInTransaction, assertActionReferences } from "../plans/actions.ts";
import { recordPlanReviewInTransaction } from "../plans/goals.ts";
import { isHeld, MEETING_KIND_LABELS, meetingLabel, REVIEWS_THE_PLAN, type MeetingInput, type MeetingKind, type RecommendationInput } from "./schema.ts";
import { loadMeeting, MAY_NOT_EDIT, type MeetingDetail } from "./service.ts";
import * as store from "./store.ts";
import type { RecommendationView } from "./store.ts";

/**
 * Recording meetings: each in one transaction with its attendees, its recommendations (as plan
 * actions carrying the meeting's id), the chronology (plan section) and the audit trail. A held
 * CETR or plan review is also the review of the person's plan.
 */

/** Checks a meeting's own fields against today; names the fields as the pages do. */
function meetingIssues(meeting: MeetingInput, today: string): FieldIssue[] {
  if (meeting.heldOn > addMonths(today, 24)) return [{ field: "heldOn", message: "A planned meeting must be within the next two years" }];
  return [];
}

async function attendeeIssues(tx: Tx, tenantId: string, meeting: MeetingInput): Promise<FieldIssue[]> {
  const ids = meeting.attendees.map((attendee) => attendee.userId).filter((id): id is string => id !== null);
  const known = await store.userNames(tx, tenantId, ids.filter(isUuid));
  return meeting.attendees.flatMap((attendee, index) =>
    attendee.userId !== null && !known.has(attendee.userId) ? [{ field: `attendees.${index}.userId`, message: "The attendee's userId is not a user of the partnership" }] : [],
  );
}

/** A recommendation's own checks: due on or after the meeting, owned by an organisation of the partnership. */
async function recommendationIssues(tx: Tx, actor: Actor, personId: string, heldOn: string, recommendation: RecommendationInput, prefix: string): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (recommendation.dueOn < heldOn) issues.push({ field: `${prefix}dueOn`, message: "The due date must be on or after the date of the meeting" });
  try {
    await assertActionReferences(tx, actor.tenantId, personId, { ...recommendation, goalId: null, evidence: null });
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    issues.push(...error.issues.map((issue) => ({ ...issue, field: `${prefix}${issue.field}` })));
  }
  return issues;
}

async function addRecommendations(
  tx: Tx,
  actor: Actor,
  personId: string,
  meeting: { id: string; kind: MeetingKind; heldOn: string },
  recommendations: RecommendationInput[],
  today: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const recommendation of recommendations) {
    const row = await addActionInTransaction(tx, actor, personId, { ...recommendation, goalId: null, evidence: null }, { meetingId: meeting.id, meetingLabel: meetingLabel(meeting), today });
    ids.push(row.id);
  }
  return ids;
}

/** A held CETR or plan review moves the plan's review, unless the plan was already reviewed later. */
async function reviewPlanIfLatest(tx: Tx, actor: Actor, personId: string, meeting: { kind: MeetingKind; heldOn: string }): Promise<boolean> {
  const plan = await store.planReviewDates(tx, actor.tenantId, personId);
  if (plan?.lastReviewedOn && plan.lastReviewedOn > meeting.heldOn) return false;
  await recordPlanReviewInTransaction(tx, actor, personId, meeting.heldOn, meetingLabel(meeting));
  return true;
}

function reviewsPlan(meeting: { kind: MeetingKind; heldOn: string }, today: string): boolean {
  return REVIEWS_THE_PLAN.includes(meeting.kind) && isHeld(meeting.heldOn, today);
}

async function detail(tx: Db | Tx, actor: Actor, meetingId: string, today: string): Promise<{ meeting: MeetingDetail; recommendations: RecommendationView[] }> {
  const { meeting } = await loadMeeting(tx, actor, meetingId, today, false);
  const attendees = await store.listAttendees(tx, actor.tenantId, [meetingId]);
  const recommendations = await store.listRecommendations(tx, actor.tenantId, [meetingId], today, null);
  return { meeting: { ...meeting, attendees }, recommendations };
}

/**
 * Records a meeting: planned when its date is after today, held otherwise. Recommendations need a
 * held meeting; each becomes an action in the person's plan owned by the chosen organisation.
 */
export async function createMeeting(
  db: Db,
  actor: Actor,
  personId: string,
  input: { meeting: MeetingInput; recommendations: RecommendationInput[] },
  today: string,
): Promise<{ meeting: MeetingDetail; recommendations: RecommendationView[] }> {
  const { meeting, recommendations } = input;
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const held = isHeld(meeting.heldOn, today);
    const issues = [...meetingIssues(meeting, today), ...(await attendeeIssues(tx, actor.tenantId, meeting))];
    if (recommendations.length > 0 && !held) {
      issues.push({ field: "recommendations", message: "Recommendations are recorded once the meeting has been held: its date is after today" });
    } else {
      for (const [index, recommendation] of recommendations.entries()) {
        issues.push(...(await recommendationIssues(tx, actor, personId, meeting.heldOn, recommendation, `recommendations.${index}.`)));
      }
    }
    if (issues.length > 0) throw new Invalid(issues);

    const row = await store.insertMeeting(tx, { tenantId: actor.tenantId, personId, createdBy: actor.userId, meeting });
    await store.replaceAttendees(tx, actor.tenantId, row.id, meeting.attendees);
    const what = MEETING_KIND_LABELS[meeting.kind];
    await recordChronology(tx, actor, {
      personId,
      kind: held ? "meeting-held" : "meeting-planned",
      summary: held ? `${what} held: ${plural(recommendations.length, "recommendation")}` : `${what} planned for ${formatIsoDate(meeting.heldOn)}`,
      section: "plan",
      detail: { kind: meeting.kind, heldOn: meeting.heldOn, attendees: meeting.attendees.length, recommendations: recommendations.length },
      sourceType: "meeting",
      sourceId: row.id,
    });
    const actionIds = await addRecommendations(tx, actor, personId, { id: row.id, kind: meeting.kind, heldOn: meeting.heldOn }, recommendations, today);
    const planReviewed = reviewsPlan(meeting, today) ? await reviewPlanIfLatest(tx, actor, personId, meeting) : false;
    await audit(tx, actor, {
      action: "meeting.create",
      personId,
      subjectType: "meeting",
      subjectId: row.id,
      detail: { kind: meeting.kind, held, attendees: meeting.attendees.length, recommendations: actionIds, planReviewed },
    });
    return detail(tx, actor, row.id, today);
  });
}

/**
 * Changes a meeting's details, attendees and notes, made against `expectedVersion`; Conflict, with
 * what is stored now, when someone saved first. A planned CETR or plan review whose date moves to
 * today or earlier reviews the plan.
 */
export async function updateMeeting(db: Db, actor: Actor, meetingId: string, expectedVersion: number, meeting: MeetingInput, today: string): Promise<MeetingDetail> {
  return db.transaction(async (tx) => {
    const { meeting: before } = await loadMeeting(tx, actor, meetingId, today, true);
    const issues = [...meetingIssues(meeting, today), ...(await attendeeIssues(tx, actor.tenantId, meeting))];
    const recommended = before.counts.outstanding + before.counts.done + before.counts.cancelled;
    if (recommended > 0 && !isHeld(meeting.heldOn, today)) {
      issues.push({ field: "heldOn", message: "This meeting has recommendations, so it has been held: its date must be today or earlier" });
    }
    if (issues.length > 0) throw new Invalid(issues);
    const row = await store.updateMeeting(tx, { tenantId: actor.tenantId, meetingId, expectedVersion, changedBy: actor.userId, meeting });
    if (!row) throw new Conflict("Someone else changed this meeting after you opened it", (await detail(tx, actor, meetingId, today)).meeting);
    await store.replaceAttendees(tx, actor.tenantId, meetingId, meeting.attendees);
    const nowHeld = isHeld(meeting.heldOn, today) && !isHeld(before.heldOn, today);
    const label = meetingLabel(meeting);
    await recordChronology(tx, actor, {
      personId: before.personId,
      kind: nowHeld ? "meeting-held" : "meeting-updated",
      summary: nowHeld ? `${MEETING_KIND_LABELS[meeting.kind]} held` : `${label}: details changed`,
      section: "plan",
      detail: { kind: meeting.kind, heldOn: meeting.heldOn, attendees: meeting.attendees.length },
      sourceType: "meeting",
      sourceId: meetingId,
    });
    const reviewedBefore = reviewsPlan(before, today);
    const moved = reviewsPlan(meeting, today) && (!reviewedBefore || before.heldOn !== meeting.heldOn);
    const planReviewed = moved ? await reviewPlanIfLatest(tx, actor, before.personId, meeting) : false;
    const changed = (["kind", "heldOn", "location", "notes"] as const).filter((field) => before[field] !== meeting[field]);
    await audit(tx, actor, {
      action: "meeting.update",
      personId: before.personId,
      subjectType: "meeting",
      subjectId: meetingId,
      detail: { fields: [...changed, "attendees"], version: row.version, planReviewed },
    });
    return (await detail(tx, actor, meetingId, today)).meeting;
  });
}

/** Adds one recommendation to a held meeting, as an action in the person's plan. */
export async function addRecommendation(db: Db, actor: Actor, meetingId: string, recommendation: RecommendationInput, today: string): Promise<RecommendationView> {
  return db.transaction(async (tx) => {
    const { meeting } = await loadMeeting(tx, actor, meetingId, today, true);
    if (!isHeld(meeting.heldOn, today)) throw new Invalid([{ field: "description", message: "Recommendations are added once the meeting has been held" }]);
    const issues = await recommendationIssues(tx, actor, meeting.personId, meeting.heldOn, recommendation, "");
    if (issues.length > 0) throw new Invalid(issues);
    const [actionId] = await addRecommendations(tx, actor, meeting.personId, meeting, [recommendation], today);
    await audit(tx, actor, { action: "meeting.recommendation-add", personId: meeting.personId, subjectType: "meeting", subjectId: meeting.id, detail: { actionId } });
    const added = (await store.listRecommendations(tx, actor.tenantId, [meeting.id], today, null)).find((found) => found.id === actionId);
    if (!added) throw new Error("the recommendation was not found after it was added");
    return added;
  });
}
