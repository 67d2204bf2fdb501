/**
 * The person-level tables of a generated city: people and their care teams, contacts (skewed: most
 * people have tens, a few hundreds), appointments, risks, significant events, plans and consents.
 */
import { Json, type BulkLoader, type TableLoad } from "./seed-scale-copy.ts";
import { consentsOf, endOf, planOf, risksOf } from "./seed-scale-plans.ts";
import { CONTACT_NOTES, DAY, isoDay } from "./seed-scale-random.ts";
import { personDetails, streamFor, type Person, type World } from "./seed-scale-world.ts";

const BASE = ["id", "tenant_id", "created_at", "updated_at", "version"] as const;
const at = (ms: number) => new Date(ms);

/** Calls `each` for every person, sending rows as the buffer fills and reporting progress. */
export async function perPerson(world: World, load: TableLoad, progress: (done: number) => void, each: (person: Person) => void): Promise<void> {
  for (const person of world.people) {
    each(person);
    if ((person.index & 63) === 63) {
      await load.flushIfFull();
      progress(person.index + 1);
    }
  }
  progress(world.people.length);
}

export type Progress = (done: number) => void;

/** Each person's care team: lead, co-worker, peer mentor and partner, with when they joined. */
export function memberships(person: Person): Array<{ user: number; role: string; startedMs: number }> {
  const list = [{ user: person.lead, role: "lead", startedMs: person.createdMs }];
  if (person.coWorker !== null) list.push({ user: person.coWorker, role: "co-worker", startedMs: person.createdMs + 7 * DAY });
  if (person.peerMentor !== null) list.push({ user: person.peerMentor, role: "peer-mentor", startedMs: person.createdMs + 21 * DAY });
  if (person.partner !== null) list.push({ user: person.partner, role: "partner", startedMs: person.createdMs + 14 * DAY });
  const end = person.closedMs ?? Number.POSITIVE_INFINITY;
  return list.map((member) => ({ ...member, startedMs: Math.min(member.startedMs, end) }));
}

export async function loadPeople(world: World, loader: BulkLoader, progress: Progress): Promise<void> {
  const { tenantId } = world;
  const userId = (index: number) => world.users[index]?.id ?? null;
  await loader.table("people", [...BASE, "team_id", "given_name", "family_name", "preferred_name", "aliases", "date_of_birth", "pronouns", "phone", "email", "address", "communication_needs", "engagement_status", "story", "contact_intensity", "closed_at", "closed_by", "closure_reason", "created_by", "updated_by"], (load) =>
    perPerson(world, load, progress, (person) => {
      const details = personDetails(world, person);
      const updated = person.closedMs ?? person.createdMs;
      const closedBy = person.closedMs ? userId(person.lead) : null;
      load.add([person.id, tenantId, at(person.createdMs), at(updated), 1, world.teams[person.team]?.id, person.givenName, person.familyName, details.preferredName, details.aliases, person.dateOfBirth, details.pronouns, details.phone, details.email, details.address, details.communicationNeeds, person.engagementStatus, details.story, person.contactIntensity, person.closedMs ? at(person.closedMs) : null, closedBy, person.closedMs ? details.closureReason : null, userId(person.lead), userId(person.lead)]);
    }),
  );
  await loader.table("person_revisions", ["id", "tenant_id", "person_id", "version", "snapshot", "changed_by", "changed_at"], (load) =>
    perPerson(world, load, progress, (person) => {
      const details = personDetails(world, person);
      const lead = userId(person.lead);
      const snapshot = {
        teamId: world.teams[person.team]?.id, givenName: person.givenName, familyName: person.familyName, preferredName: details.preferredName, aliases: details.aliases,
        dateOfBirth: person.dateOfBirth, pronouns: details.pronouns, phone: details.phone, email: details.email, address: details.address, communicationNeeds: details.communicationNeeds,
        engagementStatus: person.engagementStatus, story: details.story, contactIntensity: person.contactIntensity, closedAt: person.closedMs ? at(person.closedMs) : null,
        closedBy: person.closedMs ? lead : null, closureReason: person.closedMs ? details.closureReason : null, closureChecklist: null, createdBy: lead, updatedBy: lead,
      };
      load.add([streamFor(world, "revision", person.index).uuid(person.createdMs), tenantId, person.id, 1, new Json(snapshot), lead, at(person.closedMs ?? person.createdMs)]);
    }),
  );
  await loader.table("care_team_members", [...BASE, "person_id", "user_id", "role", "started_on", "ended_on"], (load) =>
    perPerson(world, load, progress, (person) => {
      const random = streamFor(world, "membership", person.index);
      for (const member of memberships(person)) {
        load.add([random.uuid(member.startedMs), tenantId, at(member.startedMs), at(member.startedMs), 1, person.id, userId(member.user), member.role, isoDay(member.startedMs), person.closedMs ? isoDay(person.closedMs) : null]);
      }
    }),
  );
}

