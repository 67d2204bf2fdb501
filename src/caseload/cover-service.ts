import { z } from "zod";
import { can, hasRole, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { optionalText, todayIso } from "../platform/http/validation.ts";
import * as store from "./cover-store.ts";
import { listTeamCaseloadSizes } from "./store.ts";

export type { CoverRow } from "./cover-store.ts";

export const newCoverInput = z.object({
  absentUserId: z.string({ error: "Select who is away" }).refine(isUuid, { error: "Select who is away" }),
  coveringUserId: z.string({ error: "Select who is covering" }).refine(isUuid, { error: "Select who is covering" }),
  startsOn: z.string({ error: "Enter the first day of the cover" }),
  endsOn: z.string({ error: "Enter the last day of the cover" }),
  handoverNote: optionalText("Handover note", 5000),
});
export type NewCover = z.output<typeof newCoverInput>;

/** The manager's team id, or Forbidden for anyone who does not arrange cover. */
export function requireManager(actor: Actor): string {
  if (!can(actor, "team.view") || !actor.teamId) throw new Forbidden("Only team managers arrange cover");
  return actor.teamId;
}

export async function teamCovers(db: Db, actor: Actor): Promise<store.CoverRow[]> {
  const teamId = requireManager(actor);
  return store.listTeamCovers(db, actor.tenantId, teamId);
}

/** The covers a worker is doing today, with handover notes, for their caseload. */
export async function coversToday(db: Db, actor: Actor): Promise<store.CoverRow[]> {
  if (!hasRole(actor, "key-worker", "co-worker")) return [];
  return store.listCoversBy(db, actor.tenantId, actor.userId);
}

/**
 * Arranges cover: the covering worker sees the absent worker's people from the first day to the
 * last, and no longer. Both must be workers in the manager's team.
 */
export async function arrangeCover(db: Db, actor: Actor, input: NewCover): Promise<string> {
  const teamId = requireManager(actor);
  const issues: FieldIssue[] = [];
  const today = todayIso();
  if (input.absentUserId === input.coveringUserId) issues.push({ field: "coveringUserId", message: "Select someone other than the person who is away" });
  if (input.endsOn < input.startsOn) issues.push({ field: "endsOn", message: "The last day must be on or after the first day" });
  if (input.endsOn < today) issues.push({ field: "endsOn", message: "The last day must be today or in the future" });
  return db.transaction(async (tx) => {
    const workers = new Set((await listTeamCaseloadSizes(tx, actor.tenantId, teamId)).map((worker) => worker.workerId));
    if (!workers.has(input.absentUserId)) issues.unshift({ field: "absentUserId", message: "Select a worker in your team" });
    if (!workers.has(input.coveringUserId)) issues.push({ field: "coveringUserId", message: "Select a worker in your team" });
    if (issues.length > 0) throw new Invalid(issues);
    const id = await store.insertCover(tx, { tenantId: actor.tenantId, ...input, createdBy: actor.userId });
    await audit(tx, actor, { action: "cover.arrange", subjectType: "cover", subjectId: id, detail: { absentUserId: input.absentUserId, coveringUserId: input.coveringUserId, startsOn: input.startsOn, endsOn: input.endsOn } });
    return id;
  });
}

export async function cancelCover(db: Db, actor: Actor, coverId: string, expectedVersion: number): Promise<void> {
  const teamId = requireManager(actor);
  if (!isUuid(coverId)) throw new NotFound("Cover not found");
  await db.transaction(async (tx) => {
    const cover = await store.findTeamCover(tx, actor.tenantId, teamId, coverId);
    if (!cover) throw new NotFound("Cover not found");
    if (!(await store.cancelCover(tx, actor.tenantId, coverId, expectedVersion))) throw new Conflict("This cover was changed or cancelled by someone else");
    await audit(tx, actor, { action: "cover.cancel", subjectType: "cover", subjectId: coverId });
  });
}
