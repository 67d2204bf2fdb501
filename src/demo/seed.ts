import { eq, sql } from "drizzle-orm";
import type { Role } from "../platform/access/roles.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import { users } from "../platform/auth/tables.ts";
import type { Db } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { organisations, teams, tenants } from "../platform/tenancy/tables.ts";
import { careTeamMembers, people, personRevisions } from "../people/tables.ts";
import { contacts } from "../contacts/tables.ts";
import { demoPeople } from "./people.ts";
import { demoLoaders } from "./loaders.ts";
import type { DemoContext, DemoService, DemoUserKey } from "./types.ts";

export const DEMO_PARTNERSHIP = "Northmoor Partnership (demo)";
export const DEMO_EMAIL_DOMAIN = "demo.test";
const DEMO_LOCK_KEY = 7_304_116;

type OrganisationKey = "together" | "children" | "housing" | "probation" | "camhs" | "social-care" | "drug-alcohol" | "hostel" | "health" | "icb";

const ORGANISATIONS: Record<OrganisationKey, { name: string; kind: string }> = {
  together: { name: "Northmoor Together", kind: "key-worker-service" },
  children: { name: "Northmoor Children's Keyworker Service", kind: "key-worker-service" },
  housing: { name: "Harbour Housing", kind: "housing" },
  probation: { name: "Northmoor Probation Delivery Unit", kind: "probation" },
  camhs: { name: "Northmoor CAMHS", kind: "camhs" },
  "social-care": { name: "Northmoor Adult Social Care", kind: "social-care" },
  "drug-alcohol": { name: "Pathways Drug and Alcohol Service", kind: "drug-alcohol" },
  hostel: { name: "St Anne's Hostel", kind: "hostel" },
  health: { name: "Brookside Medical Practice", kind: "health" },
  icb: { name: "Northmoor Integrated Care Board", kind: "commissioner" },
};

const TEAMS: Record<DemoService, { organisation: OrganisationKey; name: string }> = {
  "multiple-needs": { organisation: "together", name: "Multiple needs team" },
  children: { organisation: "children", name: "Children's keyworker team" },
};

interface DemoUser {
  name: string;
  jobTitle: string;
  roles: Role[];
  organisation: OrganisationKey;
  team?: DemoService;
  keyworkingHours?: number;
  /** Need domains they specialise in (src/referrals/schema.ts): allocation suggests them for referrals that need it. */
  specialisms?: string[];
  /** What the demo shows when signed in as them. */
  shows: string;
}

