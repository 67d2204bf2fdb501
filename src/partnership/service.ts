import { can, type Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Db } from "../platform/database/open.ts";
import { Forbidden } from "../platform/http/errors.ts";
import * as store from "./store.ts";

export type { OrganisationSummary, UserSummary } from "./store.ts";

export interface PartnershipOverview {
  name: string;
  organisations: store.OrganisationSummary[];
  users: store.UserSummary[];
}

/** For administrators: the partnership's organisations, teams and users with their roles. */
export async function partnershipOverview(db: Db, actor: Actor): Promise<PartnershipOverview> {
  if (!can(actor, "partnership.manage")) throw new Forbidden("Only administrators can manage the partnership");
  const [name, organisations, users] = await Promise.all([
    store.tenantName(db, actor.tenantId),
    store.listOrganisations(db, actor.tenantId),
    store.listUsers(db, actor.tenantId),
  ]);
  await audit(db, actor, { action: "partnership.read" });
  return { name, organisations, users };
}
