import type { AppointmentView, ContactView } from "./store.ts";

/** The API's shape of a contact. */
export function presentContact(contact: ContactView) {
  return {
    id: contact.id,
    personId: contact.personId,
    type: contact.type,
    occurredAt: contact.occurredAt.toISOString(),
    durationMinutes: contact.durationMinutes,
    location: contact.location,
    workKind: contact.workKind,
    purpose: contact.purpose,
    note: contact.note,
    worker: { id: contact.workerId, name: contact.workerName },
    version: contact.version,
  };
}

/** The API's shape of an appointment. */
export function presentAppointment(appointment: AppointmentView) {
  return {
    id: appointment.id,
    personId: appointment.personId,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: new Date(appointment.startsAt.getTime() + appointment.durationMinutes * 60_000).toISOString(),
    durationMinutes: appointment.durationMinutes,
    place: appointment.place,
    purpose: appointment.purpose,
    status: appointment.status,
    worker: { id: appointment.workerId, name: appointment.workerName },
    version: appointment.version,
  };
}
