import { and, eq, sql } from "drizzle-orm";
import { covers } from "../../src/caseload/tables.ts";
import { newId } from "../../src/platform/database/ids.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { todayIso } from "../../src/platform/http/validation.ts";
import { createUser, type TestPerson, type TestTenant, type TestUser } from "../support/factories.ts";
import type { HttpClient } from "../support/http.ts";
import type { Relationship } from "./matrix.ts";

/**
 * The workers of the access matrix's relationships (see `Relationship` in matrix.ts), and what the
 * matrix needs to put them to a route: a break-glass grant on the request's person, and a count of
 * the grant's uses in the audit trail.
 */

/** The UK date `days` from today. */
function ukDate(days: number): string {
  const [year, month, day] = todayIso().split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * Three key workers: two in the lead worker's team who cover the lead (from yesterday to tomorrow,
 * and from three days ago to yesterday), so that they cover every person the lead leads; and one in
 * the other team, who opens break-glass on each person as the matrix needs it.
 */
export async function createRelatedWorkers(db: Db, tenant: TestTenant, lead: TestUser): Promise<Record<Relationship, TestUser>> {
  const covering = await createUser(db, tenant, { roles: ["key-worker"], name: "Covering Worker" });
  const ended = await createUser(db, tenant, { roles: ["key-worker"], name: "Cover Ended Worker" });
  const reader = await createUser(db, tenant, { roles: ["key-worker"], team: "other", name: "Break Glass Reader" });
  await db.insert(covers).values([
    { id: newId(), tenantId: tenant.tenantId, absentUserId: lead.id, coveringUserId: covering.id, startsOn: ukDate(-1), endsOn: ukDate(1) },
    { id: newId(), tenantId: tenant.tenantId, absentUserId: lead.id, coveringUserId: ended.id, startsOn: ukDate(-3), endsOn: ukDate(-1) },
  ]);
  return { "covering the lead worker": covering, "cover has ended": ended, "break-glass reader": reader };
}

/** Moves the days of the user's covers to `from`..`to` days from today (negative for the past). */
export async function moveCover(db: Db, tenant: TestTenant, covering: TestUser, from: number, to: number): Promise<void> {
  await db
    .update(covers)
    .set({ startsOn: ukDate(from), endsOn: ukDate(to) })
    .where(and(eq(covers.tenantId, tenant.tenantId), eq(covers.coveringUserId, covering.id)));
}

/** Opens break-glass on a person the way a worker does (by name, date of birth and a reason), once per person. */
export function breakGlassOpener(readerApi: () => Promise<HttpClient>): (person: TestPerson) => Promise<void> {
  const opened = new Set<string>();
  return async (person) => {
    if (opened.has(person.id)) return;
    const { status, body } = await (await readerApi()).sendJson("POST", "/api/v1/break-glass", {
      personId: person.id,
      givenName: person.givenName,
      familyName: person.familyName,
      // The factory's date of birth.
      dateOfBirth: "1988-04-12",
      reason: "Police welfare check at the hostel tonight",
      hours: 1,
    });
    if (status !== 201) throw new Error(`setting up: opening break-glass answered ${status}: ${JSON.stringify(body)}`);
    opened.add(person.id);
  };
}

/** How many times the user has used break-glass on the person: their `break-glass.access` audit rows. */
export async function breakGlassUses(db: Db, tenantId: string, userId: string, personId: string): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`SELECT count(*)::int AS count FROM audit_events
        WHERE tenant_id = ${tenantId} AND action = 'break-glass.access' AND actor_user_id = ${userId} AND person_id = ${personId}`,
  );
  return row?.count ?? 0;
}
