import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { organisations } from "../platform/tenancy/tables.ts";
import type { DirectoryServiceInput, OrganisationInput } from "./schema.ts";
import { services } from "./tables.ts";

/** The directory's SQL: the partnership's organisations and the services they run. */

export type ServiceRow = typeof services.$inferSelect;
export type OrganisationRow = typeof organisations.$inferSelect;

export interface DirectoryService {
  id: string;
  name: string;
  description: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  area: string | null;
  active: boolean;
  organisation: { id: string; name: string; kind: string };
}

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Services whose name or organisation's name holds every word searched for. */
export async function listServices(tx: Db | Tx, tenantId: string, search: { words: string[]; includeInactive: boolean }): Promise<DirectoryService[]> {
  const conditions: SQL[] = [sql`services.tenant_id = ${tenantId}`];
  if (!search.includeInactive) conditions.push(sql`services.active`);
  for (const word of search.words) {
    conditions.push(sql`(services.name ILIKE ${likePattern(word)} OR organisations.name ILIKE ${likePattern(word)})`);
  }
  const rows = await queryRows<{
    id: string;
    name: string;
    description: string | null;
    phone: string | null;
    email: string | null;
    website: string | null;
    area: string | null;
    active: boolean;
    organisation_id: string;
    organisation_name: string;
    organisation_kind: string;
  }>(
    tx,
    sql`SELECT services.id, services.name, services.description, services.phone, services.email, services.website, services.area, services.active,
        organisations.id AS organisation_id, organisations.name AS organisation_name, organisations.kind AS organisation_kind
      FROM services JOIN organisations ON organisations.tenant_id = services.tenant_id AND organisations.id = services.organisation_id
      WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY organisations.name, services.name`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    phone: row.phone,
    email: row.email,
    website: row.website,
    area: row.area,
    active: row.active,
    organisation: { id: row.organisation_id, name: row.organisation_name, kind: row.organisation_kind },
  }));
}

/** Organisations whose name holds every word searched for, or that run a service that matched. */
export async function listOrganisations(tx: Db | Tx, tenantId: string, search: { words: string[] } = { words: [] }): Promise<OrganisationRow[]> {
  const conditions: SQL[] = [eq(organisations.tenantId, tenantId)];
  for (const word of search.words) conditions.push(sql`${organisations.name} ILIKE ${likePattern(word)}`);
  return tx
    .select()
    .from(organisations)
    .where(and(...conditions))
    .orderBy(organisations.name);
}

export async function findOrganisation(tx: Db | Tx, tenantId: string, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await tx.select().from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, id)));
  return row;
}

export async function findOrganisationByName(tx: Db | Tx, tenantId: string, name: string): Promise<OrganisationRow | undefined> {
  const [row] = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.tenantId, tenantId), sql`lower(${organisations.name}) = lower(${name})`));
  return row;
}

export async function insertOrganisation(tx: Tx, tenantId: string, values: OrganisationInput): Promise<OrganisationRow> {
  const [row] = await tx.insert(organisations).values({ id: newId(), tenantId, ...values }).returning();
  if (!row) throw new Error("insert into organisations returned no row");
  return row;
}

export async function updateOrganisation(tx: Tx, input: { tenantId: string; id: string; expectedVersion: number; values: OrganisationInput }): Promise<OrganisationRow | undefined> {
  const [row] = await tx
    .update(organisations)
    .set({ ...input.values, updatedAt: sql`now()`, version: sql`${organisations.version} + 1` })
    .where(and(eq(organisations.tenantId, input.tenantId), eq(organisations.id, input.id), eq(organisations.version, input.expectedVersion)))
    .returning();
  return row;
}

export async function findService(tx: Db | Tx, tenantId: string, id: string): Promise<ServiceRow | undefined> {
  const [row] = await tx.select().from(services).where(and(eq(services.tenantId, tenantId), eq(services.id, id)));
  return row;
}

export async function insertService(tx: Tx, tenantId: string, values: DirectoryServiceInput): Promise<ServiceRow> {
  const [row] = await tx.insert(services).values({ id: newId(), tenantId, ...values }).returning();
  if (!row) throw new Error("insert into services returned no row");
  return row;
}

export async function updateService(tx: Tx, input: { tenantId: string; id: string; expectedVersion: number; values: DirectoryServiceInput }): Promise<ServiceRow | undefined> {
  const [row] = await tx
    .update(services)
    .set({ ...input.values, updatedAt: sql`now()`, version: sql`${services.version} + 1` })
    .where(and(eq(services.tenantId, input.tenantId), eq(services.id, input.id), eq(services.version, input.expectedVersion)))
    .returning();
  return row;
}
