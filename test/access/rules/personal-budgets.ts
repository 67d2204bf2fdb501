import { CHANGES, NOTHING_FOUND, only, READS, type Rule } from "../matrix.ts";

/**
 * Access rules for personal budgets (src/personal-budgets). The budget is between the person and
 * the service: the full audience sees it (here the lead worker and the team's manager, who may also
 * record spends; a psychologist of the team would read it), and to everyone else it does not exist
 * (404) — partners and peer mentors in the team included, whatever the person shares with them.
 *
 * No spend or receipt has the stand-in id, so the routes about one are hidden from everyone: from
 * those who see the budget because the spend or receipt is not found, from the rest because the
 * budget is not theirs to see. That holds for the receipt upload too: the matrix posts it as an
 * ordinary form, not multipart, and the lead worker and manager get 404 for the unknown spend, not
 * a complaint about the missing file. Real spends and receipts are for the tests beside the code.
 *
 * The approvals list and the settings are each manager's for their own team; everyone else is refused.
 */

const budget = only(["lead worker", "team manager"], "hidden");
const unknownSpendOrReceipt = only([], "hidden");
const managers = only(["team manager", "other team's manager"]);
const STAND_IN_ID = "0190a000-0000-7000-8000-000000000000";

export const personalBudgetRules: Record<string, Rule> = {
  "GET /people/:id/budget": { expect: budget, relationships: READS },
  "GET /people/:id/budget/ledger.csv": { expect: budget, relationships: READS },
  "GET /people/:id/budget/spends/new": { expect: budget, relationships: CHANGES },
  // An empty form answers 400 for those who may record a spend: past access.
  "POST /people/:id/budget/spends": { expect: budget, relationships: CHANGES },
  "GET /people/:id/budget/spends/:spendId": { expect: unknownSpendOrReceipt, relationships: NOTHING_FOUND },
  "POST /people/:id/budget/spends/:spendId/decision": { expect: unknownSpendOrReceipt, relationships: NOTHING_FOUND },
  "POST /people/:id/budget/spends/:spendId/cancel": { expect: unknownSpendOrReceipt, relationships: NOTHING_FOUND },
  "POST /people/:id/budget/spends/:spendId/receipts": { expect: unknownSpendOrReceipt, relationships: NOTHING_FOUND },
  "GET /people/:id/budget/receipts/:receiptId": { expect: unknownSpendOrReceipt, relationships: NOTHING_FOUND },
  "POST /people/:id/budget/receipts/:receiptId/remove": { expect: unknownSpendOrReceipt, relationships: NOTHING_FOUND },
  "GET /personal-budgets/approvals": { expect: managers },
  "GET /settings/personal-budgets": { expect: managers },
  // An empty form answers 400 for managers: past access.
  "POST /settings/personal-budgets": { expect: managers },
  "GET /api/v1/people/:id/budget": { expect: budget, relationships: READS },
  // A well-formed spend towards a goal the matrix's person does not have: 400 for those who may
  // record one (past access, nothing saved), 404 for everyone else.
  "POST /api/v1/people/:id/budget/spends": { expect: budget, relationships: CHANGES, json: () => ({ amountPence: 1_250, category: "travel", goalId: STAND_IN_ID, note: "Matrix check" }) },
  "POST /api/v1/people/:id/budget/spends/:spendId/decision": { expect: unknownSpendOrReceipt, relationships: NOTHING_FOUND, json: () => ({ decision: "decline", note: "Matrix check" }) },
};
