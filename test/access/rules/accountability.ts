import type { Rule } from "../matrix.ts";

/** Access rules for actions by agency, the chase list, reminders and plan settings (src/plans, src/notifications). */
export const accountabilityRules: Record<string, Rule> = {};
