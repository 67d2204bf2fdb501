import { isHeld, MEETING_KIND_NAMES } from "./schema.ts";
import type { MeetingDetail, RecommendationView } from "./service.ts";

/** Who owns a recommendation, in a line: "Dr Nadia Rahman, Northmoor CAMHS" or just the organisation. */
export function ownerText(recommendation: Pick<RecommendationView, "owner" | "ownerName" | "ownerOrganisation">): string {
  const person = recommendation.owner?.name ?? recommendation.ownerName;
  return person ? `${person}, ${recommendation.ownerOrganisation.name}` : recommendation.ownerOrganisation.name;
}

/** A recommendation in the API: the same shape as an action in the plan's API, with its meeting. */
export function presentRecommendationForApi(recommendation: RecommendationView) {
  return {
    id: recommendation.id,
    personId: recommendation.personId,
    meetingId: recommendation.meetingId,
    description: recommendation.description,
    dueDate: recommendation.dueOn,
    status: recommendation.status,
    overdue: recommendation.overdue,
    ownerOrganisation: recommendation.ownerOrganisation,
    ownerOrganisationId: recommendation.ownerOrganisation.id,
    owner: recommendation.owner,
    ownerName: recommendation.ownerName,
    evidence: recommendation.evidence,
    completedAt: recommendation.completedAt?.toISOString() ?? null,
    version: recommendation.version,
  };
}

/** A meeting in the API, with its attendees and the recommendations the reader may see. */
export function presentMeetingForApi(meeting: MeetingDetail, recommendations: RecommendationView[], options: { today: string; planShared: boolean }) {
  return {
    id: meeting.id,
    personId: meeting.personId,
    kind: meeting.kind,
    kindName: MEETING_KIND_NAMES[meeting.kind],
    date: meeting.heldOn,
    status: isHeld(meeting.heldOn, options.today) ? ("held" as const) : ("planned" as const),
    location: meeting.location,
    notes: meeting.notes,
    planShared: options.planShared,
    attendees: meeting.attendees.map((attendee) => ({
      id: attendee.id,
      kind: attendee.kind,
      userId: attendee.userId,
      name: attendee.name,
      role: attendee.role,
      sentApologies: attendee.sentApologies,
    })),
    recommendations: recommendations.filter((recommendation) => recommendation.meetingId === meeting.id).map(presentRecommendationForApi),
    counts: meeting.counts,
    createdBy: meeting.createdBy,
    updatedBy: meeting.updatedBy,
    createdAt: meeting.createdAt.toISOString(),
    updatedAt: meeting.updatedAt.toISOString(),
    version: meeting.version,
  };
}
