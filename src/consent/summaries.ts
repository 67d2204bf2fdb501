import type { Actor } from "../platform/access/index.ts";
import { isUuid } from "../platform/database/ids.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { consentAccess } from "./access.ts";
import { consentSubject, scopeSummary } from "./present.ts";
import * as store from "./store.ts";

/** Reviews are flagged this many days before they fall due. */
export const REVIEW_NOTICE_DAYS = 14;

/**
 * For each person (of those given) with a current consent whose review date is today or past, or
 * within the next REVIEW_NOTICE_DAYS days: the earliest such date, and whether it has passed
 * (`overdue`: the review date is before today). People with nothing due are absent from the map.
 * Reads no record content and writes no audit row: the caller lists people it may already see.
 */
export async function consentReviewsDue(tx: Db | Tx, tenantId: string, personIds: string[]): Promise<Map<string, { dueOn: string; overdue: boolean }>> {
  const rows = await store.earliestReviews(tx, tenantId, personIds.filter(isUuid), REVIEW_NOTICE_DAYS);
  return new Map(rows.map((row) => [row.personId, { dueOn: row.dueOn, overdue: row.dueOn < row.today }]));
}

export interface ConsentHandoverItem {
  /** "Consent to share with Harbour Housing" */
  subject: string;
  /** "story, contacts" — empty when nothing is shared. */
  scopes: string;
  givenOn: string;
  reviewOn: string | null;
  reviewDue: boolean;
}

export interface ConsentHandover {
  current: ConsentHandoverItem[];
  informationReceivedCount: number;
}

/**
 * The person's current consents, for the handover summary (full audience only; Forbidden for
 * others, NotFound when the person is not visible). Writes no audit row: the caller audits the
 * handover read in the same transaction.
 */
export async function consentForHandover(tx: Db | Tx, actor: Actor, personId: string): Promise<ConsentHandover> {
  await consentAccess(tx, actor, personId, "see");
  const consents = await store.listConsents(tx, actor.tenantId, personId);
  const received = await store.listInformationReceived(tx, actor.tenantId, personId);
  return {
    current: consents
      .filter((consent) => consent.status === "current" || consent.status === "review-due")
      .map((consent) => ({
        subject: consentSubject(consent),
        scopes: scopeSummary(consent.scopes),
        givenOn: consent.givenOn,
        reviewOn: consent.reviewOn,
        reviewDue: consent.status === "review-due",
      })),
    informationReceivedCount: received.length,
  };
}
