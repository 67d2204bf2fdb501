import type { FastifyReply, FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { Conflict, Forbidden, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { formValues, pageContext, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths } from "../platform/http/paths.ts";
import { fieldIssues } from "../platform/http/validation.ts";
import * as directory from "./directory.ts";
import { directoryPage, organisationFormPage, serviceFormPage } from "./directory-views.ts";
import type { FormValues } from "./form-parts.ts";
import { differences, RELOAD, versionFrom } from "./forms.ts";
import { directoryQuery, directoryServiceSchema, organisationSchema } from "./schema.ts";

const SERVICE_LABELS = { organisationId: "Organisation", name: "Name", description: "What it offers", phone: "Phone", email: "Email", website: "Website", area: "Area", inactive: "No longer running" };
const ORGANISATION_LABELS = { name: "Name", kind: "Kind" };

function serviceValues(service: directory.ServiceRow): FormValues {
  return {
    organisationId: service.organisationId,
    name: service.name,
    description: service.description ?? "",
    phone: service.phone ?? "",
    email: service.email ?? "",
    website: service.website ?? "",
    area: service.area ?? "",
    inactive: service.active ? "" : "yes",
    version: String(service.version),
  };
}

function serviceFromForm(values: FormValues) {
  return directoryServiceSchema.safeParse({
    organisationId: values.organisationId ?? "",
    name: values.name ?? "",
    description: values.description,
    phone: values.phone,
    email: values.email,
    website: values.website,
    area: values.area,
    active: values.inactive !== "yes",
  });
}

function assertAdmin(actor: Actor): void {
  if (!directory.mayManageDirectory(actor)) throw new Forbidden("Only administrators can change the directory");
}

/** The directory: everyone signed in reads it; administrators add and change services and organisations. */
export const directoryRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;

  app.get(paths.directory.list(), async (request, reply) => {
    const actor = request.actor as Actor;
    const parsed = directoryQuery.safeParse(request.query);
    const context = await pageContext(db, request, reply);
    if (!parsed.success) return sendPage(reply, directoryPage(context, await directory.readDirectory(db, actor), fieldIssues(parsed.error)), 400);
    return sendPage(reply, directoryPage(context, await directory.readDirectory(db, actor, parsed.data.q ?? "")));
  });

  async function renderService(request: FastifyRequest, reply: FastifyReply, options: { id?: string; values: FormValues; issues: FieldIssue[]; conflict?: Array<{ label: string; stored: string }> }, status = 200) {
    const organisations = await directory.listOrganisations(db, request.actor as Actor);
    return sendPage(reply, serviceFormPage(await pageContext(db, request, reply), { ...options, organisations }), status);
  }

  app.get(paths.directory.newService(), async (request, reply) => {
    assertAdmin(request.actor as Actor);
    return renderService(request, reply, { values: {}, issues: [] });
  });

  app.post(paths.directory.createService(), async (request, reply) => {
    const actor = request.actor as Actor;
    assertAdmin(actor);
    const values = formValues(request.body);
    const parsed = serviceFromForm(values);
    let issues = parsed.success ? [] : fieldIssues(parsed.error);
    if (parsed.success) {
      try {
        const service = await directory.createService(db, actor, parsed.data);
        return redirectWithFlash(db, request, reply, paths.directory.list(), { title: `${service.name} has been added to the directory` });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    return renderService(request, reply, { values, issues }, 400);
  });

  app.get(paths.directory.editService(":serviceId"), async (request, reply) => {
    const { serviceId } = request.params as { serviceId: string };
    const service = await directory.readServiceForEditing(db, request.actor as Actor, serviceId);
    return renderService(request, reply, { id: service.id, values: serviceValues(service), issues: [] });
  });

  app.post(paths.directory.updateService(":serviceId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const { serviceId } = request.params as { serviceId: string };
    const current = await directory.readServiceForEditing(db, actor, serviceId);
    const values = formValues(request.body);
    const version = versionFrom(values);
    const parsed = serviceFromForm(values);
    let issues = [...(version === null ? [RELOAD] : []), ...(parsed.success ? [] : fieldIssues(parsed.error))];
    if (parsed.success && version !== null) {
      try {
        const service = await directory.updateService(db, actor, current.id, version, parsed.data);
        return redirectWithFlash(db, request, reply, paths.directory.list(), { title: `${service.name} saved` });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = serviceValues(error.current as directory.ServiceRow);
          return renderService(request, reply, { id: current.id, values: { ...values, version: stored.version }, issues: [], conflict: differences(SERVICE_LABELS, stored, values) }, 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    return renderService(request, reply, { id: current.id, values, issues }, 400);
  });

  function renderOrganisation(request: FastifyRequest, reply: FastifyReply, options: { id?: string; values: FormValues; issues: FieldIssue[]; conflict?: Array<{ label: string; stored: string }> }, status = 200) {
    return pageContext(db, request, reply).then((context) => sendPage(reply, organisationFormPage(context, options), status));
  }

  app.get(paths.directory.newOrganisation(), async (request, reply) => {
    assertAdmin(request.actor as Actor);
    return renderOrganisation(request, reply, { values: {}, issues: [] });
  });

  app.post(paths.directory.createOrganisation(), async (request, reply) => {
    const actor = request.actor as Actor;
    assertAdmin(actor);
    const values = formValues(request.body);
    const parsed = organisationSchema.safeParse({ name: values.name ?? "", kind: values.kind ?? "" });
    let issues = parsed.success ? [] : fieldIssues(parsed.error);
    if (parsed.success) {
      try {
        const organisation = await directory.createOrganisation(db, actor, parsed.data);
        return redirectWithFlash(db, request, reply, paths.directory.list(), { title: `${organisation.name} has been added to the directory` });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    return renderOrganisation(request, reply, { values, issues }, 400);
  });

  app.get(paths.directory.editOrganisation(":organisationId"), async (request, reply) => {
    const { organisationId } = request.params as { organisationId: string };
    const organisation = await directory.readOrganisationForEditing(db, request.actor as Actor, organisationId);
    return renderOrganisation(request, reply, { id: organisation.id, values: { name: organisation.name, kind: organisation.kind, version: String(organisation.version) }, issues: [] });
  });

  app.post(paths.directory.updateOrganisation(":organisationId"), async (request, reply) => {
    const actor = request.actor as Actor;
    const { organisationId } = request.params as { organisationId: string };
    const current = await directory.readOrganisationForEditing(db, actor, organisationId);
    const values = formValues(request.body);
    const version = versionFrom(values);
    const parsed = organisationSchema.safeParse({ name: values.name ?? "", kind: values.kind ?? "" });
    let issues = [...(version === null ? [RELOAD] : []), ...(parsed.success ? [] : fieldIssues(parsed.error))];
    if (parsed.success && version !== null) {
      try {
        const organisation = await directory.updateOrganisation(db, actor, current.id, version, parsed.data);
        return redirectWithFlash(db, request, reply, paths.directory.list(), { title: `${organisation.name} saved` });
      } catch (error) {
        if (error instanceof Conflict) {
          const stored = error.current as directory.OrganisationRow;
          const storedValues = { name: stored.name, kind: stored.kind, version: String(stored.version) };
          return renderOrganisation(request, reply, { id: current.id, values: { ...values, version: storedValues.version }, issues: [], conflict: differences(ORGANISATION_LABELS, storedValues, values) }, 409);
        }
        if (!(error instanceof Invalid)) throw error;
        issues = error.issues;
      }
    }
    return renderOrganisation(request, reply, { id: current.id, values, issues }, 400);
  });
};
