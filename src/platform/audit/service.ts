import { sql } from "drizzle-orm";
import { hasRole, relationshipTo, type Actor } from "../access/index.ts";
import type { Db } from "../database/open.ts";
import { isUuid } from "../database/ids.ts";
import { queryRows } from "../database/query.ts";
import { Forbidden, NotFound } from "../http/errors.ts";
import { audit, listAuditForPerson, type AuditEventView } from "./index.ts";

export const AUDIT_PAGE_SIZE = 50;

/**
 * A person's audit trail for their team's manager, or for an administrator of the partnership.
 * Reading the trail is itself audited.
 */
export async function readAuditTrail(
  db: Db,
  actor: Actor,
  personId: string,
  page: { before?: string | undefined } = {},
): Promise<{ personName: string; items: AuditEventView[]; nextBefore: string | null }> {
  if (!hasRole(actor, "manager", "admin")) throw new Forbidden("Only managers and administrators can read the audit trail");
  if (!isUuid(personId) || (page.before !== undefined && !isUuid(page.before))) throw new NotFound("Person not found");
  return db.transaction(async (tx) => {
    if (!hasRole(actor, "admin")) {
      const relationship = await relationshipTo(tx, actor, personId);
      if (!relationship.mayReadAudit) throw new Forbidden("Only the manager of this person's team can read their audit trail");
    }
    const [person] = await queryRows<{ name: string }>(
      tx,
      sql`SELECT given_name || ' ' || family_name AS name FROM people WHERE tenant_id = ${actor.tenantId} AND id = ${personId}`,
    );
    if (!person) throw new NotFound("Person not found");
    const items = await listAuditForPerson(tx, actor.tenantId, personId, { limit: AUDIT_PAGE_SIZE + 1, before: page.before });
    await audit(tx, actor, { action: "audit.read", personId });
    const hasMore = items.length > AUDIT_PAGE_SIZE;
    const pageItems = items.slice(0, AUDIT_PAGE_SIZE);
    return { personName: person.name, items: pageItems, nextBefore: hasMore ? (pageItems.at(-1)?.id ?? null) : null };
  });
}
