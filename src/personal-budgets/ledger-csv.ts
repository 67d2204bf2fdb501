import { personName } from "../platform/views/format.ts";
import { categoryLabel } from "./schema.ts";
import type { PersonBudget } from "./service.ts";

/** The CSV of a year's ledger: one row per entry with its running balance. Cells that a spreadsheet would run as a formula are quoted as text. */
export function ledgerCsv(read: PersonBudget): string {
  const cell = (value: string | number): string => {
    if (typeof value === "number") return String(value);
    const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    // Quoted also when it holds a semicolon: spreadsheets set to split on semicolons would start a new cell there.
    return /[",;\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
  };
  const goalOf = new Map(read.goals.map((goal) => [goal.id, goal.description]));
  const header = ["Date recorded", "Date of spend", "Entry", "Category", "Goal", "Description", "Amount (£)", "Balance (£)", "Recorded by"];
  const pounds = (pence: number): string => (pence / 100).toFixed(2);
  const lines = read.ledger.map((entry) =>
    [
      cell(entry.recordedAt.toISOString().slice(0, 10)),
      cell(entry.spentOn ?? ""),
      cell(entry.kind),
      cell(entry.category ? categoryLabel(entry.category) : ""),
      cell(entry.goalId ? (goalOf.get(entry.goalId) ?? "") : ""),
      cell(entry.description),
      pounds(entry.amountPence),
      pounds(entry.balanceAfterPence),
      cell(entry.recordedBy?.name ?? ""),
    ].join(","),
  );
  return `\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`;
}

export function csvFileName(read: PersonBudget): string {
  const name = personName(read.person).replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "person";
  return `budget-${name}-${read.year.key}.csv`;
}
