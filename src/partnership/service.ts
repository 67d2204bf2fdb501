import { can, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { resetSecondFactorOf } from "../platform/auth/second-factor.ts";
import type { Db } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Forbidden, NotFound } from "../platform/http/errors.ts";
import * as store from "./store.ts";

export type { OrganisationSummary, UserSummary } from "./store.ts";

export interface PartnershipOverview {
  name: string;
  organisations: store.OrganisationSummary[];
  users: store.UserSummary[];
}

export const NOT_AN_ADMINISTRATOR = "Only administrators can manage the partnership";
export const OWN_SECOND_FACTOR = "Manage your own second factor on the Second factor page";

function assertManages(actor: Actor): void {
  if (!can(actor, "partnership.manage")) throw new Forbidden(NOT_AN_ADMINISTRATOR);
}

/** For administrators: the partnership's organisations, teams and users with their roles. */
export async function partnershipOverview(db: Db, actor: Actor): Promise<PartnershipOverview> {
  assertManages(actor);
  const [name, organisations, users] = await Promise.all([
    store.tenantName(db, actor.tenantId),
    store.listOrganisations(db, actor.tenantId),
    store.listUsers(db, actor.tenantId),
  ]);
  await audit(db, actor, { action: "partnership.read" });
  return { name, organisations, users };
}

/**
 * A user of the administrator's partnership whose second factor may be reset: NotFound for anyone
 * outside it (or an id that is not one), Forbidden for the administrator themselves.
 */
export async function userToReset(db: Db, actor: Actor, userId: string): Promise<store.UserSummary> {
  assertManages(actor);
  const user = isUuid(userId) ? await store.findUser(db, actor.tenantId, userId) : undefined;
  if (!user) throw new NotFound("User not found");
  if (user.id === actor.userId) throw new Forbidden(OWN_SECOND_FACTOR);
  return user;
}

/**
 * Resets a user's second factor for someone who has lost their phone and recovery codes: it is
 * cleared, their recovery codes deleted and their sessions ended, all audited in one transaction.
 * Conflict when they have no second factor (someone reset it already, or they turned it off).
 */
export async function resetSecondFactor(db: Db, actor: Actor, userId: string): Promise<store.UserSummary> {
  await userToReset(db, actor, userId);
  return db.transaction(async (tx) => {
    const user = await store.findUser(tx, actor.tenantId, userId, { lock: true });
    if (!user) throw new NotFound("User not found");
    if (!user.secondFactor) throw new Conflict(`${user.displayName} has no second factor to reset`, user);
    const { sessionsEnded } = await resetSecondFactorOf(tx, { tenantId: actor.tenantId, userId: user.id });
    await audit(tx, actor, { action: "second-factor.reset", subjectType: "user", subjectId: user.id, detail: { sessionsEnded } });
    return user;
  });
}
