import { sql } from "drizzle-orm";
import { readConfig } from "../../../src/config.ts";
import { systemClock } from "../../../src/platform/clock.ts";
import type { Db } from "../../../src/platform/database/open.ts";
import { hashSecretToken } from "../../../src/platform/secret-tokens.ts";
import { createReferral } from "../../../src/referrals/intake-service.ts";
import type { TestTenant } from "../../support/factories.ts";
import { createReferralService } from "../../support/referral-intake.ts";
import { ACTORS, PUBLIC, only, type Actor, type Outcome, type Rule } from "../matrix.ts";
import { ids, matrixServiceId, referral, useMatrixReferralService } from "../records.ts";

/**
 * Access rules for making and following referrals (src/referrals intake and status, and the
 * outbox). Anyone may use a service's public referral link and a private status link, without an
 * account; signed-in referrals are for the roles that may make them; the outbox is for
 * administrators. One referral (the referrer's, through the API, to the lead worker's team's
 * service) is shown, and may be withdrawn, only by the referrer who made it and the receiving team's
 * managers; everyone else is told it does not exist (src/referrals/status-service.ts
 * `findOwnReferral`, withdraw.ts `findWithdrawable`). The matrix puts its public token (`:token`) in
 * these links, so `setUpReferralIntakeMatrix` makes a public link and a status link with that token.
 */

const MAKERS: Actor[] = ["lead worker", "worker outside the team", "team manager", "other team's manager", "partner in the team", "partner outside the team", "referrer", "register owner"];
const makers = only(MAKERS);

const referrerOrTeam = only(["referrer", "team manager"], "hidden");
const aReferral = ids({ referralId: referral });

function hiddenFor(rule: Record<Actor, Outcome>): Record<Actor, Outcome> {
  return Object.fromEntries(ACTORS.map((actor) => [actor, rule[actor] === "allowed" ? "hidden" : rule[actor]])) as Record<Actor, Outcome>;
}


/** A service whose public link, and a referral whose status link, carry the matrix's token. */
export async function setUpReferralIntakeMatrix(db: Db, tenant: TestTenant, token: string): Promise<void> {
  const { serviceId } = await createReferralService(db, tenant, { name: "Matrix Key Work" });
  useMatrixReferralService(serviceId);
  await db.execute(sql`UPDATE referral_settings SET public_link_token = ${token} WHERE service_id = ${serviceId}`);
  const created = await db.transaction((tx) =>
    createReferral(tx, { config: readConfig({}), clock: systemClock }, {
      tenantId: tenant.tenantId,
      serviceId,
      channel: "public-link",
      referredBy: null,
      details: {
        person: { givenName: "Matrix", familyName: "Check", aliases: [], dateOfBirth: "1990-01-01", area: null, phone: null },
        personConsented: true,
        needs: ["housing"],
        registerRating: null,
        reason: "Access matrix check",
        safetyInformation: null,
        referrer: { name: "Matrix referrer", organisation: null, role: null, email: null, phone: "0161 496 0000" },
      },
    }),
  );
  await db.execute(sql`UPDATE referrals SET status_token_hash = ${hashSecretToken(token)} WHERE id = ${created.referral.id}`);
}

export const referralIntakeRules: Record<string, Rule> = {
  "GET /referrals/new": { expect: makers },
  // An empty form names no service: those who may refer are told it does not exist.
  "POST /referrals": { expect: hiddenFor(makers) },
  "GET /referrals/sent": { expect: makers },
  "GET /referrals/:referralId": { expect: referrerOrTeam, ids: aReferral },
  // An empty form gives no reason: 400 for those who may withdraw it, past access.
  "GET /referrals/:referralId/withdraw": { expect: referrerOrTeam, ids: aReferral },
  "POST /referrals/:referralId/withdraw": { expect: referrerOrTeam, ids: aReferral },
  // The public link and the status link need no account; an empty form answers 400 (past access).
  "GET /refer/:token": { expect: PUBLIC },
  "POST /refer/:token": { expect: PUBLIC },
  "GET /referral-status/:token": { expect: PUBLIC },
  // The outbox holds every referrer's private status link: administrators only.
  "GET /outbox": { expect: only(["administrator"]) },
  "POST /api/v1/referrals": {
    expect: makers,
    json: () => ({ serviceId: matrixServiceId(), person: { givenName: "Matrix", familyName: "Check", dateOfBirth: "1990-01-01" }, reason: "Access matrix check", needs: ["housing"] }),
  },
  "GET /api/v1/referrals/:referralId": { expect: referrerOrTeam, ids: aReferral },
};
