import type { Actor, Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { recordChronology } from "../chronology/service.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound } from "../platform/http/errors.ts";
import { todayIso } from "../platform/http/validation.ts";
import { personHeading } from "../people/service.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import * as directoryStore from "./directory-store.ts";
import type { FamilyInput, ProfessionalInput, ServiceInvolvedInput } from "./schema.ts";
import { assertMayEditTeam, changeTeam } from "./service.ts";
import * as store from "./store.ts";

/**
 * Other professionals, family and carers, and services involved: rows the team keeps about people
 * and services without a Keywork account. Each change is audited and goes on the chronology;
 * family changes go in the "story" section, so partners see them only when the story is shared.
 */

export type EntryKind = "professional" | "family" | "service";

const FINDERS = {
  professional: store.findProfessional,
  family: store.findFamilyMember,
  service: store.findServiceInvolved,
} as const;

type EntryRow<Kind extends EntryKind> = NonNullable<Awaited<ReturnType<(typeof FINDERS)[Kind]>>>;

const NOT_FOUND: Record<EntryKind, string> = {
  professional: "Professional not found",
  family: "Family member not found",
  service: "Service not found",
};

async function findEntry<Kind extends EntryKind>(tx: Db | Tx, actor: Actor, kind: Kind, id: string): Promise<EntryRow<Kind>> {
  const row = isUuid(id) ? await FINDERS[kind](tx, actor.tenantId, id) : undefined;
  if (!row) throw new NotFound(NOT_FOUND[kind]);
  return row as EntryRow<Kind>;
}

export interface EntryForEditing<Row> {
  person: PersonHeading;
  relationship: Relationship;
  entry: Row;
  /** For family: the email of the linked Keywork account. */
  accountEmail: string | null;
}

/** One entry for its edit form: NotFound unless its person is visible, Forbidden unless the actor may edit. */
export async function readEntryForEditing<Kind extends EntryKind>(db: Db, actor: Actor, kind: Kind, id: string): Promise<EntryForEditing<EntryRow<Kind>>> {
  return db.transaction(async (tx) => {
    const entry = await findEntry(tx, actor, kind, id);
    const relationship = await assertMayEditTeam(tx, actor, entry.personId);
    const person = await personHeading(tx, actor.tenantId, entry.personId);
    const userId = "userId" in entry ? entry.userId : null;
    const accountEmail = userId ? await store.accountEmail(tx, actor.tenantId, userId) : null;
    await audit(tx, actor, { action: "team.read", personId: entry.personId, subjectType: kind, subjectId: id, detail: { purpose: "edit" } });
    return { person, relationship, entry, accountEmail };
  });
}

/** Checks, before a form is read, that the entry exists, its person is visible and the actor may edit; the person's id. */
export async function assertMayEditEntry(db: Db, actor: Actor, kind: EntryKind, id: string): Promise<string> {
  return db.transaction(async (tx) => {
    const entry = await findEntry(tx, actor, kind, id);
    await assertMayEditTeam(tx, actor, entry.personId);
    return entry.personId;
  });
}

/** Runs a change to an existing entry with the same checks and lock as any team change. */
async function changeEntry<Kind extends EntryKind, Result>(db: Db, actor: Actor, kind: Kind, id: string, change: (tx: Tx, entry: EntryRow<Kind>) => Promise<Result>): Promise<Result> {
  const personId = (await db.transaction(async (tx) => findEntry(tx, actor, kind, id))).personId;
  return changeTeam(db, actor, personId, async (tx) => change(tx, await findEntry(tx, actor, kind, id)));
}

async function organisationFor(tx: Tx, actor: Actor, input: { organisationId: string | null; organisationName: string | null }): Promise<{ organisationId: string | null; organisationName: string }> {
  if (input.organisationId) {
    const organisation = await directoryStore.findOrganisation(tx, actor.tenantId, input.organisationId);
    if (!organisation) throw new Invalid([{ field: "organisationId", message: "Choose an organisation from the list" }]);
    return { organisationId: organisation.id, organisationName: organisation.name };
  }
  return { organisationId: null, organisationName: input.organisationName ?? "" };
}

function professionalLabel(row: { name: string; role: string; organisationName: string }): string {
  return `${row.name} (${row.role}, ${row.organisationName})`;
}

async function professionalValues(tx: Tx, actor: Actor, input: ProfessionalInput): Promise<store.ProfessionalValues> {
  return { ...(await organisationFor(tx, actor, input)), name: input.name, role: input.role, phone: input.phone, email: input.email, startedOn: input.startedOn };
}

export async function addProfessional(db: Db, actor: Actor, personId: string, input: ProfessionalInput): Promise<store.ProfessionalRow> {
  return changeTeam(db, actor, personId, async (tx) => {
    const values = await professionalValues(tx, actor, input);
    const row = await store.insertProfessional(tx, { tenantId: actor.tenantId, personId, createdBy: actor.userId, values });
    await audit(tx, actor, { action: "team.professional.add", personId, subjectType: "external_professional", subjectId: row.id });
    await recordChronology(tx, actor, { personId, kind: "professional-added", summary: `${professionalLabel(row)} joined the team around them`, section: "team", sourceType: "external_professional", sourceId: row.id });
    return row;
  });
}

export async function updateProfessional(db: Db, actor: Actor, id: string, expectedVersion: number, input: ProfessionalInput): Promise<store.ProfessionalRow> {
  return changeEntry(db, actor, "professional", id, async (tx, entry) => {
    const values = await professionalValues(tx, actor, input);
    const row = await store.updateProfessional(tx, { tenantId: actor.tenantId, id, expectedVersion, values });
    if (!row) throw new Conflict("Someone else changed these details after you opened them", entry);
    await audit(tx, actor, { action: "team.professional.update", personId: row.personId, subjectType: "external_professional", subjectId: id, detail: { version: row.version } });
    await recordChronology(tx, actor, { personId: row.personId, kind: "professional-updated", summary: `Details of ${professionalLabel(row)} updated`, section: "team", sourceType: "external_professional", sourceId: id });
    return row;
  });
}

export async function endProfessional(db: Db, actor: Actor, id: string, expectedVersion: number): Promise<store.ProfessionalRow> {
  return changeEntry(db, actor, "professional", id, async (tx, entry) => {
    if (entry.endedOn) throw new Invalid([{ field: "form", message: `${entry.name} is already recorded as no longer involved` }]);
    const row = await store.updateProfessional(tx, { tenantId: actor.tenantId, id, expectedVersion, values: { endedOn: "today" } });
    if (!row) throw new Conflict("Someone else changed these details after you opened them", entry);
    await audit(tx, actor, { action: "team.professional.end", personId: row.personId, subjectType: "external_professional", subjectId: id });
    await recordChronology(tx, actor, { personId: row.personId, kind: "professional-ended", summary: `${professionalLabel(row)} no longer involved`, section: "team", sourceType: "external_professional", sourceId: id });
    return row;
  });
}

async function familyValues(tx: Tx, actor: Actor, input: FamilyInput): Promise<store.FamilyValues> {
  const { accountEmail, ...values } = input;
  if (!accountEmail) return { ...values, userId: null };
  const account = await store.findCarerAccount(tx, actor.tenantId, accountEmail);
  if (!account) throw new Invalid([{ field: "accountEmail", message: "There is no Keywork account with the carer role for that email address" }]);
  return { ...values, userId: account.id };
}

function familyLabel(row: { name: string; relationship: string; isCarer: boolean }): string {
  return `${row.name} (${row.relationship}${row.isCarer ? ", carer" : ""})`;
}

async function recordAccountLink(tx: Tx, actor: Actor, row: store.FamilyRow, previousUserId: string | null): Promise<void> {
  if (row.userId === previousUserId) return;
  await audit(tx, actor, { action: row.userId ? "team.family.link-account" : "team.family.unlink-account", personId: row.personId, subjectType: "family_member", subjectId: row.id, detail: { userId: row.userId ?? previousUserId } });
  await recordChronology(tx, actor, {
    personId: row.personId,
    kind: row.userId ? "carer-account-linked" : "carer-account-unlinked",
    summary: row.userId ? `${row.name} can now sign in to Keywork as a carer` : `${row.name} can no longer sign in to Keywork as a carer`,
    section: "story",
    sourceType: "family_member",
    sourceId: row.id,
  });
}

export async function addFamilyMember(db: Db, actor: Actor, personId: string, input: FamilyInput): Promise<store.FamilyRow> {
  return changeTeam(db, actor, personId, async (tx, relationship) => {
    if (relationship.audience !== "full") throw new NotFound("Person not found");
    const row = await store.insertFamilyMember(tx, { tenantId: actor.tenantId, personId, createdBy: actor.userId, values: await familyValues(tx, actor, input) });
    await audit(tx, actor, { action: "team.family.add", personId, subjectType: "family_member", subjectId: row.id });
    await recordChronology(tx, actor, { personId, kind: "family-member-added", summary: `${familyLabel(row)} added to family and carers`, section: "story", sourceType: "family_member", sourceId: row.id });
    await recordAccountLink(tx, actor, row, null);
    return row;
  });
}

export async function updateFamilyMember(db: Db, actor: Actor, id: string, expectedVersion: number, input: FamilyInput): Promise<store.FamilyRow> {
  return changeEntry(db, actor, "family", id, async (tx, entry) => {
    const row = await store.updateFamilyMember(tx, { tenantId: actor.tenantId, id, expectedVersion, values: await familyValues(tx, actor, input) });
    if (!row) throw new Conflict("Someone else changed these details after you opened them", entry);
    await audit(tx, actor, { action: "team.family.update", personId: row.personId, subjectType: "family_member", subjectId: id, detail: { version: row.version } });
    await recordChronology(tx, actor, { personId: row.personId, kind: "family-member-updated", summary: `Details of ${familyLabel(row)} updated`, section: "story", sourceType: "family_member", sourceId: id });
    await recordAccountLink(tx, actor, row, entry.userId);
    return row;
  });
}

/** Ends a family member's place in the team; a linked carer account no longer sees the person. */
export async function endFamilyMember(db: Db, actor: Actor, id: string, expectedVersion: number): Promise<store.FamilyRow> {
  return changeEntry(db, actor, "family", id, async (tx, entry) => {
    if (entry.endedOn) throw new Invalid([{ field: "form", message: `${entry.name} is already recorded as no longer involved` }]);
    const row = await store.updateFamilyMember(tx, { tenantId: actor.tenantId, id, expectedVersion, values: { endedOn: "today" } });
    if (!row) throw new Conflict("Someone else changed these details after you opened them", entry);
    await audit(tx, actor, { action: "team.family.end", personId: row.personId, subjectType: "family_member", subjectId: id, detail: { userId: row.userId } });
    await recordChronology(tx, actor, { personId: row.personId, kind: "family-member-ended", summary: `${familyLabel(row)} no longer listed as family or carer`, section: "story", sourceType: "family_member", sourceId: id });
    return row;
  });
}

export function serviceLabel(row: { organisationName: string; serviceName: string | null }): string {
  return row.serviceName ? `${row.organisationName} (${row.serviceName})` : row.organisationName;
}

async function serviceValues(tx: Tx, actor: Actor, input: ServiceInvolvedInput): Promise<store.ServiceInvolvedValues> {
  if (!input.serviceId) return { ...input, organisationName: input.organisationName ?? "" };
  const service = await directoryStore.findService(tx, actor.tenantId, input.serviceId);
  const organisation = service ? await directoryStore.findOrganisation(tx, actor.tenantId, service.organisationId) : undefined;
  if (!service || !organisation) throw new Invalid([{ field: "serviceId", message: "Choose a service from the directory" }]);
  return { ...input, organisationName: organisation.name, serviceName: input.serviceName ?? service.name };
}

export async function addServiceInvolved(db: Db, actor: Actor, personId: string, input: ServiceInvolvedInput): Promise<store.ServiceInvolvedRow> {
  return changeTeam(db, actor, personId, async (tx) => {
    const row = await store.insertServiceInvolved(tx, { tenantId: actor.tenantId, personId, createdBy: actor.userId, values: await serviceValues(tx, actor, input) });
    await audit(tx, actor, { action: "team.service.add", personId, subjectType: "service_involved", subjectId: row.id });
    await recordChronology(tx, actor, { personId, kind: "service-involvement-added", summary: `${serviceLabel(row)} involvement recorded`, section: "team", sourceType: "service_involved", sourceId: row.id });
    return row;
  });
}

export async function updateServiceInvolved(db: Db, actor: Actor, id: string, expectedVersion: number, input: ServiceInvolvedInput): Promise<store.ServiceInvolvedRow> {
  return changeEntry(db, actor, "service", id, async (tx, entry) => {
    const row = await store.updateServiceInvolved(tx, { tenantId: actor.tenantId, id, expectedVersion, values: await serviceValues(tx, actor, input) });
    if (!row) throw new Conflict("Someone else changed these details after you opened them", entry);
    await audit(tx, actor, { action: "team.service.update", personId: row.personId, subjectType: "service_involved", subjectId: id, detail: { version: row.version } });
    await recordChronology(tx, actor, { personId: row.personId, kind: "service-involvement-updated", summary: `${serviceLabel(row)} involvement updated`, section: "team", sourceType: "service_involved", sourceId: id });
    return row;
  });
}

export async function endServiceInvolved(db: Db, actor: Actor, id: string, expectedVersion: number): Promise<store.ServiceInvolvedRow> {
  return changeEntry(db, actor, "service", id, async (tx, entry) => {
    if (entry.endedOn && entry.endedOn <= todayIso()) throw new Invalid([{ field: "form", message: `${serviceLabel(entry)} is already recorded as ended` }]);
    const row = await store.updateServiceInvolved(tx, { tenantId: actor.tenantId, id, expectedVersion, values: { endedOnToday: true } });
    if (!row) throw new Conflict("Someone else changed these details after you opened them", entry);
    await audit(tx, actor, { action: "team.service.end", personId: row.personId, subjectType: "service_involved", subjectId: id });
    await recordChronology(tx, actor, { personId: row.personId, kind: "service-involvement-ended", summary: `${serviceLabel(row)} involvement ended`, section: "team", sourceType: "service_involved", sourceId: id });
    return row;
  });
}
