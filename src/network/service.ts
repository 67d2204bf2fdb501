import { relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import type { CareTeamRole } from "../platform/access/roles.ts";
import { audit } from "../platform/audit/index.ts";
import { recordChronology } from "../chronology/service.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { personHeading } from "../people/service.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import { MEMBERSHIP_ROLE_NAMES, ROLES_FOR_MEMBERSHIP, TEAM_ELIGIBLE_ROLES } from "./schema.ts";
import * as store from "./store.ts";

export type { FamilyRow, MemberRow, ProfessionalRow, ServiceInvolvedRow, UserRow } from "./store.ts";

type Current<Row> = Row & { current: boolean };

/** The team around one person as the actor may see it: family only for the full audience. */
export interface Team {
  person: PersonHeading;
  relationship: Relationship;
  members: store.MemberRow[];
  pastMembers: store.MemberRow[];
  professionals: Array<Current<store.ProfessionalRow>>;
  /** Null when the actor may not see family and carers (everyone but the full audience). */
  family: Array<Current<store.FamilyRow> & { accountEmail: string | null }> | null;
  services: Array<Current<store.ServiceInvolvedRow>>;
}

/** Peer mentors and carers see who is involved, not professionals' contact details or notes about services. */
function seesWorkDetails(relationship: Relationship): boolean {
  return relationship.audience === "full" || relationship.audience === "partner";
}

async function loadTeam(tx: Db | Tx, actor: Actor, personId: string, relationship: Relationship): Promise<Omit<Team, "person" | "relationship">> {
  const workDetails = seesWorkDetails(relationship);
  const [members, pastMembers, professionals, services] = [
    await store.listMembers(tx, actor.tenantId, personId, "current"),
    await store.listMembers(tx, actor.tenantId, personId, "past"),
    await store.listProfessionals(tx, actor.tenantId, personId),
    await store.listServicesInvolved(tx, actor.tenantId, personId),
  ];
  let family: Team["family"] = null;
  if (relationship.audience === "full") {
    family = [];
    for (const row of await store.listFamily(tx, actor.tenantId, personId)) {
      family.push({ ...row, accountEmail: row.userId ? await store.accountEmail(tx, actor.tenantId, row.userId) : null });
    }
  }
  // Which agencies are involved can say a lot (probation, mental health): carers and peer mentors
  // see only the Keywork workers; partners see the agencies but not the notes written about them.
  return {
    members,
    pastMembers,
    professionals: workDetails ? professionals : [],
    family,
    services: !workDetails ? [] : relationship.audience === "full" ? services : services.map((row) => ({ ...row, note: null })),
  };
}

/** The team page's content for the actor; audited as a read of the person's record. */
export async function readTeam(db: Db, actor: Actor, personId: string): Promise<Team> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    const person = await personHeading(tx, actor.tenantId, personId);
    const team = await loadTeam(tx, actor, personId, relationship);
    await audit(tx, actor, { action: "team.read", personId, detail: { audience: relationship.audience } });
    return { person, relationship, ...team };
  });
}

export interface TeamForEditing {
  person: PersonHeading;
  relationship: Relationship;
  members: store.MemberRow[];
}

/** For a form that changes the team: refuses anyone who may not edit, and audits the read. */
export async function readTeamForEditing(db: Db, actor: Actor, personId: string): Promise<TeamForEditing> {
  return db.transaction(async (tx) => {
    const relationship = await assertMayEditTeam(tx, actor, personId);
    const person = await personHeading(tx, actor.tenantId, personId);
    const members = await store.listMembers(tx, actor.tenantId, personId, "current");
    await audit(tx, actor, { action: "team.read", personId, detail: { purpose: "edit" } });
    return { person, relationship, members };
  });
}

/** NotFound when the person is not visible, Forbidden when the actor may only look. */
export async function assertMayEditTeam(tx: Db | Tx, actor: Actor, personId: string): Promise<Relationship> {
  const relationship = await relationshipTo(tx, actor, personId);
  if (!relationship.mayEdit) throw new Forbidden("Only the person's key workers and their manager can change the team around them");
  return relationship;
}

/**
 * Cover is for the dates of an absence: a worker whose only access is covering cannot make it
 * permanent by adding themselves to the team.
 */
function refuseSelfAppointmentWhileCovering(actor: Actor, relationship: Relationship, userId: string): void {
  if (relationship.covering && relationship.careTeamRole === null && userId === actor.userId && !relationship.overseesTeam) {
    throw new Forbidden("While you are covering, ask the team manager to add you to the team");
  }
}

/**
 * Runs a change to one person's team: checks the actor may edit, then holds the person's row so
 * that two changes to the same team (two lead changes at once) never interleave.
 */
export async function changeTeam<Result>(db: Db, actor: Actor, personId: string, change: (tx: Tx, relationship: Relationship) => Promise<Result>): Promise<Result> {
  return db.transaction(async (tx) => {
    const relationship = await assertMayEditTeam(tx, actor, personId);
    await store.lockPerson(tx, actor.tenantId, personId);
    return change(tx, relationship);
  });
}

