import { only, SIGNED_IN, type Rule } from "../matrix.ts";
import { ids, keyWorker } from "../records.ts";

/**
 * Access rules for the second factor (src/platform/auth). Every account may set one up and manage
 * its own; someone fully signed in who opens the code page is sent on to their home page. Sessions
 * still waiting for the code (which these actors never are) are tested in
 * src/platform/auth/second-factor.test.ts: they open only these pages and signing out.
 */
export const secondFactorRules: Record<string, Rule> = {
  "GET /sign-in/second-factor": { expect: SIGNED_IN },
  "POST /sign-in/second-factor": { expect: SIGNED_IN },
  "GET /account/second-factor": { expect: SIGNED_IN },
  "GET /account/second-factor/setup": { expect: SIGNED_IN },
  // An empty form answers 400: past access.
  "POST /account/second-factor/setup": { expect: SIGNED_IN },
  "POST /account/second-factor/recovery-codes": { expect: SIGNED_IN },
  "POST /account/second-factor/turn-off": { expect: SIGNED_IN },
  "GET /api/v1/me/second-factor": { expect: SIGNED_IN },
  // Only administrators reset someone else's second factor (src/partnership/service.ts `userToReset`).
  // A key worker of the partnership without one: the administrator is sent back to say so (303).
  // Users of another partnership are tested in src/partnership/reset-second-factor.test.ts.
  "GET /partnership/users/:userId/reset-second-factor": { expect: only(["administrator"]), ids: ids({ userId: keyWorker }) },
  "POST /partnership/users/:userId/reset-second-factor": { expect: only(["administrator"]), ids: ids({ userId: keyWorker }) },
};
