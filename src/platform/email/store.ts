import { count, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../database/open.ts";
import { outboundEmails } from "./tables.ts";

export type OutboundEmailRow = typeof outboundEmails.$inferSelect;

/** A tenant's emails, newest first, a page at a time. */
export async function listOutboundEmails(tx: Db | Tx, tenantId: string, page: { limit: number; offset: number }): Promise<{ rows: OutboundEmailRow[]; total: number }> {
  const where = eq(outboundEmails.tenantId, tenantId);
  const rows = await tx.select().from(outboundEmails).where(where).orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id)).limit(page.limit).offset(page.offset);
  const [total] = await tx.select({ total: count() }).from(outboundEmails).where(where);
  return { rows, total: total?.total ?? 0 };
}