/** Users of the partnership who can be in a team, for the "add someone" and "change lead" lists. */
export async function usersForTeams(db: Db, actor: Actor, purpose: "member" | "lead"): Promise<store.UserRow[]> {
  return store.listActiveUsersWithRoles(db, actor.tenantId, purpose === "lead" ? ROLES_FOR_MEMBERSHIP.lead : TEAM_ELIGIBLE_ROLES);
}

function roleMismatch(name: string, role: CareTeamRole): string {
  if (role === "peer-mentor") return `${name} cannot be a peer mentor because they do not have the peer mentor role`;
  if (role === "partner") return `${name} cannot be a partner professional because they do not have a partner role`;
  return `${name} cannot be a ${MEMBERSHIP_ROLE_NAMES[role]} because they are not a key worker or co-worker`;
}

async function eligibleUser(tx: Tx, actor: Actor, userId: string, role: CareTeamRole, field: string): Promise<store.UserRow> {
  const user = isUuid(userId) ? await store.findUser(tx, actor.tenantId, userId) : undefined;
  if (!user || !user.active) throw new Invalid([{ field, message: role === "lead" ? "Choose the new lead worker from the list" : "Choose someone from the list" }]);
  if (!user.roles.some((held) => ROLES_FOR_MEMBERSHIP[role].includes(held))) throw new Invalid([{ field: field === "userId" ? "role" : field, message: roleMismatch(user.displayName, role) }]);
  return user;
}

/** Adds a Keywork user to the team. A lead worker can only be added when the team has none. */
export async function addMember(db: Db, actor: Actor, personId: string, input: { userId: string; role: CareTeamRole }): Promise<store.MemberRow> {
  return changeTeam(db, actor, personId, async (tx, relationship) => {
    refuseSelfAppointmentWhileCovering(actor, relationship, input.userId);
    const user = await eligibleUser(tx, actor, input.userId, input.role, "userId");
    const members = await store.listMembers(tx, actor.tenantId, personId, "current");
    const lead = members.find((member) => member.role === "lead");
    if (input.role === "lead" && lead) {
      throw new Invalid([{ field: "role", message: `${lead.name} is already the lead worker. To give the person a new lead worker, change the lead worker instead` }]);
    }
    const existing = members.find((member) => member.userId === user.id);
    if (existing) throw new Invalid([{ field: "userId", message: `${user.displayName} is already in the team as ${MEMBERSHIP_ROLE_NAMES[existing.role]}` }]);
    const membershipId = await store.insertMembership(tx, { tenantId: actor.tenantId, personId, userId: user.id, role: input.role });
    await audit(tx, actor, { action: "team.member.add", personId, subjectType: "care_team_member", subjectId: membershipId, detail: { userId: user.id, role: input.role } });
    await recordChronology(tx, actor, {
      personId,
      kind: "team-member-added",
      summary: `${user.displayName} joined the team as ${MEMBERSHIP_ROLE_NAMES[input.role]}`,
      section: "record",
      detail: { userId: user.id, role: input.role },
      sourceType: "care_team_member",
      sourceId: membershipId,
    });
    const added = (await store.listMembers(tx, actor.tenantId, personId, "current")).find((member) => member.membershipId === membershipId);
    if (!added) throw new Error("the new membership was not found");
    return added;
  });
}

