import { createHash } from "node:crypto";
import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Db } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { MAY_NOT_SPEND, auditedEvenIfRefused, relationshipToBudget, spendToChange } from "./budget-access.ts";
import { RECEIPT_TYPES_IN_WORDS, receiptMediaType, safeReceiptFileName } from "./receipt-files.ts";
import { RECEIPT_FILE_NAME_MAX, RECEIPT_MAX_BYTES } from "./schema.ts";
import * as store from "./store.ts";

const MAX_RECEIPTS_PER_SPEND = 10;

export interface ReceiptUpload {
  fileName: string;
  content: Buffer;
  /** The upload was cut off at the size limit. */
  truncated: boolean;
}

/** Adds a receipt to a spend: at most 5 MB, a PDF or image told by its first bytes. Invalid (nothing saved) otherwise. Audited. */
export async function addReceipt(db: Db, actor: Actor, clock: Clock, personId: string, spendId: string, upload: ReceiptUpload | null): Promise<store.ReceiptRow> {
  return auditedEvenIfRefused(db, actor, personId, "budget.receipt.add", () =>
    db.transaction(async (tx) => {
      const { relationship, spend } = await spendToChange(tx, actor, personId, spendId);
      if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_SPEND);
      if (!upload || upload.content.length === 0) throw new Invalid([{ field: "receipt", message: `Choose the receipt: ${RECEIPT_TYPES_IN_WORDS}` }]);
      if (upload.truncated || upload.content.length > RECEIPT_MAX_BYTES) throw new Invalid([{ field: "receipt", message: `The receipt must be ${RECEIPT_MAX_BYTES / 1024 / 1024} MB or smaller` }]);
      const mediaType = receiptMediaType(upload.content);
      if (!mediaType) throw new Invalid([{ field: "receipt", message: `The receipt must be ${RECEIPT_TYPES_IN_WORDS}` }]);
      await store.lockSpendReceipts(tx, actor.tenantId, spend.id);
      const existing = await store.listReceipts(tx, actor.tenantId, personId, spend.id);
      if (existing.length >= MAX_RECEIPTS_PER_SPEND) throw new Invalid([{ field: "receipt", message: `A spend can have at most ${MAX_RECEIPTS_PER_SPEND} receipts` }]);
      const fileName = safeReceiptFileName(upload.fileName, mediaType, RECEIPT_FILE_NAME_MAX);
      const sha256 = createHash("sha256").update(upload.content).digest("hex");
      const id = await store.insertReceipt(tx, { tenantId: actor.tenantId, spendId: spend.id, personId, fileName, mediaType, content: upload.content, sha256, uploadedBy: actor.userId, uploadedAt: clock.now() });
      await audit(tx, actor, { action: "budget.receipt.add", personId, subjectType: "budget-receipt", subjectId: id, detail: { spendId: spend.id, mediaType, sizeBytes: upload.content.length } });
      const saved = await store.findReceipt(tx, actor.tenantId, personId, id);
      if (!saved) throw new Error("The receipt was not saved");
      return saved;
    }),
  );
}

/** A receipt's file, for those who see the budget only. Audited. */
export async function downloadReceipt(db: Db, actor: Actor, personId: string, receiptId: string): Promise<{ receipt: store.ReceiptRow; content: Buffer }> {
  return auditedEvenIfRefused(db, actor, personId, "budget.receipt.download", () =>
    db.transaction(async (tx) => {
      await relationshipToBudget(tx, actor, personId);
      const receipt = isUuid(receiptId) ? await store.findReceipt(tx, actor.tenantId, personId, receiptId) : null;
      if (!receipt) throw new NotFound("Receipt not found");
      await audit(tx, actor, { action: "budget.receipt.download", personId, subjectType: "budget-receipt", subjectId: receipt.id });
      return { receipt, content: await store.receiptContent(tx, actor.tenantId, receipt.id) };
    }),
  );
}

/** Removes a receipt uploaded in error (another person's, the wrong file). Audited, with the file's hash kept in the audit. */
export async function removeReceipt(db: Db, actor: Actor, personId: string, receiptId: string): Promise<store.ReceiptRow> {
  return auditedEvenIfRefused(db, actor, personId, "budget.receipt.remove", () =>
    db.transaction(async (tx) => {
      const relationship = await relationshipToBudget(tx, actor, personId);
      const receipt = isUuid(receiptId) ? await store.findReceipt(tx, actor.tenantId, personId, receiptId) : null;
      if (!receipt) throw new NotFound("Receipt not found");
      if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_SPEND);
      await store.deleteReceipt(tx, actor.tenantId, receipt.id);
      await audit(tx, actor, { action: "budget.receipt.remove", personId, subjectType: "budget-receipt", subjectId: receipt.id, detail: { spendId: receipt.spendId, fileName: receipt.fileName } });
      return receipt;
    }),
  );
}
