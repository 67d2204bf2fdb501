/**
 * Each generated person's plan (goals and actions owned by organisations), consents and risks,
 * made from the person's own random streams so the chronology can make them again and agree.
 */
import { ACTIONS_BY_KIND, DAY, GOALS, RISKS, isoDay } from "./seed-scale-random.ts";
import { streamFor, type Person, type World } from "./seed-scale-world.ts";

export interface GoalRow {
  id: string;
  createdMs: number;
  description: string;
  workerNote: string | null;
  status: "active" | "achieved" | "stopped";
  endedMs: number | null;
}

export interface ActionRow {
  id: string;
  goalId: string | null;
  createdMs: number;
  description: string;
  ownerOrganisation: number;
  ownerUser: number | null;
  ownerName: string | null;
  dueOn: string;
  status: "open" | "done" | "cancelled";
  evidence: string | null;
  completedMs: number | null;
}

export interface Plan {
  id: string;
  createdMs: number;
  nextReviewOn: string;
  lastReviewedOn: string | null;
  goals: GoalRow[];
  actions: ActionRow[];
}

/** The end of the person's time with the service: closure, or now. */
export const endOf = (world: World, person: Person): number => person.closedMs ?? world.options.now;

export function planOf(world: World, person: Person): Plan {
  const random = streamFor(world, "plan", person.index);
  const { now } = world.options;
  const end = endOf(world, person);
  const span = Math.max(DAY, end - person.createdMs);
  const at = (fraction: number) => person.createdMs + Math.floor(span * fraction);
  const planCreated = Math.min(end, person.createdMs + random.between(1, 14) * DAY);
  const lastReviewedMs = end - planCreated > 90 * DAY && random.chance(0.7) ? end - random.int(90) * DAY : null;
  const nextReviewMs = (lastReviewedMs ?? planCreated) + random.between(80, 100) * DAY;
  const goals: GoalRow[] = [];
  const goalCount = random.weighted([[1, 20], [2, 25], [3, 25], [4, 18], [5, 12]] as const);
  for (let index = 0; index < goalCount; index++) {
    const createdMs = at(random.next() * 0.6);
    const status = person.closedMs ? random.weighted([["achieved", 55], ["stopped", 45]] as const) : random.weighted([["active", 65], ["achieved", 22], ["stopped", 13]] as const);
    goals.push({
      id: random.uuid(createdMs),
      createdMs,
      description: random.pick(GOALS),
      workerNote: random.chance(0.3) ? "Agreed together at the first plan meeting." : null,
      status,
      endedMs: status === "active" ? null : Math.min(end, createdMs + Math.floor((end - createdMs) * random.next())),
    });
  }
  const actions: ActionRow[] = [];
  const actionCount = Math.min(60, random.logNormal(11, 0.6));
  const team = world.teams[person.team];
  for (let index = 0; index < actionCount; index++) {
    const createdMs = at(random.next());
    const dueMs = createdMs + random.between(7, 90) * DAY;
    const own = random.chance(0.45) || world.partnerOrganisations.length === 0;
    const ownerOrganisation = own ? (team?.organisation ?? 0) : person.sharedWith.length > 0 && random.chance(0.8) ? random.pick(person.sharedWith) : random.pick(world.partnerOrganisations);
    const partners = world.partnersOf.get(ownerOrganisation) ?? [];
    const ownerUser = own ? (random.chance(0.8) ? person.lead : null) : partners.length > 0 && random.chance(0.4) ? random.pick(partners) : null;
    let status: ActionRow["status"];
    if (person.closedMs) status = random.chance(0.7) ? "done" : "cancelled";
    else if (dueMs > now) status = random.chance(0.92) ? "open" : "done";
    else status = random.weighted([["done", 62], ["cancelled", 8], ["open", 30]] as const);
    const completedMs = status === "open" ? null : Math.min(end, createdMs + Math.floor((Math.min(dueMs + 30 * DAY, end) - createdMs) * random.next()));
    const kind = world.organisations[ownerOrganisation]?.kind ?? "charity";
    actions.push({
      id: random.uuid(createdMs),
      goalId: goals.length > 0 && random.chance(0.8) ? random.pick(goals).id : null,
      createdMs,
      description: random.pick(ACTIONS_BY_KIND[kind] ?? ACTIONS_BY_KIND.charity ?? ["Follow up"]),
      ownerOrganisation,
      ownerUser,
      ownerName: ownerUser === null && random.chance(0.3) ? random.pick(["Dr Shah, GP", "Duty housing officer", "Reception team", "Offender manager"]) : null,
      dueOn: isoDay(dueMs),
      status,
      evidence: status === "done" && random.chance(0.5) ? "Confirmed by phone" : null,
      completedMs,
    });
  }
  return { id: random.uuid(planCreated), createdMs: planCreated, nextReviewOn: isoDay(nextReviewMs), lastReviewedOn: lastReviewedMs ? isoDay(lastReviewedMs) : null, goals, actions };
}

