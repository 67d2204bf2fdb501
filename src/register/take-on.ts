import { can, hasRole, type Actor } from "../platform/access/index.ts";
import { ukToday, type Clock } from "../platform/clock.ts";
import type { Db } from "../platform/database/open.ts";
import { Conflict, Forbidden, Invalid } from "../platform/http/errors.ts";
import { fieldIssues } from "../platform/http/validation.ts";
import { recordChronology } from "../chronology/service.ts";
import { teamWorkers } from "../caseload/service.ts";
import { personDetailsSchema } from "../people/schema.ts";
import { createPerson } from "../people/service.ts";
import { RATING_LABELS } from "./schema.ts";
import { auditEntry, requireEntry, type EntryView } from "./service.ts";
import * as store from "./store.ts";

/** Taking a young person on the register onto the key-worker service's caseload. */

const NOT_A_MANAGER = "Only the key-worker service's managers can take someone on from the register";

function assertMayTakeOn(actor: Actor): void {
  if (!can(actor, "register.take-on") || !actor.teamId) throw new Forbidden(NOT_A_MANAGER);
}

function assertNotTakenOn(entry: EntryView): void {
  const name = `${entry.givenName} ${entry.familyName}`;
  if (entry.personId) throw new Conflict(`${name} is already known to the key-worker service: their register entry is linked to their Keywork record`, entry);
  if (entry.removedAt) throw new Conflict(`${name} has been taken off the register`, entry);
}

export interface TakeOnForm {
  entry: EntryView;
  /** The workers of the manager's team who could be the lead worker. */
  workers: Array<{ id: string; displayName: string }>;
  /** The manager is a key worker too and may lead themselves. */
  mayLead: boolean;
}

/** The entry and who could lead, for the take-on page; Conflict when they are already taken on. Audited. */
export async function takeOnForm(db: Db, actor: Actor, clock: Clock, entryId: string): Promise<TakeOnForm> {
  assertMayTakeOn(actor);
  const entry = await db.transaction(async (tx) => {
    const found = await requireEntry(tx, actor.tenantId, entryId, ukToday(clock));
    await auditEntry(tx, actor, found, "register.entry.read", { purpose: "take-on-form" });
    return found;
  });
  assertNotTakenOn(entry);
  return { entry, workers: await teamWorkers(db, actor), mayLead: hasRole(actor, "key-worker", "co-worker") };
}

/**
 * Creates a Keywork person in the manager's team from the entry (names and date of birth), with the
 * lead worker chosen, and links the entry to them, all in one transaction. Conflict when the entry
 * is already linked or has been taken off the register.
 */
export async function takeOn(db: Db, actor: Actor, clock: Clock, entryId: string, leadWorkerId: string | undefined): Promise<{ entry: EntryView; personId: string }> {
  assertMayTakeOn(actor);
  const today = ukToday(clock);
  return db.transaction(async (tx) => {
    const entry = await requireEntry(tx, actor.tenantId, entryId, today);
    await store.lockEntry(tx, actor.tenantId, entry.id);
    assertNotTakenOn(await requireEntry(tx, actor.tenantId, entry.id, today));
    if (!leadWorkerId && !hasRole(actor, "key-worker", "co-worker")) throw new Invalid([{ field: "leadWorkerId", message: "Select a lead worker" }]);
    const parsed = personDetailsSchema.safeParse({
      givenName: entry.givenName,
      familyName: entry.familyName,
      dateOfBirth: entry.dateOfBirth,
      engagementStatus: entry.inpatient ? "in-hospital" : "not-yet-engaged",
    });
    // An entry made before its details were checked as a record's are: say what to correct, never fail.
    if (!parsed.success) throw new Invalid(fieldIssues(parsed.error).map((issue) => ({ ...issue, message: `On the register entry: ${issue.message}` })));
    const details = parsed.data;
    // Inside this transaction, so that the person and the link are saved together or not at all.
    const person = await createPerson(tx, actor, details, { leadWorkerId });
    if (!(await store.linkPerson(tx, { tenantId: actor.tenantId, entryId: entry.id, personId: person.id }))) {
      throw new Conflict("Someone else took them on first", entry);
    }
    const rating = RATING_LABELS[entry.rating].toLowerCase();
    await recordChronology(tx, actor, {
      personId: person.id,
      kind: "register-take-on",
      summary: `Taken on from the dynamic support register (${rating})`,
      section: "record",
      sourceType: "register-entry",
      sourceId: entry.id,
      occurredAt: clock.now(),
    });
    const linked = await requireEntry(tx, actor.tenantId, entry.id, today);
    await auditEntry(tx, actor, linked, "register.take-on", { rating: entry.rating, leadWorkerId: leadWorkerId ?? actor.userId });
    return { entry: linked, personId: person.id };
  });
}
