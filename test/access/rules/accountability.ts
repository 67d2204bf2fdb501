import { only, SIGNED_IN, type Actor, type Rule } from "../matrix.ts";
import { ids, leadWorkersReminder, partnerOrganisation } from "../records.ts";

/** Workers, managers and partner agencies see actions by agency (psychologists too; none is in the matrix). */
const byAgency = only(["lead worker", "worker outside the team", "team manager", "other team's manager", "partner in the team", "partner outside the team"]);
const chasers: Actor[] = ["lead worker", "worker outside the team", "team manager", "other team's manager"];
const managers = only(["team manager", "other team's manager"]);

/** Access rules for actions by agency, the chase list, reminders and plan settings (src/plans, src/notifications). */
export const accountabilityRules: Record<string, Rule> = {
  "GET /actions": { expect: byAgency },
  "GET /actions/chase": { expect: only(chasers) },
  // The chasing message to the partner agency: each who may chase gets their own overdue actions of its (src/plans/accountability.ts).
  "GET /actions/chase/:organisationId": { expect: only(chasers), ids: ids({ organisationId: partnerOrganisation }) },
  "GET /api/v1/actions": { expect: SIGNED_IN },
  "GET /settings/plans": { expect: managers },
  // The empty form answers 400 to managers: past access, with a message.
  "POST /settings/plans": { expect: managers },
  "GET /reminders": { expect: SIGNED_IN },
  "POST /reminders/read": { expect: SIGNED_IN },
  // A reminder is its user's own: the lead worker's is not found by anyone else (src/notifications/service.ts).
  "POST /reminders/:notificationId/read": { expect: only(["lead worker"], "hidden"), ids: ids({ notificationId: leadWorkersReminder }) },
  "GET /api/v1/reminders": { expect: SIGNED_IN },
};
