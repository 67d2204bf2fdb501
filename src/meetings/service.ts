import { personName } from "../platform/views/format.ts";
import { maySee, relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { CARE_TEAM_ROLE_LABELS, type CareTeamRole } from "../platform/access/roles.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Forbidden, NotFound } from "../platform/http/errors.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import { personHeading } from "../people/service.ts";
import { planAtAGlance } from "../plans/service.ts";
import type { Candidate } from "./form.ts";
import * as store from "./store.ts";
import type { AttendeeView, MeetingView, OwnerFilter, RecommendationView } from "./store.ts";

export type { AttendeeView, MeetingView, RecommendationView } from "./store.ts";

export const MAY_NOT_SEE = "Meetings are shared with the professionals in the team around the person";
export const MAY_NOT_EDIT = "Only the person's key workers and their manager can record meetings";

/**
 * What a reader sees of a person's meetings. Everyone in the team around the person who is a
 * professional (their workers, their manager, partner professionals) sees that a meeting is
 * planned or was held, where and with whom, so that two agencies never call the same conference.
 * The notes and every recommendation need the plan: the full audience, or consent that shares the
 * plan with the reader's organisation. Partners always see the recommendations their own
 * organisation owns. Peer mentors and family members do not see meetings.
 */
export interface MeetingAccess {
  relationship: Relationship;
  /** Notes and all recommendations. */
  seesPlan: boolean;
  /** Which recommendations: all, or those of the reader's organisation. */
  filter: OwnerFilter;
  mayEdit: boolean;
  /** The reader's organisation: partners update the actions it owns. */
  organisationId: string;
}

export function meetingAccess(relationship: Relationship, actor: Actor): MeetingAccess {
  if (relationship.audience !== "full" && relationship.audience !== "partner") throw new Forbidden(MAY_NOT_SEE);
  const seesPlan = maySee(relationship, "plan");
  return { relationship, seesPlan, filter: seesPlan ? null : { organisationId: actor.organisationId }, mayEdit: relationship.mayEdit, organisationId: actor.organisationId };
}

/** Whether the reader may update a recommendation (on the action's own page). */
export function mayUpdateRecommendation(access: MeetingAccess, recommendation: RecommendationView): boolean {
  return access.mayEdit || (access.relationship.audience === "partner" && recommendation.ownerOrganisation.id === access.organisationId);
}

export interface MeetingDetail extends MeetingView {
  attendees: AttendeeView[];
}

/** Hides the notes from a reader who may not see the plan, and family attendees from all but the full audience. */
function shown(meeting: MeetingView, access: MeetingAccess, attendees: AttendeeView[]): MeetingDetail {
  const seesFamily = access.relationship.audience === "full";
  return {
    ...meeting,
    notes: access.seesPlan ? meeting.notes : null,
    attendees: attendees.filter((attendee) => attendee.meetingId === meeting.id && (seesFamily || attendee.kind !== "family")),
  };
}

export interface PersonMeetings {
  person: PersonHeading;
  access: MeetingAccess;
  /** Planned first, soonest first; then held, most recent first. */
  meetings: MeetingDetail[];
  /** The recommendations of those meetings that the reader may see. */
  recommendations: RecommendationView[];
  /** When the plan is next reviewed, for those who see the plan. */
  planReview: { nextReviewOn: string | null; reviewOverdue: boolean } | null;
  today: string;
}

/** A person's meetings as the reader may see them; audited. */
export async function readMeetings(db: Db, actor: Actor, personId: string, today: string): Promise<PersonMeetings> {
  return db.transaction(async (tx) => {
    const access = meetingAccess(await relationshipTo(tx, actor, personId), actor);
    const person = await personHeading(tx, actor.tenantId, personId);
    const meetings = await store.listMeetings(tx, actor.tenantId, personId, today, access.filter);
    const meetingIds = meetings.map((meeting) => meeting.id);
    const attendees = await store.listAttendees(tx, actor.tenantId, meetingIds);
    const recommendations = await store.listRecommendations(tx, actor.tenantId, meetingIds, today, access.filter);
    const glance = access.seesPlan ? await planAtAGlance(tx, actor, personId, today) : null;
    const planReview = glance ? { nextReviewOn: glance.nextReviewOn, reviewOverdue: glance.reviewOverdue } : null;
    await audit(tx, actor, { action: "meetings.read", personId, detail: { audience: access.relationship.audience, seesPlan: access.seesPlan, returned: meetings.length } });
    return { person, access, meetings: meetings.map((meeting) => shown(meeting, access, attendees)), recommendations, planReview, today };
  });
}

export interface TeamAroundPerson {
  /** Who may be ticked as an attendee: the person, their team, professionals, family. */
  candidates: Candidate[];
  /** Who may be named as a recommendation's owner: the team around the person with accounts. */
  owners: Array<{ userId: string; name: string; organisationId: string; organisationName: string }>;
  organisations: Array<{ id: string; name: string }>;
}

function careTeamRoleLabel(role: string): string {
  return role in CARE_TEAM_ROLE_LABELS ? CARE_TEAM_ROLE_LABELS[role as CareTeamRole] : role;
}

export async function teamAroundPerson(tx: Db | Tx, tenantId: string, person: PersonHeading, today: string): Promise<TeamAroundPerson> {
  const members = await store.listTeamMembers(tx, tenantId, person.id, today);
  const network = await store.listNetwork(tx, tenantId, person.id, today);
  const candidates: Candidate[] = [
    { key: "the-person", kind: "the-person", userId: null, name: personName(person), role: null },
    ...members.map((member) => ({
      key: `user:${member.userId}`,
      kind: "team-member" as const,
      userId: member.userId,
      name: member.name,
      role: `${member.jobTitle ?? careTeamRoleLabel(member.careTeamRole)}, ${member.organisationName}`,
    })),
    ...network.professionals.map((professional) => ({
      key: `professional:${professional.id}`,
      kind: "professional" as const,
      userId: null,
      name: professional.name,
      role: `${professional.role}, ${professional.organisationName}`,
    })),
    ...network.family.map((member) => ({ key: `family:${member.id}`, kind: "family" as const, userId: null, name: member.name, role: member.relationship })),
  ];
  return {
    candidates,
    owners: members.map((member) => ({ userId: member.userId, name: member.name, organisationId: member.organisationId, organisationName: member.organisationName })),
    organisations: await store.listOrganisations(tx, tenantId),
  };
}

export interface MeetingFormContext extends TeamAroundPerson {
  person: PersonHeading;
  relationship: Relationship;
  /** Still-open recommendations of the meetings held so far, most recent meeting first. */
  carriedOver: RecommendationView[];
  today: string;
}

/** Checks the actor may record a meeting for the person, and gives what the form shows; audited as a read. */
export async function meetingForm(db: Db, actor: Actor, personId: string, today: string): Promise<MeetingFormContext> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const person = await personHeading(tx, actor.tenantId, personId);
    const team = await teamAroundPerson(tx, actor.tenantId, person, today);
    const carriedOver = await store.listCarriedOver(tx, actor.tenantId, personId, today, null, null);
    await audit(tx, actor, { action: "person.read", personId, detail: { purpose: "meeting-form" } });
    return { person, relationship, ...team, carriedOver, today };
  });
}

