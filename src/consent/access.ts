import { relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { Forbidden } from "../platform/http/errors.ts";

const SEE_MESSAGE = "Consent records are seen only by the person's key workers and their team's managers and psychologists";
const CHANGE_MESSAGE = "Only the person's key workers and their manager can record or change consent";

/**
 * The actor's relationship to the person, when they may see (or change) consent records: the full
 * audience only. Partners and carers who may see the person are told so plainly (403); everyone
 * else does not know the person exists (404, from relationshipTo).
 */
export async function consentAccess(tx: Db | Tx, actor: Actor, personId: string, purpose: "see" | "change"): Promise<Relationship> {
  const relationship = await relationshipTo(tx, actor, personId);
  if (relationship.audience !== "full") throw new Forbidden(SEE_MESSAGE);
  if (purpose === "change" && !relationship.mayEdit) throw new Forbidden(CHANGE_MESSAGE);
  return relationship;
}
