import { createHash } from "node:crypto";
import pg from "pg";

/**
 * Statements a PostgreSQL connection keeps prepared at most. Past it, further statements run
 * unnamed as before: a list whose length varies writes a new statement text for every length, and
 * each prepared statement holds memory in the server for the life of the connection.
 */
export const MOST_PREPARED_PER_CONNECTION = 500;

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  values?: unknown;
  submit?: unknown;
}

/**
 * A node-postgres client that prepares each parameterised statement once per connection, under a
 * name taken from its text, and then only binds and executes it. PostgreSQL plans such a statement
 * once for all parameters when that is as good as planning it for each: the access checks and a
 * person page's small lookups spent more time being planned than run (BENCHMARKS.md, city scale).
 * Statements without parameters (migrations, several statements in one text) and COPY streams are
 * sent as they come.
 */
export class PreparingClient extends pg.Client {
  private readonly preparedNames = new Set<string>();

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const send = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((config: unknown, ...rest: unknown[]) => send(this.named(config, rest[0]), ...rest)) as typeof this.query;
  }

  private named(config: unknown, values: unknown): unknown {
    if (typeof config !== "string" && (typeof config !== "object" || config === null)) return config;
    const query: QueryConfigLike = typeof config === "string" ? { text: config } : config;
    if (typeof query.text !== "string" || query.name !== undefined || typeof query.submit === "function") return config;
    const parameters = Array.isArray(values) ? values : query.values;
    if (!Array.isArray(parameters) || parameters.length === 0) return config;
    const name = `kw_${createHash("sha1").update(query.text).digest("hex").slice(0, 24)}`;
    if (!this.preparedNames.has(name)) {
      if (this.preparedNames.size >= MOST_PREPARED_PER_CONNECTION) return config;
      this.preparedNames.add(name);
    }
    return { ...query, name };
  }
}
