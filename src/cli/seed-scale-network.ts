/**
 * The partnership-level tables of a generated city: the tenant, organisations, teams, workers, the
 * service directory with referral settings, referrals with their steps, and the dynamic support
 * register with its rating history.
 */
import { createHash } from "node:crypto";
import { Json, type BulkLoader } from "./seed-scale-copy.ts";
import { perPerson, type Progress } from "./seed-scale-casework.ts";
import { AREAS, DAY, FAMILY_NAMES, GIVEN_NAMES, isoDay, type Rng } from "./seed-scale-random.ts";
import { streamFor, type Person, type World } from "./seed-scale-world.ts";

const BASE = ["id", "tenant_id", "created_at", "updated_at", "version"] as const;
const at = (ms: number) => new Date(ms);

/** The service in the directory that each organisation offers (one each). */
export const serviceId = (world: World, organisation: number): string => streamFor(world, "service", organisation).uuid(world.options.now - 6 * 365 * DAY);

export async function loadDirectory(world: World, loader: BulkLoader): Promise<void> {
  const { tenantId, options } = world;
  const created = at(options.now - 6 * 365 * DAY - 30 * DAY);
  await loader.execute(`INSERT INTO tenants (id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)`, [tenantId, options.tenantName, created]);
  await loader.table("organisations", [...BASE, "name", "kind"], async (load) => {
    for (const organisation of world.organisations) load.add([organisation.id, tenantId, created, created, 1, organisation.name, organisation.kind]);
  });
  await loader.table("teams", [...BASE, "organisation_id", "name", "service"], async (load) => {
    for (const team of world.teams) load.add([team.id, tenantId, created, created, 1, world.organisations[team.organisation]?.id, team.name, team.service]);
  });
  await loader.table("users", [...BASE, "organisation_id", "team_id", "email", "display_name", "job_title", "roles", "password_hash", "keyworking_hours", "specialisms", "active"], async (load) => {
    for (const user of world.users) {
      const team = user.team === null ? null : world.teams[user.team]?.id;
      load.add([user.id, tenantId, created, created, 1, world.organisations[user.organisation]?.id, team, user.email, user.displayName, user.jobTitle, user.roles, options.passwordHash, user.keyworkingHours, user.specialisms, true]);
    }
  });
  await loader.table("services", [...BASE, "organisation_id", "name", "description", "email", "area", "active"], async (load) => {
    world.organisations.forEach((organisation, index) => {
      const slug = organisation.name.toLowerCase().replace(/[^a-z]+/g, "-");
      load.add([serviceId(world, index), tenantId, created, created, 1, organisation.id, organisation.name, `Support from ${organisation.name}`, `${slug}@example.org`, AREAS[index % AREAS.length], true]);
    });
  });
  await loader.table("referral_settings", [...BASE, "service_id", "team_id", "accepting_referrals", "eligibility", "acknowledge_within_working_days", "decide_within_working_days"], async (load) => {
    const random = streamFor(world, "referral-settings");
    for (const organisation of world.keyWorkerOrganisations) {
      const team = world.teams.find((candidate) => candidate.organisation === organisation);
      if (team) load.add([random.uuid(created.getTime()), tenantId, created, created, 1, serviceId(world, organisation), team.id, true, new Json({}), 2, 10]);
    }
  });
}

const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const NEEDS = ["housing", "mental-health", "substance-use", "offending", "physical-health", "money", "family", "domestic-abuse"];

interface Referral {
  id: string;
  person: Person | null;
  organisation: number;
  status: string;
  receivedMs: number;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  steps: Array<[string, number]>;
}

/** The referral that brought the person to the service, for about a third of people. */
export function referralOf(world: World, person: Person): Referral | null {
  const random = streamFor(world, "referral", person.index);
  if (!random.chance(0.35)) return null;
  const receivedMs = person.createdMs - random.between(3, 30) * DAY;
  const step = (days: number) => Math.min(person.createdMs, receivedMs + days * DAY);
  return {
    id: random.uuid(receivedMs),
    person,
    organisation: world.teams[person.team]?.organisation ?? 0,
    status: "allocated",
    receivedMs,
    givenName: person.givenName,
    familyName: person.familyName,
    dateOfBirth: person.dateOfBirth,
    steps: [["received", receivedMs], ["acknowledged", step(1)], ["screening", step(2)], ["accepted", step(3)], ["allocated", person.createdMs]],
  };
}

