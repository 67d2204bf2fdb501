import type { RoutePlugin } from "../app.ts";
import { everyMinutesWhileListening } from "../platform/periodic.ts";
import { runActionEscalation } from "./escalation.ts";

/**
 * Runs the escalation sweep when the app starts listening and then every
 * `config.escalationMinutes` (0 turns it off). The timer never keeps the process alive, and closing
 * the app stops it and waits for a sweep in progress. Several processes may all run it: the
 * notifications' unique dedupe key keeps each reminder single.
 */
export const escalationSchedule: RoutePlugin = (app, deps) => {
  const minutes = deps.config.escalationMinutes;
  if (minutes <= 0) return;
  everyMinutesWhileListening(
    app,
    minutes,
    async () => {
      const result = await runActionEscalation(deps.database.db, deps.clock);
      if (result.reminded + result.chased > 0) app.log.info(result, "action escalation: reminders raised");
    },
    (error) => app.log.error({ err: error }, "action escalation failed; it will run again at the next interval"),
  );
};
