import type { Actor, Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { planAtAGlance } from "./service.ts";
import { planGlanceSection } from "./summary-views.ts";

/**
 * The plan in a few words on the person's overview (goals, open and overdue actions, next review),
 * above what the overview shows below it; nothing for readers who may not see the plan. Audited when
 * shown. Call it inside the overview's transaction, with the relationship that transaction established.
 */
export async function withPlanAtAGlance(tx: Db | Tx, actor: Actor, relationship: Relationship, clock: Clock, personId: string, below: SafeHtml): Promise<SafeHtml> {
  const glance = await planAtAGlance(tx, actor, personId, ukToday(clock), relationship);
  if (glance) await audit(tx, actor, { action: "plan.read", personId, detail: { purpose: "person-overview" } });
  return html`${planGlanceSection(personId, glance)}${below}`;
}