export interface ConsentRow {
  id: string;
  type: "work-with-service" | "share-with" | "contact-agencies";
  partyOrganisation: number | null;
  partyDescription: string | null;
  scopes: string[];
  howGiven: string;
  givenMs: number;
  reviewOn: string | null;
  withdrawnMs: number | null;
}

const SHAREABLE = ["story", "contacts", "health", "offending", "wellness-plan"] as const;

export function consentsOf(world: World, person: Person): ConsentRow[] {
  const random = streamFor(world, "consent", person.index);
  const end = endOf(world, person);
  const howGiven = () => random.weighted([["verbal", 45], ["written", 35], ["electronic", 12], ["through-an-advocate", 5], ["best-interests", 3]] as const);
  const given = (earliest: number) => Math.min(end, earliest + random.int(30) * DAY);
  const review = (givenMs: number) => isoDay(givenMs + random.between(150, 200) * DAY);
  const rows: ConsentRow[] = [];
  const workWith = given(person.createdMs);
  rows.push({ id: random.uuid(workWith), type: "work-with-service", partyOrganisation: null, partyDescription: null, scopes: [], howGiven: howGiven(), givenMs: workWith, reviewOn: review(workWith), withdrawnMs: null });
  for (const organisation of person.sharedWith) {
    const givenMs = given(person.createdMs + random.int(60) * DAY);
    const scopes = ["plan", ...SHAREABLE.filter(() => random.chance(0.45))];
    const withdrawn = random.chance(0.08) ? Math.min(end, givenMs + random.between(10, 300) * DAY) : null;
    rows.push({ id: random.uuid(givenMs), type: "share-with", partyOrganisation: organisation, partyDescription: null, scopes, howGiven: howGiven(), givenMs, reviewOn: review(givenMs), withdrawnMs: withdrawn });
  }
  if (random.chance(0.3)) {
    const givenMs = given(person.createdMs);
    rows.push({ id: random.uuid(givenMs), type: "contact-agencies", partyOrganisation: null, partyDescription: "GP, housing and probation", scopes: [], howGiven: howGiven(), givenMs, reviewOn: review(givenMs), withdrawnMs: null });
  }
  return rows;
}

export interface RiskRow {
  id: string;
  createdMs: number;
  category: string;
  level: string;
  description: string;
  safetyPlan: string;
  reviewOn: string;
  closedMs: number | null;
}

export function risksOf(world: World, person: Person): RiskRow[] {
  const random = streamFor(world, "risk", person.index);
  const end = endOf(world, person);
  const count = random.weighted([[0, 40], [1, 35], [2, 18], [3, 7]] as const);
  const rows: RiskRow[] = [];
  for (let index = 0; index < count; index++) {
    const [category, description, safetyPlan] = random.pick(RISKS);
    const createdMs = person.createdMs + Math.floor((end - person.createdMs) * random.next() * 0.5);
    rows.push({
      id: random.uuid(createdMs),
      createdMs,
      category,
      level: random.weighted([["low", 40], ["medium", 40], ["high", 20]] as const),
      description,
      safetyPlan,
      reviewOn: isoDay(end + random.between(-40, 90) * DAY),
      closedMs: person.closedMs ?? (random.chance(0.2) ? end - random.int(30) * DAY : null),
    });
  }
  return rows;
}
