/**
 * What the benchmark measures on the generated city: a key worker with a typical caseload, their
 * team's manager, and the people on that caseload (the person pages and chronologies rotate over
 * them, so the skew in contacts per person is in the figures).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../src/platform/database/open.ts";
import { queryRows } from "../src/platform/database/query.ts";
import { paths } from "../src/platform/http/paths.ts";

export interface Scenario {
  tenantId: string;
  worker: { email: string; caseload: number };
  manager: { email: string };
  people: Array<{ id: string; familyName: string }>;
  counts: Record<string, number>;
}

export type Who = "worker" | "manager" | "poster";

export interface Target {
  name: string;
  who: Who;
  method: "GET" | "POST";
  /** Requests take these paths in turn. */
  paths: string[];
  /** The form body for a POST, given the session's CSRF token. */
  body?: (csrf: string) => string;
  /** The status a good response has. */
  expect: number;
}

/** Finds the typical worker (median caseload), their manager and caseload, and the tenant's sizes. */
export async function findScenario(db: Db, tenantName: string): Promise<Scenario | undefined> {
  const [tenant] = await queryRows<{ id: string }>(db, sql`SELECT id FROM tenants WHERE name = ${tenantName}`);
  if (!tenant) return undefined;
  const [worker] = await queryRows<{ id: string; email: string; team_id: string; size: number }>(db, sql`
    WITH loads AS (
      SELECT u.id, u.email, u.team_id, count(*)::int AS size
      FROM users u
      JOIN care_team_members m ON m.tenant_id = u.tenant_id AND m.user_id = u.id AND m.role IN ('lead', 'co-worker') AND m.ended_on IS NULL
      JOIN people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id AND p.closed_at IS NULL
      WHERE u.tenant_id = ${tenant.id} AND 'key-worker' = ANY (u.roles)
      GROUP BY u.id
    )
    SELECT * FROM loads ORDER BY abs(size - (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY size) FROM loads)), email LIMIT 1`);
  if (!worker) return undefined;
  const [manager] = await queryRows<{ email: string }>(db, sql`
    SELECT email FROM users WHERE tenant_id = ${tenant.id} AND team_id = ${worker.team_id} AND 'manager' = ANY (roles) ORDER BY email LIMIT 1`);
  const people = await queryRows<{ id: string; family_name: string }>(db, sql`
    SELECT p.id, p.family_name FROM care_team_members m
    JOIN people p ON p.tenant_id = m.tenant_id AND p.id = m.person_id AND p.closed_at IS NULL
    WHERE m.tenant_id = ${tenant.id} AND m.user_id = ${worker.id} AND m.role IN ('lead', 'co-worker') AND m.ended_on IS NULL
    ORDER BY p.id`);
  const counts: Record<string, number> = {};
  for (const table of ["people", "contacts", "plan_actions", "goals", "consents", "chronology_events", "care_team_members", "users", "organisations", "referrals", "register_entries"]) {
    const [row] = await queryRows<{ count: number }>(db, sql`SELECT count(*)::int AS count FROM ${sql.identifier(table)} WHERE tenant_id = ${tenant.id}`);
    counts[table] = row?.count ?? 0;
  }
  return {
    tenantId: tenant.id,
    worker: { email: worker.email, caseload: worker.size },
    manager: { email: manager?.email ?? "" },
    people: people.map((person) => ({ id: person.id, familyName: person.family_name })),
    counts,
  };
}

/** The pages of issue 7, plus the manager's service-wide overdue view. */
export function targetsFor(scenario: Scenario): Target[] {
  const ids = scenario.people.map((person) => person.id);
  const searches = [...new Set(scenario.people.map((person) => person.familyName.slice(0, 4).toLowerCase()))];
  const contactBody = (csrf: string) =>
    new URLSearchParams({ _csrf: csrf, type: "phone", durationMinutes: "15", workKind: "support", purpose: "practical-support", note: "Benchmark: checked in by phone." }).toString();
  return [
    { name: "caseload page", who: "worker", method: "GET", paths: [paths.caseload()], expect: 200 },
    { name: "person page", who: "worker", method: "GET", paths: ids.map((id) => paths.people.show(id)), expect: 200 },
    { name: "chronology", who: "worker", method: "GET", paths: ids.map((id) => paths.people.chronology(id)), expect: 200 },
    { name: "person search", who: "worker", method: "GET", paths: searches.map((q) => paths.people.search({ q })), expect: 200 },
    { name: "record a contact (POST)", who: "poster", method: "POST", paths: ids.map((id) => paths.people.contacts(id)), body: contactBody, expect: 303 },
    { name: "overdue actions (worker)", who: "worker", method: "GET", paths: [paths.actions.byAgency({ status: "overdue" })], expect: 200 },
    { name: "overdue actions (manager, service)", who: "manager", method: "GET", paths: [paths.actions.byAgency({ scope: "service", status: "overdue" })], expect: 200 },
  ];
}
