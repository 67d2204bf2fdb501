import type { FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { formatDateTime } from "../platform/views/format.ts";
import { readAppointment } from "./appointment-service.ts";
import { CONTACT_FIELD_ORDER, contactFromForm, whenValues, type FormValues } from "./form.ts";
import { pageQuery, type ContactDetails } from "./schema.ts";
import * as contacts from "./service.ts";
import { durationText, locationLabel, purposeLabel, typeLabel, workKindLabel } from "./view-parts.ts";
import { contactsPage, editContactPage, newContactPage } from "./views.ts";

function contactIdFrom(request: FastifyRequest): string {
  const { contactId } = request.params as { contactId: string };
  if (!isUuid(contactId)) throw new NotFound("Contact not found");
  return contactId;
}

/** The service names the instant; the form has a date and a time. */
function formIssues(issues: FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => (issue.field === "occurredAt" ? { ...issue, field: "occurredOn" } : issue));
}

function valuesFromContact(contact: contacts.ContactView): FormValues {
  return {
    type: contact.type,
    ...whenValues("occurredOn", "occurredTime", contact.occurredAt),
    location: contact.location ?? "",
    workKind: contact.workKind ?? "",
    purpose: contact.purpose ?? "",
    durationMinutes: contact.durationMinutes === null ? "" : String(contact.durationMinutes),
    note: contact.note ?? "",
    version: String(contact.version),
  };
}

/** What is saved now, for each field where it differs from what the user sent. */
function differences(stored: contacts.ContactView, mine: ContactDetails): Array<{ label: string; stored: string }> {
  const fields: Array<[string, string | null, string | null]> = [
    ["Kind", typeLabel(stored.type), typeLabel(mine.type)],
    ["When", formatDateTime(stored.occurredAt), formatDateTime(mine.occurredAt)],
    ["Where", locationLabel(stored.location), locationLabel(mine.location)],
    ["Kind of work", workKindLabel(stored.workKind), workKindLabel(mine.workKind)],
    ["Purpose", purposeLabel(stored.purpose), purposeLabel(mine.purpose)],
    ["How long", durationText(stored.durationMinutes), durationText(mine.durationMinutes)],
    ["Note", stored.note, mine.note],
  ];
  return fields.filter(([, saved, sent]) => (saved ?? "") !== (sent ?? "")).map(([label, saved]) => ({ label, stored: saved ?? "" }));
}

export const contactPages: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(routes.personSection("contacts"), async (request, reply) => {
    const personId = personIdFrom(request);
    const query = pageQuery.safeParse(request.query);
    const page = await contacts.listContactsFor(db, request.actor as Actor, personId, query.success ? (query.data.page ?? 1) : 1);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, contactsPage(context, page));
  });

  app.get(routes.personSection("contacts/new"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const form = await contacts.openContactForm(db, actor, personId);
    const { appointment: appointmentId, type } = request.query as { appointment?: string; type?: string };
    let values: FormValues = { type: typeof type === "string" ? type : "" };
    if (typeof appointmentId === "string" && isUuid(appointmentId)) {
      // Prefilled from an appointment that has just happened: its time, length and type.
      const record = await readAppointment(db, actor, appointmentId).catch(() => undefined);
      if (record && record.appointment.personId === personId && record.appointment.startsAt <= new Date()) {
        values = {
          type: values.type || (record.appointment.status === "did-not-attend" ? "did-not-attend" : "face-to-face"),
          ...whenValues("occurredOn", "occurredTime", record.appointment.startsAt),
          durationMinutes: record.appointment.status === "did-not-attend" ? "" : String(record.appointment.durationMinutes),
        };
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, newContactPage(context, { ...form, values, issues: [] }));
  });

  app.post(routes.personSection("contacts"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    await contacts.assertMayRecordContact(db, actor, personId);
    const values = formValues(request.body);
    const read = contactFromForm(values, "new");
    let issues = "issues" in read ? read.issues : [];
    if ("details" in read) {
      try {
        await contacts.recordContact(db, actor, personId, read.details);
        return redirectWithFlash(db, request, reply, paths.people.chronology(personId), { title: "Contact recorded" });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = formIssues(error.issues);
      }
    }
    const form = await contacts.openContactForm(db, actor, personId);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, newContactPage(context, { ...form, values, issues }), 400);
  });

  app.get(paths.contacts.edit(":contactId"), async (request, reply) => {
    const record = await contacts.readContact(db, request.actor as Actor, contactIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, editContactPage(context, { record, values: valuesFromContact(record.contact), issues: [] }));
  });

  app.post(paths.contacts.update(":contactId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const contactId = contactIdFrom(request);
    await contacts.assertMayChangeContact(db, actor, contactId);
    const values = formValues(request.body);
    const read = contactFromForm(values, "edit");
    const version = Number.parseInt(values.version ?? "", 10);
    let issues = "issues" in read ? read.issues : [];
    if (!Number.isInteger(version)) issues = [{ field: "form", message: "Reload the page and make your changes again" }, ...issues];
    let conflict: Array<{ label: string; stored: string }> | undefined;
    if (issues.length === 0 && "details" in read) {
      try {
        const saved = await contacts.updateContact(db, actor, contactId, version, read.details);
        return redirectWithFlash(db, request, reply, paths.people.contacts(saved.personId), { title: "Contact changed" });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as contacts.ContactView;
          conflict = differences(stored, read.details);
          values.version = String(stored.version);
        } else if (error instanceof Invalid) {
          issues = formIssues(error.issues);
        } else {
          throw error;
        }
      }
    }
    const record = await contacts.readContact(db, actor, contactId);
    const context = await pageContext(db, request, reply);
    const sorted = [...issues].sort((a, b) => CONTACT_FIELD_ORDER.indexOf(a.field) - CONTACT_FIELD_ORDER.indexOf(b.field));
    return sendPage(reply, editContactPage(context, { record, values, issues: sorted, ...(conflict ? { conflict } : {}) }), conflict ? 409 : 400);
  });
};
