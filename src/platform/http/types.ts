import type { Actor } from "../access/actor.ts";
import type { Flash } from "../views/layout.ts";

import type { RegisteredRoute } from "../../app.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Every route with its access rule, for the access tests. */
    registeredRoutes: () => RegisteredRoute[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    flash: Flash | null;
  }
  interface FastifyContextConfig {
    /**
     * "public" routes need nobody signed in; "second-factor" routes (finishing signing in, setting
     * up a second factor, signing out) also open to a session still waiting for its second factor;
     * every other route needs someone fully signed in.
     */
    access?: "public" | "signed-in" | "second-factor";
  }
}
