import type { Rule } from "../matrix.ts";

/** Access rules for the dynamic support register and inpatient episodes (src/register). */
export const registerRules: Record<string, Rule> = {};
