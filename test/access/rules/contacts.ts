import { CHANGES, creators, only, personEdit, personRecord, PUBLIC, READS, type Rule } from "../matrix.ts";

/**
 * Access rules for contacts, appointments and the diary (src/contacts). No contact or appointment
 * has the stand-in id. The public calendar file needs the live secret address the matrix makes.
 */
export const contactRules: Record<string, Rule> = {
  "GET /people/:id/contacts": { expect: personRecord, relationships: READS },
  "GET /people/:id/contacts/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/contacts": { expect: personEdit, relationships: CHANGES },
  "GET /contacts/:contactId/edit": { expect: only([], "hidden") },
  "POST /contacts/:contactId": { expect: only([], "hidden") },
  "GET /people/:id/appointments": { expect: personRecord, relationships: READS },
  "GET /people/:id/appointments/new": { expect: personEdit, relationships: CHANGES },
  "POST /people/:id/appointments": { expect: personEdit, relationships: CHANGES },
  "GET /appointments/:appointmentId/edit": { expect: only([], "hidden") },
  "POST /appointments/:appointmentId": { expect: only([], "hidden") },
  "GET /diary": { expect: creators },
  "GET /diary/calendar": { expect: creators },
  "POST /diary/calendar": { expect: creators },
  "GET /calendar/:token.ics": { expect: PUBLIC },
  "GET /api/v1/people/:id/contacts": { expect: personRecord, relationships: READS },
  "POST /api/v1/people/:id/contacts": { expect: personEdit, relationships: CHANGES, json: () => ({ type: "phone", note: "Matrix check" }) },
  "PATCH /api/v1/contacts/:contactId": { expect: only([], "hidden"), json: () => ({ note: "Matrix check", version: 1 }) },
  "GET /api/v1/people/:id/appointments": { expect: personRecord, relationships: READS },
  "POST /api/v1/people/:id/appointments": { expect: personEdit, relationships: CHANGES, json: () => ({ startsAt: new Date(Date.now() + 86_400_000).toISOString(), place: "Matrix café" }) },
};
