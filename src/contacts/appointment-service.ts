import { recordChronology } from "../chronology/service.ts";
import { hasRole, maySee, relationshipTo, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { personHeading } from "../people/service.ts";
import type { AppointmentDetails, AppointmentStatus } from "./schema.ts";
import type { PersonContext } from "./service.ts";
import * as store from "./store.ts";
import { addDays, formatDayHeading, formatTime, londonDateAndTime, londonInstant } from "./uk-time.ts";

export type { AppointmentView } from "./store.ts";

const MAY_NOT_BOOK = "Only the person's key workers and their manager can book and change appointments";
const PERSON_APPOINTMENTS_LIMIT = 200;
/** Marking an appointment attended or missed before it is nearly due is almost always a slip. */
const STATUS_EARLIEST_BEFORE_START_MS = 60 * 60_000;

/** Whether the actor keeps a diary: the workers and managers who book appointments. */
export function keepsDiary(actor: Actor): boolean {
  return hasRole(actor, "key-worker", "co-worker", "manager");
}

export function checkStartsAt(startsAt: Date, now: Date = new Date()): void {
  if (startsAt.getTime() <= now.getTime()) {
    throw new Invalid([{ field: "startsAt", message: "An appointment must be in the future — record a contact for something that has happened" }]);
  }
  if (startsAt.getTime() > now.getTime() + 2 * 365 * 86_400_000) {
    throw new Invalid([{ field: "startsAt", message: "An appointment must be within the next 2 years" }]);
  }
}

async function editableContext(tx: Db | Tx, actor: Actor, personId: string): Promise<PersonContext> {
  const relationship = await relationshipTo(tx, actor, personId);
  if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_BOOK);
  return { person: await personHeading(tx, actor.tenantId, personId), relationship };
}

/** For the "book an appointment" form. Audited. */
export async function openAppointmentForm(db: Db, actor: Actor, personId: string): Promise<PersonContext> {
  return db.transaction(async (tx) => {
    const context = await editableContext(tx, actor, personId);
    await audit(tx, actor, { action: "appointment.form.read", personId });
    return context;
  });
}

/** Books an appointment between the actor and the person. */
export async function bookAppointment(db: Db, actor: Actor, personId: string, details: AppointmentDetails): Promise<store.AppointmentRow> {
  checkStartsAt(details.startsAt);
  return db.transaction(async (tx) => {
    await editableContext(tx, actor, personId);
    const appointment = await store.insertAppointment(tx, { tenantId: actor.tenantId, personId, workerId: actor.userId, createdBy: actor.userId, details });
    await audit(tx, actor, {
      action: "appointment.create",
      personId,
      subjectType: "appointment",
      subjectId: appointment.id,
      detail: { startsAt: appointment.startsAt.toISOString() },
    });
    return appointment;
  });
}

export interface PersonAppointments extends PersonContext {
  shared: boolean;
  rows: store.AppointmentView[];
}

/** A person's appointments (upcoming first); partners and carers only with consent to share "contacts". */
export async function listAppointmentsFor(db: Db, actor: Actor, personId: string): Promise<PersonAppointments> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    const person = await personHeading(tx, actor.tenantId, personId);
    const shared = maySee(relationship, "contacts");
    const rows = shared ? await store.listPersonAppointments(tx, actor.tenantId, personId, PERSON_APPOINTMENTS_LIMIT) : [];
    await audit(tx, actor, { action: "appointments.read", personId, detail: { shared, returned: rows.map((row) => row.id) } });
    return { person, relationship, shared, rows };
  });
}

async function editableAppointment(tx: Db | Tx, actor: Actor, appointmentId: string): Promise<{ row: store.AppointmentRow; context: PersonContext }> {
  const row = isUuid(appointmentId) ? await store.findAppointment(tx, actor.tenantId, appointmentId) : undefined;
  if (!row) throw new NotFound("Appointment not found");
  const relationship = await relationshipTo(tx, actor, row.personId);
  if (!maySee(relationship, "contacts")) throw new NotFound("Appointment not found");
  if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_BOOK);
  return { row, context: { person: await personHeading(tx, actor.tenantId, row.personId), relationship } };
}

export interface AppointmentRecord extends PersonContext {
  appointment: store.AppointmentView;
}

/** One appointment for changing. Audited. */
export async function readAppointment(db: Db, actor: Actor, appointmentId: string): Promise<AppointmentRecord> {
  return db.transaction(async (tx) => {
    const { row, context } = await editableAppointment(tx, actor, appointmentId);
    const appointment = await store.findAppointmentView(tx, actor.tenantId, row.id);
    if (!appointment) throw new NotFound("Appointment not found");
    await audit(tx, actor, { action: "appointment.read", personId: row.personId, subjectType: "appointment", subjectId: row.id });
    return { ...context, appointment };
  });
}

/** The appointment as it is saved now (for the API's answers). Call after a check that the actor may see it. */
export async function appointmentView(db: Db | Tx, actor: Actor, appointmentId: string): Promise<store.AppointmentView> {
  const appointment = await store.findAppointmentView(db, actor.tenantId, appointmentId);
  if (!appointment) throw new NotFound("Appointment not found");
  return appointment;
}

