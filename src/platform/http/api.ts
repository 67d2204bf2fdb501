import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../access/actor.ts";
import { Unauthenticated } from "./errors.ts";
import { parseOrThrow } from "./validation.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiResponseSpec {
  description: string;
  schema?: z.ZodType;
}

export interface ApiContext<Body, Query, Params> {
  request: FastifyRequest;
  reply: FastifyReply;
  actor: Actor;
  body: Body;
  query: Query;
  params: Params;
}

export interface ApiRouteSpec<BodySchema extends z.ZodType, QuerySchema extends z.ZodType, ParamsSchema extends z.ZodType> {
  method: HttpMethod;
  url: string;
  summary: string;
  tags: string[];
  /** "public" routes need no token; every other route needs a signed-in actor. */
  access: "public" | "signed-in";
  body?: BodySchema;
  query?: QuerySchema;
  params?: ParamsSchema;
  responses: Record<number, ApiResponseSpec>;
  handler: (context: ApiContext<z.output<BodySchema>, z.output<QuerySchema>, z.output<ParamsSchema>>) => Promise<unknown>;
  rateLimit?: { max: number; timeWindow: string };
}

type AnySpec = ApiRouteSpec<z.ZodType, z.ZodType, z.ZodType>;

/** Collects the API's routes as they are registered, so the OpenAPI document is made from the same schemas. */
export class ApiRegistry {
  readonly routes: AnySpec[] = [];

  add<BodySchema extends z.ZodType = z.ZodUndefined, QuerySchema extends z.ZodType = z.ZodObject, ParamsSchema extends z.ZodType = z.ZodObject>(
    app: FastifyInstance,
    spec: ApiRouteSpec<BodySchema, QuerySchema, ParamsSchema>,
  ): void {
    this.routes.push(spec as unknown as AnySpec);
    app.route({
      method: spec.method,
      url: spec.url,
      config: { access: spec.access, ...(spec.rateLimit ? { rateLimit: spec.rateLimit } : {}) },
      handler: async (request, reply) => {
        const actor = request.actor;
        if (spec.access !== "public" && !actor) throw new Unauthenticated("Send a bearer token from POST /api/v1/session");
        const params = spec.params ? parseOrThrow(spec.params, request.params) : {};
        const query = spec.query ? parseOrThrow(spec.query, request.query) : {};
        const body = spec.body ? parseOrThrow(spec.body, request.body ?? {}) : undefined;
        const result = await spec.handler({
          request,
          reply,
          actor: actor as Actor,
          body: body as z.output<BodySchema>,
          query: query as z.output<QuerySchema>,
          params: params as z.output<ParamsSchema>,
        });
        return reply.send(result);
      },
    });
  }

  openApiDocument(): Record<string, unknown> {
    const pathsObject: Record<string, Record<string, unknown>> = {};
    for (const route of this.routes) {
      const openApiPath = route.url.replace(/:([A-Za-z]+)/g, "{$1}");
      const operation: Record<string, unknown> = {
        summary: route.summary,
        tags: route.tags,
        ...(route.access === "public" ? { security: [] } : {}),
        parameters: [...parametersOf(route.params, "path"), ...parametersOf(route.query, "query")],
        responses: Object.fromEntries(
          Object.entries(route.responses).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.schema ? { content: { "application/json": { schema: jsonSchema(response.schema, "output") } } } : {}),
            },
          ]),
        ),
      };
      if (route.body) {
        operation.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } };
      }
      (pathsObject[openApiPath] ??= {})[route.method.toLowerCase()] = operation;
    }
    return {
      openapi: "3.1.0",
      info: {
        title: "Keywork API",
        version: "1",
        description:
          "The shared record, single plan and accountable network for key-worker services. Sign in with POST /api/v1/session and send the token as `Authorization: Bearer <token>`. A person you may not see answers 404. Errors answer `{ error: { status, message, code?, issues? } }`.",
      },
      servers: [{ url: "/" }],
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
        schemas: { Error: jsonSchema(apiErrorSchema, "output") },
      },
      security: [{ bearer: [] }],
      paths: pathsObject,
    };
  }
}

export const apiErrorSchema = z.object({
  error: z.object({
    status: z.number(),
    message: z.string(),
    /** A machine-readable reason where a client may act on it, e.g. "second-factor-required". */
    code: z.string().optional(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  void $schema;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, location: "path" | "query"): unknown[] {
  if (!schema) return [];
  const document = jsonSchema(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(document.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (document.required ?? []).includes(name),
    schema: property,
  }));
}
