import type { Tx } from "../platform/database/open.ts";
import type { DemoContext } from "./types.ts";

/** Each capability's demo data, loaded after the people in the same transaction. */
export type DemoLoader = (tx: Tx, context: DemoContext) => Promise<void>;

export const demoLoaders: DemoLoader[] = [];
