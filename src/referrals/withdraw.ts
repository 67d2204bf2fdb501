import { can, type Actor } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound } from "../platform/http/errors.ts";
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, type ReferralStatus } from "./schema.ts";
import { findServicesByIds, type ReferralRow } from "./store.ts";
import { findOwnReferral } from "./status-service.ts";
import { recordReferralStep } from "./steps.ts";
import { auditReferral, type TriageDeps } from "./triage-service.ts";
import { findTeamReferral, lockReferral } from "./triage-store.ts";

/**
 * Withdrawing a referral that is still open: by the signed-in referrer who made it (the person no
 * longer needs it, or it went to the wrong service) or by a manager of the team that receives it
 * (the referrer asked by phone). The "withdrawn" step is shown to the referrer with the reason, and
 * emailed to them like every step they see.
 */

export const WITHDRAW_REASON_LIMIT = 2000;

/** Who is withdrawing: the referrer who made it, or a manager of the receiving team. */
export type WithdrawingAs = "referrer" | "team";

export interface Withdrawable {
  referral: ReferralRow;
  serviceName: string;
  as: WithdrawingAs;
}

/** The referral, if the actor may withdraw it whatever its status; NotFound for anyone else. */
async function findWithdrawable(tx: Db | Tx, actor: Actor, referralId: string): Promise<Withdrawable> {
  if (!isUuid(referralId)) throw new NotFound("Referral not found");
  let found: { referral: ReferralRow; as: WithdrawingAs } | undefined;
  if (can(actor, "referrals.triage") && actor.teamId) {
    const team = await findTeamReferral(tx, actor.tenantId, actor.teamId, referralId);
    if (team) found = { referral: team, as: "team" };
  }
  if (!found) {
    const own = await findOwnReferral(tx, actor, referralId);
    if (own) found = { referral: own, as: "referrer" };
  }
  if (!found) throw new NotFound("Referral not found");
  const [service] = await findServicesByIds(tx, actor.tenantId, [found.referral.serviceId]);
  return { ...found, serviceName: service?.name ?? "the service" };
}

/** The message when the referral has gone past withdrawing: it has been decided, allocated or withdrawn. */
export function notWithdrawable(referral: ReferralRow): string | null {
  const status = referral.status as ReferralStatus;
  if (OPEN_REFERRAL_STATUSES.includes(status)) return null;
  return `This referral can no longer be withdrawn: it is now “${(REFERRAL_STATUS_LABELS[status] ?? status).toLowerCase()}”. Contact the service, quoting ${referral.reference}, if something needs to change.`;
}

/** The referral for the confirmation page. Reads nothing of the person's record; not audited (the withdrawal is). */
export async function readForWithdrawal(db: Db, actor: Actor, referralId: string): Promise<Withdrawable> {
  return findWithdrawable(db, actor, referralId);
}

export function withdrawIssues(reason: string): Array<{ field: string; message: string }> {
  if (reason.trim() === "") return [{ field: "reason", message: "Enter why the referral is being withdrawn" }];
  if (reason.trim().length > WITHDRAW_REASON_LIMIT) return [{ field: "reason", message: `The reason must be ${WITHDRAW_REASON_LIMIT} characters or fewer` }];
  return [];
}

/**
 * Withdraws an open referral with a reason (the referrer sees it, and gets an email). Conflict when
 * it has already been decided, allocated or withdrawn, or changed since `expectedVersion`. Audited.
 */
export async function withdrawReferral(db: Db, deps: TriageDeps, actor: Actor, referralId: string, reason: string, expectedVersion: number | null = null): Promise<Withdrawable> {
  const issues = withdrawIssues(reason);
  if (issues.length > 0) throw new Invalid(issues);
  return db.transaction(async (tx) => {
    const before = await findWithdrawable(tx, actor, referralId);
    await lockReferral(tx, actor.tenantId, before.referral.id);
    const current = await findWithdrawable(tx, actor, before.referral.id);
    const refused = notWithdrawable(current.referral);
    if (refused) throw new Conflict(refused);
    if (expectedVersion !== null && current.referral.version !== expectedVersion) {
      throw new Conflict("Someone else changed this referral after you opened it: check it and try again");
    }
    await recordReferralStep(tx, deps, { tenantId: actor.tenantId, referralId: current.referral.id, step: "withdrawn", byUserId: actor.userId, note: reason.trim(), visibleToReferrer: true });
    await auditReferral(tx, actor, current.referral, "referral.withdraw", { by: current.as, from: current.referral.status });
    return current;
  });
}
