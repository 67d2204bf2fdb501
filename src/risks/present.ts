import type { RiskView } from "./store.ts";

/** The API's shape of a risk. */
export function presentRiskForApi(risk: RiskView) {
  return {
    id: risk.id,
    personId: risk.personId,
    category: risk.category,
    level: risk.level,
    description: risk.description,
    safetyPlan: risk.safetyPlan,
    reviewOn: risk.reviewOn,
    reviewOverdue: risk.reviewOverdue,
    status: risk.closedAt ? ("closed" as const) : ("current" as const),
    closedAt: risk.closedAt?.toISOString() ?? null,
    createdBy: risk.createdBy,
    updatedBy: risk.updatedBy,
    createdAt: risk.createdAt.toISOString(),
    updatedAt: risk.updatedAt.toISOString(),
    version: risk.version,
  };
}
