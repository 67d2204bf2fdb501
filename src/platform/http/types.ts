import type { Actor } from "../access/actor.ts";
import type { Flash } from "../views/layout.ts";

declare module "fastify" {
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
