import { maySee, relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import { personHeading } from "../people/service.ts";
import type { ContactDetails } from "./schema.ts";
import * as store from "./store.ts";

export type { AppointmentView, ContactRevision, ContactRow, ContactSnapshot, ContactView } from "./store.ts";
export { handoverContactsSummary, nextAppointments, type HandoverContactsSummary, type NextAppointment } from "./summaries.ts";

export const CONTACTS_PAGE_SIZE = 25;
/** Clocks on phones drift: a contact up to this far ahead of the server's clock is taken as now. */
const CLOCK_SKEW_MS = 60_000;
const EARLIEST_CONTACT = new Date("2000-01-01T00:00:00Z");

const MAY_NOT_RECORD = "Only the person's key workers and their manager can record and change contacts";

/** A person's page needs who they are and how the actor stands to them. */
export interface PersonContext {
  person: PersonHeading;
  relationship: Relationship;
}

/** Refuses a contact in the future (that is an appointment) or implausibly long ago. */
export function checkOccurredAt(occurredAt: Date, now: Date = new Date()): void {
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new Invalid([{ field: "occurredAt", message: "A contact cannot be in the future — add an appointment instead" }]);
  }
  if (occurredAt < EARLIEST_CONTACT) throw new Invalid([{ field: "occurredAt", message: "Enter a date after 1 January 2000" }]);
}

async function editableContext(tx: Db | Tx, actor: Actor, personId: string): Promise<PersonContext> {
  const relationship = await relationshipTo(tx, actor, personId);
  if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_RECORD);
  return { person: await personHeading(tx, actor.tenantId, personId), relationship };
}

/** For the "record a contact" form: who the person is, after checking the actor may record. Audited. */
export async function openContactForm(db: Db, actor: Actor, personId: string): Promise<PersonContext> {
  return db.transaction(async (tx) => {
    const context = await editableContext(tx, actor, personId);
    await audit(tx, actor, { action: "contact.form.read", personId });
    return context;
  });
}

/** Checks, before the form is read, that the actor may record contacts for this person. */
export async function assertMayRecordContact(db: Db, actor: Actor, personId: string): Promise<void> {
  const relationship = await relationshipTo(db, actor, personId);
  if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_RECORD);
}

/** Records a contact by the actor with the person. The first version is kept in the contact's history. */
export async function recordContact(db: Db, actor: Actor, personId: string, details: ContactDetails): Promise<store.ContactRow> {
  checkOccurredAt(details.occurredAt);
  return db.transaction(async (tx) => {
    await editableContext(tx, actor, personId);
    const contact = await store.insertContact(tx, { tenantId: actor.tenantId, personId, workerId: actor.userId, recordedBy: actor.userId, details });
    await audit(tx, actor, {
      action: "contact.create",
      personId,
      subjectType: "contact",
      subjectId: contact.id,
      detail: { type: contact.type, occurredAt: contact.occurredAt.toISOString() },
    });
    return contact;
  });
}

export interface ContactsPage extends PersonContext {
  /** False when the person has not agreed to share contacts with the actor: rows is then empty. */
  shared: boolean;
  rows: store.ContactView[];
  total: number;
  page: number;
  pageSize: number;
}

/** A person's contacts, newest first, a page at a time; partners and carers only with consent to share "contacts". */
export async function listContactsFor(db: Db, actor: Actor, personId: string, page = 1, pageSize = CONTACTS_PAGE_SIZE): Promise<ContactsPage> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    const person = await personHeading(tx, actor.tenantId, personId);
    const shared = maySee(relationship, "contacts");
    const result = shared ? await store.listContacts(tx, actor.tenantId, personId, { limit: pageSize, offset: (page - 1) * pageSize }) : { rows: [], total: 0 };
    await audit(tx, actor, {
      action: "contacts.read",
      personId,
      detail: { page, shared, audience: relationship.audience, returned: result.rows.map((row) => row.id) },
    });
    return { person, relationship, shared, rows: result.rows, total: result.total, page, pageSize };
  });
}

export interface ContactRecord extends PersonContext {
  contact: store.ContactView;
  /** Every saved version, newest first (the first is what is saved now). */
  revisions: store.ContactRevision[];
  /** Names of the workers that past versions named. */
  workerNames: Map<string, string>;
}

/** The contact's person, after checking the actor may see contacts for them (else not found) and may change them. */
async function editableContact(tx: Db | Tx, actor: Actor, contactId: string): Promise<{ row: store.ContactRow; context: PersonContext }> {
  const row = isUuid(contactId) ? await store.findContact(tx, actor.tenantId, contactId) : undefined;
  if (!row) throw new NotFound("Contact not found");
  const relationship = await relationshipTo(tx, actor, row.personId);
  if (!maySee(relationship, "contacts")) throw new NotFound("Contact not found");
  if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_RECORD);
  return { row, context: { person: await personHeading(tx, actor.tenantId, row.personId), relationship } };
}

/** A contact for changing, with its history. Audited. */
export async function readContact(db: Db, actor: Actor, contactId: string): Promise<ContactRecord> {
  return db.transaction(async (tx) => {
    const { row, context } = await editableContact(tx, actor, contactId);
    const contact = await store.findContactView(tx, actor.tenantId, row.id);
    if (!contact) throw new NotFound("Contact not found");
    const revisions = await store.listRevisions(tx, actor.tenantId, row.id);
    const workerNames = await store.userNames(tx, actor.tenantId, [...new Set(revisions.map((revision) => revision.snapshot.workerId))]);
    await audit(tx, actor, { action: "contact.read", personId: row.personId, subjectType: "contact", subjectId: row.id, detail: { version: row.version } });
    return { ...context, contact, revisions, workerNames };
  });
}

/** Checks before reading a form that the contact is there for the actor to change. */
export async function assertMayChangeContact(db: Db, actor: Actor, contactId: string): Promise<void> {
  await editableContact(db, actor, contactId);
}

/** Saves changes made against `expectedVersion`; Conflict (with what is saved now) when someone saved first. */
export async function updateContact(
  db: Db,
  actor: Actor,
  contactId: string,
  expectedVersion: number,
  details: Partial<ContactDetails>,
): Promise<store.ContactRow> {
  if (details.occurredAt) checkOccurredAt(details.occurredAt);
  return db.transaction(async (tx) => {
    const { row } = await editableContact(tx, actor, contactId);
    const updated = await store.updateContact(tx, { tenantId: actor.tenantId, contactId: row.id, expectedVersion, changedBy: actor.userId, details });
    if (!updated) {
      const current = await store.findContactView(tx, actor.tenantId, row.id);
      throw new Conflict("Someone else changed this contact after you opened it", current);
    }
    await audit(tx, actor, {
      action: "contact.update",
      personId: row.personId,
      subjectType: "contact",
      subjectId: row.id,
      detail: { fields: Object.keys(details), version: updated.version },
    });
    return updated;
  });
}

/** The contact as it is saved now (for the API's answers). Call after a check that the actor may see it. */
export async function contactView(db: Db | Tx, actor: Actor, contactId: string): Promise<store.ContactView> {
  const contact = await store.findContactView(db, actor.tenantId, contactId);
  if (!contact) throw new NotFound("Contact not found");
  return contact;
}
