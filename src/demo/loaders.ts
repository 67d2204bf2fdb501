import type { Tx } from "../platform/database/open.ts";
import { loadNetworkDemo } from "../network/demo.ts";
import { loadConsentDemo } from "../consent/demo.ts";
import { loadContactsDemo } from "../contacts/demo.ts";
import { loadChronologyDemo } from "../chronology/demo.ts";
import { loadRisksDemo } from "../risks/demo.ts";
import { loadPlansDemo } from "../plans/demo.ts";
import { loadSupervisionDemo } from "../supervision/demo.ts";
import { loadMeetingsDemo } from "../meetings/demo.ts";
import { loadRegisterDemo } from "../register/demo.ts";
import { loadReferralsDemo } from "../referrals/demo.ts";
import { loadWellnessPlansDemo } from "../wellness-plans/demo.ts";
import { loadOutcomesDemo } from "../outcomes/demo.ts";
import { loadPersonalBudgetsDemo } from "../personal-budgets/demo.ts";
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
  // The plan: goals and actions, before the capabilities that add to it or read it.
  loadPlansDemo,
  // Supervision after the plan: its case review adds goals to a plan, and its rules read the rest.
  loadSupervisionDemo,
  // Meetings last: their recommendations are actions in the plan.
  loadMeetingsDemo,
  // The register: after the people it links to; its prompts go to the children's managers.
  loadRegisterDemo,
  // Referrals last: one is linked to a person already known, and joins their chronology.
  loadReferralsDemo,
  // Wellness and crisis plans, and each team's service hours and crisis contacts.
  loadWellnessPlansDemo,
  // Outcome readings over six months, on the default open scale.
  loadOutcomesDemo,
  // Personal budgets after the plan: every spend is towards one of the person's goals.
  loadPersonalBudgetsDemo,
];
