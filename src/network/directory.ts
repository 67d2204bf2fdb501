import { hasRole, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import * as store from "./directory-store.ts";
import type { DirectoryServiceInput, OrganisationInput } from "./schema.ts";

/** The partnership's directory of organisations and services: everyone signed in reads it, administrators keep it. */

export type { DirectoryService, OrganisationRow, ServiceRow } from "./directory-store.ts";

export function mayManageDirectory(actor: Actor): boolean {
  return hasRole(actor, "admin");
}

function assertMayManage(actor: Actor): void {
  if (!mayManageDirectory(actor)) throw new Forbidden("Only administrators can change the directory");
}

function searchWords(query: string | undefined): string[] {
  return (query ?? "").trim().split(/\s+/).filter((word) => word.length > 0).slice(0, 5);
}

export interface Directory {
  query: string;
  organisations: Array<{ organisation: store.OrganisationRow; services: store.DirectoryService[] }>;
  mayManage: boolean;
}

/**
 * Organisations with their services, searched by the name of either. Administrators also see
 * services that are no longer running.
 */
export async function readDirectory(db: Db, actor: Actor, query = ""): Promise<Directory> {
  const words = searchWords(query);
  const mayManage = mayManageDirectory(actor);
  const services = await store.listServices(db, actor.tenantId, { words, includeInactive: mayManage });
  const organisations = await store.listOrganisations(db, actor.tenantId);
  const matchingNames = new Set((await store.listOrganisations(db, actor.tenantId, { words })).map((organisation) => organisation.id));
  const withServices = new Set(services.map((service) => service.organisation.id));
  return {
    query,
    mayManage,
    organisations: organisations
      .filter((organisation) => words.length === 0 || matchingNames.has(organisation.id) || withServices.has(organisation.id))
      .map((organisation) => ({ organisation, services: services.filter((service) => service.organisation.id === organisation.id) })),
  };
}

/** Running services, for the API and for choosing a service a person is involved with. */
export async function listServices(db: Db, actor: Actor, query = ""): Promise<store.DirectoryService[]> {
  return store.listServices(db, actor.tenantId, { words: searchWords(query), includeInactive: false });
}

export async function listOrganisations(db: Db, actor: Actor): Promise<store.OrganisationRow[]> {
  return store.listOrganisations(db, actor.tenantId);
}

async function assertOrganisation(db: Db | Tx, actor: Actor, organisationId: string): Promise<void> {
  if (!(await store.findOrganisation(db, actor.tenantId, organisationId))) {
    throw new Invalid([{ field: "organisationId", message: "Choose the organisation that runs the service" }]);
  }
}

export async function readServiceForEditing(db: Db, actor: Actor, serviceId: string): Promise<store.ServiceRow> {
  assertMayManage(actor);
  const service = isUuid(serviceId) ? await store.findService(db, actor.tenantId, serviceId) : undefined;
  if (!service) throw new NotFound("Service not found");
  return service;
}

export async function createService(db: Db, actor: Actor, input: DirectoryServiceInput): Promise<store.ServiceRow> {
  assertMayManage(actor);
  return db.transaction(async (tx) => {
    await assertOrganisation(tx, actor, input.organisationId);
    const service = await store.insertService(tx, actor.tenantId, input);
    await audit(tx, actor, { action: "directory.service.create", subjectType: "service", subjectId: service.id, detail: { name: service.name } });
    return service;
  });
}

export async function updateService(db: Db, actor: Actor, serviceId: string, expectedVersion: number, input: DirectoryServiceInput): Promise<store.ServiceRow> {
  const current = await readServiceForEditing(db, actor, serviceId);
  return db.transaction(async (tx) => {
    await assertOrganisation(tx, actor, input.organisationId);
    const service = await store.updateService(tx, { tenantId: actor.tenantId, id: current.id, expectedVersion, values: input });
    if (!service) throw new Conflict("Someone else changed this service after you opened it", await store.findService(tx, actor.tenantId, current.id));
    await audit(tx, actor, { action: "directory.service.update", subjectType: "service", subjectId: service.id, detail: { version: service.version } });
    return service;
  });
}

export async function readOrganisationForEditing(db: Db, actor: Actor, organisationId: string): Promise<store.OrganisationRow> {
  assertMayManage(actor);
  const organisation = isUuid(organisationId) ? await store.findOrganisation(db, actor.tenantId, organisationId) : undefined;
  if (!organisation) throw new NotFound("Organisation not found");
  return organisation;
}

async function assertNameFree(db: Db | Tx, actor: Actor, name: string, exceptId?: string): Promise<void> {
  const existing = await store.findOrganisationByName(db, actor.tenantId, name);
  if (existing && existing.id !== exceptId) throw new Invalid([{ field: "name", message: `${existing.name} is already in the directory` }]);
}

export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput): Promise<store.OrganisationRow> {
  assertMayManage(actor);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, actor, input.name);
    const organisation = await store.insertOrganisation(tx, actor.tenantId, input);
    await audit(tx, actor, { action: "directory.organisation.create", subjectType: "organisation", subjectId: organisation.id, detail: { name: organisation.name } });
    return organisation;
  });
}

export async function updateOrganisation(db: Db, actor: Actor, organisationId: string, expectedVersion: number, input: OrganisationInput): Promise<store.OrganisationRow> {
  const current = await readOrganisationForEditing(db, actor, organisationId);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, actor, input.name, current.id);
    const organisation = await store.updateOrganisation(tx, { tenantId: actor.tenantId, id: current.id, expectedVersion, values: input });
    if (!organisation) throw new Conflict("Someone else changed this organisation after you opened it", await store.findOrganisation(tx, actor.tenantId, current.id));
    await audit(tx, actor, { action: "directory.organisation.update", subjectType: "organisation", subjectId: organisation.id, detail: { version: organisation.version } });
    return organisation;
  });
}
