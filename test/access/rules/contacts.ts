import { CHANGES, creators, only, personEdit, personRecord, PUBLIC, READS, type Rule } from "../matrix.ts";
import { appointment, contact, ids } from "../records.ts";

/**
 * Access rules for contacts, appointments and the diary (src/contacts). The public calendar file
 * needs the live secret address the matrix makes.
 *
 * One contact or appointment is changed only by those who may change the record, after it is found
 * for those the person's contacts are shared with (src/contacts/service.ts and appointment-service.ts):
 * the partner and the peer mentor in the team, with nothing shared, are told it does not exist, as
 * is everyone who does not see the person; a grant finds it and may not change it (403).
 */
const changeOne = only(["lead worker", "team manager"], "hidden");
const aContact = ids({ contactId: contact });
const anAppointment = ids({ appointmentId: appointment });
export const contactRules: Record<string, Rule> = {
  "GET /people/:id/contacts": { expect: personRecord, relationships: READS },
  "GET /people/:id/contacts/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/contacts": { expect: personEdit, relationships: CHANGES },
  "GET /contacts/:contactId/edit": { expect: changeOne, relationships: CHANGES, ids: aContact },
  "POST /contacts/:contactId": { expect: changeOne, relationships: CHANGES, ids: aContact },
  "GET /people/:id/appointments": { expect: personRecord, relationships: READS },
  "GET /people/:id/appointments/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/appointments": { expect: personEdit, relationships: CHANGES },
  "GET /appointments/:appointmentId/edit": { expect: changeOne, relationships: CHANGES, ids: anAppointment },
  "POST /appointments/:appointmentId": { expect: changeOne, relationships: CHANGES, ids: anAppointment },
  "GET /diary": { expect: creators },
  "GET /diary/calendar": { expect: creators },
  "POST /diary/calendar": { expect: creators },
  "GET /calendar/:token.ics": { expect: PUBLIC },
  "GET /api/v1/people/:id/contacts": { expect: personRecord, relationships: READS },
  "POST /api/v1/people/:id/contacts": { expect: personEdit, relationships: CHANGES, json: () => ({ type: "phone", note: "Matrix check" }) },
  "PATCH /api/v1/contacts/:contactId": { expect: changeOne, relationships: CHANGES, ids: aContact, json: () => ({ note: "Matrix check", version: 1 }) },
  "GET /api/v1/people/:id/appointments": { expect: personRecord, relationships: READS },
  "POST /api/v1/people/:id/appointments": { expect: personEdit, relationships: CHANGES, json: () => ({ startsAt: new Date(Date.now() + 86_400_000).toISOString(), place: "Matrix café" }) },
};