const CONTACT_TYPES = [["face-to-face", 35], ["phone", 25], ["text", 12], ["email", 5], ["outreach-attempt", 8], ["did-not-attend", 7], ["professional-contact", 8]] as const;
const PURPOSES = [["emotional-support", 30], ["practical-support", 35], ["information-and-advice", 12], ["advocacy", 8], ["co-ordination", 12], ["crisis", 3]] as const;

export async function loadContacts(world: World, loader: BulkLoader, progress: Progress): Promise<void> {
  const { tenantId, now } = { tenantId: world.tenantId, now: world.options.now };
  await loader.table("contacts", [...BASE, "person_id", "worker_id", "type", "occurred_at", "duration_minutes", "note", "location", "work_kind", "purpose", "recorded_by"], (load) =>
    perPerson(world, load, progress, (person) => {
      const random = streamFor(world, "contacts", person.index);
      const gapDays = person.engagementStatus === "engaged" ? -Math.log(1 - random.next()) * 6 : random.between(20, 120);
      const last = Math.max(person.createdMs, Math.min(endOf(world, person), now - gapDays * DAY));
      const span = last - person.createdMs;
      const count = Math.max(1, Math.min(1500, random.logNormal(57, 0.85), Math.floor((span / DAY) * 2) + 1));
      const others = [person.peerMentor, person.partner].filter((user): user is number => user !== null);
      for (let index = 0; index < count; index++) {
        const occurred = index === 0 ? last : person.createdMs + Math.floor(random.next() * span);
        const worker = random.chance(0.8) ? person.lead : random.chance(0.75) ? (person.coWorker ?? person.lead) : others.length > 0 ? random.pick(others) : person.lead;
        const workerId = world.users[worker]?.id;
        const type = random.weighted(CONTACT_TYPES);
        const inPerson = type === "face-to-face" || type === "outreach-attempt";
        const created = Math.min(now, occurred + random.int(36 * 3_600_000));
        load.add([
          random.uuid(created), tenantId, at(created), at(created), 1, person.id, workerId, type, at(occurred),
          type === "face-to-face" ? random.between(2, 8) * 15 : type === "phone" ? random.between(1, 6) * 5 : null,
          random.chance(0.3) ? random.pick(CONTACT_NOTES) : null,
          inPerson ? random.weighted([["street", 15], ["cafe", 20], ["home", 30], ["hostel", 10], ["day-centre", 8], ["office", 12], ["hospital", 3], ["prison", 1], ["court", 1]] as const) : null,
          type === "professional-contact" ? "co-ordination" : random.chance(0.85) ? "support" : "co-ordination",
          type === "did-not-attend" || type === "outreach-attempt" ? null : random.weighted(PURPOSES),
          workerId,
        ]);
      }
    }),
  );
}

const EVENT_KINDS = [["crisis", 20], ["moved", 15], ["eviction", 8], ["arrested", 8], ["sentenced", 4], ["released-from-prison", 4], ["admitted-to-hospital", 8], ["discharged-from-hospital", 7], ["bereavement", 6], ["achievement", 15], ["other", 5]] as const;
const EVENT_TITLES: Record<string, string> = { crisis: "Crisis at home", moved: "Moved to a new flat", eviction: "Evicted from hostel", arrested: "Arrested", sentenced: "Sentenced", "released-from-prison": "Released from prison", "admitted-to-hospital": "Admitted to hospital", "discharged-from-hospital": "Discharged from hospital", bereavement: "Mum died", achievement: "Started volunteering", other: "Lost phone and ID" };

