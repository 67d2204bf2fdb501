import { ACTORS, only, type Actor, type Outcome, type Rule } from "../matrix.ts";

/**
 * Access rules for the receiving team's side of referrals (src/referrals triage and settings). Team
 * managers triage the referrals to their own team's services; managers and administrators keep
 * services' referral settings; everyone else is refused, whatever the referral. No referral or
 * service has the stand-in id, so those allowed are told it does not exist; the tests beside the
 * code (triage-pages.test.ts, triage-api.test.ts, settings.test.ts) use real ones, and show that a
 * manager of another team finds no referral of this team's.
 */

const MANAGERS: Actor[] = ["team manager", "other team's manager"];
const managers = only(MANAGERS);
const settingsKeepers = only([...MANAGERS, "administrator"]);

/** Those allowed by `rule` find nothing with the stand-in id. */
function unknownId(rule: Record<Actor, Outcome>): Record<Actor, Outcome> {
  return Object.fromEntries(ACTORS.map((actor) => [actor, rule[actor] === "allowed" ? "hidden" : rule[actor]])) as Record<Actor, Outcome>;
}

export const referralTriageRules: Record<string, Rule> = {
  "GET /referrals": { expect: managers },
  "GET /referrals/waiting-list": { expect: managers },
  "POST /referrals/:referralId/acknowledge": { expect: unknownId(managers) },
  "POST /referrals/:referralId/screening": { expect: unknownId(managers) },
  "POST /referrals/:referralId/priority": { expect: unknownId(managers) },
  "POST /referrals/:referralId/link": { expect: unknownId(managers) },
  "POST /referrals/:referralId/unlink": { expect: unknownId(managers) },
  "GET /referrals/:referralId/decision": { expect: unknownId(managers) },
  "POST /referrals/:referralId/decision": { expect: unknownId(managers) },
  "GET /referrals/:referralId/allocation": { expect: unknownId(managers) },
  "POST /referrals/:referralId/allocation": { expect: unknownId(managers) },
  "GET /settings/referrals": { expect: settingsKeepers },
  "GET /settings/referrals/:serviceId": { expect: unknownId(settingsKeepers) },
  "POST /settings/referrals/:serviceId": { expect: unknownId(settingsKeepers) },
  "POST /settings/referrals/:serviceId/public-link": { expect: unknownId(settingsKeepers) },
  "GET /api/v1/referrals": { expect: managers },
  "POST /api/v1/referrals/:referralId/acknowledgement": { expect: unknownId(managers) },
  "POST /api/v1/referrals/:referralId/decision": { expect: unknownId(managers), json: () => ({ decision: "accept" }) },
  "POST /api/v1/referrals/:referralId/allocation": { expect: unknownId(managers), json: () => ({ workerId: "0190a000-0000-7000-8000-000000000001" }) },
};
