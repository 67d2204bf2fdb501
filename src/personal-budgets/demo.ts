import { and, eq } from "drizzle-orm";
import type { Actor } from "../platform/access/index.ts";
import { isRole } from "../platform/access/roles.ts";
import { users } from "../platform/auth/tables.ts";
import { addDays, ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import type { DemoContext, DemoUserKey } from "../demo/types.ts";
import { budgetYearOf, type BudgetCategory } from "./schema.ts";
import { addReceipt, cancelSpend, decideSpend, requestSpend } from "./service.ts";
import * as store from "./store.ts";

/**
 * The demo's personal budgets, recorded through the same rules as a worker's own spends: Sam Okafor
 * (and Priya Nair, Dean's second worker) spend on small practical things towards the goals in each
 * person's plan, Helen Marsh approves a forklift course above the team's £100 threshold, a rent
 * deposit for Kyle Bennett waits for her, and a phone top-up entered twice is cancelled. The receipt
 * for Dean Holloway's things for his new flat is a small PDF made here.
 */

interface DemoReceiptLine {
  item: string;
  pence: number;
}

interface DemoSpend {
  person: string;
  /** The first words of the goal in the person's plan (src/plans/demo-data.ts) that the spend is towards. */
  goal: string;
  category: BudgetCategory;
  amountPence: number;
  note: string;
  daysAgo: number;
  by?: DemoUserKey;
  /** A manager's approval of a spend above the threshold; a spend above it without one is still waiting. */
  approved?: { daysAgo: number; note: string };
  cancelled?: { daysAgo: number; reason: string };
  receipt?: { shop: string; lines: DemoReceiptLine[] };
}

export const DEMO_SPENDS: DemoSpend[] = [
  // Dean Holloway: settling into his flat, the dentist, and getting back in touch with Kayleigh.
  {
    person: "dean-holloway",
    goal: "Keep this flat",
    category: "furniture-household",
    amountPence: 8_640,
    note: "Kettle, toaster and bedding for the new flat",
    daysAgo: 88,
    receipt: {
      shop: "Northmoor Home Store, Market Street",
      lines: [
        { item: "Kettle, 1.7 litre", pence: 1_800 },
        { item: "Toaster, 2 slice", pence: 1_600 },
        { item: "Double duvet and cover set", pence: 3_240 },
        { item: "Pillows (pair)", pence: 2_000 },
      ],
    },
  },
  { person: "dean-holloway", goal: "Get my teeth sorted", category: "travel", amountPence: 1_750, note: "Weekly bus ticket for his dental appointments", daysAgo: 47 },
  { person: "dean-holloway", goal: "Get back in touch with my daughter", category: "phone-internet", amountPence: 1_000, note: "Phone top-up, so he can ring his mum about Kayleigh", daysAgo: 32 },
  {
    person: "dean-holloway",
    goal: "Get back in touch with my daughter",
    category: "phone-internet",
    amountPence: 1_000,
    note: "Phone top-up",
    daysAgo: 32,
    by: "coworker",
    cancelled: { daysAgo: 31, reason: "Entered twice: Sam had already recorded this top-up" },
  },
  { person: "dean-holloway", goal: "Get back in touch with my daughter", category: "family-connections", amountPence: 650, note: "Card, stamps and a photo print to send to Kayleigh through his mum", daysAgo: 30 },

  // Mariusz Nowak: back to work, and room for his son to stay.
  { person: "mariusz-nowak", goal: "Work again", category: "clothing", amountPence: 4_899, note: "Safety boots and a hi-vis vest for warehouse work", daysAgo: 60 },
  {
    person: "mariusz-nowak",
    goal: "Work again",
    category: "education-training",
    amountPence: 39_500,
    note: "Three-day counterbalance forklift course at Northmoor Training Centre",
    daysAgo: 25,
    approved: { daysAgo: 24, note: "Agreed: the parcel depot wants a forklift licence for the warehouse jobs, and the course has a date next week" },
  },
  { person: "mariusz-nowak", goal: "My son comes to stay", category: "furniture-household", amountPence: 3_999, note: "Bedding and a pillow for his son's overnight stays", daysAgo: 22 },

  // Blessing Adeyemi: finishing her college course, and sleeping better.
  { person: "blessing-adeyemi", goal: "Finish my college course", category: "travel", amountPence: 5_400, note: "Four-week bus pass to get to her morning classes", daysAgo: 120 },
  { person: "blessing-adeyemi", goal: "Finish my college course", category: "education-training", amountPence: 3_250, note: "Course books and a calculator for the access course", daysAgo: 118 },
  { person: "blessing-adeyemi", goal: "Sleep better", category: "furniture-household", amountPence: 2_499, note: "Blackout blind for her room at the hostel", daysAgo: 84 },
  { person: "blessing-adeyemi", goal: "Finish my college course", category: "travel", amountPence: 5_400, note: "Four-week bus pass for the second term", daysAgo: 60 },

  // Kyle Bennett: three weeks out of prison, with no phone, no ID and no address.
  { person: "kyle-bennett", goal: "Somewhere to live", category: "phone-internet", amountPence: 2_450, note: "Basic phone and a SIM with £10 credit, so probation and the council can reach him", daysAgo: 19 },
  { person: "kyle-bennett", goal: "Somewhere to live", category: "id-documents", amountPence: 1_250, note: "Copy of his birth certificate for the housing application", daysAgo: 16 },
  { person: "kyle-bennett", goal: "Somewhere to live", category: "clothing", amountPence: 3_800, note: "Jeans, two T-shirts and trainers: he came out in what he went in with", daysAgo: 15 },
  { person: "kyle-bennett", goal: "Somewhere to live", category: "housing", amountPence: 37_500, note: "Deposit and a week's rent in advance for a room in a shared house on Mill Lane", daysAgo: 2 },
];

/** A moment on a day of the demo, never later than the demo's now. */
function momentOf(context: DemoContext, date: string, hour: number, minute: number): Date {
  const at = new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`);
  return at.getTime() > context.now.getTime() ? new Date(context.now) : at;
}

/**
 * The day of a spend `daysAgo` before `today`, kept inside the budget year that `today` is in, so
 * that the demo's spends are always this year's, even when it is loaded on the first days of a year.
 */
export function demoSpendDate(today: string, yearStartsOn: string, daysAgo: number): string {
  const date = addDays(today, -daysAgo);
  return date < yearStartsOn ? yearStartsOn : date;
}

async function demoActor(tx: Tx, context: DemoContext, key: DemoUserKey): Promise<Actor> {
  const [row] = await tx
    .select({ id: users.id, organisationId: users.organisationId, teamId: users.teamId, email: users.email, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.tenantId, context.tenantId), eq(users.id, context.userIds[key])));
  if (!row) throw new Error(`The demo user ${key} is missing`);
  return { userId: row.id, tenantId: context.tenantId, organisationId: row.organisationId, teamId: row.teamId, email: row.email, displayName: row.displayName, roles: row.roles.filter(isRole), ip: "demo" };
}

const clockAt = (at: Date): Clock => ({ now: () => new Date(at) });

type Step = { at: Date; order: number; run: () => Promise<void> };

/** Loads the demo's spends, decisions, cancellation and receipt, in the order they happened. */
export async function loadPersonalBudgetsDemo(tx: Tx, context: DemoContext): Promise<void> {
  // The service runs each change in its own transaction: inside the demo's, that is a savepoint.
  const db: Db = tx;
  const today = ukToday({ now: () => context.now });
  const actors = new Map<DemoUserKey, Actor>();
  const actorFor = async (key: DemoUserKey): Promise<Actor> => {
    const known = actors.get(key);
    if (known) return known;
    const actor = await demoActor(tx, context, key);
    actors.set(key, actor);
    return actor;
  };
  const steps: Step[] = [];
  for (const [index, spend] of DEMO_SPENDS.entries()) {
    const person = context.people.find((candidate) => candidate.demo.key === spend.person);
    if (!person) continue;
    const teamId = await store.teamOfPerson(tx, context.tenantId, person.id);
    if (!teamId) continue;
    const settings = await store.findSettings(tx, context.tenantId, teamId);
    const year = budgetYearOf(today, settings.yearStartMonth);
    const goals = await store.listGoals(tx, context.tenantId, person.id);
    const goal = goals.find((candidate) => candidate.status === "active" && candidate.description.startsWith(spend.goal));
    if (!goal) throw new Error(`The demo goal "${spend.goal}" of ${spend.person} is missing`);
    const spentOn = demoSpendDate(today, year.startsOn, spend.daysAgo);
    // Later on the same day than anything before it in the list, so the ledger reads in the list's order.
    const requestedAt = momentOf(context, spentOn, 10, index);
    let spendId = "";
    steps.push({
      at: requestedAt,
      order: index,
      run: async () => {
        const worker = await actorFor(spend.by ?? person.demo.lead);
        const result = await requestSpend(db, worker, clockAt(requestedAt), person.id, { amountPence: spend.amountPence, category: spend.category, goalId: goal.id, note: spend.note, spentOn });
        spendId = result.spend.id;
        if (spend.receipt) {
          const content = receiptPdf(spend.receipt.shop, spentOn, spend.receipt.lines);
          await addReceipt(db, worker, clockAt(requestedAt), person.id, spendId, { fileName: `Receipt ${spend.receipt.shop.split(",")[0]}.pdf`, content, truncated: false });
        }
      },
    });
    // A decision or cancellation comes after the request, even when both fall on the year's first day.
    const later = (days: number, hour: number): Date => {
      const at = momentOf(context, demoSpendDate(today, spentOn, days), hour, index);
      return at.getTime() < requestedAt.getTime() ? requestedAt : at;
    };
    if (spend.approved) {
      const { note } = spend.approved;
      const at = later(spend.approved.daysAgo, 15);
      steps.push({ at, order: index, run: async () => void (await decideSpend(db, await actorFor("manager"), clockAt(at), person.id, spendId, { decision: "approve", note })) });
    }
    if (spend.cancelled) {
      const { reason } = spend.cancelled;
      const at = later(spend.cancelled.daysAgo, 9);
      steps.push({ at, order: index, run: async () => void (await cancelSpend(db, await actorFor(spend.by ?? person.demo.lead), clockAt(at), person.id, spendId, { reason })) });
    }
  }
  // A stable sort: a spend's request stays before its decision when they share a moment.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const step of steps) await step.run();
}

/* A small, real PDF receipt ------------------------------------------------------------------ */

/** A PDF string literal; `£` as octal 243, the pound sign in the standard Latin encoding. */
function pdfText(text: string): string {
  return `(${text.replace(/[\\()]/g, (character) => `\\${character}`).replace(/£/g, "\\243")})`;
}

function pounds(pence: number): string {
  return `£${(pence / 100).toFixed(2)}`;
}

/** A one-page till receipt as a PDF (Helvetica, no images), with a correct cross-reference table. */
export function receiptPdf(shop: string, date: string, lines: readonly DemoReceiptLine[]): Buffer {
  const [day, month, year] = [date.slice(8, 10), date.slice(5, 7), date.slice(0, 4)];
  const total = lines.reduce((sum, line) => sum + line.pence, 0);
  const text: Array<[number, string]> = [
    [12, shop],
    [10, `Date: ${day}/${month}/${year}`],
    [10, ""],
    ...lines.map((line): [number, string] => [10, `${line.item}  ${pounds(line.pence)}`]),
    [10, ""],
    [12, `Total  ${pounds(total)}`],
    [10, "Paid by card. Thank you."],
  ];
  const operations = text.map(([size, line], index) => `/F1 ${size} Tf ${index === 0 ? "24 360 Td" : "0 -18 Td"} ${pdfText(line)} Tj`);
  const stream = `BT\n${operations.join("\n")}\nET\n`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}endstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, "latin1");
  const entries = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
