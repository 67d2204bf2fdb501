import { only, SIGNED_IN, type Actor, type Outcome, type Rule } from "../matrix.ts";

/** Workers, managers and partner agencies see actions by agency (psychologists too; none is in the matrix). */
const byAgency = only(["lead worker", "worker outside the team", "team manager", "other team's manager", "partner in the team", "partner outside the team"]);
const chasers: Actor[] = ["lead worker", "worker outside the team", "team manager", "other team's manager"];
const managers = only(["team manager", "other team's manager"]);

/** Access rules for actions by agency, the chase list, reminders and plan settings (src/plans, src/notifications). */
export const accountabilityRules: Record<string, Rule> = {
  "GET /actions": { expect: byAgency },
  "GET /actions/chase": { expect: only(chasers) },
  // No organisation has the stand-in id: those who may chase are told it does not exist.
  "GET /actions/chase/:organisationId": { expect: { ...only([]), ...Object.fromEntries(chasers.map((actor) => [actor, "hidden"])) } as Record<Actor, Outcome> },
  "GET /api/v1/actions": { expect: SIGNED_IN },
  "GET /settings/plans": { expect: managers },
  // The empty form answers 400 to managers: past access, with a message.
  "POST /settings/plans": { expect: managers },
  "GET /reminders": { expect: SIGNED_IN },
  "POST /reminders/read": { expect: SIGNED_IN },
  // Nobody has a reminder with the stand-in id.
  "POST /reminders/:notificationId/read": { expect: only([], "hidden") },
  "GET /api/v1/reminders": { expect: SIGNED_IN },
};
