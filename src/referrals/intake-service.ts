import { randomInt } from "node:crypto";
import { hashSecretToken, newSecretToken } from "../platform/secret-tokens.ts";
import type { Config } from "../config.ts";
import { can, type Actor } from "../platform/access/index.ts";
import { auditEvents } from "../platform/audit/tables.ts";
import { ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid, newId } from "../platform/database/ids.ts";
import { Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { paths } from "../platform/http/paths.ts";
import type { ReferralDetails } from "./intake-schema.ts";
import type { Priority } from "./schema.ts";
import { recordStep } from "./steps.ts";
import { findOrganisationName, findSettingsByPublicToken, findSettingsForService, insertReferral, listAcceptingServices, referenceExists, type ReferralRow, type ServiceSettings } from "./store.ts";
import { addWorkingDays } from "./working-days.ts";

export type { ReferralDetails } from "./intake-schema.ts";

/** How a referral arrived. */
export type ReferralChannel = "public-link" | "form" | "api";

/** Letters and digits that cannot be mistaken for each other on the phone or a page: no 0, O, 1 or I. */
const REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** A random reference, KW-XXXX-XXXX (32^8, about a trillion, possibilities). */
export function newReference(): string {
  const characters = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]);
  return `KW-${characters.slice(0, 4).join("")}-${characters.slice(4).join("")}`;
}

/** Only a status token's hash is stored; a token not in that shape cannot be one. */
export function looksLikeStatusToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export interface CreatedReferral {
  referral: ReferralRow;
  /**
   * The private status link: shown once and emailed once. The referral keeps only its token's hash;
   * the queued email holds it until GOV.UK Notify has sent it (see src/platform/email/delivery.ts).
   */
  statusUrl: string;
}

/**
 * Takes in a referral to a service: a reference, a private status token (its hash kept), the dates
 * by which the service must acknowledge and decide (working days from the UK date received), the
 * "received" step, an email to the referrer, and an audit row. Call it in a transaction.
 * Throws NotFound for a service without referral settings and Invalid when it is not taking referrals.
 */
export async function createReferral(
  tx: Tx,
  context: { config: Config; clock: Clock },
  input: {
    tenantId: string;
    serviceId: string;
    channel: ReferralChannel;
    /** The signed-in professional making it; null through the public link. */
    referredBy: string | null;
    details: ReferralDetails;
    priority?: Priority;
    ip?: string | null;
  },
): Promise<CreatedReferral> {
  const found = isUuid(input.serviceId) ? await findSettingsForService(tx, input.tenantId, input.serviceId) : undefined;
  if (!found) throw new NotFound("That service does not take referrals through Keywork");
  assertAccepting(found);
  const now = context.clock.now();
  const received = ukToday(context.clock);
  const token = newSecretToken();
  const id = newId(now.getTime());
  const reference = await uniqueReference(tx);
  const { person, referrer } = input.details;
  await insertReferral(tx, {
    id,
    tenantId: input.tenantId,
    serviceId: input.serviceId,
    reference,
    statusTokenHash: hashSecretToken(token),
    status: "awaiting-acknowledgement",
    priority: input.priority ?? "normal",
    channel: input.channel,
    givenName: person.givenName,
    familyName: person.familyName,
    aliases: person.aliases,
    dateOfBirth: person.dateOfBirth,
    area: person.area,
    personPhone: person.phone,
    personConsented: input.details.personConsented,
    reason: input.details.reason,
    needs: input.details.needs,
    registerRating: input.details.registerRating,
    safetyInformation: input.details.safetyInformation,
    referrerName: referrer.name,
    referrerOrganisation: referrer.organisation,
    referrerRole: referrer.role,
    referrerEmail: referrer.email,
    referrerPhone: referrer.phone,
    referredBy: input.referredBy,
    receivedAt: now,
    acknowledgeBy: addWorkingDays(received, found.settings.acknowledgeWithinWorkingDays),
    decideBy: addWorkingDays(received, found.settings.decideWithinWorkingDays),
    createdAt: now,
    updatedAt: now,
  });
  const statusUrl = `${context.config.publicUrl}${paths.referrals.status(token)}`;
  const referral = await recordStep(tx, context, { tenantId: input.tenantId, referralId: id, step: "received", byUserId: input.referredBy }, { statusUrl });
  await tx.insert(auditEvents).values({
    id: newId(),
    tenantId: input.tenantId,
    actorUserId: input.referredBy,
    action: "referral.create",
    subjectType: "referral",
    subjectId: id,
    detail: { channel: input.channel, serviceId: input.serviceId, reference },
    ip: input.ip ?? null,
  });
  return { referral, statusUrl };
}

