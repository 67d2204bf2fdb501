import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import { apiErrorSchema } from "../platform/http/api.ts";
import { Conflict } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import * as appointments from "./appointment-service.ts";
import { presentAppointment, presentContact } from "./present.ts";
import {
  APPOINTMENT_STATUSES,
  CONTACT_LOCATIONS,
  CONTACT_PURPOSES,
  CONTACT_TYPES,
  WORK_KINDS,
  createAppointmentBody,
  createContactBody,
  updateContactBody,
  type ContactDetails,
} from "./schema.ts";
import * as contacts from "./service.ts";

// Any text: an id that is not a UUID is simply not found.
const personIdParams = z.object({ id: z.string().max(100) });
const contactIdParams = z.object({ contactId: z.string().max(100) });

const contactsQuery = z.object({
  page: z.coerce.number({ error: "page must be a number" }).int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number({ error: "pageSize must be a number" }).int().min(1).max(100).optional(),
});

const contactResponse = z.object({
  id: z.string(),
  personId: z.string(),
  type: z.enum(CONTACT_TYPES),
  occurredAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  location: z.enum(CONTACT_LOCATIONS).nullable(),
  workKind: z.enum(WORK_KINDS).nullable(),
  purpose: z.enum(CONTACT_PURPOSES).nullable(),
  note: z.string().nullable(),
  worker: z.object({ id: z.string(), name: z.string() }),
  version: z.number().int().describe("Send it back when changing the contact; a stale one answers 409"),
});

const appointmentResponse = z.object({
  id: z.string(),
  personId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  place: z.string().nullable(),
  purpose: z.string().nullable(),
  status: z.enum(APPOINTMENT_STATUSES),
  worker: z.object({ id: z.string(), name: z.string() }),
  version: z.number().int(),
});

const withheld = z.array(z.string()).optional().describe('["contacts"] when the person has not agreed to share their contacts with you');
const notVisible = { description: "No such person, or not one you may see", schema: apiErrorSchema };

export const contactsApi: RoutePlugin = (app, deps, api) => {
  const { db } = deps.database;

  api.add(app, {
    method: "GET",
    url: paths.api.personContacts(":id"),
    summary: "A person's contacts, newest first (partners and carers: only when the person shares contacts with them)",
    tags: ["Contacts"],
    access: "signed-in",
    params: personIdParams,
    query: contactsQuery,
    responses: {
      200: { description: "Contacts", schema: z.object({ items: z.array(contactResponse), total: z.number().int(), page: z.number().int(), withheld }) },
      404: notVisible,
    },
    handler: async ({ actor, params, query }) => {
      const page = await contacts.listContactsFor(db, actor, params.id, query.page ?? 1, query.pageSize ?? contacts.CONTACTS_PAGE_SIZE);
      return {
        items: page.rows.map(presentContact),
        total: page.total,
        page: page.page,
        ...(page.shared ? {} : { withheld: ["contacts"] }),
      };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personContacts(":id"),
    summary: "Record a contact: only the type is needed; occurredAt defaults to now and cannot be in the future",
    tags: ["Contacts"],
    access: "signed-in",
    params: personIdParams,
    body: createContactBody,
    responses: {
      201: { description: "Recorded", schema: contactResponse },
      400: { description: "Not valid: each issue names its field", schema: apiErrorSchema },
      403: { description: "You may see this person but not record contacts for them", schema: apiErrorSchema },
      404: notVisible,
    },
    handler: async ({ actor, params, body, reply }) => {
      const details: ContactDetails = { ...body, occurredAt: body.occurredAt ?? new Date() };
      const contact = await contacts.recordContact(db, actor, params.id, details);
      reply.status(201).header("location", paths.api.contact(contact.id));
      return presentContact(await contacts.contactView(db, actor, contact.id));
    },
  });

  api.add(app, {
    method: "PATCH",
    url: paths.api.contact(":contactId"),
    summary: "Change a contact; send the version you last read. Every version is kept.",
    tags: ["Contacts"],
    access: "signed-in",
    params: contactIdParams,
    body: updateContactBody,
    responses: {
      200: { description: "Saved", schema: contactResponse },
      400: { description: "Not valid", schema: apiErrorSchema },
      403: { description: "You may see this contact but not change it", schema: apiErrorSchema },
      404: { description: "No such contact, or not one you may see", schema: apiErrorSchema },
      409: { description: "Someone else saved first: error.current holds what is saved now", schema: apiErrorSchema },
    },
    handler: async ({ actor, params, body }) => {
      const { version, ...fields } = body;
      const details = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<ContactDetails>;
      try {
        const saved = await contacts.updateContact(db, actor, params.contactId, version, details);
        return presentContact(await contacts.contactView(db, actor, saved.id));
      } catch (error) {
        if (error instanceof Conflict && error.current) throw new Conflict(error.message, presentContact(error.current as contacts.ContactView));
        throw error;
      }
    },
  });

  api.add(app, {
    method: "GET",
    url: paths.api.personAppointments(":id"),
    summary: "A person's appointments, those to come first (partners and carers: only when the person shares contacts with them)",
    tags: ["Appointments"],
    access: "signed-in",
    params: personIdParams,
    responses: {
      200: { description: "Appointments", schema: z.object({ items: z.array(appointmentResponse), withheld }) },
      404: notVisible,
    },
    handler: async ({ actor, params }) => {
      const page = await appointments.listAppointmentsFor(db, actor, params.id);
      return { items: page.rows.map(presentAppointment), ...(page.shared ? {} : { withheld: ["contacts"] }) };
    },
  });

  api.add(app, {
    method: "POST",
    url: paths.api.personAppointments(":id"),
    summary: "Book an appointment with you, in the future",
    tags: ["Appointments"],
    access: "signed-in",
    params: personIdParams,
    body: createAppointmentBody,
    responses: {
      201: { description: "Booked", schema: appointmentResponse },
      400: { description: "Not valid: each issue names its field", schema: apiErrorSchema },
      403: { description: "You may see this person but not book appointments for them", schema: apiErrorSchema },
      404: notVisible,
    },
    handler: async ({ actor, params, body, reply }) => {
      const booked = await appointments.bookAppointment(db, actor, params.id, body);
      reply.status(201);
      return presentAppointment(await appointments.appointmentView(db, actor, booked.id));
    },
  });
};
