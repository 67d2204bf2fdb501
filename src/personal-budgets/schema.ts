import { z } from "zod";
import { addDays } from "../platform/clock.ts";

/** What personal budgets are spent on: the categories the ledger is summed by. */
export const BUDGET_CATEGORIES = [
  { key: "housing", label: "Housing (deposit, rent in advance, moving)" },
  { key: "furniture-household", label: "Furniture and household" },
  { key: "food-essentials", label: "Food and essentials" },
  { key: "clothing", label: "Clothing and footwear" },
  { key: "phone-internet", label: "Phone and internet" },
  { key: "travel", label: "Travel" },
  { key: "id-documents", label: "ID and documents" },
  { key: "education-training", label: "Education, training and work" },
  { key: "health-wellbeing", label: "Health and wellbeing" },
  { key: "activities", label: "Activities and social" },
  { key: "family-connections", label: "Family and friends" },
  { key: "other", label: "Other" },
] as const;

export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number]["key"];
export const CATEGORY_KEYS = BUDGET_CATEGORIES.map((category) => category.key) as [BudgetCategory, ...BudgetCategory[]];

export function isBudgetCategory(value: string): value is BudgetCategory {
  return (CATEGORY_KEYS as readonly string[]).includes(value);
}

export function categoryLabel(key: string): string {
  return BUDGET_CATEGORIES.find((category) => category.key === key)?.label ?? key;
}

export const SPEND_STATUSES = ["awaiting-approval", "approved", "declined", "cancelled"] as const;
export type SpendStatus = (typeof SPEND_STATUSES)[number];

export const NOTE_MAX = 1000;
export const REASON_MAX = 1000;
/** A single spend can be no more than £100,000: far above any budget, well inside a 32-bit integer. */
export const AMOUNT_MAX_PENCE = 10_000_000;
export const RECEIPT_MAX_BYTES = 5 * 1024 * 1024;
export const RECEIPT_FILE_NAME_MAX = 200;

/** The budget year a date falls in, for a service whose years start on the 1st of `startMonth`. */
export interface BudgetYear {
  startsOn: string;
  /** The last day of the year. */
  endsOn: string;
  /** "2026 to 2027", or "2026" when the year starts in January. */
  label: string;
  /** The year's key in addresses: the year it starts in, "2026". */
  key: string;
}

export function budgetYearStarting(startYear: number, startMonth: number): BudgetYear {
  const startsOn = `${String(startYear).padStart(4, "0")}-${String(startMonth).padStart(2, "0")}-01`;
  const nextStart = `${String(startYear + 1).padStart(4, "0")}-${String(startMonth).padStart(2, "0")}-01`;
  return { startsOn, endsOn: addDays(nextStart, -1), label: startMonth === 1 ? String(startYear) : `${startYear} to ${startYear + 1}`, key: String(startYear) };
}

export function budgetYearOf(isoDate: string, startMonth: number): BudgetYear {
  const [year, month] = isoDate.split("-").map(Number) as [number, number];
  return budgetYearStarting(month >= startMonth ? year : year - 1, startMonth);
}

/** "£1,234.50"; negative amounts as "−£12.00". */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? "−" : "";
  const absolute = Math.abs(pence);
  const pounds = Math.floor(absolute / 100).toLocaleString("en-GB");
  return `${sign}£${pounds}.${String(absolute % 100).padStart(2, "0")}`;
}

/** Pence from what someone typed as pounds ("12", "12.5", "£1,012.50"); null when it is not an amount of money. */
export function penceFromPounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£/, "").replace(/,/g, "");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [pounds, pence = ""] = cleaned.split(".") as [string, string?];
  return Number(pounds) * 100 + Number(pence.padEnd(2, "0"));
}

/** Pounds for a form field: "12.50". */
export function poundsFromPence(pence: number): string {
  const absolute = Math.abs(pence);
  return `${pence < 0 ? "-" : ""}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD");

export const postSpendBody = z
  .object({
    amountPence: z.number().int("amountPence must be a whole number of pence").positive("amountPence must be more than 0").max(AMOUNT_MAX_PENCE, `amountPence must be ${AMOUNT_MAX_PENCE} or less`),
    category: z.enum(CATEGORY_KEYS, { error: `category must be one of: ${CATEGORY_KEYS.join(", ")}` }),
    goalId: z.string().max(100, "goalId must be the id of one of the person's goals").describe("One of the person's active goals"),
    note: z.string().max(NOTE_MAX, `note must be ${NOTE_MAX} characters or fewer`).optional().describe("What it is for, in a few words"),
    spentOn: isoDate.optional().describe("The day of the spend, YYYY-MM-DD; today when left out. It decides the budget year charged"),
    requestException: z.boolean().optional().describe("Ask a manager to approve it even though it takes the balance below zero"),
    exceptionReason: z.string().max(REASON_MAX, `exceptionReason must be ${REASON_MAX} characters or fewer`).optional().describe("Why, when asking for an exception"),
  })
  .strict();
export type PostSpendBody = z.infer<typeof postSpendBody>;

export const spendDecisionBody = z
  .object({
    decision: z.enum(["approve", "decline"], { error: "decision must be approve or decline" }),
    note: z.string().max(REASON_MAX, `note must be ${REASON_MAX} characters or fewer`).optional().describe("The reason; required to decline"),
    approveAsException: z.boolean().optional().describe("Approve although it takes the balance below zero"),
  })
  .strict();
export type SpendDecisionBody = z.infer<typeof spendDecisionBody>;