function unlinkedReferral(world: World, random: Rng): Referral {
  const receivedMs = world.options.now - random.int(365) * DAY - random.int(DAY);
  const status = random.weighted([["declined", 40], ["withdrawn", 15], ["awaiting-acknowledgement", 15], ["acknowledged", 10], ["screening", 20]] as const);
  const steps: Array<[string, number]> = [["received", receivedMs]];
  if (status !== "awaiting-acknowledgement") steps.push(["acknowledged", receivedMs + DAY]);
  if (status === "screening" || status === "declined") steps.push(["screening", receivedMs + 2 * DAY]);
  if (status === "declined" || status === "withdrawn") steps.push([status, receivedMs + 5 * DAY]);
  return {
    id: random.uuid(receivedMs),
    person: null,
    organisation: random.pick(world.keyWorkerOrganisations),
    status,
    receivedMs,
    givenName: random.pick(GIVEN_NAMES),
    familyName: random.pick(FAMILY_NAMES),
    dateOfBirth: random.chance(0.8) ? `${random.between(1960, 2005)}-0${random.between(1, 9)}-1${random.between(0, 9)}` : null,
    steps,
  };
}

export async function loadReferrals(world: World, loader: BulkLoader, progress: Progress): Promise<void> {
  const { tenantId } = world;
  const references = new Set<string>();
  const referenceStream = streamFor(world, "references");
  const extra = streamFor(world, "unlinked-referrals");
  const unlinked = Array.from({ length: Math.round(world.people.length * 0.08) }, () => unlinkedReferral(world, extra));
  const all = function* (): Generator<Referral> {
    for (const person of world.people) {
      const referral = referralOf(world, person);
      if (referral) yield referral;
    }
    yield* unlinked;
  };
  const addDays = (ms: number, days: number) => isoDay(ms + days * DAY);
  await loader.table("referrals", [...BASE, "service_id", "reference", "status_token_hash", "status", "priority", "channel", "given_name", "family_name", "date_of_birth", "person_consented", "reason", "needs", "referrer_name", "referrer_organisation", "referrer_role", "referred_by", "person_id", "decision_reason", "allocated_worker_id", "received_at", "acknowledged_at", "decided_at", "allocated_at", "acknowledge_by", "decide_by"], async (load) => {
    let count = 0;
    for (const referral of all()) {
      const random = streamFor(world, "referral-row", count++);
      let reference = "";
      while (reference === "" || references.has(reference)) {
        const characters = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[referenceStream.int(REFERENCE_ALPHABET.length)]).join("");
        reference = `KW-${characters.slice(0, 4)}-${characters.slice(4)}`;
      }
      references.add(reference);
      const stepAt = (name: string) => referral.steps.find(([step]) => step === name)?.[1] ?? null;
      const decided = stepAt("accepted") ?? stepAt("declined");
      const referrer = world.referrers.length > 0 && random.chance(0.4) ? random.pick(world.referrers) : null;
      const last = referral.steps[referral.steps.length - 1]?.[1] ?? referral.receivedMs;
      load.add([
        referral.id, tenantId, at(referral.receivedMs), at(last), referral.steps.length, serviceId(world, referral.organisation), reference,
        createHash("sha256").update(`${world.options.seed}:${tenantId}:${referral.id}`).digest("base64url"),
        referral.status, random.weighted([["normal", 80], ["high", 15], ["urgent", 5]] as const), referrer === null ? "public-link" : "form",
        referral.givenName, referral.familyName, referral.dateOfBirth, random.chance(0.9), "Struggling to keep the tenancy and not engaging with services.",
        [random.pick(NEEDS), random.pick(NEEDS)].filter((value, index, list) => list.indexOf(value) === index),
        referrer === null ? `${random.pick(GIVEN_NAMES)} ${random.pick(FAMILY_NAMES)}` : (world.users[referrer]?.displayName ?? "GP"), "Brookside Medical Practice", "GP",
        referrer === null ? null : world.users[referrer]?.id, referral.person?.id ?? null, referral.status === "declined" ? "Does not meet the criteria; suggested the drop-in service." : null,
        referral.person ? world.users[referral.person.lead]?.id : null, at(referral.receivedMs), stepAt("acknowledged") ? at(stepAt("acknowledged") ?? 0) : null,
        decided ? at(decided) : null, stepAt("allocated") ? at(stepAt("allocated") ?? 0) : null, addDays(referral.receivedMs, 2), addDays(referral.receivedMs, 14),
      ]);
      if ((count & 255) === 0) await load.flushIfFull();
    }
  });
  await loader.table("referral_steps", ["id", "tenant_id", "referral_id", "step", "at", "by_user_id", "note", "visible_to_referrer"], async (load) => {
    let count = 0;
    for (const referral of all()) {
      const random = streamFor(world, "referral-steps", count++);
      const by = referral.person ? world.users[referral.person.lead]?.id : null;
      for (const [step, stepMs] of referral.steps) load.add([random.uuid(stepMs), tenantId, referral.id, step, at(stepMs), step === "received" ? null : by, null, true]);
      if ((count & 255) === 0) {
        await load.flushIfFull();
        progress(Math.min(world.people.length, count));
      }
    }
  });
}

