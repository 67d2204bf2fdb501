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
    /** "public" routes need nobody signed in; every other route does. */
    access?: "public" | "signed-in";
  }
}