function assertAccepting(found: ServiceSettings): void {
  if (!found.settings.acceptingReferrals || !found.service.active) {
    throw new Invalid([{ field: "serviceId", message: `${found.service.name} is not taking referrals at the moment. Contact the service to ask what to do instead.` }]);
  }
}

async function uniqueReference(tx: Tx): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const reference = newReference();
    if (!(await referenceExists(tx, reference))) return reference;
  }
  throw new Error("Could not make a unique referral reference");
}

/** The service behind a public referral link, or NotFound for an unknown or replaced link. */
export async function serviceForPublicLink(db: Db, token: string): Promise<ServiceSettings> {
  const found = token.length <= 200 ? await findSettingsByPublicToken(db, token) : undefined;
  if (!found) throw new NotFound("This referral link is not valid");
  return found;
}

/** Whether the service behind a public link is taking referrals now. */
export function isAccepting(found: ServiceSettings): boolean {
  return found.settings.acceptingReferrals && found.service.active;
}

/** A referral through a service's public link: no account; the referrer's details are as they typed them. */
export async function submitPublicReferral(
  db: Db,
  context: { config: Config; clock: Clock },
  input: { token: string; details: ReferralDetails; ip: string },
): Promise<CreatedReferral & { serviceName: string }> {
  return db.transaction(async (tx) => {
    const found = await findSettingsByPublicToken(tx, input.token);
    if (!found) throw new NotFound("This referral link is not valid");
    const created = await createReferral(tx, context, {
      tenantId: found.settings.tenantId,
      serviceId: found.service.id,
      channel: "public-link",
      referredBy: null,
      details: input.details,
      ip: input.ip,
    });
    return { ...created, serviceName: found.service.name };
  });
}

export function assertMayRefer(actor: Actor): void {
  if (!can(actor, "referrals.make")) throw new Forbidden("Your role cannot make referrals. Ask the service for its public referral link.");
}

/** A referral from a signed-in professional (form or API). */
export async function submitReferral(
  db: Db,
  context: { config: Config; clock: Clock },
  actor: Actor,
  input: { serviceId: string; details: ReferralDetails; channel: "form" | "api" },
): Promise<CreatedReferral & { serviceName: string }> {
  assertMayRefer(actor);
  return db.transaction(async (tx) => {
    const found = isUuid(input.serviceId) ? await findSettingsForService(tx, actor.tenantId, input.serviceId) : undefined;
    if (!found) throw new NotFound("That service does not take referrals through Keywork");
    const created = await createReferral(tx, context, {
      tenantId: actor.tenantId,
      serviceId: input.serviceId,
      channel: input.channel,
      referredBy: actor.userId,
      details: input.details,
      ip: actor.ip,
    });
    return { ...created, serviceName: found.service.name };
  });
}

/** The signed-in referrer's details from their account: name, organisation and email. */
export async function referrerAccount(db: Db, actor: Actor): Promise<{ name: string; organisation: string | null; email: string }> {
  const organisation = await findOrganisationName(db, actor.tenantId, actor.organisationId);
  return { name: actor.displayName, organisation: organisation ?? null, email: actor.email };
}

/** The services the actor may refer to, for choosing one. */
export async function servicesToReferTo(db: Db, actor: Actor): Promise<ServiceSettings["service"][]> {
  assertMayRefer(actor);
  return listAcceptingServices(db, actor.tenantId);
}

/** The service a signed-in referral form is for: NotFound when it takes no referrals through Keywork. */
export async function serviceToReferTo(db: Db, actor: Actor, serviceId: string): Promise<ServiceSettings> {
  assertMayRefer(actor);
  const found = isUuid(serviceId) ? await findSettingsForService(db, actor.tenantId, serviceId) : undefined;
  if (!found) throw new NotFound("That service does not take referrals through Keywork");
  return found;
}
