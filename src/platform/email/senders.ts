import { createHmac } from "node:crypto";
import type { Config } from "../../config.ts";

/** An email taken from the outbox to be delivered. */
export interface OutgoingEmail {
  id: string;
  to: string;
  kind: string;
  subject: string;
  body: string;
  personalisation: Record<string, string>;
}

/** What a sender did with an email: handed it on (with the provider's id), or kept it in the outbox. */
export type SendResult = { status: "sent"; providerReference: string | null } | { status: "outbox" };

/** Something that delivers emails. A failure throws; the email is tried again later. */
export interface EmailSender {
  /** Stored with each email, so the outbox page says who handled it. */
  name: string;
  send(email: OutgoingEmail): Promise<SendResult>;
}

/**
 * The development sender: sends nothing, keeps each email in the table with status "outbox" for
 * the outbox page. Used whenever GOV.UK Notify is not configured.
 */
export const developmentSender: EmailSender = {
  name: "development",
  send: async () => ({ status: "outbox" }),
};

/** The two UUIDs at the end of a GOV.UK Notify API key: `{key name}-{service id}-{secret key}`. */
export function parseNotifyApiKey(apiKey: string): { serviceId: string; secretKey: string } {
  const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  const match = new RegExp(`-(${uuid})-(${uuid})$`, "i").exec(apiKey.trim());
  if (!match?.[1] || !match[2]) {
    throw new Error("KEYWORK_NOTIFY_API_KEY is not a GOV.UK Notify API key: it ends with the service id and the secret key, two UUIDs");
  }
  return { serviceId: match[1], secretKey: match[2] };
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString("base64url");
}

/**
 * The bearer token Notify expects on every request: a JWT signed with HS256 using the secret key,
 * whose `iss` is the service id and `iat` the time in seconds (Notify refuses one more than 30
 * seconds from its own clock, so a new one is made for each request).
 */
export function notifyToken(apiKey: string, now: Date): string {
  const { serviceId, secretKey } = parseNotifyApiKey(apiKey);
  const header = base64url(JSON.stringify({ typ: "JWT", alg: "HS256" }));
  const claims = base64url(JSON.stringify({ iss: serviceId, iat: Math.floor(now.getTime() / 1000) }));
  const signature = createHmac("sha256", secretKey).update(`${header}.${claims}`).digest("base64url");
  return `${header}.${claims}.${signature}`;
}

/** Notify's error body: `{ status_code, errors: [{ error, message }] }`. */
function describeNotifyError(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { errors?: { error?: string; message?: string }[] };
    const messages = (body.errors ?? []).map((error) => [error.error, error.message].filter(Boolean).join(": "));
    if (messages.length > 0) return `GOV.UK Notify answered ${status}: ${messages.join("; ")}`;
  } catch {
    // not JSON: fall through
  }
  return `GOV.UK Notify answered ${status}: ${text.slice(0, 200)}`;
}

/**
 * Sends through GOV.UK Notify with one email template whose personalisation fields are `subject`
 * and `body` (plus `reference`, `status` and `status_url` for referral emails), so that Keywork's
 * wording stays in Keywork.
 */
export function notifySender(options: { apiKey: string; templateId: string; baseUrl: string; clock?: () => Date; timeoutMs?: number }): EmailSender {
  parseNotifyApiKey(options.apiKey);
  const endpoint = `${options.baseUrl.replace(/\/+$/, "")}/v2/notifications/email`;
  return {
    name: "notify",
    async send(email) {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { authorization: `Bearer ${notifyToken(options.apiKey, (options.clock ?? (() => new Date()))())}`, "content-type": "application/json" },
        body: JSON.stringify({ email_address: email.to, template_id: options.templateId, personalisation: email.personalisation, reference: email.id }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await response.text();
      if (response.status !== 201) throw new Error(describeNotifyError(response.status, text));
      let providerReference: string | null = null;
      try {
        providerReference = (JSON.parse(text) as { id?: string }).id ?? null;
      } catch {
        providerReference = null;
      }
      return { status: "sent", providerReference };
    },
  };
}

/** GOV.UK Notify when an API key and template are configured; otherwise the development outbox. */
/** The name of the sender this configuration delivers with: emails are queued for it. */
export function senderNameFor(config: Config): string {
  return config.notify.apiKey && config.notify.templateId ? "notify" : "development";
}

export function emailSenderFor(config: Config): EmailSender {
  const { apiKey, templateId, baseUrl } = config.notify;
  if (apiKey && templateId) return notifySender({ apiKey, templateId, baseUrl });
  return developmentSender;
}