export async function assertMayChangeAppointment(db: Db, actor: Actor, appointmentId: string): Promise<void> {
  await editableAppointment(db, actor, appointmentId);
}

async function conflict(tx: Tx, actor: Actor, appointmentId: string): Promise<never> {
  throw new Conflict("Someone else changed this appointment after you opened it", await store.findAppointmentView(tx, actor.tenantId, appointmentId));
}

/** Moves or changes a planned appointment; Conflict when someone saved first. */
export async function changeAppointment(
  db: Db,
  actor: Actor,
  appointmentId: string,
  expectedVersion: number,
  details: AppointmentDetails,
): Promise<store.AppointmentRow> {
  return db.transaction(async (tx) => {
    const { row } = await editableAppointment(tx, actor, appointmentId);
    if (row.version !== expectedVersion) return conflict(tx, actor, row.id);
    if (row.status !== "planned") throw new Invalid([{ field: "form", message: "Only a planned appointment can be changed" }]);
    if (details.startsAt.getTime() !== row.startsAt.getTime()) checkStartsAt(details.startsAt);
    const updated = await store.updateAppointment(tx, { tenantId: actor.tenantId, appointmentId: row.id, expectedVersion, set: details });
    if (!updated) return conflict(tx, actor, row.id);
    await audit(tx, actor, {
      action: "appointment.update",
      personId: row.personId,
      subjectType: "appointment",
      subjectId: row.id,
      detail: { startsAt: updated.startsAt.toISOString(), version: updated.version },
    });
    return updated;
  });
}

const STATUS_CHRONOLOGY: Partial<Record<AppointmentStatus, { kind: string; words: string }>> = {
  cancelled: { kind: "appointment-cancelled", words: "cancelled" },
  "did-not-attend": { kind: "appointment-did-not-attend", words: "missed: they did not attend" },
};

/** Marks an appointment attended, missed or cancelled. Cancelling and missing go on the chronology. */
export async function setAppointmentStatus(
  db: Db,
  actor: Actor,
  appointmentId: string,
  expectedVersion: number,
  status: Exclude<AppointmentStatus, "planned">,
): Promise<store.AppointmentRow> {
  return db.transaction(async (tx) => {
    const { row } = await editableAppointment(tx, actor, appointmentId);
    if (row.version !== expectedVersion) return conflict(tx, actor, row.id);
    if (row.status === status) return row;
    if (status !== "cancelled" && row.startsAt.getTime() > Date.now() + STATUS_EARLIEST_BEFORE_START_MS) {
      throw new Invalid([{ field: "status", message: "This appointment has not happened yet. Cancel it, or change its time." }]);
    }
    const updated = await store.updateAppointment(tx, { tenantId: actor.tenantId, appointmentId: row.id, expectedVersion, set: { status } });
    if (!updated) return conflict(tx, actor, row.id);
    await audit(tx, actor, {
      action: "appointment.status",
      personId: row.personId,
      subjectType: "appointment",
      subjectId: row.id,
      detail: { from: row.status, to: status, version: updated.version },
    });
    const chronology = STATUS_CHRONOLOGY[status];
    if (chronology) {
      await recordChronology(tx, actor, {
        personId: row.personId,
        kind: chronology.kind,
        summary: `Appointment on ${formatDayHeading(row.startsAt)} at ${formatTime(row.startsAt)} ${chronology.words}`,
        section: "contacts",
        sourceType: "appointment",
        sourceId: row.id,
      });
    }
    return updated;
  });
}

export interface DiaryDay {
  /** YYYY-MM-DD in the UK. */
  date: string;
  appointments: store.AppointmentView[];
}

export interface Diary {
  from: string;
  /** The last day shown. */
  to: string;
  weeks: number;
  days: DiaryDay[];
}

export const DIARY_DEFAULT_WEEKS = 4;

/** The actor's planned appointments from today (UK) for a number of weeks, grouped by UK day. Audited. */
export async function diaryOf(db: Db, actor: Actor, weeks = DIARY_DEFAULT_WEEKS, now: Date = new Date()): Promise<Diary> {
  if (!keepsDiary(actor)) throw new Forbidden("Only key workers and managers keep a diary of appointments");
  const from = londonDateAndTime(now).date;
  const to = addDays(from, weeks * 7 - 1);
  return db.transaction(async (tx) => {
    const rows = await store.listWorkerAppointments(tx, actor, {
      workerId: actor.userId,
      from: londonInstant(from, "00:00"),
      to: londonInstant(addDays(to, 1), "00:00"),
      statuses: ["planned"],
      limit: 1000,
    });
    await audit(tx, actor, { action: "diary.read", detail: { from, to, returned: rows.map((row) => row.id) } });
    for (const personId of new Set(rows.map((row) => row.personId))) await audit(tx, actor, { action: "diary.read", personId });
    const days: DiaryDay[] = [];
    for (const row of rows) {
      const date = londonDateAndTime(row.startsAt).date;
      const last = days[days.length - 1];
      if (last && last.date === date) last.appointments.push(row);
      else days.push({ date, appointments: [row] });
    }
    return { from, to, weeks, days };
  });
}
