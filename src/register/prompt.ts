import type { Tx } from "../platform/database/open.ts";
import { notify } from "../notifications/service.ts";
import { currentLeadWorkers, takeOnManagers } from "./link-store.ts";
import { RATING_LABELS, risesToTakeOn, type Rating } from "./schema.ts";
import * as store from "./store.ts";

/**
 * When a rating rises to red or amber-red, asks the key-worker service to take the young person on
 * (later, a referral): every manager of the children's key-worker teams is prompted once for that
 * rating. Someone already with the service is not "taken on" again; their lead worker is told of
 * the new rating instead, linked to the young person's record. Call it in the transaction that records the rating, after the entry is
 * updated. Returns how many prompts were new.
 */
export async function promptOnRating(
  tx: Tx,
  input: { tenantId: string; entry: { id: string; personId: string | null; givenName: string; familyName: string }; ratingId: string; previous: Rating | null; next: Rating; today: string },
): Promise<number> {
  const { tenantId, entry, ratingId, next } = input;
  if (!risesToTakeOn(input.previous, next)) return 0;
  const rated = RATING_LABELS[next].toLowerCase();
  if (await store.entryNeedsTakingOn(tx, tenantId, entry.id, input.today)) {
    const managers = await takeOnManagers(tx, tenantId);
    return notify(
      tx,
      managers.map((userId) => ({
        tenantId,
        userId,
        personId: entry.personId,
        kind: "register-take-on",
        // No name: the message stays with the reader after their access ends; the entry link is checked each time.
        message: `A young person on the register is now rated ${rated}: consider taking them on`,
        subjectType: "register-entry",
        subjectId: entry.id,
        dedupeKey: `register-take-on:${entry.id}:${ratingId}`,
      })),
    );
  }
  if (!entry.personId) return 0;
  const leads = await currentLeadWorkers(tx, tenantId, entry.personId, input.today);
  return notify(
    tx,
    leads.map((userId) => ({
      tenantId,
      userId,
      personId: entry.personId,
      kind: "register-rating",
      message: `A young person you key-work is now rated ${rated} on the dynamic support register`,
      // Their record, not the register entry: a key worker does not read the register.
      subjectType: "person",
      subjectId: entry.personId,
      dedupeKey: `register-rating:${entry.id}:${ratingId}`,
    })),
  );
}