const RATINGS = [["red", 10], ["amber-red", 15], ["amber", 35], ["green", 35], ["blue", 5]] as const;

export async function loadRegister(world: World, loader: BulkLoader, progress: Progress): Promise<void> {
  const { tenantId } = world;
  const owner = world.users[world.registerOwner]?.id;
  const entries: Array<{ id: string; person: Person | null; givenName: string; familyName: string; dateOfBirth: string; ratings: Array<[string, number]>; random: Rng }> = [];
  const extra = streamFor(world, "register-unlinked");
  for (const person of world.people) {
    if (world.teams[person.team]?.service !== "children") continue;
    const random = streamFor(world, "register", person.index);
    if (!random.chance(0.25)) continue;
    const ratings: Array<[string, number]> = [];
    for (let count = random.between(1, 4), ms = person.createdMs; count > 0; count--, ms += random.between(20, 120) * DAY) ratings.push([random.weighted(RATINGS), Math.min(ms, world.options.now)]);
    entries.push({ id: random.uuid(person.createdMs), person, givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth, ratings, random });
    if (extra.chance(0.2)) {
      const ms = world.options.now - extra.int(400) * DAY;
      entries.push({ id: extra.uuid(ms), person: null, givenName: extra.pick(GIVEN_NAMES), familyName: extra.pick(FAMILY_NAMES), dateOfBirth: `${extra.between(2008, 2018)}-0${extra.between(1, 9)}-2${extra.between(0, 8)}`, ratings: [[extra.weighted(RATINGS), ms]], random: extra });
    }
  }
  await loader.table("register_entries", [...BASE, "person_id", "given_name", "family_name", "date_of_birth", "rating", "reason", "rated_by", "rated_at", "next_review_on", "removed_at", "removal_reason", "created_by"], async (load) => {
    for (const entry of entries) {
      const [rating, ratedMs] = entry.ratings[entry.ratings.length - 1] ?? ["amber", world.options.now];
      const removed = entry.person?.closedMs ?? null;
      load.add([entry.id, tenantId, at(entry.ratings[0]?.[1] ?? ratedMs), at(ratedMs), entry.ratings.length, entry.person?.id ?? null, entry.givenName, entry.familyName, entry.dateOfBirth, rating, "Placement at risk of breaking down", owner, at(ratedMs), isoDay(ratedMs + 60 * DAY), removed ? at(removed) : null, removed ? "No longer at risk of admission" : null, owner]);
    }
    await load.flushIfFull();
  });
  await loader.table("register_ratings", ["id", "tenant_id", "entry_id", "rating", "reason", "rated_by", "rated_at", "next_review_on"], async (load) => {
    for (const entry of entries) {
      for (const [rating, ratedMs] of entry.ratings) load.add([entry.random.uuid(ratedMs), tenantId, entry.id, rating, "Reviewed at the register meeting", owner, at(ratedMs), isoDay(ratedMs + 60 * DAY)]);
    }
    await load.flushIfFull();
    progress(world.people.length);
  });
}
