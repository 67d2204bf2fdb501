import { REFERRAL_STATUS_LABELS, REFERRAL_STEP_LABELS, type NeedDomain, type ReferralStatus, type ReferralStep, type RegisterRating } from "./schema.ts";
import { initialsOf } from "./steps.ts";
import type { ReferralRow, ReferralStepRow, ServiceSettings } from "./store.ts";
import type { TriageView } from "./triage-service.ts";
import { timersFor } from "./triage-timers.ts";

/** How to reach a service in the directory. */
export interface ServiceContact {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  website: string | null;
}

/**
 * A referral as the referrer sees it: where it is, its dated steps the referrer may see, and what
 * happens next. Never the person's name (initials only) and nothing from their Keywork record or the
 * service's internal steps and notes.
 */
export interface ReferrerView {
  id: string;
  reference: string;
  service: ServiceContact;
  status: ReferralStatus;
  statusLabel: string;
  personInitials: string;
  receivedAt: Date;
  /** UK dates the service has to acknowledge and decide by. */
  acknowledgeBy: string;
  decideBy: string;
  acknowledgedAt: Date | null;
  decidedAt: Date | null;
  allocatedAt: Date | null;
  steps: { step: ReferralStep; label: string; at: Date; note: string | null }[];
  /** When declined: why, and other services to try. */
  decline: { reason: string | null; suggestedServices: ServiceContact[] } | null;
  /** When allocated: the worker's name. */
  allocatedWorkerName: string | null;
  /** What happens next, in a sentence, and whether the service is past its date for it. */
  next: { text: string; overdue: boolean };
}

/** What a signed-in referrer sent, shown back to them (they wrote it); never on the public status page. */
export interface SubmittedDetails {
  givenName: string;
  familyName: string;
  aliases: string[];
  dateOfBirth: string | null;
  area: string | null;
  phone: string | null;
  personConsented: boolean;
  needs: NeedDomain[];
  registerRating: RegisterRating | null;
  reason: string;
  safetyInformation: string | null;
  referrer: { name: string; organisation: string | null; role: string | null; email: string | null; phone: string | null };
}

export interface ReferrerFacts {
  referral: ReferralRow;
  service: ServiceSettings["service"];
  steps: ReferralStepRow[];
  suggestedServices: ServiceContact[];
  allocatedWorkerName: string | null;
  /** Today's UK date, for "overdue". */
  today: string;
}

function contactOf(service: ServiceSettings["service"]): ServiceContact {
  return { id: service.id, name: service.name, phone: service.phone, email: service.email, website: service.website };
}

/** "Overdue" is the managers' rule (triage-timers.ts): once a working day has passed after the date. */
function nextStep(referral: ReferralRow, today: string, allocatedWorkerName: string | null): { text: string; overdue: boolean } {
  const timers = timersFor(referral, today);
  switch (referral.status as ReferralStatus) {
    case "awaiting-acknowledgement":
      return { text: "The service will look at the referral and acknowledge it", overdue: timers.acknowledgementOverdueBy > 0 };
    case "acknowledged":
    case "screening":
      return { text: "The service will decide whether it can offer support", overdue: timers.decisionOverdueBy > 0 };
    case "accepted":
      return { text: "The referral is accepted. The person is waiting for a worker; you will hear when one is allocated", overdue: false };
    case "allocated":
      return { text: `${allocatedWorkerName ?? "A worker"} will be in touch with the person`, overdue: false };
    case "declined":
      return { text: "The service cannot offer support. The reason, and other services that may help, are below", overdue: false };
    case "withdrawn":
      return { text: "The referral was withdrawn. Nothing more will happen", overdue: false };
    default:
      return { text: "", overdue: false };
  }
}

/** The referrer's view; `steps` must already be only those visible to the referrer. */
export function presentForReferrer(facts: ReferrerFacts): ReferrerView {
  const { referral } = facts;
  const status = referral.status as ReferralStatus;
  return {
    id: referral.id,
    reference: referral.reference,
    service: contactOf(facts.service),
    status,
    statusLabel: REFERRAL_STATUS_LABELS[status],
    personInitials: initialsOf(referral.givenName, referral.familyName),
    receivedAt: referral.receivedAt,
    acknowledgeBy: referral.acknowledgeBy,
    decideBy: referral.decideBy,
    acknowledgedAt: referral.acknowledgedAt,
    decidedAt: referral.decidedAt,
    allocatedAt: referral.allocatedAt,
    steps: facts.steps
      .filter((step) => step.visibleToReferrer)
      .map((step) => ({ step: step.step as ReferralStep, label: REFERRAL_STEP_LABELS[step.step as ReferralStep] ?? step.step, at: step.at, note: step.note })),
    decline: status === "declined" ? { reason: referral.decisionReason, suggestedServices: facts.suggestedServices } : null,
    allocatedWorkerName: status === "allocated" ? facts.allocatedWorkerName : null,
    next: nextStep(referral, facts.today, facts.allocatedWorkerName),
  };
}