export interface LoadedMeeting {
  meeting: MeetingView;
  access: MeetingAccess;
}

/** A meeting and the reader's access to it, or NotFound; Forbidden when `forEdit` and they may not change it. */
export async function loadMeeting(tx: Db | Tx, actor: Actor, meetingId: string, today: string, forEdit: boolean): Promise<LoadedMeeting> {
  if (!isUuid(meetingId)) throw new NotFound("Meeting not found");
  const personId = await store.meetingPersonId(tx, actor.tenantId, meetingId);
  if (!personId) throw new NotFound("Meeting not found");
  const access = meetingAccess(await relationshipTo(tx, actor, personId), actor);
  if (forEdit && !access.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
  const meeting = await store.findMeeting(tx, actor.tenantId, meetingId, today, access.filter);
  if (!meeting) throw new NotFound("Meeting not found");
  return { meeting, access };
}

export interface MeetingPage {
  person: PersonHeading;
  access: MeetingAccess;
  meeting: MeetingDetail;
  recommendations: RecommendationView[];
  /** Still-open recommendations of the person's earlier meetings. */
  carriedOver: RecommendationView[];
  /** For adding a recommendation, when the reader may. */
  team: TeamAroundPerson | null;
  today: string;
}

/** One meeting as the reader may see it, with its recommendations and those carried over; audited. */
export async function readMeeting(db: Db, actor: Actor, meetingId: string, today: string): Promise<MeetingPage> {
  return db.transaction(async (tx) => {
    const { meeting, access } = await loadMeeting(tx, actor, meetingId, today, false);
    const person = await personHeading(tx, actor.tenantId, meeting.personId);
    const attendees = await store.listAttendees(tx, actor.tenantId, [meeting.id]);
    const recommendations = await store.listRecommendations(tx, actor.tenantId, [meeting.id], today, access.filter);
    const carriedOver = await store.listCarriedOver(tx, actor.tenantId, meeting.personId, today, access.filter, meeting);
    const team = access.mayEdit ? await teamAroundPerson(tx, actor.tenantId, person, today) : null;
    await audit(tx, actor, {
      action: "meeting.read",
      personId: meeting.personId,
      subjectType: "meeting",
      subjectId: meeting.id,
      detail: { audience: access.relationship.audience, seesPlan: access.seesPlan, recommendations: recommendations.length },
    });
    return { person, access, meeting: shown(meeting, access, attendees), recommendations, carriedOver, team, today };
  });
}

export interface MeetingEditContext extends TeamAroundPerson {
  person: PersonHeading;
  relationship: Relationship;
  meeting: MeetingDetail;
  today: string;
}

/** A meeting with the team around the person, for its edit form; audited as a read. */
export async function readMeetingForEdit(db: Db, actor: Actor, meetingId: string, today: string): Promise<MeetingEditContext> {
  return db.transaction(async (tx) => {
    const { meeting, access } = await loadMeeting(tx, actor, meetingId, today, true);
    const person = await personHeading(tx, actor.tenantId, meeting.personId);
    const attendees = await store.listAttendees(tx, actor.tenantId, [meeting.id]);
    const team = await teamAroundPerson(tx, actor.tenantId, person, today);
    await audit(tx, actor, { action: "person.read", personId: meeting.personId, subjectType: "meeting", subjectId: meeting.id, detail: { purpose: "meeting-edit" } });
    return { person, relationship: access.relationship, meeting: shown(meeting, access, attendees), ...team, today };
  });
}
