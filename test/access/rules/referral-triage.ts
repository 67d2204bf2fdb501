import { only, type Actor, type Outcome, type Rule } from "../matrix.ts";
import { ids, referral, referralService } from "../records.ts";

/**
 * Access rules for the receiving team's side of referrals (src/referrals triage and settings). Team
 * managers triage the referrals to their own team's services; everyone else is refused, whatever
 * the referral (src/referrals/triage-service.ts `assertMayTriage`), and a manager of another team is
 * told the referral does not exist. The referral here (the referrer's, to the lead worker's team's
 * service) is new: steps that need it further on (a decision, an allocation) are refused with 409 or
 * 400, past access. Managers and administrators keep services' referral settings: a manager only their
 * own team's services, refused (403) another team's; administrators any
 * (src/referrals/settings-service.ts `requireEditable`).
 */

const MANAGERS: Actor[] = ["team manager", "other team's manager"];
const triage = { ...only(["team manager"]), "other team's manager": "hidden" } as Record<Actor, Outcome>;
const settingsKeepers = only([...MANAGERS, "administrator"]);
const teamSettingsKeepers = only(["team manager", "administrator"]);
const aReferral = ids({ referralId: referral });
const aService = ids({ serviceId: referralService });

export const referralTriageRules: Record<string, Rule> = {
  "GET /referrals": { expect: only(MANAGERS) },
  "GET /referrals/waiting-list": { expect: only(MANAGERS) },
  "POST /referrals/:referralId/acknowledge": { expect: triage, ids: aReferral },
  "POST /referrals/:referralId/screening": { expect: triage, ids: aReferral },
  "POST /referrals/:referralId/priority": { expect: triage, ids: aReferral },
  "POST /referrals/:referralId/link": { expect: triage, ids: aReferral },
  "POST /referrals/:referralId/unlink": { expect: triage, ids: aReferral },
  "GET /referrals/:referralId/decision": { expect: triage, ids: aReferral },
  "POST /referrals/:referralId/decision": { expect: triage, ids: aReferral },
  "GET /referrals/:referralId/allocation": { expect: triage, ids: aReferral },
  "POST /referrals/:referralId/allocation": { expect: triage, ids: aReferral },
  "GET /settings/referrals": { expect: settingsKeepers },
  "GET /settings/referrals/:serviceId": { expect: teamSettingsKeepers, ids: aService },
  "POST /settings/referrals/:serviceId": { expect: teamSettingsKeepers, ids: aService },
  "POST /settings/referrals/:serviceId/public-link": { expect: teamSettingsKeepers, ids: aService },
  "GET /api/v1/referrals": { expect: only(MANAGERS) },
  "POST /api/v1/referrals/:referralId/acknowledgement": { expect: triage, ids: aReferral },
  "POST /api/v1/referrals/:referralId/decision": { expect: triage, ids: aReferral, json: () => ({ decision: "accept" }) },
  "POST /api/v1/referrals/:referralId/allocation": { expect: triage, ids: aReferral, json: () => ({ workerId: "0190a000-0000-7000-8000-000000000001" }) },
};
