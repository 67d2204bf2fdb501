import { sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { CaseReviewInput } from "./schema.ts";
import { caseReviews } from "./tables.ts";

/** A reflective case review as pages show it, with who recorded it. */
export interface CaseReviewView {
  id: string;
  personId: string;
  heldOn: string;
  whatIsStuck: string;
  conversation: string;
  refocusedGoals: string | null;
  outcome: string;
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
}

interface CaseReviewRaw {
  id: string;
  person_id: string;
  held_on: string;
  what_is_stuck: string;
  conversation: string;
  refocused_goals: string | null;
  outcome: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date | string;
}

const SELECT_REVIEW = sql`
  SELECT review.id, review.person_id, review.held_on::text AS held_on, review.what_is_stuck, review.conversation,
    review.refocused_goals, review.outcome, review.created_by, creator.display_name AS created_by_name, review.created_at
  FROM case_reviews review
  LEFT JOIN users creator ON creator.tenant_id = review.tenant_id AND creator.id = review.created_by`;

function toView(row: CaseReviewRaw): CaseReviewView {
  return {
    id: row.id,
    personId: row.person_id,
    heldOn: row.held_on,
    whatIsStuck: row.what_is_stuck,
    conversation: row.conversation,
    refocusedGoals: row.refocused_goals,
    outcome: row.outcome,
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? "Unknown" } : null,
    createdAt: new Date(row.created_at),
  };
}

/** `at` backdates the record (demo data and imports); otherwise it is now. */
export async function insertCaseReview(tx: Tx, input: { tenantId: string; personId: string; createdBy: string; review: CaseReviewInput; at?: Date }): Promise<string> {
  const id = newId();
  await tx.insert(caseReviews).values({
    id,
    tenantId: input.tenantId,
    personId: input.personId,
    createdBy: input.createdBy,
    ...input.review,
    ...(input.at ? { createdAt: input.at, updatedAt: input.at } : {}),
  });
  return id;
}

export async function findCaseReview(tx: Db | Tx, tenantId: string, reviewId: string): Promise<CaseReviewView | undefined> {
  const rows = await queryRows<CaseReviewRaw>(tx, sql`${SELECT_REVIEW} WHERE review.tenant_id = ${tenantId} AND review.id = ${reviewId}`);
  const row = rows[0];
  return row ? toView(row) : undefined;
}

/** A person's reviews, the most recently held first. */
export async function listCaseReviews(tx: Db | Tx, tenantId: string, personId: string): Promise<CaseReviewView[]> {
  const rows = await queryRows<CaseReviewRaw>(tx, sql`${SELECT_REVIEW}
    WHERE review.tenant_id = ${tenantId} AND review.person_id = ${personId}
    ORDER BY review.held_on DESC, review.created_at DESC`);
  return rows.map(toView);
}
