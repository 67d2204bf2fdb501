/**
 * The shape of a generated city for `keywork seed-scale`, held in memory: organisations, teams,
 * workers and people with their care teams. Everything else (contacts, plans, consent…) is made
 * per person from its own random stream (seed-scale-casework.ts, seed-scale-network.ts).
 */
import type { Role } from "../platform/access/roles.ts";
import { AREAS, DAY, FAMILY_NAMES, GIVEN_NAMES, STREETS, hash32, rng, type Rng } from "./seed-scale-random.ts";

export interface ScaleOptions {
  people: number;
  seed: number;
  tenantName: string;
  emailDomain: string;
  passwordHash: string;
  /** The moment the data is generated for (ms); records are spread over the six years before it. */
  now: number;
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
}

export interface Team {
  id: string;
  organisation: number;
  name: string;
  service: "multiple-needs" | "children";
  manager: number;
  keyWorkers: number[];
  peerMentors: number[];
}

export interface User {
  id: string;
  organisation: number;
  team: number | null;
  email: string;
  displayName: string;
  jobTitle: string;
  roles: Role[];
  keyworkingHours: number | null;
  specialisms: string[];
}

export interface Person {
  index: number;
  id: string;
  team: number;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  createdMs: number;
  /** When the case was closed, or null while it is open. */
  closedMs: number | null;
  lead: number;
  coWorker: number | null;
  peerMentor: number | null;
  partner: number | null;
  /** Partner organisations the person agreed to share with; they own many of the plan's actions. */
  sharedWith: number[];
  engagementStatus: string;
  contactIntensity: string;
}

export interface World {
  options: ScaleOptions;
  tenantId: string;
  organisations: Organisation[];
  keyWorkerOrganisations: number[];
  partnerOrganisations: number[];
  teams: Team[];
  users: User[];
  people: Person[];
  /** Partner users by organisation. */
  partnersOf: Map<number, number[]>;
  registerOwner: number;
  referrers: number[];
}

/** One random stream for a purpose (and a person): the same seed always gives the same stream. */
export function streamFor(world: { options: ScaleOptions }, purpose: string, index = 0): Rng {
  return rng(hash32(world.options.seed, world.options.tenantName, purpose, index));
}

const PARTNER_KINDS: ReadonlyArray<readonly [string, string, number]> = [
  ["housing", "Housing", 5],
  ["drug-alcohol", "Drug and Alcohol Service", 3],
  ["probation", "Probation Delivery Unit", 2],
  ["health", "Medical Practice", 5],
  ["mental-health", "Community Mental Health Team", 2],
  ["social-care", "Adult Social Care", 1],
  ["hostel", "Hostel", 2],
  ["camhs", "CAMHS", 1],
  ["police", "Neighbourhood Policing Team", 1],
  ["dwp", "Jobcentre Plus", 1],
  ["education", "Inclusion Service", 1],
  ["charity", "Community Trust", 3],
];
const SPECIALISMS = ["housing", "mental-health", "substance-use", "offending", "money", "family", "domestic-abuse", "autism", "learning-disability"];

/** How many of each thing a city of `people` has (100,000 people: 200 organisations, ~2,000 workers). */
export function scaleSizes(people: number) {
  const keyWorkers = Math.max(3, Math.round(people * 0.016));
  const organisations = Math.max(8, Math.round(people * 0.002));
  const keyWorkerOrganisations = Math.max(2, Math.round(organisations * 0.2));
  return {
    organisations,
    keyWorkerOrganisations,
    keyWorkers,
    teams: Math.max(keyWorkerOrganisations, Math.round(keyWorkers / 11)),
    psychologists: Math.max(1, Math.round(people * 0.0002)),
    peerMentors: Math.max(1, Math.round(people * 0.0006)),
    partners: Math.max(2, Math.round(people * 0.0015)),
    referrers: Math.max(1, Math.round(people * 0.0001)),
    evaluators: Math.max(1, Math.round(people * 0.00005)),
  };
}

function personName(random: Rng): { givenName: string; familyName: string } {
  return { givenName: random.pick(GIVEN_NAMES), familyName: random.pick(FAMILY_NAMES) };
}

