import fastifyMultipart from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { RoutePlugin } from "../app.ts";
import type { Actor } from "../platform/access/index.ts";
import { ukToday } from "../platform/clock.ts";
import { Conflict, Invalid, type FieldIssue } from "../platform/http/errors.ts";
import { signedInBeforeBody } from "../platform/auth/plugin.ts";
import { formValues, pageContext, personIdFrom, redirectWithFlash, sendPage } from "../platform/http/pages.ts";
import { paths, routes } from "../platform/http/paths.ts";
import { contentDisposition } from "./receipt-files.ts";
import { RECEIPT_MAX_BYTES, formatPence, penceFromPounds } from "./schema.ts";
import * as budgets from "./service.ts";
import { spendFormPage, spendPage, type SpendPageForms } from "./spend-views.ts";
import { budgetPage } from "./views.ts";

const AMOUNT_MESSAGE = "Enter an amount in pounds and pence, such as 25.50";

function yearFrom(request: FastifyRequest): { year?: string } {
  const { year } = formValues(request.query);
  return year ? { year } : {};
}

function spendIdFrom(request: FastifyRequest): string {
  return (request.params as { spendId: string }).spendId;
}

function receiptIdFrom(request: FastifyRequest): string {
  return (request.params as { receiptId: string }).receiptId;
}

/** A hidden `version` field as a number; NaN when it is missing or not a whole number. */
function versionFrom(values: Record<string, string>): number {
  const version = Number.parseInt(values.version ?? "", 10);
  return Number.isInteger(version) && version > 0 ? version : Number.NaN;
}

/** What the spend form says, in the service's terms; the amount is NaN when it is not money. */
function spendFromForm(values: Record<string, string>): budgets.SpendInput {
  const amount = (values.amount ?? "").trim();
  const requestException = values.requestException === "yes";
  return {
    amountPence: (amount ? penceFromPounds(amount) : null) ?? Number.NaN,
    category: values.category ?? "",
    goalId: values.goalId ?? "",
    note: (values.note ?? "").replace(/\r\n/g, "\n"),
    spentOn: (values.spentOn ?? "").trim() || null,
    requestException,
    exceptionReason: requestException ? (values.exceptionReason ?? "").replace(/\r\n/g, "\n") : null,
  };
}

/** Uploads in flight: the receipt's bytes, buffered by the multipart parser for the handler. */
const uploads = new WeakMap<FastifyRequest, budgets.ReceiptUpload>();

