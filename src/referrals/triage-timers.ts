import { addDays } from "../platform/clock.ts";
import type { ReferralStatus } from "./schema.ts";
import { isWorkingDay, workingDaysBetween } from "./working-days.ts";

/**
 * The two timers of a referral: acknowledge by, and decide by (UK dates set when it was received).
 * A timer is overdue once a working day has passed after its date: due on a Friday, a referral is
 * not overdue over the weekend, and is overdue by 1 working day on Monday.
 */

/** Statuses in which the referral still waits for an acknowledgement, and for a decision. */
const AWAITING_ACKNOWLEDGEMENT: readonly ReferralStatus[] = ["awaiting-acknowledgement"];
export const AWAITING_DECISION: readonly ReferralStatus[] = ["awaiting-acknowledgement", "acknowledged", "screening"];

export interface Timers {
  acknowledgeBy: string;
  decideBy: string;
  /** Working days the acknowledgement is overdue by; 0 when it is not (or already given). */
  acknowledgementOverdueBy: number;
  /** Working days the decision is overdue by; 0 when it is not (or already made). */
  decisionOverdueBy: number;
}

export function timersFor(referral: { status: string; acknowledgeBy: string; decideBy: string }, today: string): Timers {
  const status = referral.status as ReferralStatus;
  const overdueBy = (due: string, waiting: readonly ReferralStatus[]) => (waiting.includes(status) ? Math.max(0, workingDaysBetween(due, today)) : 0);
  return {
    acknowledgeBy: referral.acknowledgeBy,
    decideBy: referral.decideBy,
    acknowledgementOverdueBy: overdueBy(referral.acknowledgeBy, AWAITING_ACKNOWLEDGEMENT),
    decisionOverdueBy: overdueBy(referral.decideBy, AWAITING_DECISION),
  };
}

export function isOverdue(timers: Timers): boolean {
  return timers.acknowledgementOverdueBy > 0 || timers.decisionOverdueBy > 0;
}

/**
 * The latest working day on or before `today`: a timer due before it is overdue. The same rule as
 * `timersFor`, in a form SQL can use (`due < threshold`).
 */
export function overdueThreshold(today: string): string {
  let date = today;
  while (!isWorkingDay(date)) date = addDays(date, -1);
  return date;
}

/** The overdue flags in words: "Acknowledgement overdue by 2 working days"; none when nothing is overdue. */
export function overdueText(timers: Timers): string[] {
  const days = (count: number) => `${count} working ${count === 1 ? "day" : "days"}`;
  return [
    ...(timers.acknowledgementOverdueBy > 0 ? [`Acknowledgement overdue by ${days(timers.acknowledgementOverdueBy)}`] : []),
    ...(timers.decisionOverdueBy > 0 ? [`Decision overdue by ${days(timers.decisionOverdueBy)}`] : []),
  ];
}
