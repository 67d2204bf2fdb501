import { relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { Forbidden } from "../platform/http/errors.ts";

const SEE_MESSAGE = "Consent records are seen only by the person's key workers and their team's managers and psychologists";
const CHANGE_MESSAGE = "Only the person's key workers and their manager can record or change consent";
const BREAK_GLASS_MESSAGE = "Break-glass access is for reading the record: nothing can be recorded through it";

/**
 * The actor's relationship to the person, when they may see (or change) consent records: the full
 * audience only. Partners and carers who may see the person are told so plainly (403); everyone
 * else does not know the person exists (404, from relationshipTo). Recording information received
 * needs the full audience too, but not through a break-glass grant, which only reads.
 */
export async function consentAccess(tx: Db | Tx, actor: Actor, personId: string, purpose: "see" | "record" | "change"): Promise<Relationship> {
  const relationship = await relationshipTo(tx, actor, personId);
  if (relationship.audience !== "full") throw new Forbidden(SEE_MESSAGE);
  if (purpose === "record" && relationship.breakGlass) throw new Forbidden(BREAK_GLASS_MESSAGE);
  if (purpose === "change" && !relationship.mayEdit) throw new Forbidden(CHANGE_MESSAGE);
  return relationship;
}