/** Builds organisations, teams, workers and people with their care teams. */
export function buildWorld(options: ScaleOptions): World {
  const random = rng(hash32(options.seed, options.tenantName, "world"));
  const sizes = scaleSizes(options.people);
  const start = options.now - 6 * 365 * DAY;
  const tenantId = random.uuid(start - 30 * DAY);
  const organisations: Organisation[] = [];
  const names = new Set<string>();
  const uniqueName = (name: string) => {
    let candidate = name;
    for (let suffix = 2; names.has(candidate); suffix++) candidate = `${name} ${suffix}`;
    names.add(candidate);
    return candidate;
  };
  const keyWorkerOrganisations: number[] = [];
  for (let index = 0; index < sizes.keyWorkerOrganisations; index++) {
    const area = AREAS[index % AREAS.length] ?? "Northmoor";
    const children = index % 4 === 1;
    keyWorkerOrganisations.push(organisations.length);
    organisations.push({ id: random.uuid(start), name: uniqueName(children ? `${area} Children's Keyworker Service` : `${area} Together`), kind: "key-worker-service" });
  }
  const partnerOrganisations: number[] = [];
  organisations.push({ id: random.uuid(start), name: uniqueName("City Integrated Care Board"), kind: "commissioner" });
  const commissioner = organisations.length - 1;
  while (organisations.length < sizes.organisations) {
    const [kind, label] = random.weighted(PARTNER_KINDS.map((entry) => [entry, entry[2]] as const));
    partnerOrganisations.push(organisations.length);
    organisations.push({ id: random.uuid(start), name: uniqueName(`${random.pick(AREAS)} ${label}`), kind });
  }

  const users: User[] = [];
  const { emailDomain } = options;
  const addUser = (kind: string, number: number, fields: Omit<User, "id" | "email" | "displayName">): number => {
    const { givenName, familyName } = personName(random);
    users.push({ id: random.uuid(start + random.int(365) * DAY), email: `${kind}${String(number).padStart(4, "0")}@${emailDomain}`, displayName: `${givenName} ${familyName}`, ...fields });
    return users.length - 1;
  };

  const teams: Team[] = [];
  for (let index = 0; index < sizes.teams; index++) {
    const organisation = keyWorkerOrganisations[index % keyWorkerOrganisations.length] ?? 0;
    const children = (organisations[organisation]?.name ?? "").includes("Children");
    const id = random.uuid(start);
    teams.push({ id, organisation, name: `${children ? "Children's keyworker team" : "Multiple needs team"} ${index + 1}`, service: children ? "children" : "multiple-needs", manager: -1, keyWorkers: [], peerMentors: [] });
  }
  teams.forEach((team, index) => {
    team.manager = addUser("manager", index + 1, { organisation: team.organisation, team: index, jobTitle: "Team manager", roles: ["manager"], keyworkingHours: null, specialisms: [] });
  });
  for (let index = 0; index < sizes.keyWorkers; index++) {
    const teamIndex = index % teams.length;
    const team = teams[teamIndex] as Team;
    const hours = random.weighted([[37, 70], [random.between(22, 30), 20], [15, 10]] as const);
    team.keyWorkers.push(
      addUser("worker", index + 1, {
        organisation: team.organisation,
        team: teamIndex,
        jobTitle: hours < 20 ? "Link worker (two days a week)" : "Service coordinator",
        roles: ["key-worker"],
        keyworkingHours: hours,
        specialisms: [random.pick(SPECIALISMS), random.pick(SPECIALISMS)].filter((value, position, all) => all.indexOf(value) === position),
      }),
    );
  }
  for (let index = 0; index < sizes.peerMentors; index++) {
    const teamIndex = index % teams.length;
    const team = teams[teamIndex] as Team;
    team.peerMentors.push(addUser("mentor", index + 1, { organisation: team.organisation, team: teamIndex, jobTitle: "Peer mentor", roles: ["peer-mentor"], keyworkingHours: null, specialisms: [] }));
  }
  for (let index = 0; index < sizes.psychologists; index++) {
    const teamIndex = index % teams.length;
    addUser("psychologist", index + 1, { organisation: teams[teamIndex]?.organisation ?? 0, team: teamIndex, jobTitle: "Clinical psychologist", roles: ["psychologist"], keyworkingHours: null, specialisms: [] });
  }
  const partnersOf = new Map<number, number[]>();
  for (let index = 0; index < sizes.partners; index++) {
    const organisation = partnerOrganisations[index % partnerOrganisations.length] ?? commissioner;
    const user = addUser("partner", index + 1, { organisation, team: null, jobTitle: "Partner professional", roles: ["partner"], keyworkingHours: null, specialisms: [] });
    partnersOf.set(organisation, [...(partnersOf.get(organisation) ?? []), user]);
  }
  const referrers: number[] = [];
  for (let index = 0; index < sizes.referrers; index++) {
    const health = partnerOrganisations.filter((organisation) => organisations[organisation]?.kind === "health");
    referrers.push(addUser("referrer", index + 1, { organisation: health[index % Math.max(1, health.length)] ?? commissioner, team: null, jobTitle: "GP", roles: ["referrer"], keyworkingHours: null, specialisms: [] }));
  }
  const registerOwner = addUser("register", 1, { organisation: commissioner, team: null, jobTitle: "Dynamic support register lead", roles: ["register-owner"], keyworkingHours: null, specialisms: [] });
  for (let index = 0; index < sizes.evaluators; index++) {
    addUser("evaluator", index + 1, { organisation: commissioner, team: null, jobTitle: "Commissioning manager", roles: ["evaluator"], keyworkingHours: null, specialisms: [] });
  }
  addUser("admin", 1, { organisation: keyWorkerOrganisations[0] ?? 0, team: null, jobTitle: "Systems administrator", roles: ["admin"], keyworkingHours: null, specialisms: [] });

  const world: World = { options, tenantId, organisations, keyWorkerOrganisations, partnerOrganisations, teams, users, people: [], partnersOf, registerOwner, referrers };
  for (let index = 0; index < options.people; index++) world.people.push(makePerson(world, index));
  // In the order they were added, as in a database that grew over the years: indexes fill in order.
  world.people.sort((a, b) => a.createdMs - b.createdMs || a.index - b.index);
  world.people.forEach((person, index) => {
    person.index = index;
  });
  return world;
}

