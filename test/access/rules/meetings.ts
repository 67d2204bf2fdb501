import type { Rule } from "../matrix.ts";

/** Access rules for meetings and their recommendations (src/meetings). */
export const meetingRules: Record<string, Rule> = {};
