/** What other pages (caseload, person overview, handover summary) show of contacts and appointments. */
import { maySee, relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import * as store from "./store.ts";

export interface NextAppointment {
  appointmentId: string;
  startsAt: Date;
  place: string | null;
  workerName: string;
}

/**
 * The next planned appointment of each of these people, keyed by person id. People the actor may
 * not see, or whose contacts are not shared with the actor, are left out. Audited as one read.
 */
export async function nextAppointments(db: Db, actor: Actor, personIds: string[]): Promise<Map<string, NextAppointment>> {
  const ids = [...new Set(personIds.filter(isUuid))];
  const result = new Map<string, NextAppointment>();
  if (ids.length === 0) return result;
  return db.transaction(async (tx) => {
    const rows = await store.nextPlannedAppointments(tx, actor, ids);
    for (const row of rows) {
      const relationship = await relationshipTo(tx, actor, row.personId);
      if (!maySee(relationship, "contacts")) continue;
      result.set(row.personId, { appointmentId: row.id, startsAt: row.startsAt, place: row.place, workerName: row.workerName });
    }
    await audit(tx, actor, { action: "appointments.next.read", detail: { returned: [...result.keys()] } });
    return result;
  });
}

export interface HandoverContactsSummary {
  /** False when contacts are not shared with the actor: the lists are then empty. */
  shared: boolean;
  lastContactAt: Date | null;
  totalContacts: number;
  recentContacts: store.ContactView[];
  nextAppointments: store.AppointmentView[];
}

/**
 * For a handover or the person overview: their next planned appointments and most recent contacts
 * (partners and carers only with consent to share "contacts"). NotFound when the person is not visible.
 */
export async function handoverContactsSummary(
  db: Db,
  actor: Actor,
  personId: string,
  options: { contacts?: number; appointments?: number } = {},
): Promise<HandoverContactsSummary> {
  return db.transaction(async (tx) => contactsSummaryFor(tx, actor, personId, await relationshipTo(tx, actor, personId), options));
}

/** As `handoverContactsSummary`, inside a transaction that has established the actor's relationship to the person. */
export async function contactsSummaryFor(
  tx: Db | Tx,
  actor: Actor,
  personId: string,
  relationship: Relationship,
  options: { contacts?: number; appointments?: number } = {},
): Promise<HandoverContactsSummary> {
  const shared = maySee(relationship, "contacts");
  const contacts = shared ? await store.listContacts(tx, actor.tenantId, personId, { limit: options.contacts ?? 5, offset: 0 }) : { rows: [], total: 0 };
  const upcoming = shared ? await store.upcomingPersonAppointments(tx, actor.tenantId, personId, options.appointments ?? 3) : [];
  await audit(tx, actor, {
    action: "contacts.summary.read",
    personId,
    detail: { shared, contacts: contacts.rows.map((row) => row.id), appointments: upcoming.map((row) => row.id) },
  });
  return {
    shared,
    lastContactAt: contacts.rows[0]?.occurredAt ?? null,
    totalContacts: contacts.total,
    recentContacts: contacts.rows,
    nextAppointments: upcoming,
  };
}