/** Whether the actor can still see the person after a change (they may have taken themselves off the team). */
async function stillSees(tx: Tx, actor: Actor, personId: string): Promise<boolean> {
  try {
    await relationshipTo(tx, actor, personId);
    return true;
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}

/** One current member of the team, for the "remove from the team" page; NotFound when they are not in it. */
export async function readMembership(db: Db, actor: Actor, personId: string, userId: string): Promise<TeamForEditing & { member: store.MemberRow }> {
  const team = await readTeamForEditing(db, actor, personId);
  const member = team.members.find((candidate) => candidate.userId === userId);
  if (!member) throw new NotFound("They are not in the team around this person");
  return { ...team, member };
}

/** Ends a member's place in the team (never deletes it). The lead worker cannot leave without a new lead. */
export async function endMember(db: Db, actor: Actor, personId: string, userId: string, expectedVersion: number): Promise<{ name: string; actorKeepsAccess: boolean }> {
  return changeTeam(db, actor, personId, async (tx) => {
    const members = await store.listMembers(tx, actor.tenantId, personId, "current");
    const member = members.find((candidate) => candidate.userId === userId);
    if (!member) throw new NotFound("They are not in the team around this person");
    if (member.role === "lead") {
      throw new Invalid([{ field: "newLeadUserId", message: `${member.name} is the lead worker. Choose a new lead worker before they leave the team` }]);
    }
    const ended = await store.endMembership(tx, { tenantId: actor.tenantId, membershipId: member.membershipId, expectedVersion });
    if (!ended) throw new Conflict("Someone else changed this person's team after you opened the page");
    await audit(tx, actor, { action: "team.member.end", personId, subjectType: "care_team_member", subjectId: member.membershipId, detail: { userId, role: member.role } });
    await recordChronology(tx, actor, {
      personId,
      kind: "team-member-left",
      summary: `${member.name} left the team (${MEMBERSHIP_ROLE_NAMES[member.role]})`,
      section: "record",
      detail: { userId, role: member.role },
      sourceType: "care_team_member",
      sourceId: member.membershipId,
    });
    return { name: member.name, actorKeepsAccess: await stillSees(tx, actor, personId) };
  });
}

export interface LeadChange {
  previousLeadUserId: string | null;
  previousLeadName: string | null;
  newLeadUserId: string;
  newLeadName: string;
  /** False when the actor was the lead and left the team with this change. */
  actorKeepsAccess: boolean;
}

/**
 * Gives the person a new lead worker. The old lead becomes a co-worker or leaves the team; only
 * memberships change — the story, contacts and history stay where they are. `expectedLeadUserId`
 * (null for "no lead") refuses the change when someone else changed the lead first.
 */
export async function changeLeadWorker(
  db: Db,
  actor: Actor,
  personId: string,
  newLeadUserId: string,
  options: { previousLead: "co-worker" | "leave"; expectedLeadUserId?: string | null },
): Promise<LeadChange> {
  return changeTeam(db, actor, personId, async (tx, relationship) => {
    refuseSelfAppointmentWhileCovering(actor, relationship, newLeadUserId);
    const newLead = await eligibleUser(tx, actor, newLeadUserId, "lead", "newLeadUserId");
    const members = await store.listMembers(tx, actor.tenantId, personId, "current");
    const lead = members.find((member) => member.role === "lead") ?? null;
    if (options.expectedLeadUserId !== undefined && (lead?.userId ?? null) !== options.expectedLeadUserId) {
      throw new Conflict(`Someone else changed the lead worker while you were choosing: the lead worker is now ${lead?.name ?? "nobody"}`);
    }
    if (lead?.userId === newLead.id) throw new Invalid([{ field: "newLeadUserId", message: `${newLead.displayName} is already the lead worker` }]);
    if (lead) {
      await store.endMembership(tx, { tenantId: actor.tenantId, membershipId: lead.membershipId });
      if (options.previousLead === "co-worker") {
        await store.insertMembership(tx, { tenantId: actor.tenantId, personId, userId: lead.userId, role: "co-worker" });
      }
    }
    for (const membership of members.filter((member) => member.userId === newLead.id)) {
      await store.endMembership(tx, { tenantId: actor.tenantId, membershipId: membership.membershipId });
    }
    const membershipId = await store.insertMembership(tx, { tenantId: actor.tenantId, personId, userId: newLead.id, role: "lead" });
    const detail = { previousLeadUserId: lead?.userId ?? null, newLeadUserId: newLead.id, previousLead: lead ? options.previousLead : null };
    await audit(tx, actor, { action: "team.lead.change", personId, subjectType: "care_team_member", subjectId: membershipId, detail });
    await recordChronology(tx, actor, {
      personId,
      kind: "lead-worker-changed",
      summary: lead ? `Lead worker changed from ${lead.name} to ${newLead.displayName}` : `${newLead.displayName} became the lead worker`,
      section: "record",
      detail,
      sourceType: "care_team_member",
      sourceId: membershipId,
    });
    return {
      previousLeadUserId: lead?.userId ?? null,
      previousLeadName: lead?.name ?? null,
      newLeadUserId: newLead.id,
      newLeadName: newLead.displayName,
      actorKeepsAccess: await stillSees(tx, actor, personId),
    };
  });
}

export interface TeamForHandover {
  members: Array<{ userId: string; name: string; role: CareTeamRole; organisation: string; since: string }>;
  professionals: Array<{ name: string; role: string; organisation: string; phone: string | null; email: string | null; since: string }>;
  /** Null when the actor may not see family and carers. */
  family: Array<{ name: string; relationship: string; isCarer: boolean; phone: string | null; email: string | null; contactPreferences: string | null; ownNeeds: string | null }> | null;
  services: Array<{ organisation: string; service: string | null; since: string | null; note: string | null }>;
}

/**
 * The current team for a handover summary, as the actor may see it. Run it inside the transaction
 * that reads the handover: it does not audit, the handover read does.
 */
export async function teamForHandover(tx: Db | Tx, actor: Actor, personId: string): Promise<TeamForHandover> {
  const relationship = await relationshipTo(tx, actor, personId);
  const team = await loadTeam(tx, actor, personId, relationship);
  return {
    members: team.members.map((member) => ({ userId: member.userId, name: member.name, role: member.role, organisation: member.organisationName, since: member.startedOn })),
    professionals: team.professionals
      .filter((row) => row.current)
      .map((row) => ({ name: row.name, role: row.role, organisation: row.organisationName, phone: row.phone, email: row.email, since: row.startedOn })),
    family:
      team.family?.filter((row) => row.current).map((row) => ({
        name: row.name,
        relationship: row.relationship,
        isCarer: row.isCarer,
        phone: row.phone,
        email: row.email,
        contactPreferences: row.contactPreferences,
        ownNeeds: row.ownNeeds,
      })) ?? null,
    services: team.services.filter((row) => row.current).map((row) => ({ organisation: row.organisationName, service: row.serviceName, since: row.startedOn, note: row.note })),
  };
}