export const DEMO_USERS: Record<DemoUserKey, DemoUser> = {
  worker: { name: "Sam Okafor", jobTitle: "Service coordinator", roles: ["key-worker"], organisation: "together", team: "multiple-needs", keyworkingHours: 37, specialisms: ["housing", "substance-use"], shows: "a key worker's caseload" },
  coworker: { name: "Priya Nair", jobTitle: "Service coordinator", roles: ["key-worker"], organisation: "together", team: "multiple-needs", keyworkingHours: 22, specialisms: ["mental-health", "domestic-abuse"], shows: "second worker on some of Sam's people" },
  worker2: { name: "Dan Hughes", jobTitle: "Service coordinator", roles: ["key-worker"], organisation: "together", team: "multiple-needs", keyworkingHours: 37, specialisms: ["offending", "substance-use"], shows: "another caseload in the team" },
  worker3: { name: "Aisha Begum", jobTitle: "Link worker (two days a week)", roles: ["key-worker"], organisation: "together", team: "multiple-needs", keyworkingHours: 15, specialisms: ["money", "family"], shows: "a part-time keyworker" },
  manager: { name: "Helen Marsh", jobTitle: "Team manager", roles: ["manager"], organisation: "together", team: "multiple-needs", shows: "the team's caseloads and audit trails" },
  psychologist: { name: "Dr Tom Reilly", jobTitle: "Clinical psychologist", roles: ["psychologist"], organisation: "together", team: "multiple-needs", shows: "the team's people, for reflective review" },
  "peer-mentor": { name: "Lee Barker", jobTitle: "Peer mentor", roles: ["peer-mentor"], organisation: "together", team: "multiple-needs", shows: "their mentees only, limited fields" },
  other: { name: "Jo Whitfield", jobTitle: "Keyworker", roles: ["key-worker"], organisation: "children", team: "children", keyworkingHours: 37, specialisms: ["autism", "learning-disability"], shows: "a children's keyworker caseload sharing nobody with Sam" },
  "children-manager": { name: "Grace Adeyemi", jobTitle: "Keyworker service lead", roles: ["manager"], organisation: "children", team: "children", shows: "the children's team" },
  partner: { name: "Marcus Bell", jobTitle: "Housing officer", roles: ["partner"], organisation: "housing", shows: "a housing professional: only people whose team they are in" },
  probation: { name: "Claire Dunn", jobTitle: "Probation officer", roles: ["partner"], organisation: "probation", shows: "a probation officer" },
  camhs: { name: "Dr Nadia Rahman", jobTitle: "CAMHS clinician", roles: ["partner"], organisation: "camhs", shows: "a CAMHS clinician" },
  "social-care": { name: "Ruth Ellis", jobTitle: "Social worker", roles: ["partner"], organisation: "social-care", shows: "a social worker" },
  "drug-alcohol": { name: "Kev Morgan", jobTitle: "Recovery worker", roles: ["partner"], organisation: "drug-alcohol", shows: "a drug and alcohol worker" },
  hostel: { name: "Bev Carter", jobTitle: "Hostel key worker", roles: ["partner"], organisation: "hostel", shows: "a hostel key worker" },
  referrer: { name: "Dr Olu Adebayo", jobTitle: "GP", roles: ["referrer"], organisation: "health", shows: "a referrer" },
  "register-owner": { name: "Sarah Lomas", jobTitle: "Dynamic support register lead", roles: ["register-owner"], organisation: "icb", shows: "the register owner" },
  evaluator: { name: "Ian Price", jobTitle: "Commissioning manager", roles: ["evaluator"], organisation: "icb", shows: "a commissioner" },
  client: { name: "Dean Holloway", jobTitle: "Client", roles: ["client"], organisation: "together", shows: "a client" },
  carer: { name: "Maureen Holloway", jobTitle: "Carer", roles: ["carer"], organisation: "together", shows: "a family carer" },
  admin: { name: "Alex Chen", jobTitle: "Systems administrator", roles: ["admin"], organisation: "together", shows: "the partnership's organisations and users" },
};

export function demoEmail(key: DemoUserKey): string {
  return `${key}@${DEMO_EMAIL_DOMAIN}`;
}

const CONTACT_TYPES = ["face-to-face", "phone", "text", "face-to-face", "outreach-attempt"] as const;

/** Deterministic small numbers from a key, so the demo looks the same every time. */
function spread(key: string, modulo: number): number {
  let total = 0;
  for (const character of key) total = (total * 31 + character.charCodeAt(0)) % 9973;
  return total % modulo;
}

/**
 * Loads the fictional Northmoor partnership: two key-worker services, six partner agencies, a user
 * for every role and 40 people. Does nothing if it is already there. Returns whether it loaded.
 */
