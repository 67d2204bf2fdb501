import { CHANGES, only, READS, relationships, type Actor, type Outcome, type Rule } from "../matrix.ts";
import { ids, receipt, spend } from "../records.ts";

/**
 * Access rules for personal budgets (src/personal-budgets). The budget is between the person and
 * the service: the full audience sees it (here the lead worker and the team's manager, who may also
 * record spends; a psychologist of the team would read it), and to everyone else it does not exist
 * (404) — partners and peer mentors in the team included, whatever the person shares with them.
 *
 * One spend of the person's (awaiting a manager's approval) and one receipt for it are the same
 * (src/personal-budgets/budget-access.ts `spendToChange`, receipts.ts): found by those who see the
 * budget, changed by those who may change the record; a grant reads them and changes nothing. The
 * receipt upload is posted as an ordinary form, not multipart: those who may add a receipt are told
 * to choose the file (400), after the access check.
 *
 * The approvals list and the settings are each manager's for their own team; everyone else is refused.
 */

const budget = only(["lead worker", "team manager"], "hidden");
/** Only a manager overseeing the person's team decides on a spend (`mayDecide`): their workers, cover too, are refused. */
const decides = { ...budget, "lead worker": "forbidden" } as Record<Actor, Outcome>;
const aSpend = ids({ spendId: spend });
const aReceipt = ids({ receiptId: receipt });
const managers = only(["team manager", "other team's manager"]);
const STAND_IN_ID = "0190a000-0000-7000-8000-000000000000";

export const personalBudgetRules: Record<string, Rule> = {
  "GET /people/:id/budget": { expect: budget, relationships: READS },
  "GET /people/:id/budget/ledger.csv": { expect: budget, relationships: READS },
  "GET /people/:id/budget/spends/new": { expect: budget, relationships: CHANGES },
  // An empty form answers 400 for those who may record a spend: past access.
  "POST /people/:id/budget/spends": { expect: budget, relationships: CHANGES },
  "GET /people/:id/budget/spends/:spendId": { expect: budget, relationships: READS, ids: aSpend },
  // The empty form chooses no decision: it is answered with the spend page and the question again
  // (400), a read of the spend, before anyone's right to decide is checked; nothing is written. The
  // API route below, given a decision, shows who decides.
  "POST /people/:id/budget/spends/:spendId/decision": { expect: budget, relationships: READS, ids: aSpend },
  "POST /people/:id/budget/spends/:spendId/cancel": { expect: budget, relationships: CHANGES, ids: aSpend },
  "POST /people/:id/budget/spends/:spendId/receipts": { expect: budget, relationships: CHANGES, ids: aSpend },
  "GET /people/:id/budget/receipts/:receiptId": { expect: budget, relationships: READS, ids: aReceipt },
  "POST /people/:id/budget/receipts/:receiptId/remove": { expect: budget, relationships: CHANGES, ids: aReceipt },
  "GET /personal-budgets/approvals": { expect: managers },
  "GET /settings/personal-budgets": { expect: managers },
  // An empty form answers 400 for managers: past access.
  "POST /settings/personal-budgets": { expect: managers },
  "GET /api/v1/people/:id/budget": { expect: budget, relationships: READS },
  // A well-formed spend towards a goal the matrix's person does not have: 400 for those who may
  // record one (past access, nothing saved), 404 for everyone else.
  "POST /api/v1/people/:id/budget/spends": { expect: budget, relationships: CHANGES, json: () => ({ amountPence: 1_250, category: "travel", goalId: STAND_IN_ID, note: "Matrix check" }) },
  "POST /api/v1/people/:id/budget/spends/:spendId/decision": { expect: decides, relationships: relationships("forbidden", "forbidden"), ids: aSpend, json: () => ({ decision: "decline", note: "Matrix check" }) },
};
