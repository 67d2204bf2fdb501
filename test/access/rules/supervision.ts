import type { Rule } from "../matrix.ts";

/** Access rules for stuck cases, reflective case reviews and supervision notes (src/supervision). */
export const supervisionRules: Record<string, Rule> = {};