export async function seedDemo(db: Db, password: string, now: Date = new Date()): Promise<boolean> {
  const existing = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.name, DEMO_PARTNERSHIP)).limit(1);
  if (existing.length > 0) return false;

  const passwordHashes = await Promise.all(Object.keys(DEMO_USERS).map(() => hashPassword(password)));

  return db.transaction(async (tx) => {
    // Several processes may start on one empty database together: one loads, the others wait and skip.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK_KEY})`);
    const loaded = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.name, DEMO_PARTNERSHIP)).limit(1);
    if (loaded.length > 0) return false;
    const tenantId = newId();
    await tx.insert(tenants).values({ id: tenantId, name: DEMO_PARTNERSHIP });

    const organisationIds = {} as Record<OrganisationKey, string>;
    for (const [key, organisation] of Object.entries(ORGANISATIONS) as Array<[OrganisationKey, { name: string; kind: string }]>) {
      organisationIds[key] = newId();
      await tx.insert(organisations).values({ id: organisationIds[key], tenantId, ...organisation });
    }
    const teamIds = {} as Record<DemoService, string>;
    for (const [service, team] of Object.entries(TEAMS) as Array<[DemoService, { organisation: OrganisationKey; name: string }]>) {
      teamIds[service] = newId();
      await tx.insert(teams).values({ id: teamIds[service], tenantId, organisationId: organisationIds[team.organisation], name: team.name, service });
    }
    const userIds = {} as Record<DemoUserKey, string>;
    let index = 0;
    for (const [key, user] of Object.entries(DEMO_USERS) as Array<[DemoUserKey, DemoUser]>) {
      userIds[key] = newId();
      await tx.insert(users).values({
        id: userIds[key],
        tenantId,
        organisationId: organisationIds[user.organisation],
        teamId: user.team ? teamIds[user.team] : null,
        email: demoEmail(key),
        displayName: user.name,
        jobTitle: user.jobTitle,
        roles: user.roles,
        passwordHash: passwordHashes[index++] ?? "",
        keyworkingHours: user.keyworkingHours ?? null,
        specialisms: user.specialisms ?? [],
      });
    }

    const seededPeople: DemoContext["people"] = [];
    for (const person of demoPeople) {
      const personId = newId();
      seededPeople.push({ id: personId, demo: person });
      const createdBy = userIds[person.lead];
      const joinedDaysAgo = 30 + spread(person.key, 500);
      const startedOn = new Date(now.getTime() - joinedDaysAgo * 86_400_000).toISOString().slice(0, 10);
      const [row] = await tx
        .insert(people)
        .values({
          id: personId,
          tenantId,
          teamId: teamIds[person.service],
          givenName: person.givenName,
          familyName: person.familyName,
          preferredName: person.preferredName ?? null,
          aliases: person.aliases,
          dateOfBirth: person.dateOfBirth,
          pronouns: person.pronouns ?? null,
          phone: person.phone ?? null,
          email: person.email ?? null,
          address: person.address ?? null,
          communicationNeeds: person.communicationNeeds ?? null,
          engagementStatus: person.engagementStatus,
          story: person.story,
          createdBy,
          updatedBy: createdBy,
          createdAt: new Date(`${startedOn}T10:00:00Z`),
          updatedAt: new Date(`${startedOn}T10:00:00Z`),
        })
        .returning();
      if (row) {
        const { id, tenantId: rowTenant, version, createdAt, updatedAt, ...snapshot } = row;
        void createdAt;
        void updatedAt;
        await tx.insert(personRevisions).values({ id: newId(), tenantId: rowTenant, personId: id, version, snapshot, changedBy: createdBy });
      }
      const members: Array<{ userKey: DemoUserKey; role: "lead" | "co-worker" | "peer-mentor" | "partner" }> = [
        { userKey: person.lead, role: "lead" },
        ...person.coWorkers.map((userKey) => ({ userKey, role: "co-worker" as const })),
        ...person.partners.map((userKey) => ({ userKey, role: "partner" as const })),
        ...(person.peerMentor ? [{ userKey: person.peerMentor, role: "peer-mentor" as const }] : []),
      ];
      for (const member of members) {
        await tx.insert(careTeamMembers).values({ id: newId(), tenantId, personId, userId: userIds[member.userKey], role: member.role, startedOn });
      }
      if (person.lastContactDaysAgo !== null) {
        const contactCount = 1 + spread(person.key, 4);
        for (let contact = 0; contact < contactCount; contact++) {
          const daysAgo = person.lastContactDaysAgo + contact * (3 + spread(`${person.key}${contact}`, 9));
          const occurredAt = new Date(now.getTime() - daysAgo * 86_400_000 - (spread(`${person.key}t${contact}`, 8) + 1) * 3_600_000);
          await tx.insert(contacts).values({
            id: newId(),
            tenantId,
            personId,
            workerId: contact % 3 === 2 && person.coWorkers[0] ? userIds[person.coWorkers[0]] : createdBy,
            type: CONTACT_TYPES[spread(`${person.key}c${contact}`, CONTACT_TYPES.length)] ?? "phone",
            occurredAt,
            durationMinutes: 15 + spread(`${person.key}d${contact}`, 6) * 15,
          });
        }
      }
    }
    const context: DemoContext = { tenantId, now, userIds, organisationIds, people: seededPeople };
    for (const load of demoLoaders) await load(tx, context);
    return true;
  });
}

/** The lines printed at start so that someone trying Keywork can sign in straight away. */
export function demoSignInLines(password: string): string[] {
  return [
    "Demo sign-ins (all with the password below):",
    ...(Object.entries(DEMO_USERS) as Array<[DemoUserKey, DemoUser]>).map(
      ([key, user]) => `  ${demoEmail(key).padEnd(30)} ${user.name} — ${user.shows}`,
    ),
    `  password: ${password}`,
  ];
}
