import type { Db } from "../platform/database/open.ts";
import { addDays, ukToday, type Clock } from "../platform/clock.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { notify, type NewNotification } from "../notifications/service.ts";
import * as store from "./escalation-store.ts";
import { DEFAULT_CHASE_AFTER_DAYS } from "./settings.ts";

/** Kinds of notification the sweep raises. */
export const ACTION_DUE = "action-due";
export const ACTION_CHASE = "action-chase";

/** The most reminders (and as many chases) raised per partnership in one sweep; the next sweep carries on. */
const BATCH = 2000;

export interface EscalationResult {
  reminded: number;
  chased: number;
}

/**
 * The escalation sweep (PRODUCT.md, C5): for each partnership, on the clock's UK date,
 *  (a) remind the owner of each open action that has fallen due, once per action and due date
 *      (`due:<action>:<due date>`): the named owner, or else the owning organisation's people in the
 *      team around the person, or else the person's lead worker;
 *  (b) once an action is overdue by the partnership's chase threshold (default 7 days), tell the
 *      person's lead workers and their team's managers to chase it, once (`chase:<action>:<due date>`).
 * Moving the due date re-arms both. Idempotent: running it again, or from several processes at once,
 * raises nothing twice (the notifications' dedupe key is unique per user). The messages name no
 * person and quote no action: the reminders page shows those to whoever may still see them.
 */
export async function runActionEscalation(db: Db, clock: Clock, only: { tenantId?: string } = {}): Promise<EscalationResult> {
  const today = ukToday(clock);
  const tenants = (await store.listTenantsToSweep(db, DEFAULT_CHASE_AFTER_DAYS)).filter((tenant) => !only.tenantId || tenant.tenantId === only.tenantId);
  const result: EscalationResult = { reminded: 0, chased: 0 };
  for (const { tenantId, chaseAfterDays } of tenants) {
    const counts = await db.transaction(async (tx) => {
      const due = await store.listDueReminders(tx, tenantId, today, BATCH);
      const reminded = await notify(
        tx,
        due.map((candidate) => notification(tenantId, candidate, ACTION_DUE, `An action owned by ${candidate.organisationName} fell due on ${formatIsoDate(candidate.dueOn)}`)),
      );
      const overdue = await store.listChaseAlerts(tx, tenantId, today, addDays(today, -chaseAfterDays), BATCH);
      const chased = await notify(
        tx,
        overdue.map((candidate) =>
          notification(tenantId, candidate, ACTION_CHASE, `Chase ${candidate.organisationName}: an action due on ${formatIsoDate(candidate.dueOn)} is ${chaseAfterDays} days or more overdue`),
        ),
      );
      return { reminded, chased };
    });
    result.reminded += counts.reminded;
    result.chased += counts.chased;
  }
  return result;
}

function notification(tenantId: string, candidate: store.EscalationCandidate, kind: string, message: string): NewNotification {
  return {
    tenantId,
    userId: candidate.userId,
    personId: candidate.personId,
    kind,
    message,
    subjectType: "plan-action",
    subjectId: candidate.actionId,
    dedupeKey: candidate.dedupeKey,
  };
}
