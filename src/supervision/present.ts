import { CONTACT_TARGET_DAYS } from "../caseload/needs.ts";
import { plural } from "../platform/views/format.ts";
import type { StuckRule, StuckRules } from "./schema.ts";
import type { StuckCase } from "./service.ts";

/** Each rule in plain words, as the partnership has set it. */
export function describeRules(rules: StuckRules): Array<{ rule: StuckRule; enabled: boolean; text: string }> {
  const targets = `weekly is ${CONTACT_TARGET_DAYS.high} days, fortnightly ${CONTACT_TARGET_DAYS.medium}, monthly ${CONTACT_TARGET_DAYS.low}`;
  return [
    { rule: "no-goals", enabled: rules.noGoalsEnabled, text: "No goals: an open case with no goal being worked on" },
    {
      rule: "no-progress",
      enabled: rules.noProgressEnabled,
      text: `No progress on goals for more than ${plural(rules.noProgressWeeks, "week")}: no progress recorded and no goal added or achieved`,
    },
    {
      rule: "no-contact",
      enabled: rules.noContactEnabled,
      text: `No contact for more than ${rules.noContactMultiple === 1 ? "the" : `${rules.noContactMultiple} times the`} person's contact target (${targets}); someone never seen counts from when their case opened`,
    },
    {
      rule: "crises",
      enabled: rules.crisesEnabled,
      text: `${plural(rules.crisesCount, "crisis", "crises")} or more in ${plural(rules.crisesWeeks, "week")}: crisis contacts and crises recorded on the chronology`,
    },
    {
      rule: "overdue-actions",
      enabled: rules.overdueActionsEnabled,
      text: rules.overdueActionDays > 0 ? `Open actions in the plan overdue by more than ${plural(rules.overdueActionDays, "day")}` : "Open actions in the plan that are overdue",
    },
  ];
}

/** The rules as the API gives them. */
export function presentRulesForApi(rules: StuckRules) {
  return {
    noGoals: { enabled: rules.noGoalsEnabled },
    noProgress: { enabled: rules.noProgressEnabled, weeks: rules.noProgressWeeks },
    noContact: { enabled: rules.noContactEnabled, multipleOfTarget: rules.noContactMultiple, targetDays: { ...CONTACT_TARGET_DAYS } },
    crises: { enabled: rules.crisesEnabled, count: rules.crisesCount, weeks: rules.crisesWeeks },
    overdueActions: { enabled: rules.overdueActionsEnabled, days: rules.overdueActionDays },
    version: rules.version,
  };
}

/** One stuck case as the API gives it. */
export function presentStuckCaseForApi(stuck: StuckCase) {
  return {
    personId: stuck.personId,
    name: stuck.name,
    keyWorker: stuck.keyWorker,
    reasons: stuck.reasons.map((reason) => ({ rule: reason.rule, text: reason.text })),
    lastCaseReviewOn: stuck.lastCaseReviewOn,
  };
}
