import { sql } from "drizzle-orm";
import type { RoutePlugin } from "../../app.ts";
import type { Db } from "../database/open.ts";
import { queryRows } from "../database/query.ts";
import { paths } from "../http/paths.ts";
import { emailSenderFor, type EmailSender } from "./senders.ts";

/** After this many failed attempts an email stays "failed" (shown on the outbox page). */
export const MAX_ATTEMPTS = 5;
/** How many emails one run takes at most. */
const BATCH = 20;
/** Minutes between scheduled runs, which retry failures and pick up anything queued while stopped. */
export const DELIVERY_MINUTES = 1;

/** What replaces a private link in Keywork's copy of an email once it has been sent. */
export const REMOVED_LINK_NOTE = "(private link removed from Keywork's copy after sending)";

/** A web address whose secret is its last segment: a referral's private status link. */
const PRIVATE_LINK = new RegExp(`\\S*${paths.referrals.status("").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}[A-Za-z0-9_-]+`, "g");

/**
 * The email as Keywork keeps it once sent: without private links, which only the recipient should
 * hold (the development sender keeps them, so the outbox page can be followed while testing).
 */
export function withoutPrivateLinks(email: { body: string; personalisation: Record<string, string> }): { body: string; personalisation: Record<string, string> } {
  const remove = (text: string) => text.replace(PRIVATE_LINK, REMOVED_LINK_NOTE);
  return { body: remove(email.body), personalisation: Object.fromEntries(Object.entries(email.personalisation).map(([key, value]) => [key, typeof value === "string" ? remove(value) : value])) };
}

interface ClaimedRow {
  id: string;
  to_address: string;
  kind: string;
  subject: string;
  body: string;
  personalisation: Record<string, string> | null;
  attempts: number;
}

export interface DeliveryResult {
  delivered: number;
  failed: number;
}

/**
 * Delivers pending emails with `sender`. Each is first claimed (pending -> sending, one more
 * attempt) in one statement that skips rows another process has locked, so two processes never
 * take the same email; then sent outside any transaction, so a slow provider holds up nothing
 * else; then marked sent (its private links removed from the stored copy), outbox (development
 * sender), or pending again with the error (failed after MAX_ATTEMPTS). `freshOnly` takes only emails never tried, as right after a request.
 */
export async function deliverPendingEmails(db: Db, sender: EmailSender, options: { freshOnly?: boolean; now?: Date } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, failed: 0 };
  const now = options.now ?? new Date();
  // An email left "sending" by a process that stopped mid-send is tried again after an hour.
  // (If that attempt had reached the provider, the email may arrive twice; that is rare and harmless.)
  if (!options.freshOnly) {
    await db.execute(sql`UPDATE outbound_emails SET status = 'pending'
      WHERE status = 'sending' AND created_at < ${now.toISOString()}::timestamptz - interval '1 hour'`);
  }
  const claimed = await queryRows<ClaimedRow>(
    db,
    sql`UPDATE outbound_emails SET status = 'sending', attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM outbound_emails
        WHERE status = 'pending' AND (sender IS NULL OR sender = ${sender.name}) ${options.freshOnly ? sql`AND attempts = 0` : sql``}
        ORDER BY created_at, id LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, to_address, kind, subject, body, personalisation, attempts`,
  );
  for (const row of claimed) {
    try {
      const sent = await sender.send({
        id: row.id,
        to: row.to_address,
        kind: row.kind,
        subject: row.subject,
        body: row.body,
        personalisation: row.personalisation ?? {},
      });
      const kept = sent.status === "sent" ? withoutPrivateLinks({ body: row.body, personalisation: row.personalisation ?? {} }) : null;
      await db.execute(sql`UPDATE outbound_emails
        SET status = ${sent.status}, sender = ${sender.name}, sent_at = ${sent.status === "sent" ? now.toISOString() : null}::timestamptz,
          provider_reference = ${sent.status === "sent" ? sent.providerReference : null}, last_error = NULL
          ${kept ? sql`, body = ${kept.body}, personalisation = ${JSON.stringify(kept.personalisation)}::jsonb` : sql``}
        WHERE id = ${row.id}`);
      result.delivered += 1;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const next = row.attempts >= MAX_ATTEMPTS ? "failed" : "pending";
      await db.execute(sql`UPDATE outbound_emails SET status = ${next}, sender = ${sender.name}, last_error = ${message} WHERE id = ${row.id}`);
      result.failed += 1;
    }
  }
  return result;
}

/**
 * Delivers emails right after any request that may have queued some (once it has answered, so its
 * transaction has committed), and every DELIVERY_MINUTES from when the app starts listening, which
 * retries failures. Closing the app waits for a run in progress.
 */
export const emailDelivery: RoutePlugin = (app, deps) => {
  const sender = emailSenderFor(deps.config);
  let running: Promise<void> | undefined;
  let again: "fresh" | "all" | undefined;
  let closing = false;
  let timer: NodeJS.Timeout | undefined;

  const run = (kind: "fresh" | "all"): void => {
    if (closing) return;
    if (running) {
      again = again === "all" || kind === "all" ? "all" : "fresh";
      return;
    }
    running = deliverPendingEmails(deps.database.db, sender, { freshOnly: kind === "fresh" })
      .then((result) => {
        if (result.failed > 0) app.log.warn(result, "email delivery: some emails could not be sent; they will be tried again");
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, "email delivery failed; it will run again");
      })
      .finally(() => {
        running = undefined;
        const next = again;
        again = undefined;
        if (next) run(next);
      });
  };

  app.addHook("onResponse", async (request, reply) => {
    if (request.method === "GET" || request.method === "HEAD" || reply.statusCode >= 400) return;
    run("fresh");
  });
  app.addHook("onListen", async () => {
    run("all");
    timer = setInterval(() => run("all"), DELIVERY_MINUTES * 60_000);
    timer.unref();
  });
  app.addHook("onClose", async () => {
    closing = true;
    clearInterval(timer);
    await running;
  });
};
