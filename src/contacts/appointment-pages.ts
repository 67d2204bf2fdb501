import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { formatDateTime } from "../platform/views/format.ts";
import * as appointments from "./appointment-service.ts";
import { editAppointmentPage, newAppointmentPage, personAppointmentsPage } from "./appointment-views.ts";
import { calendarFeedPage, diaryPage } from "./diary-views.ts";
import * as calendar from "./calendar-service.ts";
import { appointmentFromForm, whenValues, type FormValues } from "./form.ts";
import { APPOINTMENT_STATUSES, type AppointmentDetails, type AppointmentStatus } from "./schema.ts";

/** Calendar apps poll every few minutes at most; this is generous for them and stingy for guessing. */
const CALENDAR_RATE_LIMIT = { max: 60, timeWindow: "1 minute" };

function appointmentIdFrom(request: FastifyRequest): string {
  const { appointmentId } = request.params as { appointmentId: string };
  if (!isUuid(appointmentId)) throw new NotFound("Appointment not found");
  return appointmentId;
}

function formIssues(issues: FieldIssue[]): FieldIssue[] {
  return issues.map((issue) => (issue.field === "startsAt" ? { ...issue, field: "startsOn" } : issue));
}

function valuesFromAppointment(appointment: appointments.AppointmentView): FormValues {
  return {
    ...whenValues("startsOn", "startsTime", appointment.startsAt),
    durationMinutes: String(appointment.durationMinutes),
    place: appointment.place ?? "",
    purpose: appointment.purpose ?? "",
    version: String(appointment.version),
  };
}

function differences(stored: appointments.AppointmentView, mine: AppointmentDetails): Array<{ label: string; stored: string }> {
  const fields: Array<[string, string, string]> = [
    ["When", formatDateTime(stored.startsAt), formatDateTime(mine.startsAt)],
    ["How long", String(stored.durationMinutes), String(mine.durationMinutes)],
    ["Where", stored.place ?? "", mine.place],
    ["What it is for", stored.purpose ?? "", mine.purpose ?? ""],
    ["Status", stored.status, "planned"],
  ];
  return fields.filter(([, saved, sent]) => saved !== sent).map(([label, saved]) => ({ label, stored: saved }));
}

const diaryQuery = z.object({ weeks: z.coerce.number().int().min(1).max(26).optional() });
const STATUS_CHANGES = APPOINTMENT_STATUSES.filter((status): status is Exclude<AppointmentStatus, "planned"> => status !== "planned");
const STATUS_FLASH: Record<Exclude<AppointmentStatus, "planned">, string> = {
  attended: "Marked as attended",
  "did-not-attend": "Marked as did not attend",
  cancelled: "Appointment cancelled",
};

