import { can, relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { audit } from "../platform/audit/index.ts";
import { DomainError, NotFound } from "../platform/http/errors.ts";
import * as store from "./store.ts";

/** Who sees and changes a personal budget; shared by the budget's services. */

export const NOT_FOUND = "Budget not found";
export const MAY_NOT_SPEND = "Only the person's key workers and their manager can record spends from their budget";
export const MANAGERS_DECIDE = "Only managers of the person's team can approve or decline spends";

/** The personal budget is between the person and the service: the full audience sees it, nobody else. */
export async function relationshipToBudget(tx: Db | Tx, actor: Actor, personId: string): Promise<Relationship> {
  if (!isUuid(personId)) throw new NotFound(NOT_FOUND);
  const relationship = await relationshipTo(tx, actor, personId);
  if (relationship.audience !== "full") throw new NotFound(NOT_FOUND);
  return relationship;
}

export function mayDecide(actor: Actor, relationship: Relationship): boolean {
  return relationship.overseesTeam && can(actor, "budgets.approve");
}

export async function settingsForPerson(tx: Db | Tx, tenantId: string, personId: string): Promise<store.SettingsRow> {
  const teamId = await store.teamOfPerson(tx, tenantId, personId);
  if (!teamId) throw new NotFound(NOT_FOUND);
  return store.findSettings(tx, tenantId, teamId);
}

/** The person's spend, with the actor's relationship to the budget; NotFound unless both are theirs to see. */
export async function spendToChange(tx: Db | Tx, actor: Actor, personId: string, spendId: string): Promise<{ relationship: Relationship; spend: store.SpendRow }> {
  const relationship = await relationshipToBudget(tx, actor, personId);
  const spend = isUuid(spendId) ? await store.findSpend(tx, actor.tenantId, personId, spendId) : null;
  if (!spend) throw new NotFound("Spend not found");
  return { relationship, spend };
}

/**
 * Runs `work` (one transaction that reads or changes the budget). When it is refused after the
 * actor was shown to see the budget (a missing spend, an invalid spend, a conflict), that look at
 * the person's budget is still audited, in a transaction of its own since the refused one rolls
 * back. Someone who cannot see the person leaves no row about them.
 */
export async function auditedEvenIfRefused<T>(db: Db, actor: Actor, personId: string, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const unseen = error instanceof NotFound && (error.message === NOT_FOUND || error.message === "Person not found");
    if (error instanceof DomainError && !unseen) {
      await db.transaction((tx) => audit(tx, actor, { action, personId, detail: { refused: error.constructor.name, reason: error.message.slice(0, 200) } }));
    }
    throw error;
  }
}
