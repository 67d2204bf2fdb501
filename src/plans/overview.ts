import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { ukToday, type Clock } from "../platform/clock.ts";
import type { Db } from "../platform/database/open.ts";
import { html, type SafeHtml } from "../platform/views/html.ts";
import { planAtAGlance } from "./service.ts";
import { planGlanceSection } from "./summary-views.ts";

/**
 * The plan in a few words on the person's overview (goals, open and overdue actions, next review),
 * above what the overview shows below it; nothing for readers who may not see the plan. Audited when shown.
 */
export async function withPlanAtAGlance(db: Db, actor: Actor, clock: Clock, personId: string, below: SafeHtml): Promise<SafeHtml> {
  const glance = await db.transaction(async (tx) => {
    const found = await planAtAGlance(tx, actor, personId, ukToday(clock));
    if (found) await audit(tx, actor, { action: "plan.read", personId, detail: { purpose: "person-overview" } });
    return found;
  });
  return html`${planGlanceSection(personId, glance)}${below}`;
}
