import { sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";
import { isoDate } from "./row-values.ts";

/** What a budget needs to know of the person: their team, their goals, and since when the service has worked with them. */

/** The key-worker team a person is with. */
export async function teamOfPerson(tx: Db | Tx, tenantId: string, personId: string): Promise<string | null> {
  const [row] = await queryRows<{ team_id: string }>(tx, sql`SELECT team_id FROM people WHERE tenant_id = ${tenantId} AND id = ${personId}`);
  return row?.team_id ?? null;
}

export interface GoalChoice {
  id: string;
  description: string;
  status: string;
}

export async function listGoals(tx: Db | Tx, tenantId: string, personId: string): Promise<GoalChoice[]> {
  return queryRows<GoalChoice>(
    tx,
    sql`SELECT id, description, status FROM goals WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY (status = 'active') DESC, created_at`,
  );
}

/** The day the person's first worker or partner joined the team around them: when the service started with them. */
export async function withTheServiceSince(tx: Db | Tx, tenantId: string, personId: string): Promise<string | null> {
  const [row] = await queryRows<{ since: string | Date | null }>(tx, sql`SELECT min(started_on) AS since FROM care_team_members WHERE tenant_id = ${tenantId} AND person_id = ${personId}`);
  return row?.since ? isoDate(row.since) : null;
}
