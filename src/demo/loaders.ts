import type { Tx } from "../platform/database/open.ts";
import { loadNetworkDemo } from "../network/demo.ts";
import { loadConsentDemo } from "../consent/demo.ts";
import { loadContactsDemo } from "../contacts/demo.ts";
import { loadChronologyDemo } from "../chronology/demo.ts";
import { loadRisksDemo } from "../risks/demo.ts";
import type { DemoContext } from "./types.ts";

/** Each capability's demo data, loaded after the people in the same transaction. */
export type DemoLoader = (tx: Tx, context: DemoContext) => Promise<void>;

export const demoLoaders: DemoLoader[] = [
  // The network first: consent's demo shares with family members it records.
  loadNetworkDemo,
  loadContactsDemo,
  loadChronologyDemo,
  loadRisksDemo,
  // Consent last: it links to family members when the network's demo has recorded them.
  loadConsentDemo,
];
