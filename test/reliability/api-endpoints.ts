/**
 * The API's JSON endpoints with a body, read from the running app (its registered routes and its
 * OpenAPI document, both made from the same registry), and a plausible body for each made from its
 * request schema, so that a new endpoint is fuzzed without anyone listing it.
 */
import type { FastifyInstance } from "fastify";
import { todayIso } from "../../src/platform/http/validation.ts";

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
}

export interface BodyEndpoint {
  /** "POST /api/v1/people/:id" as the app registered it. */
  key: string;
  method: string;
  /** The Fastify path, with `:name` parameters. */
  url: string;
  access: string;
  schema: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
}

/** Every registered API route whose OpenAPI operation takes a JSON body. */
export function bodyEndpoints(app: FastifyInstance, document: OpenApiDocument): BodyEndpoint[] {
  return app
    .registeredRoutes()
    .filter((route) => route.url.startsWith("/api/v1/"))
    .flatMap((route) => {
      const operation = document.paths[route.url.replace(/:([A-Za-z]+)/g, "{$1}")]?.[route.method.toLowerCase()];
      const schema = operation?.requestBody?.content["application/json"]?.schema;
      return schema ? [{ key: `${route.method} ${route.url}`, method: route.method, url: route.url, access: route.access, schema }] : [];
    });
}

/** The one option of `anyOf`/`oneOf` that is not null, or the schema itself. */
function firstOption(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return schema;
  return firstOption(options.find((option) => option.type !== "null") ?? options[0] ?? {});
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== "null");
  return schema.type;
}

/**
 * A value the schema would accept, as near as its JSON Schema says: enums take their first value,
 * ids come from `ids` by field name, dates are today (a date of birth long ago), text is short.
 * What JSON Schema cannot say (a real date, a past date, an id of the right thing) is guessed from
 * the field's name; a guess that fails only means that body is refused with a 400.
 */
export function sampleValue(schema: JsonSchema, name: string, ids: Record<string, string>): unknown {
  const option = firstOption(schema);
  if (option.const !== undefined) return option.const;
  if (option.enum && option.enum.length > 0) return option.enum[0];
  switch (typeOf(option)) {
    case "object": {
      const body: Record<string, unknown> = {};
      for (const [field, property] of Object.entries(option.properties ?? {})) {
        if (!(option.required ?? []).includes(field) && !(field in ids)) continue;
        body[field] = sampleValue(property, field, ids);
      }
      return body;
    }
    case "array":
      return (option.minItems ?? 0) > 0 && option.items ? [sampleValue(option.items, name, ids)] : [];
    case "integer":
    case "number":
      if (name === "version") return 1;
      return Math.max(0, option.minimum ?? (option.exclusiveMinimum === undefined ? 1 : option.exclusiveMinimum + 1));
    case "boolean":
      return false;
    default:
      break;
  }
  if (name in ids) return ids[name];
  if (option.format === "uuid" || /Id$/.test(name)) return ids.standIn;
  // Appointments start in the future; things that happened, in the past.
  if (option.format === "date-time" || /At$/.test(name)) return new Date(Date.now() + (/^starts/.test(name) ? 86_400_000 : -3_600_000)).toISOString();
  if (/birth/i.test(name)) return "1988-04-12";
  if (/(Date|On|^date)$/.test(name)) return todayIso();
  if (/email/i.test(name)) return "fuzz@example.test";
  const text = `Fuzz ${name} text that is long enough`;
  return text.slice(0, Math.max(option.maxLength ?? text.length, option.minLength ?? 1));
}

/** The names of the body's free-text fields: strings without an enum, a format, or an id-, date- or time-like name. */
export function freeTextFields(schema: JsonSchema): string[] {
  const option = firstOption(schema);
  return Object.entries(option.properties ?? {})
    .filter(([name, property]) => {
      const inner = firstOption(property);
      return typeOf(inner) === "string" && !inner.enum && !inner.format && inner.const === undefined && !/(Id|At|On|Date|date|email|birth)$/i.test(name);
    })
    .map(([name]) => name);
}

export function fieldNames(schema: JsonSchema): string[] {
  return Object.keys(firstOption(schema).properties ?? {});
}
