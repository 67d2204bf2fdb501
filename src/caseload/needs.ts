import { daysSince, formatIsoDate } from "../platform/views/format.ts";
import type { CaseloadRow } from "./store.ts";

/** How often each intensity means seeing someone, in days. */
export const CONTACT_TARGET_DAYS: Record<string, number> = { high: 7, medium: 14, low: 28 };

export interface Need {
  /** Higher first on the caseload. */
  score: number;
  /** Why they are where they are, in plain words, most pressing first. */
  reasons: string[];
  daysSinceContact: number | null;
  targetDays: number;
}

/**
 * Why a person needs their worker now. Weights are judgement, not science: someone never seen,
 * a recent crisis or contact long overdue outrank paperwork such as reviews.
 */
export function needOf(row: CaseloadRow, now: Date = new Date()): Need {
  const targetDays = CONTACT_TARGET_DAYS[row.contactIntensity] ?? 14;
  const daysSinceContact = daysSince(row.lastContactAt, now);
  const reasons: Array<{ weight: number; text: string }> = [];
  if (daysSinceContact === null) {
    reasons.push({ weight: 100, text: "Not seen yet" });
  } else if (daysSinceContact > targetDays) {
    const overdueBy = daysSinceContact / targetDays;
    reasons.push({ weight: 30 + 20 * Math.min(overdueBy, 5), text: `No contact for ${daysSinceContact} days (aim: every ${targetDays} days)` });
  }
  const daysSinceCrisis = daysSince(row.lastCrisisAt, now);
  if (daysSinceCrisis !== null && daysSinceCrisis <= 14) {
    reasons.push({ weight: 80 - daysSinceCrisis * 2, text: daysSinceCrisis === 0 ? "Crisis today" : `Crisis ${daysSinceCrisis === 1 ? "yesterday" : `${daysSinceCrisis} days ago`}` });
  }
  if (row.crisesInEightWeeks >= 3) reasons.push({ weight: 40, text: `${row.crisesInEightWeeks} crises in 8 weeks` });
  if (row.riskReviewDueOn) reasons.push({ weight: 25, text: `Risk review due ${formatIsoDate(row.riskReviewDueOn)}` });
  if (row.consentReviewDueOn) {
    const overdue = daysSince(new Date(`${row.consentReviewDueOn}T12:00:00Z`), now) ?? 0;
    const due = new Date(`${row.consentReviewDueOn}T12:00:00Z`) <= now;
    reasons.push({ weight: due ? 20 + Math.min(overdue, 30) / 3 : 5, text: `Consent review ${due ? "due" : "due soon"}: ${formatIsoDate(row.consentReviewDueOn)}` });
  }
  if (row.overdueActions > 0) {
    reasons.push({ weight: 10 + 3 * Math.min(row.overdueActions, 5), text: `${row.overdueActions} ${row.overdueActions === 1 ? "action" : "actions"} in the plan overdue` });
  }
  if (row.planReviewDueOn) {
    const due = new Date(`${row.planReviewDueOn}T12:00:00Z`) <= now;
    reasons.push({ weight: due ? 15 : 4, text: `Plan review ${due ? "due" : "due soon"}: ${formatIsoDate(row.planReviewDueOn)}` });
  }
  if (row.engagementStatus === "out-of-contact") reasons.push({ weight: 10, text: "Out of contact" });
  reasons.sort((a, b) => b.weight - a.weight);
  return {
    score: reasons.reduce((total, reason) => total + reason.weight, 0),
    reasons: reasons.map((reason) => reason.text),
    daysSinceContact,
    targetDays,
  };
}

/** The caseload in the order a worker should think about it: most pressing first. */
export function orderByNeed<Row extends CaseloadRow>(rows: Row[], now: Date = new Date()): Array<Row & { need: Need }> {
  return rows
    .map((row) => ({ ...row, need: needOf(row, now) }))
    .sort(
      (a, b) =>
        b.need.score - a.need.score ||
        (b.need.daysSinceContact ?? Number.MAX_SAFE_INTEGER) - (a.need.daysSinceContact ?? Number.MAX_SAFE_INTEGER) ||
        a.familyName.localeCompare(b.familyName),
    );
}
