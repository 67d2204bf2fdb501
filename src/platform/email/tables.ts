import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Emails waiting to be sent, and those sent: written in the transaction that makes the change, so
 * an email is never sent for something that was rolled back, nor lost when the process stops before
 * sending. The configured sender delivers pending ones (the development sender keeps them here, on
 * the outbox page).
 */
export const outboundEmails = pgTable(
  "outbound_emails",
  {
    id: uuid("id").primaryKey(),
    tenantId: uuid("tenant_id").notNull(),
    toAddress: text("to_address").notNull(),
    /** What the email is about, e.g. "referral-step"; the Notify template's personalisation follows it. */
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    personalisation: jsonb("personalisation").notNull().default({}),
    /** pending, sent, failed, outbox (kept by the development sender) */
    status: text("status").notNull().default("pending"),
    sender: text("sender"),
    providerReference: text("provider_reference"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("outbound_emails_tenant_dedupe_key").on(table.tenantId, table.dedupeKey),
    index("outbound_emails_status_created_idx").on(table.status, table.createdAt),
  ],
);
