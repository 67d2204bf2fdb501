/** Test helpers for stuck cases, reflective case reviews and supervision notes (src/supervision). */
import { sql } from "drizzle-orm";
import { significantEvents } from "../../src/chronology/tables.ts";
import { contacts } from "../../src/contacts/tables.ts";
import { goalProgress, goals, planActions } from "../../src/plans/tables.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { organisations } from "../../src/platform/tenancy/tables.ts";
import { supervisionNotes } from "../../src/supervision/tables.ts";
import { createPerson, createTenant, createUser, type TestPerson, type TestTenant, type TestUser } from "./factories.ts";

/** An instant at midday UK time (winter: UTC) on a date, `days` after it (negative for before). */
export function onDay(iso: string, days = 0): Date {
  return new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000);
}

/** A team with its manager, psychologist and two workers, and a manager and worker in another team. */
export interface StuckScene {
  tenant: TestTenant;
  worker: TestUser;
  coworker: TestUser;
  manager: TestUser;
  psychologist: TestUser;
  otherManager: TestUser;
  otherWorker: TestUser;
  partner: TestUser;
  peerMentor: TestUser;
  admin: TestUser;
  /** A second partner agency. */
  probationOrganisationId: string;
}

export async function stuckScene(db: Db): Promise<StuckScene> {
  const tenant = await createTenant(db);
  const probationOrganisationId = newId();
  await db.insert(organisations).values({ id: probationOrganisationId, tenantId: tenant.tenantId, name: "Probation", kind: "probation" });
  return {
    tenant,
    probationOrganisationId,
    worker: await createUser(db, tenant, { roles: ["key-worker"], name: "Sam Okafor" }),
    coworker: await createUser(db, tenant, { roles: ["key-worker"], name: "Priya Nair" }),
    manager: await createUser(db, tenant, { roles: ["manager"], name: "Helen Marsh" }),
    psychologist: await createUser(db, tenant, { roles: ["psychologist"], name: "Dr Tom Reilly" }),
    otherManager: await createUser(db, tenant, { roles: ["manager"], team: "other", name: "Grace Adeyemi" }),
    otherWorker: await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Jo Whitfield" }),
    partner: await createUser(db, tenant, { roles: ["partner"], partner: true, name: "Marcus Bell" }),
    peerMentor: await createUser(db, tenant, { roles: ["peer-mentor"], name: "Lee Barker" }),
    admin: await createUser(db, tenant, { roles: ["admin"], team: "none", name: "Alex Chen" }),
  };
}

/**
 * A person in the main team led by the scene's worker, opened on `openedOn`, with a contact
 * intensity. Nothing else: add goals, contacts, crises and actions with the helpers below.
 */
export async function stuckPerson(
  db: Db,
  scene: StuckScene,
  options: { openedOn: string; intensity?: "high" | "medium" | "low"; familyName?: string; team?: "main" | "other"; members?: Array<{ user: TestUser; role: "lead" | "co-worker" | "partner" | "peer-mentor" }> },
): Promise<TestPerson> {
  const person = await createPerson(db, scene.tenant, {
    ...(options.familyName ? { familyName: options.familyName } : {}),
    ...(options.team ? { team: options.team } : {}),
    members: options.members ?? [{ user: scene.worker, role: "lead" }],
  });
  await db.execute(sql`UPDATE people SET created_at = ${onDay(options.openedOn).toISOString()}::timestamptz, contact_intensity = ${options.intensity ?? "medium"}
    WHERE tenant_id = ${scene.tenant.tenantId} AND id = ${person.id}`);
  return person;
}

export async function addGoal(db: Db, scene: StuckScene, person: TestPerson, options: { createdAt: Date; status?: "active" | "achieved" | "stopped"; endedAt?: Date; description?: string }): Promise<string> {
  const id = newId();
  await db.insert(goals).values({
    id,
    tenantId: scene.tenant.tenantId,
    personId: person.id,
    description: options.description ?? "Get my own flat",
    status: options.status ?? "active",
    endedAt: options.endedAt ?? null,
    createdAt: options.createdAt,
    updatedAt: options.createdAt,
    createdBy: scene.worker.id,
  });
  return id;
}

export async function addProgress(db: Db, scene: StuckScene, person: TestPerson, goalId: string, at: Date): Promise<void> {
  await db.insert(goalProgress).values({ id: newId(), tenantId: scene.tenant.tenantId, goalId, personId: person.id, recordedAt: at, note: "Viewed a flat", rating: 4, recordedBy: scene.worker.id });
}

export async function addContact(db: Db, scene: StuckScene, person: TestPerson, at: Date, purpose: string | null = null): Promise<void> {
  await db.insert(contacts).values({ id: newId(), tenantId: scene.tenant.tenantId, personId: person.id, workerId: scene.worker.id, type: "phone", occurredAt: at, purpose });
}

export async function addCrisisEvent(db: Db, scene: StuckScene, person: TestPerson, at: Date): Promise<void> {
  await db.insert(significantEvents).values({ id: newId(), tenantId: scene.tenant.tenantId, personId: person.id, kind: "crisis", title: "Taken to A&E", occurredAt: at });
}

export async function addAction(
  db: Db,
  scene: StuckScene,
  person: TestPerson,
  options: { dueOn: string; organisationId?: string; status?: "open" | "done" | "cancelled"; description?: string },
): Promise<void> {
  await db.insert(planActions).values({
    id: newId(),
    tenantId: scene.tenant.tenantId,
    personId: person.id,
    description: options.description ?? "Book the housing assessment",
    ownerOrganisationId: options.organisationId ?? scene.tenant.partnerOrganisationId,
    dueOn: options.dueOn,
    status: options.status ?? "open",
  });
}

/** A supervision note stored directly. */
export async function insertNote(db: Db, tenant: TestTenant, options: { worker: TestUser; supervisor: TestUser; heldOn: string; note?: string; agreedActions?: string }): Promise<string> {
  const id = newId();
  await db.insert(supervisionNotes).values({
    id,
    tenantId: tenant.tenantId,
    workerId: options.worker.id,
    supervisorId: options.supervisor.id,
    heldOn: options.heldOn,
    note: options.note ?? "Talked about Dean's tenancy and how Sam is sleeping.",
    agreedActions: options.agreedActions ?? null,
    createdBy: options.supervisor.id,
    updatedBy: options.supervisor.id,
  });
  return id;
}

export async function caseReviewRows(db: Db, tenantId: string, personId: string) {
  return queryRows<{ id: string; held_on: string; what_is_stuck: string; conversation: string; refocused_goals: string | null; outcome: string; created_by: string | null }>(
    db,
    sql`SELECT id, held_on::text AS held_on, what_is_stuck, conversation, refocused_goals, outcome, created_by FROM case_reviews WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY created_at`,
  );
}

export async function goalRows(db: Db, tenantId: string, personId: string) {
  return queryRows<{ description: string; status: string; created_by: string | null }>(
    db,
    sql`SELECT description, status, created_by FROM goals WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY created_at, id`,
  );
}
