import { can, hasRole, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db } from "../platform/database/open.ts";
import { Forbidden, NotFound } from "../platform/http/errors.ts";
import { orderByNeed, type Need } from "./needs.ts";
import * as store from "./store.ts";

export type { CaseloadRow, WorkerCaseloadSize } from "./store.ts";
export type { Need } from "./needs.ts";

/** Default weighted caseload target for a full-time key worker (PRODUCT.md, C10). */
export const CASELOAD_TARGET = 20;
const FULL_TIME_KEYWORKING_HOURS = 37.5;

export interface Caseload {
  worker: { id: string; displayName: string };
  rows: Array<store.CaseloadRow & { need: Need }>;
}

/** A worker's own caseload, or (for their manager) the caseload of a worker in the manager's team. */
export async function caseloadOf(db: Db, actor: Actor, workerId: string = actor.userId): Promise<Caseload> {
  return db.transaction(async (tx) => {
    let worker = { id: actor.userId, displayName: actor.displayName };
    if (workerId !== actor.userId) {
      const found = hasRole(actor, "manager") && actor.teamId ? await store.findTeamWorker(tx, actor.tenantId, actor.teamId, workerId) : undefined;
      if (!found) throw new NotFound("Worker not found");
      worker = found;
    }
    // A manager looking at a worker's caseload sees only the people the manager may see.
    const rows = orderByNeed(await store.listCaseload(tx, actor.tenantId, workerId, workerId === actor.userId ? undefined : actor));
    await audit(tx, actor, {
      action: "caseload.read",
      subjectType: "user",
      subjectId: workerId,
      detail: { returned: rows.map((row) => row.personId) },
    });
    return { worker, rows };
  });
}

export interface TeamCaseloads {
  teamName: string;
  target: number;
  workers: Array<store.WorkerCaseloadSize & { total: number; capacity: number }>;
}

/** A manager's view: each worker's caseload size against a capacity scaled by their keyworking hours. */
export async function teamCaseloads(db: Db, actor: Actor, target: number = CASELOAD_TARGET): Promise<TeamCaseloads> {
  if (!can(actor, "team.view") || !actor.teamId) throw new Forbidden("Only team managers can see the team's caseloads");
  const teamId = actor.teamId;
  return db.transaction(async (tx) => {
    const teamName = (await store.findTeamName(tx, actor.tenantId, teamId)) ?? "Your team";
    const sizes = await store.listTeamCaseloadSizes(tx, actor.tenantId, teamId);
    await audit(tx, actor, { action: "team.caseloads.read", subjectType: "team", subjectId: teamId });
    return {
      teamName,
      target,
      workers: sizes.map((size) => ({
        ...size,
        total: size.leadCount + size.coWorkerCount,
        capacity: capacityFor(size.keyworkingHours, target),
      })),
    };
  });
}

/** Target caseload for a worker: the full-time target scaled by their protected keyworking hours. */
export function capacityFor(keyworkingHours: number | null, target: number = CASELOAD_TARGET): number {
  if (keyworkingHours === null) return target;
  return Math.max(1, Math.round((target * Math.min(keyworkingHours, FULL_TIME_KEYWORKING_HOURS)) / FULL_TIME_KEYWORKING_HOURS));
}

/** The workers in the actor's team, for choosing a lead worker. */
export async function teamWorkers(db: Db, actor: Actor): Promise<Array<{ id: string; displayName: string }>> {
  if (!actor.teamId) return [];
  const sizes = await store.listTeamCaseloadSizes(db, actor.tenantId, actor.teamId);
  return sizes.map((size) => ({ id: size.workerId, displayName: size.displayName }));
}
