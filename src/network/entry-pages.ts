import type { FastifyReply, FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import type { Db } from "../platform/database/open.ts";
import { Conflict, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import type { SafeHtml } from "../platform/views/html.ts";
import type { PageContext } from "../platform/views/layout.ts";
import { listOrganisations, listServices } from "./directory.ts";
import * as entries from "./entries.ts";
import { familyFormPage, professionalFormPage, serviceInvolvedFormPage, type EntryFormPage } from "./entry-views.ts";
import type { FormValues } from "./form-parts.ts";
import * as forms from "./forms.ts";
import { assertMayEditTeam, readTeamForEditing, type FamilyRow, type ProfessionalRow, type ServiceInvolvedRow } from "./service.ts";

/** Routes for other professionals, family and carers, and services involved: add, change, end. */

interface EntryRoutes<Input, Row extends { id: string; personId: string; version: number }> {
  kind: entries.EntryKind;
  anchor: string;
  param: string;
  newPage: (personId: string) => string;
  create: (personId: string) => string;
  edit: (id: string) => string;
  update: (id: string) => string;
  end: (id: string) => string;
  fromForm: (values: FormValues) => forms.FormResult<Input>;
  valuesOf: (row: Row, accountEmail: string | null) => FormValues;
  labels: Record<string, string>;
  add: (db: Db, actor: Actor, personId: string, input: Input) => Promise<Row>;
  change: (db: Db, actor: Actor, id: string, version: number, input: Input) => Promise<Row>;
  finish: (db: Db, actor: Actor, id: string, version: number) => Promise<Row>;
  /** The form, given the lists it offers (organisations, directory services). */
  form: (db: Db, actor: Actor) => Promise<(context: PageContext, options: EntryFormPage) => SafeHtml>;
  flash: { added: (row: Row) => string; changed: (row: Row) => string; ended: (row: Row) => string };
}

function register<Input, Row extends { id: string; personId: string; version: number }>(app: Parameters<RoutePlugin>[0], db: Db, config: EntryRoutes<Input, Row>): void {
  const entryId = (request: FastifyRequest) => (request.params as Record<string, string>)[config.param] ?? "";
  const teamPath = (personId: string) => `${paths.people.team(personId)}#${config.anchor}`;

  async function renderNew(request: FastifyRequest, reply: FastifyReply, values: FormValues, issues: FieldIssue[], status = 200) {
    const actor = request.actor as Actor;
    const editing = await readTeamForEditing(db, actor, personIdFrom(request));
    const render = await config.form(db, actor);
    return sendPage(reply, render(await pageContext(db, request, reply), { person: editing.person, relationship: editing.relationship, values, issues }), status);
  }

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, mine: FormValues | null, issues: FieldIssue[], status = 200, conflictWith?: Row) {
    const actor = request.actor as Actor;
    const editing = await entries.readEntryForEditing(db, actor, config.kind, entryId(request));
    const stored = config.valuesOf((conflictWith ?? editing.entry) as Row, editing.accountEmail);
    const values = mine ? { ...mine, version: stored.version } : stored;
    const conflict = conflictWith && mine ? forms.differences(config.labels, stored, mine) : undefined;
    const render = await config.form(db, actor);
    const page = render(await pageContext(db, request, reply), { person: editing.person, relationship: editing.relationship, entryId: entryId(request), values, issues, ...(conflict ? { conflict } : {}) });
    return sendPage(reply, page, status);
  }

  app.get(config.newPage(":id"), async (request, reply) => renderNew(request, reply, {}, []));

  app.post(config.create(":id"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    await assertMayEditTeam(db, actor, personId);
    const values = formValues(request.body);
    const read = config.fromForm(values);
    let issues = "issues" in read ? read.issues : [];
    if ("input" in read) {
      try {
        const row = await config.add(db, actor, personId, read.input);
        return redirectWithFlash(db, request, reply, teamPath(personId), { title: config.flash.added(row) });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    return renderNew(request, reply, values, issues, 400);
  });

  app.get(config.edit(`:${config.param}`), async (request, reply) => renderEdit(request, reply, null, []));

  app.post(config.update(`:${config.param}`), async (request, reply) => {
    const actor = request.actor as Actor;
    const id = entryId(request);
    const personId = await entries.assertMayEditEntry(db, actor, config.kind, id);
    const values = formValues(request.body);
    const version = forms.versionFrom(values);
    const read = config.fromForm(values);
    let issues = [...(version === null ? [forms.RELOAD] : []), ...("issues" in read ? read.issues : [])];
    if ("input" in read && version !== null) {
      try {
        const row = await config.change(db, actor, id, version, read.input);
        return redirectWithFlash(db, request, reply, teamPath(personId), { title: config.flash.changed(row) });
      } catch (error) {
        if (error instanceof Conflict) return renderEdit(request, reply, values, [], 409, error.current as Row);
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    return renderEdit(request, reply, values, issues, 400);
  });

  app.post(config.end(`:${config.param}`), async (request, reply) => {
    const actor = request.actor as Actor;
    const id = entryId(request);
    const personId = await entries.assertMayEditEntry(db, actor, config.kind, id);
    const version = forms.versionFrom(formValues(request.body));
    if (version === null) return renderEdit(request, reply, null, [forms.RELOAD], 400);
    try {
      const row = await config.finish(db, actor, id, version);
      return redirectWithFlash(db, request, reply, teamPath(personId), { title: config.flash.ended(row) });
    } catch (error) {
      if (error instanceof Conflict) return renderEdit(request, reply, null, [{ field: "form", message: `${error.message}. Check the details and try again.` }], 409);
      if (!(error instanceof Invalid)) throw error;
      return renderEdit(request, reply, null, error.issues, 400);
    }
  });
}

export const teamEntryRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  register<Parameters<typeof entries.addProfessional>[3], ProfessionalRow>(app, db, {
    kind: "professional",
    anchor: "professionals",
    param: "professionalId",
    newPage: paths.people.newExternalProfessional,
    create: paths.people.externalProfessionals,
    edit: paths.externalProfessionals.edit,
    update: paths.externalProfessionals.update,
    end: paths.externalProfessionals.end,
    fromForm: forms.professionalFromForm,
    valuesOf: forms.professionalValues,
    labels: forms.PROFESSIONAL_LABELS,
    add: entries.addProfessional,
    change: entries.updateProfessional,
    finish: entries.endProfessional,
    form: async (database, actor) => {
      const organisations = await listOrganisations(database, actor);
      return (context, options) => professionalFormPage(context, { ...options, organisations });
    },
    flash: {
      added: (row) => `${row.name} has been added to the team`,
      changed: (row) => `Details of ${row.name} saved`,
      ended: (row) => `${row.name} is recorded as no longer involved`,
    },
  });

  register<Parameters<typeof entries.addFamilyMember>[3], FamilyRow>(app, db, {
    kind: "family",
    anchor: "family",
    param: "familyMemberId",
    newPage: paths.people.newFamilyMember,
    create: paths.people.familyMembers,
    edit: paths.familyMembers.edit,
    update: paths.familyMembers.update,
    end: paths.familyMembers.end,
    fromForm: forms.familyFromForm,
    valuesOf: forms.familyValues,
    labels: forms.FAMILY_LABELS,
    add: entries.addFamilyMember,
    change: entries.updateFamilyMember,
    finish: entries.endFamilyMember,
    form: async () => familyFormPage,
    flash: {
      added: (row) => `${row.name} has been added to family and carers`,
      changed: (row) => `Details of ${row.name} saved`,
      ended: (row) => `${row.name} is recorded as no longer involved`,
    },
  });

  register<Parameters<typeof entries.addServiceInvolved>[3], ServiceInvolvedRow>(app, db, {
    kind: "service",
    anchor: "services",
    param: "serviceInvolvedId",
    newPage: paths.people.newServiceInvolved,
    create: paths.people.servicesInvolved,
    edit: paths.servicesInvolved.edit,
    update: paths.servicesInvolved.update,
    end: paths.servicesInvolved.end,
    fromForm: forms.serviceInvolvedFromForm,
    valuesOf: forms.serviceInvolvedValues,
    labels: forms.SERVICE_LABELS,
    add: entries.addServiceInvolved,
    change: entries.updateServiceInvolved,
    finish: entries.endServiceInvolved,
    form: async (database, actor) => {
      const services = await listServices(database, actor);
      return (context, options) => serviceInvolvedFormPage(context, { ...options, services });
    },
    flash: {
      added: (row) => `${entries.serviceLabel(row)} has been added to the services involved`,
      changed: (row) => `${entries.serviceLabel(row)} saved`,
      ended: (row) => `${entries.serviceLabel(row)} is recorded as ended`,
    },
  });
};