export async function loadAppointmentsRisksEvents(world: World, loader: BulkLoader, progress: Progress): Promise<void> {
  const { tenantId } = world;
  const { now } = world.options;
  await loader.table("appointments", [...BASE, "person_id", "worker_id", "starts_at", "duration_minutes", "place", "purpose", "status", "created_by"], (load) =>
    perPerson(world, load, progress, (person) => {
      const random = streamFor(world, "appointments", person.index);
      const worker = world.users[person.lead]?.id;
      const place = () => random.pick(["Office", "Café on Mill Lane", "Home visit", "Hostel", "Day centre"]);
      const past = random.weighted([[0, 30], [1, 35], [2, 25], [3, 10]] as const);
      const end = endOf(world, person);
      for (let index = 0; index < past; index++) {
        const starts = Math.max(person.createdMs, end - random.between(1, 365) * DAY);
        const hour = Math.floor(starts / 3_600_000) * 3_600_000;
        load.add([random.uuid(hour - 7 * DAY), tenantId, at(hour - 7 * DAY), at(hour), 1, person.id, worker, at(hour), 60, place(), "Catch up", random.weighted([["attended", 65], ["did-not-attend", 20], ["cancelled", 15]] as const), worker]);
      }
      if (person.closedMs === null && random.chance(0.55)) {
        const starts = Math.floor((now + random.between(1, 21) * DAY) / 3_600_000) * 3_600_000;
        load.add([random.uuid(now - random.int(14) * DAY), tenantId, at(now - DAY), at(now - DAY), 1, person.id, worker, at(starts), random.pick([30, 60, 90]), place(), random.pick(["Catch up", "Housing appointment", "Plan review", "GP appointment together"]), "planned", worker]);
      }
    }),
  );
  await loader.table("risks", [...BASE, "person_id", "category", "level", "description", "safety_plan", "review_on", "closed_at", "created_by", "updated_by"], (load) =>
    perPerson(world, load, progress, (person) => {
      const lead = world.users[person.lead]?.id;
      for (const risk of risksOf(world, person)) {
        load.add([risk.id, tenantId, at(risk.createdMs), at(risk.closedMs ?? risk.createdMs), 1, person.id, risk.category, risk.level, risk.description, risk.safetyPlan, risk.reviewOn, risk.closedMs ? at(risk.closedMs) : null, lead, lead]);
      }
    }),
  );
  await loader.table("significant_events", [...BASE, "person_id", "occurred_at", "kind", "title", "note", "recorded_by"], (load) =>
    perPerson(world, load, progress, (person) => {
      const random = streamFor(world, "significant", person.index);
      const count = random.weighted([[0, 55], [1, 30], [2, 10], [3, 5]] as const);
      const end = endOf(world, person);
      for (let index = 0; index < count; index++) {
        const occurred = person.createdMs + Math.floor((end - person.createdMs) * random.next());
        const kind = random.weighted(EVENT_KINDS);
        const recorded = Math.min(now, occurred + random.int(3 * DAY));
        load.add([random.uuid(recorded), tenantId, at(recorded), at(recorded), 1, person.id, at(occurred), kind, EVENT_TITLES[kind] ?? "Something happened", random.chance(0.4) ? "Told me about it at our next meeting." : null, world.users[person.lead]?.id]);
      }
    }),
  );
}

export async function loadPlansAndConsents(world: World, loader: BulkLoader, progress: Progress): Promise<void> {
  const { tenantId } = world;
  const user = (index: number | null) => (index === null ? null : (world.users[index]?.id ?? null));
  await loader.table("plans", [...BASE, "person_id", "review_interval_months", "next_review_on", "last_reviewed_on", "updated_by"], (load) =>
    perPerson(world, load, progress, (person) => {
      const plan = planOf(world, person);
      load.add([plan.id, tenantId, at(plan.createdMs), at(plan.createdMs), 1, person.id, 3, plan.nextReviewOn, plan.lastReviewedOn, user(person.lead)]);
    }),
  );
  await loader.table("goals", [...BASE, "person_id", "description", "worker_note", "status", "ended_at", "created_by", "updated_by"], (load) =>
    perPerson(world, load, progress, (person) => {
      const lead = user(person.lead);
      for (const goal of planOf(world, person).goals) {
        load.add([goal.id, tenantId, at(goal.createdMs), at(goal.endedMs ?? goal.createdMs), goal.endedMs ? 2 : 1, person.id, goal.description, goal.workerNote, goal.status, goal.endedMs ? at(goal.endedMs) : null, lead, lead]);
      }
    }),
  );
  await loader.table("plan_actions", [...BASE, "person_id", "goal_id", "description", "owner_organisation_id", "owner_user_id", "owner_name", "due_on", "status", "evidence", "completed_at", "created_by", "updated_by"], (load) =>
    perPerson(world, load, progress, (person) => {
      const lead = user(person.lead);
      for (const action of planOf(world, person).actions) {
        const updated = action.completedMs ?? action.createdMs;
        load.add([action.id, tenantId, at(action.createdMs), at(updated), action.completedMs ? 2 : 1, person.id, action.goalId, action.description, world.organisations[action.ownerOrganisation]?.id, user(action.ownerUser), action.ownerName, action.dueOn, action.status, action.evidence, action.completedMs ? at(action.completedMs) : null, lead, lead]);
      }
    }),
  );
  await loader.table("consents", [...BASE, "person_id", "type", "party_organisation_id", "party_description", "scopes", "how_given", "given_on", "review_on", "withdrawn_on", "recorded_by"], (load) =>
    perPerson(world, load, progress, (person) => {
      const lead = user(person.lead);
      for (const consent of consentsOf(world, person)) {
        const updated = consent.withdrawnMs ?? consent.givenMs;
        const party = consent.partyOrganisation === null ? null : world.organisations[consent.partyOrganisation]?.id;
        load.add([consent.id, tenantId, at(consent.givenMs), at(updated), consent.withdrawnMs ? 2 : 1, person.id, consent.type, party, consent.partyDescription, consent.scopes, consent.howGiven, isoDay(consent.givenMs), consent.withdrawnMs ? null : consent.reviewOn, consent.withdrawnMs ? isoDay(consent.withdrawnMs) : null, lead]);
      }
    }),
  );
}