function makePerson(world: World, index: number): Person {
  const random = streamFor(world, "person", index);
  const { now } = world.options;
  const teamIndex = random.int(world.teams.length);
  const team = world.teams[teamIndex] as Team;
  const ageDays = 1 + Math.floor(2190 * Math.pow(random.next(), 1.7));
  const createdMs = now - ageDays * DAY - random.int(DAY);
  const closed = ageDays > 45 && random.chance(Math.min(0.8, ageDays / 1400));
  const closedMs = closed ? createdMs + Math.floor((now - createdMs) * (0.3 + random.next() * 0.65)) : null;
  const workers = team.keyWorkers;
  const lead = random.weighted(workers.map((user) => [user, world.users[user]?.keyworkingHours ?? 37] as const));
  const others = workers.filter((user) => user !== lead);
  const coWorker = others.length > 0 && random.chance(0.3) ? random.pick(others) : null;
  const peerMentor = team.peerMentors.length > 0 && random.chance(0.05) ? random.pick(team.peerMentors) : null;
  const sharedWith: number[] = [];
  const shares = random.weighted([[0, 8], [1, 32], [2, 38], [3, 22]] as const);
  for (let count = 0; count < shares && world.partnerOrganisations.length > 0; count++) {
    const organisation = random.pick(world.partnerOrganisations);
    if (!sharedWith.includes(organisation)) sharedWith.push(organisation);
  }
  const partnerCandidates = sharedWith.flatMap((organisation) => world.partnersOf.get(organisation) ?? []);
  const partner = partnerCandidates.length > 0 && random.chance(0.35) ? random.pick(partnerCandidates) : null;
  const children = team.service === "children";
  const birthYear = children ? random.between(2008, 2018) : random.between(1955, 2004);
  const { givenName, familyName } = personName(random);
  return {
    index,
    id: random.uuid(createdMs),
    team: teamIndex,
    givenName,
    familyName,
    dateOfBirth: `${birthYear}-${String(random.between(1, 12)).padStart(2, "0")}-${String(random.between(1, 28)).padStart(2, "0")}`,
    createdMs,
    closedMs,
    lead,
    coWorker,
    peerMentor,
    partner,
    sharedWith,
    engagementStatus: random.weighted([["engaged", 70], ["not-yet-engaged", 8], ["out-of-contact", 10], ["in-prison", 5], ["in-hospital", 4], ["out-of-area", 3]] as const),
    contactIntensity: random.weighted([["high", 25], ["medium", 50], ["low", 25]] as const),
  };
}

/** The person's address, phone, story and so on: made when the row is written, not kept. */
export function personDetails(world: World, person: Person) {
  const random = streamFor(world, "details", person.index);
  const area = random.pick(AREAS);
  const lower = `${person.givenName}.${person.familyName}`.toLowerCase().replace(/[^a-z.]/g, "");
  return {
    preferredName: random.chance(0.1) ? person.givenName.slice(0, 3) : null,
    aliases: random.chance(0.15) ? [`${person.givenName} ${random.pick(FAMILY_NAMES)}`] : [],
    pronouns: random.weighted([["he/him", 45], ["she/her", 42], ["they/them", 5], [null, 8]] as const),
    phone: random.chance(0.6) ? `07700 900${String(random.int(1000)).padStart(3, "0")}` : null,
    email: random.chance(0.25) ? `${lower}${random.int(100)}@example.com` : null,
    address: random.chance(0.8) ? `Flat ${random.between(1, 40)}, ${random.between(1, 120)} ${random.pick(STREETS)}, ${area}` : null,
    communicationNeeds: random.chance(0.1) ? random.pick(["Prefers texts to calls", "Needs an interpreter (Polish)", "Reads best in large print", "No letters to the home address"]) : null,
    story: random.chance(0.5)
      ? `${random.pick(["I was sleeping rough on and off for years.", "I left home at sixteen.", "Things fell apart after my mum died.", "I came out of prison with nowhere to go."])} ${random.pick(["I want somewhere of my own that I can keep.", "I want to see my kids again.", "I want to stop going back to hospital.", "I'm fed up of telling my story to every new worker."])}`
      : null,
    closureReason: random.pick(["Goals met; moved on", "Moved out of the area", "Chose to stop working with the service", "Transferred to another service"]),
  };
}