export function presentSubmitted(referral: ReferralRow): SubmittedDetails {
  return {
    givenName: referral.givenName,
    familyName: referral.familyName,
    aliases: referral.aliases,
    dateOfBirth: referral.dateOfBirth,
    area: referral.area,
    phone: referral.personPhone,
    personConsented: referral.personConsented,
    needs: referral.needs as NeedDomain[],
    registerRating: referral.registerRating as RegisterRating | null,
    reason: referral.reason,
    safetyInformation: referral.safetyInformation,
    referrer: {
      name: referral.referrerName,
      organisation: referral.referrerOrganisation,
      role: referral.referrerRole,
      email: referral.referrerEmail,
      phone: referral.referrerPhone,
    },
  };
}

/** The API's referrer view: the same fields, with dates as ISO strings. */
export function referrerViewJson(view: ReferrerView, submitted: SubmittedDetails | null) {
  return {
    view: "referrer" as const,
    id: view.id,
    reference: view.reference,
    service: view.service,
    status: view.status,
    statusLabel: view.statusLabel,
    person: { initials: view.personInitials },
    receivedAt: view.receivedAt.toISOString(),
    acknowledgeBy: view.acknowledgeBy,
    decideBy: view.decideBy,
    acknowledgedAt: view.acknowledgedAt?.toISOString() ?? null,
    decidedAt: view.decidedAt?.toISOString() ?? null,
    allocatedAt: view.allocatedAt?.toISOString() ?? null,
    steps: view.steps.map((step) => ({ step: step.step, label: step.label, at: step.at.toISOString(), note: step.note })),
    decline: view.decline,
    allocatedWorker: view.allocatedWorkerName ? { name: view.allocatedWorkerName } : null,
    next: view.next,
    submitted,
  };
}

/** The API's whole referral, for a manager of the team that receives it: what the referrer wrote, every step, timers and eligibility. */
export function triageViewJson(view: TriageView) {
  const { referral } = view;
  return {
    view: "triage" as const,
    id: referral.id,
    reference: referral.reference,
    service: { id: referral.serviceId, name: referral.serviceName },
    status: referral.status as ReferralStatus,
    statusLabel: REFERRAL_STATUS_LABELS[referral.status as ReferralStatus],
    priority: referral.priority,
    channel: referral.channel,
    person: {
      givenName: referral.givenName,
      familyName: referral.familyName,
      aliases: referral.aliases,
      dateOfBirth: referral.dateOfBirth,
      area: referral.area,
      phone: referral.personPhone,
      personId: view.person?.id ?? null,
    },
    personConsented: referral.personConsented,
    needs: referral.needs,
    registerRating: referral.registerRating,
    reason: referral.reason,
    safetyInformation: referral.safetyInformation,
    referrer: {
      name: referral.referrerName,
      organisation: referral.referrerOrganisation,
      role: referral.referrerRole,
      email: referral.referrerEmail,
      phone: referral.referrerPhone,
    },
    receivedAt: referral.receivedAt.toISOString(),
    acknowledgeBy: view.timers.acknowledgeBy,
    decideBy: view.timers.decideBy,
    acknowledgementOverdueBy: view.timers.acknowledgementOverdueBy,
    decisionOverdueBy: view.timers.decisionOverdueBy,
    acknowledgedAt: referral.acknowledgedAt?.toISOString() ?? null,
    decidedAt: referral.decidedAt?.toISOString() ?? null,
    allocatedAt: referral.allocatedAt?.toISOString() ?? null,
    decisionReason: referral.decisionReason,
    suggestedServices: view.suggestedServices,
    allocatedWorker: referral.allocatedWorkerId ? { id: referral.allocatedWorkerId, name: referral.allocatedWorkerName } : null,
    eligibility: view.eligibility,
    steps: view.steps.map((step) => ({
      step: step.step as ReferralStep,
      label: REFERRAL_STEP_LABELS[step.step as ReferralStep] ?? step.step,
      at: step.at.toISOString(),
      by: step.byName,
      note: step.note,
      visibleToReferrer: step.visibleToReferrer,
    })),
    version: referral.version,
  };
}