export const appointmentPages: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(routes.personSection("appointments"), async (request, reply) => {
    const page = await appointments.listAppointmentsFor(db, request.actor as Actor, personIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, personAppointmentsPage(context, page));
  });

  app.get(routes.personSection("appointments/new"), async (request, reply) => {
    const form = await appointments.openAppointmentForm(db, request.actor as Actor, personIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, newAppointmentPage(context, { ...form, values: { durationMinutes: "60" }, issues: [] }));
  });

  app.post(routes.personSection("appointments"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const form = await appointments.openAppointmentForm(db, actor, personId);
    const values = formValues(request.body);
    const read = appointmentFromForm(values);
    let issues = "issues" in read ? read.issues : [];
    if ("details" in read) {
      try {
        const booked = await appointments.bookAppointment(db, actor, personId, read.details);
        return redirectWithFlash(db, request, reply, paths.people.appointments(personId), { title: "Appointment booked", text: formatDateTime(booked.startsAt) });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = formIssues(error.issues);
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, newAppointmentPage(context, { ...form, values, issues }), 400);
  });

  app.get(paths.appointments.edit(":appointmentId"), async (request, reply) => {
    const record = await appointments.readAppointment(db, request.actor as Actor, appointmentIdFrom(request));
    const context = await pageContext(db, request, reply);
    return sendPage(reply, editAppointmentPage(context, { record, values: valuesFromAppointment(record.appointment), issues: [] }));
  });

  app.post(paths.appointments.update(":appointmentId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const appointmentId = appointmentIdFrom(request);
    await appointments.assertMayChangeAppointment(db, actor, appointmentId);
    const values = formValues(request.body);
    const version = Number.parseInt(values.version ?? "", 10);
    const status = STATUS_CHANGES.find((candidate) => candidate === values.status);
    const read = status ? undefined : appointmentFromForm(values, { mustBeFuture: false });
    let issues: FieldIssue[] = read && "issues" in read ? read.issues : [];
    if (values.status && !status) issues = [{ field: "status", message: "Choose what happened" }];
    if (!Number.isInteger(version)) issues = [{ field: "form", message: "Reload the page and try again" }, ...issues];
    let conflict: Array<{ label: string; stored: string }> | undefined;
    if (issues.length === 0) {
      try {
        if (status) {
          await appointments.setAppointmentStatus(db, actor, appointmentId, version, status);
          return redirectWithFlash(db, request, reply, paths.appointments.edit(appointmentId), { title: STATUS_FLASH[status] });
        }
        if (read && "details" in read) {
          await appointments.changeAppointment(db, actor, appointmentId, version, read.details);
          return redirectWithFlash(db, request, reply, paths.appointments.edit(appointmentId), { title: "Appointment changed" });
        }
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as appointments.AppointmentView;
          conflict = read && "details" in read ? differences(stored, read.details) : [{ label: "Status", stored: stored.status }];
          values.version = String(stored.version);
        } else if (error instanceof Invalid) {
          issues = formIssues(error.issues);
        } else {
          throw error;
        }
      }
    }
    const record = await appointments.readAppointment(db, actor, appointmentId);
    const shown = status ? valuesFromAppointment(record.appointment) : { ...values, version: values.version ?? String(record.appointment.version) };
    const context = await pageContext(db, request, reply);
    return sendPage(reply, editAppointmentPage(context, { record, values: shown, issues, ...(conflict ? { conflict } : {}) }), conflict ? 409 : 400);
  });

  app.get(paths.diary(), async (request, reply) => {
    const query = diaryQuery.safeParse(request.query);
    const diary = await appointments.diaryOf(db, request.actor as Actor, query.success ? query.data.weeks : undefined);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, diaryPage(context, diary));
  });

  app.get(paths.calendarFeed(), async (request, reply) => {
    const active = await calendar.calendarFeedStatus(db, request.actor as Actor);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, calendarFeedPage(context, { active }));
  });

  app.post(paths.calendarFeed(), async (request, reply) => {
    const actor = request.actor as Actor;
    const { action } = formValues(request.body);
    if (action === "stop") {
      const stopped = await calendar.stopCalendarFeed(db, actor);
      return redirectWithFlash(db, request, reply, paths.calendarFeed(), { title: stopped ? "Your calendar address has been stopped" : "You had no calendar address" });
    }
    if (action !== "create") {
      const context = await pageContext(db, request, reply);
      return sendPage(reply, calendarFeedPage(context, { active: await calendar.calendarFeedStatus(db, actor) }), 400);
    }
    const token = await calendar.createCalendarFeed(db, actor);
    const active = await calendar.calendarFeedStatus(db, actor);
    const context = await pageContext(db, request, reply);
    // Shown in this answer and never again: only the token's hash is kept.
    const newUrl = `${request.protocol}://${request.host}${paths.calendarFile(token)}`;
    return sendPage(reply, calendarFeedPage(context, { active, newUrl }));
  });

  app.get(paths.calendarFile(":token"), { config: { access: "public", rateLimit: CALENDAR_RATE_LIMIT } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const body = await calendar.calendarForToken(db, token, request.ip);
    if (body === undefined) return reply.status(404).header("content-type", "text/plain; charset=utf-8").send("Not found\n");
    return reply
      .status(200)
      .header("content-type", "text/calendar; charset=utf-8")
      .header("cache-control", "no-store")
      .header("content-disposition", 'inline; filename="keywork.ics"')
      .send(body);
  });
};
