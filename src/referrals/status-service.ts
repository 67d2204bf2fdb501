import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { auditEvents } from "../platform/audit/tables.ts";
import { ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid, newId } from "../platform/database/ids.ts";
import { NotFound } from "../platform/http/errors.ts";
import { hashSecretToken } from "../platform/secret-tokens.ts";
import { assertMayRefer, looksLikeStatusToken } from "./intake-service.ts";
import { presentForReferrer, presentSubmitted, type ReferrerView, type SubmittedDetails } from "./present.ts";
import {
  findReferral,
  findReferralByStatusTokenHash,
  findServicesByIds,
  findUserName,
  listReferralSteps,
  listReferralsMadeBy,
  type ReferralRow,
  type SentReferral,
} from "./store.ts";

export const STATUS_NOT_FOUND = "This status link is not valid. Check you copied the whole link from the email or the confirmation page.";

async function referrerView(tx: Db | Tx, referral: ReferralRow, today: string): Promise<ReferrerView> {
  const [service] = await findServicesByIds(tx, referral.tenantId, [referral.serviceId]);
  if (!service) throw new NotFound("Referral not found");
  const steps = await listReferralSteps(tx, referral.tenantId, referral.id, { visibleToReferrerOnly: true });
  const suggestedServices = referral.status === "declined" ? await findServicesByIds(tx, referral.tenantId, referral.suggestedServiceIds) : [];
  const allocatedWorkerName = referral.allocatedWorkerId ? ((await findUserName(tx, referral.tenantId, referral.allocatedWorkerId)) ?? null) : null;
  return presentForReferrer({ referral, service, steps, suggestedServices, allocatedWorkerName, today });
}

/**
 * The private status page behind a token: for whoever holds the link, so it shows only the
 * referrer's view. Each read is audited (with no one signed in, and the address it came from).
 */
export async function readStatusByToken(db: Db, clock: Clock, token: string, ip: string): Promise<ReferrerView> {
  if (!looksLikeStatusToken(token)) throw new NotFound(STATUS_NOT_FOUND);
  return db.transaction(async (tx) => {
    const referral = await findReferralByStatusTokenHash(tx, hashSecretToken(token));
    if (!referral) throw new NotFound(STATUS_NOT_FOUND);
    const view = await referrerView(tx, referral, ukToday(clock));
    await tx.insert(auditEvents).values({
      id: newId(),
      tenantId: referral.tenantId,
      actorUserId: null,
      action: "referral.status.read",
      personId: referral.personId,
      subjectType: "referral",
      subjectId: referral.id,
      ip,
    });
    return view;
  });
}

/** The referral the actor made, or undefined when they did not make it (or it does not exist). */
export async function findOwnReferral(tx: Db | Tx, actor: Actor, referralId: string): Promise<ReferralRow | undefined> {
  if (!isUuid(referralId)) return undefined;
  const referral = await findReferral(tx, actor.tenantId, referralId);
  return referral && referral.referredBy === actor.userId ? referral : undefined;
}

/** A referral the signed-in actor made, as the referrer sees it, with what they sent. NotFound for anyone else. */
export async function readOwnReferral(db: Db, actor: Actor, clock: Clock, referralId: string): Promise<{ view: ReferrerView; submitted: SubmittedDetails }> {
  return db.transaction(async (tx) => {
    const referral = await findOwnReferral(tx, actor, referralId);
    if (!referral) throw new NotFound("Referral not found");
    const view = await referrerView(tx, referral, ukToday(clock));
    await audit(tx, actor, { action: "referral.read", personId: referral.personId, subjectType: "referral", subjectId: referral.id, detail: { view: "referrer" } });
    return { view, submitted: presentSubmitted(referral) };
  });
}

export const SENT_PAGE_SIZE = 25;

/** The referrals the actor has made, newest first; audited. */
export async function listSentReferrals(db: Db, actor: Actor, page: number): Promise<{ rows: SentReferral[]; total: number; page: number; pages: number }> {
  assertMayRefer(actor);
  return db.transaction(async (tx) => {
    const { rows, total } = await listReferralsMadeBy(tx, actor.tenantId, actor.userId, { limit: SENT_PAGE_SIZE, offset: (page - 1) * SENT_PAGE_SIZE });
    await audit(tx, actor, { action: "referrals.sent.read", subjectType: "referral", detail: { page, returned: rows.map((row) => row.id) } });
    return { rows, total, page, pages: Math.max(1, Math.ceil(total / SENT_PAGE_SIZE)) };
  });
}
