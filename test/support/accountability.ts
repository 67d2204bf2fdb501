import { sql } from "drizzle-orm";
import type { Actor } from "../../src/platform/access/index.ts";
import type { Role } from "../../src/platform/access/roles.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { planActions } from "../../src/plans/tables.ts";
import { meetings } from "../../src/meetings/tables.ts";
import { services } from "../../src/network/tables.ts";
import { organisations } from "../../src/platform/tenancy/tables.ts";
import type { TestPerson, TestTenant, TestUser } from "./factories.ts";

/** A plan action stored directly, as the plan's capability would have saved it. */
export async function insertAction(
  db: Db,
  tenant: TestTenant,
  person: TestPerson,
  options: {
    description?: string;
    dueOn: string;
    ownerOrganisationId?: string;
    ownerUserId?: string | null;
    ownerName?: string | null;
    status?: "open" | "done" | "cancelled";
    meetingId?: string | null;
  },
): Promise<string> {
  const id = newId();
  await db.insert(planActions).values({
    id,
    tenantId: tenant.tenantId,
    personId: person.id,
    description: options.description ?? "Book a housing needs assessment",
    dueOn: options.dueOn,
    ownerOrganisationId: options.ownerOrganisationId ?? tenant.partnerOrganisationId,
    ownerUserId: options.ownerUserId ?? null,
    ownerName: options.ownerName ?? null,
    status: options.status ?? "open",
    meetingId: options.meetingId ?? null,
  });
  return id;
}

/** Moves an action's due date, as a worker's edit would. */
export async function moveDueDate(db: Db, tenantId: string, actionId: string, dueOn: string): Promise<void> {
  await db.execute(sql`UPDATE plan_actions SET due_on = ${dueOn}, version = version + 1 WHERE tenant_id = ${tenantId} AND id = ${actionId}`);
}

export async function setActionStatus(db: Db, tenantId: string, actionId: string, status: "open" | "done" | "cancelled"): Promise<void> {
  await db.execute(sql`UPDATE plan_actions SET status = ${status}, version = version + 1 WHERE tenant_id = ${tenantId} AND id = ${actionId}`);
}

export async function insertMeeting(db: Db, tenant: TestTenant, person: TestPerson, options: { kind: "case-conference" | "cetr" | "plan-review"; heldOn: string }): Promise<string> {
  const id = newId();
  await db.insert(meetings).values({ id, tenantId: tenant.tenantId, personId: person.id, kind: options.kind, heldOn: options.heldOn });
  return id;
}

/** A further organisation of the partnership, with a service in the directory that has an e-mail address when given. */
export async function insertOrganisation(db: Db, tenant: TestTenant, options: { name: string; kind?: string; email?: string }): Promise<string> {
  const id = newId();
  await db.insert(organisations).values({ id, tenantId: tenant.tenantId, name: options.name, kind: options.kind ?? "probation" });
  if (options.email) {
    await db.insert(services).values({ id: newId(), tenantId: tenant.tenantId, organisationId: id, name: `${options.name} duty team`, email: options.email });
  }
  return id;
}

export interface NotificationRow {
  user_id: string;
  person_id: string | null;
  kind: string;
  message: string;
  subject_type: string | null;
  subject_id: string | null;
  dedupe_key: string;
  read_at: Date | null;
}

export async function notificationRows(db: Db, tenantId: string, filter: { userId?: string; kind?: string } = {}): Promise<NotificationRow[]> {
  return queryRows<NotificationRow>(
    db,
    sql`SELECT user_id, person_id, kind, message, subject_type, subject_id, dedupe_key, read_at FROM notifications
        WHERE tenant_id = ${tenantId}
          ${filter.userId ? sql`AND user_id = ${filter.userId}` : sql``}
          ${filter.kind ? sql`AND kind = ${filter.kind}` : sql``}
        ORDER BY created_at, dedupe_key, user_id`,
  );
}

/** The acting user as services see them, for calling a service or an access rule directly. */
export async function actorFor(db: Db, user: TestUser): Promise<Actor> {
  const [row] = await queryRows<{ id: string; tenant_id: string; organisation_id: string; team_id: string | null; email: string; display_name: string; roles: Role[] }>(
    db,
    sql`SELECT id, tenant_id, organisation_id, team_id, email, display_name, roles FROM users WHERE id = ${user.id}`,
  );
  if (!row) throw new Error(`no user ${user.id}`);
  return { userId: row.id, tenantId: row.tenant_id, organisationId: row.organisation_id, teamId: row.team_id, email: row.email, displayName: row.display_name, roles: row.roles, ip: "127.0.0.1" };
}
