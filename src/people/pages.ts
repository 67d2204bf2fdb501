import type { RoutePlugin } from "../app.ts";
import { can, hasRole, type Actor } from "../platform/access/index.ts";
import { Conflict, Forbidden, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { dateFromParts, fieldIssues } from "../platform/http/validation.ts";
import { displayName } from "./present.ts";
import { personDetailsSchema, searchQuery, type PersonDetails } from "./schema.ts";
import * as people from "./service.ts";
import { personFormPage, personPage, searchPage, type PersonFormValues } from "./views.ts";
import { teamWorkers } from "../caseload/service.ts";
import { contactsSummaryFor } from "../contacts/summaries.ts";
import { handoverContactsSection } from "../contacts/summary-views.ts";
import { risksForHandover } from "../risks/service.ts";
import { audit } from "../platform/audit/index.ts";
import { riskSummary } from "../risks/views.ts";
import { registerOverviewLine } from "../register/overview.ts";
import { withPlanAtAGlance } from "../plans/overview.ts";

const FORM_LABELS: Record<keyof PersonDetails, string> = {
  givenName: "Given name",
  familyName: "Family name",
  preferredName: "Preferred name",
  aliases: "Other names",
  dateOfBirth: "Date of birth",
  pronouns: "Pronouns",
  phone: "Phone number",
  email: "Email address",
  address: "Address",
  communicationNeeds: "Communication needs",
  engagementStatus: "Engagement status",
  contactIntensity: "How often they should be seen",
  story: "Their story",
};

/** Reads the person form into validated details, or the issues to show beside each field. */
export function detailsFromForm(values: PersonFormValues): { details: PersonDetails } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const date = dateFromParts("Date of birth", {
    day: values["dateOfBirth-day"],
    month: values["dateOfBirth-month"],
    year: values["dateOfBirth-year"],
  });
  if ("error" in date) issues.push({ field: "dateOfBirth", message: date.error });
  const parsed = personDetailsSchema.safeParse({
    givenName: values.givenName ?? "",
    familyName: values.familyName ?? "",
    preferredName: values.preferredName,
    aliases: (values.aliases ?? "").split(/\r?\n/),
    dateOfBirth: "value" in date ? date.value : null,
    pronouns: values.pronouns,
    phone: values.phone,
    email: values.email,
    address: values.address,
    communicationNeeds: values.communicationNeeds,
    engagementStatus: values.engagementStatus,
    contactIntensity: values.contactIntensity || undefined,
    story: values.story,
  });
  if (!parsed.success) {
    for (const issue of fieldIssues(parsed.error)) {
      if (issue.field.startsWith("dateOfBirth") && issues.some((existing) => existing.field === "dateOfBirth")) continue;
      issues.push({ ...issue, field: issue.field.split(".")[0] ?? issue.field });
    }
  }
  // Show the issues in the order the fields appear on the form.
  const order = ["leadWorkerId", ...Object.keys(FORM_LABELS)];
  issues.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  if (issues.length > 0 || !parsed.success) return { issues };
  return { details: parsed.data };
}

function valuesFromPerson(person: people.PersonRow): PersonFormValues {
  const [year, month, day] = person.dateOfBirth ? person.dateOfBirth.split("-") : ["", "", ""];
  return {
    givenName: person.givenName,
    familyName: person.familyName,
    preferredName: person.preferredName ?? "",
    aliases: person.aliases.join("\n"),
    "dateOfBirth-day": day ? String(Number(day)) : "",
    "dateOfBirth-month": month ? String(Number(month)) : "",
    "dateOfBirth-year": year ?? "",
    pronouns: person.pronouns ?? "",
    phone: person.phone ?? "",
    email: person.email ?? "",
    address: person.address ?? "",
    communicationNeeds: person.communicationNeeds ?? "",
    engagementStatus: person.engagementStatus,
    contactIntensity: person.contactIntensity,
    story: person.story ?? "",
    version: String(person.version),
  };
}

/** What is stored now, for each field where it differs from what the user sent. */
function differences(stored: people.PersonRow, mine: PersonDetails): Array<{ label: string; stored: string }> {
  const rows: Array<{ label: string; stored: string }> = [];
  for (const field of Object.keys(FORM_LABELS) as Array<keyof PersonDetails>) {
    const storedValue = stored[field];
    const text = (value: unknown) => (Array.isArray(value) ? value.join(", ") : value === null || value === undefined ? "" : String(value));
    if (text(storedValue) !== text(mine[field])) rows.push({ label: FORM_LABELS[field], stored: text(storedValue) });
  }
  return rows;
}

