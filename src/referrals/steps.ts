import type { Config } from "../config.ts";
import type { Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { NotFound } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import { senderNameFor } from "../platform/email/senders.ts";
import { queueEmail } from "../platform/email/outbox.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { REFERRAL_STATUS_LABELS, STATUS_AFTER_STEP, type ReferralStatus, type ReferralStep } from "./schema.ts";
import { findServicesByIds, insertReferralStep, moveReferral, type ReferralRow, type StepStamp } from "./store.ts";

export interface StepContext {
  config: Config;
  clock: Clock;
}

export interface StepInput {
  tenantId: string;
  referralId: string;
  step: ReferralStep;
  byUserId: string | null;
  note?: string | null;
  /** Whether the referrer sees the step on the status page (and gets an email); by default, steps that change the status. */
  visibleToReferrer?: boolean;
}

/** Any answer from the service acknowledges a referral; a decision or allocation decides it. */
const STAMPS_AFTER_STEP: Partial<Record<ReferralStep, StepStamp[]>> = {
  acknowledged: ["acknowledgedAt"],
  screening: ["acknowledgedAt"],
  accepted: ["acknowledgedAt", "decidedAt"],
  declined: ["acknowledgedAt", "decidedAt"],
  allocated: ["acknowledgedAt", "decidedAt", "allocatedAt"],
};

/** "J. S.": all an email may say about who a referral is for. */
export function initialsOf(givenName: string, familyName: string): string {
  return [givenName, familyName]
    .map((name) => name.trim().charAt(0).toUpperCase())
    .filter(Boolean)
    .map((initial) => `${initial}.`)
    .join(" ");
}

/**
 * Records a dated step of a referral: appends it to the steps, moves the referral's status (see
 * STATUS_AFTER_STEP) and timestamps, bumps its version, and, when the referrer can see the step and
 * gave an email address, queues an email to them in the same transaction.
 */
export async function recordReferralStep(
  tx: Db | Tx,
  context: { config: Config; clock: Clock },
  input: { tenantId: string; referralId: string; step: ReferralStep; byUserId: string | null; note?: string | null; visibleToReferrer?: boolean },
): Promise<void> {
  await recordStep(tx, context, input, { statusUrl: null });
}

/**
 * The same, for intake: the "received" step's email can carry the private status link, because
 * only then is its token known (only a hash of it is kept).
 */
export async function recordStep(tx: Db | Tx, context: StepContext, input: StepInput, links: { statusUrl: string | null }): Promise<ReferralRow> {
  const at = context.clock.now();
  const status = STATUS_AFTER_STEP[input.step] ?? null;
  const visibleToReferrer = input.visibleToReferrer ?? status !== null;
  await insertReferralStep(tx, {
    id: newId(at.getTime()),
    tenantId: input.tenantId,
    referralId: input.referralId,
    step: input.step,
    at,
    byUserId: input.byUserId,
    note: input.note ?? null,
    visibleToReferrer,
  });
  const referral = await moveReferral(tx, { tenantId: input.tenantId, referralId: input.referralId, status, stamps: STAMPS_AFTER_STEP[input.step] ?? [], at });
  if (!referral) throw new NotFound("Referral not found");
  if (visibleToReferrer && referral.referrerEmail) {
    const [service] = await findServicesByIds(tx, input.tenantId, [referral.serviceId]);
    const email = stepEmail(context.config, referral, { step: input.step, serviceName: service?.name ?? "the service", statusUrl: links.statusUrl });
    await queueEmail(tx, {
      tenantId: input.tenantId,
      to: referral.referrerEmail,
      kind: "referral-step",
      subject: email.subject,
      body: email.body,
      personalisation: { reference: referral.reference, status: REFERRAL_STATUS_LABELS[referral.status as ReferralStatus], status_url: email.link },
      dedupeKey: `referral-step:${referral.id}:${input.step}:${at.getTime()}`,
      sender: senderNameFor(context.config),
    });
  }
  return referral;
}

/**
 * The email for a step. Email is not a secure channel, so it names no one: the reference, the
 * person's initials, the service, the new status, and where to see more.
 */
function stepEmail(
  config: Config,
  referral: ReferralRow,
  details: { step: ReferralStep; serviceName: string; statusUrl: string | null },
): { subject: string; body: string; link: string } {
  const statusLabel = REFERRAL_STATUS_LABELS[referral.status as ReferralStatus];
  const initials = initialsOf(referral.givenName, referral.familyName);
  const link = details.statusUrl ?? (referral.referredBy ? `${config.publicUrl}${paths.referrals.show(referral.id)}` : "");
  const lines: string[] = [];
  if (details.step === "received") {
    lines.push(`${details.serviceName} has received your referral (for ${initials}).`, "", `Reference: ${referral.reference}`);
    lines.push(`We will acknowledge it by ${formatIsoDate(referral.acknowledgeBy)} and decide by ${formatIsoDate(referral.decideBy)}.`);
  } else {
    lines.push(`Your referral ${referral.reference} to ${details.serviceName} (for ${initials}) has moved on.`, "", `Status: ${statusLabel}`);
  }
  lines.push("");
  if (details.statusUrl) {
    lines.push("See every step, and what happens next, on your private status page:", details.statusUrl, "", "Keep this link to yourself: anyone with it can see the status of the referral.");
  } else if (referral.referredBy) {
    lines.push("Sign in to Keywork to see every step and what happens next:", link);
  } else {
    lines.push("See every step, and what happens next, on your private status page: use the link in the first email we sent you about this referral.");
  }
  lines.push("", `Quote ${referral.reference} if you contact ${details.serviceName}.`);
  const subject = details.step === "received" ? `Referral received: ${referral.reference}` : `Referral ${referral.reference}: ${statusLabel.toLowerCase()}`;
  return { subject, body: lines.join("\n"), link };
}
