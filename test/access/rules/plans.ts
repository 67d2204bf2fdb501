import type { Rule } from "../matrix.ts";

/** Access rules for the plan: goals, actions, the plan review schedule (src/plans). */
export const planRules: Record<string, Rule> = {};