export const peopleRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  async function leadWorkersFor(actor: Actor) {
    return hasRole(actor, "manager") && !hasRole(actor, "key-worker", "co-worker") ? teamWorkers(db, actor) : undefined;
  }

  app.get(paths.people.search(), async (request, reply) => {
    const actor = request.actor as Actor;
    if (!can(actor, "people.search")) throw new Forbidden("Your role does not search people's records");
    const context = await pageContext(db, request, reply);
    const parsed = searchQuery.safeParse(request.query);
    if (!parsed.success) return sendPage(reply, searchPage(context, "", null, fieldIssues(parsed.error)), 400);
    const query = parsed.data.q ?? "";
    const result = query ? await people.searchPeople(db, actor, query, parsed.data.page ?? 1) : null;
    return sendPage(reply, searchPage(context, query, result, []));
  });

  app.get(paths.people.new(), async (request, reply) => {
    const actor = request.actor as Actor;
    if (!can(actor, "people.create")) throw new Forbidden("Only key workers and managers can add people");
    const context = await pageContext(db, request, reply);
    const leadWorkers = await leadWorkersFor(actor);
    return sendPage(reply, personFormPage(context, { mode: "new", values: { engagementStatus: "engaged" }, issues: [], ...(leadWorkers ? { leadWorkers } : {}) }));
  });

  app.post(paths.people.create(), async (request, reply) => {
    const actor = request.actor as Actor;
    if (!can(actor, "people.create")) throw new Forbidden("Only key workers and managers can add people");
    const values = formValues(request.body) as PersonFormValues;
    const leadWorkers = await leadWorkersFor(actor);
    const read = detailsFromForm(values);
    let issues = "issues" in read ? read.issues : [];
    if (leadWorkers && !values.leadWorkerId) issues = [{ field: "leadWorkerId", message: "Select a lead worker" }, ...issues];
    if (issues.length === 0 && "details" in read) {
      try {
        const person = await people.createPerson(db, actor, read.details, { leadWorkerId: values.leadWorkerId || undefined });
        return redirectWithFlash(db, request, reply, paths.people.show(person.id), { title: `${displayName(person)} has been added` });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(reply, personFormPage(context, { mode: "new", values, issues, ...(leadWorkers ? { leadWorkers } : {}) }), 400);
  });

  app.get(routes.person, async (request, reply) => {
    const actor = request.actor as Actor;
    // One transaction and one access check for the whole overview: each section used to open its
    // own, and at city scale the checks and commits were most of the page's time (BENCHMARKS.md).
    const { record, sections } = await db.transaction(async (tx) => {
      const record = await people.readPersonIn(tx, actor, personIdFrom(request));
      const { relationship } = record;
      const personId = record.person.id;
      const risks = await risksForHandover(tx, actor, personId, relationship);
      if (risks.length > 0) await audit(tx, actor, { action: "risks.read", personId, detail: { returned: risks.map((risk) => risk.id) } });
      const contacts = await contactsSummaryFor(tx, actor, personId, relationship, { contacts: 3, appointments: 2 });
      return {
        record,
        sections: {
          ...(risks.length > 0 ? { risks: riskSummary(risks, { personId }) } : {}),
          below: await withPlanAtAGlance(tx, actor, relationship, deps.clock, personId, handoverContactsSection(contacts, personId)),
          aside: await registerOverviewLine(tx, actor, deps.clock, personId, relationship),
        },
      };
    });
    const context = await pageContext(db, request, reply);
    return sendPage(reply, personPage(context, record, sections));
  });

  app.get(routes.personEdit, async (request, reply) => {
    const record = await people.readPerson(db, request.actor as Actor, personIdFrom(request), "edit");
    if (!record.relationship.mayEdit) throw new Forbidden("Only the person's key workers and their manager can change these details");
    const context = await pageContext(db, request, reply);
    return sendPage(reply, personFormPage(context, { mode: "edit", personId: record.person.id, values: valuesFromPerson(record.person), issues: [] }));
  });

  app.post(routes.person, async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    await people.assertMayEdit(db, actor, personId);
    const values = formValues(request.body) as PersonFormValues;
    const read = detailsFromForm(values);
    const version = Number.parseInt(values.version ?? "", 10);
    let issues = "issues" in read ? read.issues : [];
    let conflict: Array<{ label: string; stored: string }> | undefined;
    if (!Number.isInteger(version)) issues = [{ field: "form", message: "Reload the page and make your changes again" }, ...issues];
    if (issues.length === 0 && "details" in read) {
      try {
        const person = await people.updatePerson(db, actor, personId, version, read.details);
        return redirectWithFlash(db, request, reply, paths.people.show(person.id), { title: "Changes saved" });
      } catch (error) {
        if (!(error instanceof Conflict)) throw error;
        const stored = error.current as people.PersonRow;
        conflict = differences(stored, read.details);
        values.version = String(stored.version);
      }
    }
    const context = await pageContext(db, request, reply);
    return sendPage(
      reply,
      personFormPage(context, { mode: "edit", personId, values, issues, ...(conflict ? { conflict } : {}) }),
      conflict ? 409 : 400,
    );
  });
};
