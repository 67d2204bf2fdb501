import { sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: string;
  teams: string[];
  userCount: number;
}

export interface UserSummary {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
  organisationName: string;
  teamName: string | null;
  active: boolean;
  /** Their second factor is on. */
  secondFactor: boolean;
}

export async function listOrganisations(db: Db, tenantId: string): Promise<OrganisationSummary[]> {
  const rows = await queryRows<{ id: string; name: string; kind: string; teams: string[] | null; user_count: number }>(
    db,
    sql`SELECT organisations.id, organisations.name, organisations.kind,
      (SELECT array_agg(teams.name ORDER BY teams.name) FROM teams WHERE teams.tenant_id = organisations.tenant_id AND teams.organisation_id = organisations.id) AS teams,
      (SELECT count(*)::int FROM users WHERE users.tenant_id = organisations.tenant_id AND users.organisation_id = organisations.id) AS user_count
    FROM organisations WHERE organisations.tenant_id = ${tenantId} ORDER BY organisations.name`,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, kind: row.kind, teams: row.teams ?? [], userCount: row.user_count }));
}

interface UserRow {
  id: string;
  display_name: string;
  email: string;
  roles: string[];
  organisation_name: string;
  team_name: string | null;
  active: boolean;
  second_factor: boolean;
}

const USER_COLUMNS = sql`users.id, users.display_name, users.email, users.roles, organisations.name AS organisation_name, teams.name AS team_name, users.active,
  users.totp_enabled_at IS NOT NULL AS second_factor`;

const USER_JOINS = sql`FROM users
    JOIN organisations ON organisations.tenant_id = users.tenant_id AND organisations.id = users.organisation_id
    LEFT JOIN teams ON teams.tenant_id = users.tenant_id AND teams.id = users.team_id`;

function fromRow(row: UserRow): UserSummary {
  return {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    roles: row.roles,
    organisationName: row.organisation_name,
    teamName: row.team_name,
    active: row.active,
    secondFactor: row.second_factor,
  };
}

export async function listUsers(db: Db, tenantId: string): Promise<UserSummary[]> {
  const rows = await queryRows<UserRow>(
    db,
    sql`SELECT ${USER_COLUMNS} ${USER_JOINS}
    WHERE users.tenant_id = ${tenantId}
    ORDER BY organisations.name, users.display_name`,
  );
  return rows.map(fromRow);
}

/** One user of the partnership; `lock` holds their row until the transaction ends. */
export async function findUser(tx: Db | Tx, tenantId: string, userId: string, options: { lock?: boolean } = {}): Promise<UserSummary | undefined> {
  const [row] = await queryRows<UserRow>(tx, sql`SELECT ${USER_COLUMNS} ${USER_JOINS}
    WHERE users.tenant_id = ${tenantId} AND users.id = ${userId}
    ${options.lock ? sql`FOR UPDATE OF users` : sql``}`);
  return row ? fromRow(row) : undefined;
}

export async function tenantName(db: Db, tenantId: string): Promise<string> {
  const [row] = await queryRows<{ name: string }>(db, sql`SELECT name FROM tenants WHERE id = ${tenantId}`);
  return row?.name ?? "Partnership";
}