export const budgetRoutes: RoutePlugin = (app, deps) => {
  const { db } = deps.database;
  const { clock } = deps;

  app.get(routes.personSection("budget"), async (request, reply) => {
    const read = await budgets.readBudget(db, request.actor as Actor, clock, personIdFrom(request), { ...yearFrom(request), purpose: "page" });
    return sendPage(reply, budgetPage(await pageContext(db, request, reply), read));
  });

  app.get(routes.personSection("budget/ledger.csv"), async (request, reply) => {
    const read = await budgets.readBudget(db, request.actor as Actor, clock, personIdFrom(request), { ...yearFrom(request), purpose: "csv" });
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", contentDisposition(budgets.csvFileName(read)))
      .header("cache-control", "private, no-store")
      .send(budgets.ledgerCsv(read));
  });

  /* Recording a spend ------------------------------------------------------------------------ */

  async function showSpendForm(request: FastifyRequest, reply: FastifyReply, read: budgets.PersonBudget, values: Record<string, string>, issues: FieldIssue[], status: number, overspend?: string) {
    const range = budgets.spendDateRange(ukToday(clock), read.settings.yearStartMonth);
    const context = await pageContext(db, request, reply);
    return sendPage(reply, spendFormPage(context, { read, values, issues, range, ...(overspend ? { overspend } : {}) }), status);
  }

  app.get(routes.personSection("budget/spends/new"), async (request, reply) => {
    const read = await budgets.readBudget(db, request.actor as Actor, clock, personIdFrom(request), { purpose: "spend-form" });
    return showSpendForm(request, reply, read, { spentOn: ukToday(clock) }, [], 200);
  });

  app.post(routes.personSection("budget/spends"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const read = await budgets.readBudget(db, actor, clock, personId, { purpose: "spend-form" });
    const values = formValues(request.body);
    const input = spendFromForm(values);
    if (Number.isNaN(input.amountPence)) {
      // Not an amount of money: say so, with whatever else is wrong, and write nothing.
      const range = budgets.spendDateRange(ukToday(clock), read.settings.yearStartMonth);
      const issues = budgets.spendIssues(input, read.goals, range).map((issue) => (issue.field === "amount" ? { field: "amount", message: AMOUNT_MESSAGE } : issue));
      return showSpendForm(request, reply, read, values, issues, 400);
    }
    try {
      const result = await budgets.requestSpend(db, actor, clock, personId, input);
      const location = paths.people.budget(personId, result.year.key === read.currentYear.key ? {} : { year: result.year.key });
      const flash =
        result.spend.status === "approved"
          ? { title: `Spend recorded: balance now ${formatPence(result.balancePence)}`, text: `${formatPence(result.spend.amountPence)} from the ${result.year.label} budget.` }
          : {
              title: "Sent to a manager for approval",
              text: result.spend.exceptionRequested
                ? `The spend of ${formatPence(result.spend.amountPence)} is more than the balance, so a manager will decide whether to allow it as an exception.`
                : `The spend of ${formatPence(result.spend.amountPence)} is over the ${formatPence(read.settings.approvalThresholdPence)} approval threshold. The balance changes when it is approved.`,
            };
      return redirectWithFlash(db, request, reply, location, flash);
    } catch (error) {
      if (error instanceof budgets.WouldOverspend) return showSpendForm(request, reply, read, { ...values, requestException: "yes" }, [], 409, error.message);
      if (!(error instanceof Invalid)) throw error;
      return showSpendForm(request, reply, read, values, error.issues, 400);
    }
  });

  /* One spend: deciding, cancelling, receipts ------------------------------------------------- */

  async function showSpend(request: FastifyRequest, reply: FastifyReply, forms: SpendPageForms = {}, status = 200) {
    const detail = await budgets.readSpend(db, request.actor as Actor, personIdFrom(request), spendIdFrom(request));
    return sendPage(reply, spendPage(await pageContext(db, request, reply), detail, forms), status);
  }

  app.get(routes.personSection("budget/spends/:spendId"), async (request, reply) => showSpend(request, reply));

  app.post(routes.personSection("budget/spends/:spendId/decision"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const spendId = spendIdFrom(request);
    const values = formValues(request.body);
    const decision = values.decision;
    const version = versionFrom(values);
    if (decision !== "approve" && decision !== "decline") {
      return showSpend(request, reply, { decision: { values, issues: [{ field: "decision", message: "Choose whether to approve or decline the spend" }] } }, 400);
    }
    try {
      const result = await budgets.decideSpend(db, actor, clock, personId, spendId, {
        decision,
        note: values.note ?? null,
        approveAsException: values.approveAsException === "yes",
        ...(Number.isNaN(version) ? {} : { expectedVersion: version }),
      });
      const flash =
        decision === "approve"
          ? { title: "Spend approved", text: `The ${result.year.label} balance is now ${formatPence(result.balancePence)}.` }
          : { title: "Spend declined", text: "The reason is on the spend, for the worker who asked to explain to the person." };
      return redirectWithFlash(db, request, reply, paths.people.budgetSpend(personId, spendId), flash);
    } catch (error) {
      if (error instanceof budgets.WouldOverspend) return showSpend(request, reply, { decision: { values, issues: [] }, problem: error.message }, 409);
      if (error instanceof Conflict) return showSpend(request, reply, { problem: error.message }, 409);
      if (!(error instanceof Invalid)) throw error;
      return showSpend(request, reply, { decision: { values, issues: error.issues } }, 400);
    }
  });

  app.post(routes.personSection("budget/spends/:spendId/cancel"), async (request, reply) => {
    const actor = request.actor as Actor;
    const personId = personIdFrom(request);
    const spendId = spendIdFrom(request);
    const values = formValues(request.body);
    const version = versionFrom(values);
    try {
      const result = await budgets.cancelSpend(db, actor, clock, personId, spendId, { reason: values.reason ?? "", ...(Number.isNaN(version) ? {} : { expectedVersion: version }) });
      return redirectWithFlash(db, request, reply, paths.people.budgetSpend(personId, spendId), {
        title: "Spend cancelled",
        text: `The ${result.year.label} balance is ${formatPence(result.balancePence)}.`,
      });
    } catch (error) {
      if (error instanceof Conflict) return showSpend(request, reply, { problem: error.message }, 409);
      if (!(error instanceof Invalid)) throw error;
      return showSpend(request, reply, { cancel: { values, issues: error.issues } }, 400);
    }
  });

  // Multipart only here, in a scope of its own: no other form takes files. The parser reads the
  // upload before the usual sign-in check, so sign-in is checked first, and only the receipt is kept:
  // at most 5 MB of it (busboy stops and marks it truncated) and a few short text fields.
  app.register(async (scope) => {
    scope.addHook("onRequest", signedInBeforeBody(db, { idleMinutes: deps.config.sessionIdleMinutes }));
    await scope.register(fastifyMultipart, {
      attachFieldsToBody: true,
      throwFileSizeLimit: false,
      limits: { fileSize: RECEIPT_MAX_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5 },
      onFile: async function (this: FastifyRequest, part) {
        if (part.fieldname !== "receipt" || uploads.has(this)) {
          part.file.resume();
          return;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        uploads.set(this, { fileName: part.filename, content: Buffer.concat(chunks), truncated: part.file.truncated });
      },
    });

    scope.post(routes.personSection("budget/spends/:spendId/receipts"), async (request, reply) => {
      const actor = request.actor as Actor;
      const personId = personIdFrom(request);
      const spendId = spendIdFrom(request);
      try {
        const receipt = await budgets.addReceipt(db, actor, clock, personId, spendId, uploads.get(request) ?? null);
        return redirectWithFlash(db, request, reply, paths.people.budgetSpend(personId, spendId), { title: "Receipt added", text: receipt.fileName });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return showSpend(request, reply, { receipt: { issues: error.issues } }, 400);
      } finally {
        uploads.delete(request);
      }
    });
  });

  app.get(routes.personSection("budget/receipts/:receiptId"), async (request, reply) => {
    const { receipt, content } = await budgets.downloadReceipt(db, request.actor as Actor, personIdFrom(request), receiptIdFrom(request));
    return reply
      .header("content-type", receipt.mediaType)
      .header("content-disposition", contentDisposition(receipt.fileName))
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", "default-src 'none'; sandbox")
      .header("cache-control", "private, no-store")
      .send(content);
  });

  app.post(routes.personSection("budget/receipts/:receiptId/remove"), async (request, reply) => {
    const personId = personIdFrom(request);
    const receipt = await budgets.removeReceipt(db, request.actor as Actor, personId, receiptIdFrom(request));
    return redirectWithFlash(db, request, reply, paths.people.budgetSpend(personId, receipt.spendId), { title: "Receipt removed", text: receipt.fileName });
  });
};
