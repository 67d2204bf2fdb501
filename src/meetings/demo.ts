import type { Actor } from "../platform/access/index.ts";
import { addDays } from "../platform/clock.ts";
import type { Tx } from "../platform/database/open.ts";
import { todayIso } from "../platform/http/validation.ts";
import { formatIsoDate, plural } from "../platform/views/format.ts";
import { recordChronology } from "../chronology/service.ts";
import type { DemoContext } from "../demo/types.ts";
import { addActionInTransaction, recordActionOutcomeInTransaction } from "../plans/actions.ts";
import { recordPlanReviewInTransaction } from "../plans/goals.ts";
import { DEMO_MEETINGS, NAMED_ORGANISATIONS, type DemoMeeting, type DemoOwner } from "./demo-data.ts";
import { MEETING_KIND_LABELS, meetingLabel, REVIEWS_THE_PLAN, type AttendeeInput } from "./schema.ts";
import * as store from "./store.ts";

function leadActor(context: DemoContext, meeting: DemoMeeting, lead: keyof DemoContext["userIds"]): Actor {
  const children = meeting.person !== "gary-whitlock";
  return {
    userId: context.userIds[lead],
    tenantId: context.tenantId,
    organisationId: context.organisationIds[children ? "children" : "together"] ?? "",
    teamId: null,
    email: `${lead}@demo.test`,
    displayName: lead,
    roles: ["key-worker"],
    ip: "demo",
  };
}

/** 10:30 in the morning, UK time near enough, on a date `days` from the demo's today. */
function morningOf(context: DemoContext, days: number): Date {
  return new Date(Date.parse(`${addDays(todayIso(context.now), days)}T10:30:00Z`));
}

/** Loads the demo's CETRs and case conference, their attendees and their recommendations as plan actions. */
export async function loadMeetingsDemo(tx: Tx, context: DemoContext): Promise<void> {
  const today = todayIso(context.now);
  const people = new Map(context.people.map((person) => [person.demo.key, person]));
  const organisations = new Map<string, string>(Object.entries(context.organisationIds));
  for (const [name, kind] of Object.entries(NAMED_ORGANISATIONS)) organisations.set(name, await store.ensureOrganisation(tx, context.tenantId, name, kind));
  const names = await store.userNames(tx, context.tenantId, Object.values(context.userIds));
  const nameOf = (key: keyof DemoContext["userIds"]) => names.get(context.userIds[key]) ?? key;
  const ownerOf = (owner: DemoOwner) => ({
    ownerOrganisationId: organisations.get(owner.organisation) ?? "",
    ownerUserId: owner.user ? context.userIds[owner.user] : null,
    ownerName: owner.name ?? null,
  });

  for (const meeting of DEMO_MEETINGS) {
    const person = people.get(meeting.person);
    if (!person) continue;
    const actor = leadActor(context, meeting, person.demo.lead);
    const heldOn = addDays(today, meeting.daysFromToday);
    const recordedAt = morningOf(context, Math.min(meeting.daysFromToday, 0) - (meeting.daysFromToday > 0 ? 7 : 0));
    const row = await store.insertMeeting(tx, {
      tenantId: context.tenantId,
      personId: person.id,
      createdBy: actor.userId,
      meeting: { kind: meeting.kind, heldOn, location: meeting.location, notes: meeting.notes ?? null },
      at: recordedAt,
    });
    const attendees: AttendeeInput[] = meeting.attendees.map((attendee) => ({
      kind: attendee.kind,
      userId: attendee.user ? context.userIds[attendee.user] : null,
      name: attendee.user ? nameOf(attendee.user) : (attendee.name ?? ""),
      role: attendee.role ?? null,
      sentApologies: attendee.sentApologies ?? false,
    }));
    await store.replaceAttendees(tx, context.tenantId, row.id, attendees);
    const recommendations = meeting.recommendations ?? [];
    const held = meeting.daysFromToday <= 0;
    await recordChronology(tx, actor, {
      personId: person.id,
      kind: held ? "meeting-held" : "meeting-planned",
      summary: held ? `${MEETING_KIND_LABELS[meeting.kind]} held: ${plural(recommendations.length, "recommendation")}` : `${MEETING_KIND_LABELS[meeting.kind]} planned for ${formatIsoDate(heldOn)}`,
      section: "plan",
      detail: { kind: meeting.kind, heldOn, attendees: attendees.length, recommendations: recommendations.length },
      sourceType: "meeting",
      sourceId: row.id,
      occurredAt: recordedAt,
    });
    for (const recommendation of recommendations) {
      const input = { description: recommendation.description, dueOn: addDays(heldOn, recommendation.dueAfterDays), ...ownerOf(recommendation.owner), goalId: null, evidence: null };
      const action = await addActionInTransaction(tx, actor, person.id, input, { meetingId: row.id, meetingLabel: meetingLabel({ kind: meeting.kind, heldOn }), at: recordedAt });
      if (!recommendation.done) continue;
      await recordActionOutcomeInTransaction(
        tx,
        actor,
        { id: action.id, personId: person.id, version: action.version, description: recommendation.description },
        { status: "done", evidence: recommendation.done.evidence },
        { at: morningOf(context, meeting.daysFromToday + recommendation.done.afterDays), detail: { ownerOrganisationId: input.ownerOrganisationId } },
      );
    }
    if (!held || !REVIEWS_THE_PLAN.includes(meeting.kind)) continue;
    const plan = await store.planReviewDates(tx, context.tenantId, person.id);
    if (!plan?.lastReviewedOn || plan.lastReviewedOn <= heldOn) await recordPlanReviewInTransaction(tx, actor, person.id, heldOn, meetingLabel({ kind: meeting.kind, heldOn }));
  }
}
