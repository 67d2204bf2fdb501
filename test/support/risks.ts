import { sql } from "drizzle-orm";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { risks } from "../../src/risks/tables.ts";
import type { TestPerson, TestTenant, TestUser } from "./factories.ts";

/** A risk stored directly, as an import or an earlier version of Keywork might have. */
export async function insertRisk(
  db: Db,
  tenant: TestTenant,
  person: TestPerson,
  options: { category: "to-person" | "from-person" | "to-workers"; level: "low" | "medium" | "high"; description: string; reviewOn: string; safetyPlan?: string; closed?: boolean; by?: TestUser },
): Promise<string> {
  const id = newId();
  await db.insert(risks).values({
    id,
    tenantId: tenant.tenantId,
    personId: person.id,
    category: options.category,
    level: options.level,
    description: options.description,
    safetyPlan: options.safetyPlan ?? null,
    reviewOn: options.reviewOn,
    closedAt: options.closed ? new Date() : null,
    createdBy: options.by?.id ?? null,
    updatedBy: options.by?.id ?? null,
  });
  return id;
}

export async function riskRows(db: Db, tenantId: string, personId: string) {
  return queryRows<{ id: string; category: string; level: string; description: string; review_on: string; closed_at: Date | null; version: number }>(
    db,
    sql`SELECT id, category, level, description, review_on::text AS review_on, closed_at, version FROM risks WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY created_at, id`,
  );
}
