import type { Db, Tx } from "../database/open.ts";
import { newId } from "../database/ids.ts";
import { outboundEmails } from "./tables.ts";

/** Something Keywork wants to tell someone by email. */
export interface EmailToQueue {
  tenantId: string;
  to: string;
  /** What the email is about, e.g. "referral-step". */
  kind: string;
  subject: string;
  /** Plain text. Email is not a secure channel: never a person's name or anything from their record. */
  body: string;
  /** The values a GOV.UK Notify template fills in; the subject and body are always among them. */
  personalisation?: Record<string, string>;
  /** The same key twice queues one email: a retried request or a step recorded twice sends once. */
  dedupeKey: string;
  /**
   * The sender that is to deliver it (senderNameFor the configuration that queued it). Processes
   * configured with another sender leave it alone, so an email meant for GOV.UK Notify is never
   * kept in a development outbox by a differently configured process on the same database.
   */
  sender?: string;
}

/**
 * Queues an email in the caller's transaction (the outbox pattern): if the change rolls back, so
 * does the email, and once committed it is delivered even if the process stops first. Returns
 * whether a new email was queued (false when one with the same dedupe key already was).
 */
export async function queueEmail(tx: Db | Tx, email: EmailToQueue): Promise<boolean> {
  const rows = await tx
    .insert(outboundEmails)
    .values({
      id: newId(),
      tenantId: email.tenantId,
      toAddress: email.to,
      kind: email.kind,
      subject: email.subject,
      body: email.body,
      personalisation: { ...email.personalisation, subject: email.subject, body: email.body },
      status: "pending",
      sender: email.sender ?? null,
      dedupeKey: email.dedupeKey,
    })
    .onConflictDoNothing({ target: [outboundEmails.tenantId, outboundEmails.dedupeKey] })
    .returning({ id: outboundEmails.id });
  return rows.length > 0;
}
