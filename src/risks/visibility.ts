import { maySee, type Relationship } from "../platform/access/index.ts";
import { RISK_CATEGORIES, type RiskCategory } from "./schema.ts";

/**
 * The categories of risk an actor may see: all of them for the full audience; risks to workers for
 * partners and peer mentors in the team, who may visit (safety comes first); the other risks for
 * partners only when the person shares their health or offending information with them; none for
 * family members and carers. The risks pages and the chronology both follow it.
 */
export function visibleRiskCategories(relationship: Relationship): readonly RiskCategory[] {
  if (relationship.audience === "full") return RISK_CATEGORIES;
  if (relationship.audience === "partner") {
    return maySee(relationship, "health") || maySee(relationship, "offending") ? RISK_CATEGORIES : ["to-workers"];
  }
  if (relationship.audience === "peer-mentor") return ["to-workers"];
  return [];
}
