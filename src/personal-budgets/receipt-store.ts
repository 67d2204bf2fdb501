import { sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import { who, type Who } from "./row-values.ts";

/* Receipts ----------------------------------------------------------------------------------- */

export interface ReceiptRow {
  id: string;
  spendId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedBy: Who;
  uploadedAt: Date;
}

interface ReceiptRaw {
  id: string;
  spend_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  uploaded_by: string | null;
  uploaded_by_name: string | null;
  uploaded_at: Date | string;
}

function toReceipt(row: ReceiptRaw): ReceiptRow {
  return {
    id: row.id,
    spendId: row.spend_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    uploadedBy: who(row.uploaded_by, row.uploaded_by_name),
    uploadedAt: new Date(row.uploaded_at),
  };
}

const receiptSelect = sql`SELECT receipt.id, receipt.spend_id, receipt.file_name, receipt.media_type, receipt.size_bytes, receipt.uploaded_by, uploader.display_name AS uploaded_by_name, receipt.uploaded_at
  FROM budget_receipts receipt
  LEFT JOIN users uploader ON uploader.tenant_id = receipt.tenant_id AND uploader.id = receipt.uploaded_by`;

export async function listReceipts(tx: Db | Tx, tenantId: string, personId: string, spendId: string): Promise<ReceiptRow[]> {
  const rows = await queryRows<ReceiptRaw>(tx, sql`${receiptSelect} WHERE receipt.tenant_id = ${tenantId} AND receipt.person_id = ${personId} AND receipt.spend_id = ${spendId} ORDER BY receipt.uploaded_at`);
  return rows.map(toReceipt);
}

export async function findReceipt(tx: Db | Tx, tenantId: string, personId: string, receiptId: string): Promise<ReceiptRow | null> {
  const [row] = await queryRows<ReceiptRaw>(tx, sql`${receiptSelect} WHERE receipt.tenant_id = ${tenantId} AND receipt.person_id = ${personId} AND receipt.id = ${receiptId}`);
  return row ? toReceipt(row) : null;
}

export async function receiptContent(tx: Db | Tx, tenantId: string, receiptId: string): Promise<Buffer> {
  const [row] = await queryRows<{ content: Uint8Array }>(tx, sql`SELECT content FROM budget_receipts WHERE tenant_id = ${tenantId} AND id = ${receiptId}`);
  if (!row) throw new Error("The receipt has no content");
  return Buffer.from(row.content);
}

export async function insertReceipt(
  tx: Db | Tx,
  values: { tenantId: string; spendId: string; personId: string; fileName: string; mediaType: string; content: Buffer; sha256: string; uploadedBy: string; uploadedAt: Date },
): Promise<string> {
  const id = newId();
  await tx.execute(
    sql`INSERT INTO budget_receipts (id, tenant_id, spend_id, person_id, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
        VALUES (${id}, ${values.tenantId}, ${values.spendId}, ${values.personId}, ${values.fileName}, ${values.mediaType}, ${values.content.length}, ${values.sha256}, ${values.content}, ${values.uploadedBy}, ${values.uploadedAt})`,
  );
  return id;
}

export async function deleteReceipt(tx: Db | Tx, tenantId: string, receiptId: string): Promise<void> {
  await tx.execute(sql`DELETE FROM budget_receipts WHERE tenant_id = ${tenantId} AND id = ${receiptId}`);
}

/** Holds the spend's row until the transaction ends, so two uploads at once count each other's receipts. */
export async function lockSpendReceipts(tx: Db | Tx, tenantId: string, spendId: string): Promise<void> {
  await tx.execute(sql`SELECT id FROM budget_spends WHERE tenant_id = ${tenantId} AND id = ${spendId} FOR UPDATE`);
}
