import { and, eq } from "drizzle-orm";
import { can, hasRole, relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { users } from "../platform/auth/tables.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import type { PersonHeading } from "./person-layout.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { isRealIsoDate } from "../platform/http/validation.ts";
import { recordChronology } from "../chronology/service.ts";
import { CLOSURE_CHECKLIST, ENGAGEMENT_STATUS_LABELS, type PersonDetails } from "./schema.ts";
import * as store from "./store.ts";

export type { CareTeamEntry, PersonListRow, PersonRow } from "./store.ts";

export interface PersonRecord {
  person: store.PersonRow;
  careTeam: store.CareTeamEntry[];
  relationship: Relationship;
}

/** Reads a person's record for the actor and audits the read; NotFound when it is not theirs to see. */
export async function readPerson(db: Db, actor: Actor, personId: string, purpose: "view" | "edit" | "handover" = "view"): Promise<PersonRecord> {
  return db.transaction((tx) => readPersonIn(tx, actor, personId, purpose));
}

/** As `readPerson`, inside a transaction of the caller's (the overview reads its sections in one). */
export async function readPersonIn(tx: Db | Tx, actor: Actor, personId: string, purpose: "view" | "edit" | "handover" = "view"): Promise<PersonRecord> {
  const relationship = await relationshipTo(tx, actor, personId);
  const person = await store.findPerson(tx, actor.tenantId, personId);
  if (!person) throw new NotFound("Person not found");
  const careTeam = await store.listCareTeam(tx, actor.tenantId, personId);
  await audit(tx, actor, { action: "person.read", personId, detail: { purpose, audience: relationship.audience } });
  return { person, careTeam, relationship };
}

/** Checks, before anything is read or validated, that the actor may change this person's details. */
export async function assertMayEdit(db: Db, actor: Actor, personId: string): Promise<void> {
  const relationship = await relationshipTo(db, actor, personId);
  if (!relationship.mayEdit) throw new Forbidden("Only the person's key workers and their manager can change these details");
}

/**
 * Creates a person in the actor's team. A key worker becomes the lead worker; a manager names one
 * of their team's workers as lead.
 */
export async function createPerson(
  db: Db,
  actor: Actor,
  details: PersonDetails,
  options: { leadWorkerId?: string | undefined } = {},
): Promise<store.PersonRow> {
  if (!can(actor, "people.create") || !actor.teamId) throw new Forbidden("Only key workers and managers can add people");
  const teamId = actor.teamId;
  return db.transaction(async (tx) => {
    let leadWorkerId = options.leadWorkerId;
    if (!leadWorkerId) {
      if (!hasRole(actor, "key-worker", "co-worker")) {
        throw new Invalid([{ field: "leadWorkerId", message: "Select a lead worker" }]);
      }
      leadWorkerId = actor.userId;
    } else if (leadWorkerId !== actor.userId) {
      if (!hasRole(actor, "manager")) throw new Invalid([{ field: "leadWorkerId", message: "Only a manager can choose another lead worker" }]);
      const [lead] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.tenantId, actor.tenantId), eq(users.id, leadWorkerId), eq(users.teamId, teamId), eq(users.active, true)))
        .limit(1);
      if (!lead) throw new Invalid([{ field: "leadWorkerId", message: "Select a lead worker from your team" }]);
    }
    const person = await store.insertPerson(tx, { tenantId: actor.tenantId, teamId, createdBy: actor.userId, details });
    await store.addCareTeamMember(tx, { tenantId: actor.tenantId, personId: person.id, userId: leadWorkerId, role: "lead" });
    await audit(tx, actor, { action: "person.create", personId: person.id, detail: { leadWorkerId } });
    await recordChronology(tx, actor, { personId: person.id, kind: "person-added", summary: "Added to Keywork", section: "record" });
    return person;
  });
}

/** Saves changes made against `expectedVersion`; Conflict (with what is stored now) when someone saved first. */
export async function updatePerson(
  db: Db,
  actor: Actor,
  personId: string,
  expectedVersion: number,
  details: Partial<PersonDetails>,
): Promise<store.PersonRow> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden("Only the person's key workers and their manager can change these details");
    const before = await store.findPerson(tx, actor.tenantId, personId);
    const updated = await store.updatePerson(tx, {
      tenantId: actor.tenantId,
      personId,
      expectedVersion,
      changedBy: actor.userId,
      details,
    });
    if (!updated || !before) {
      const current = await store.findPerson(tx, actor.tenantId, personId);
      throw new Conflict("Someone else changed this person's details after you opened them", current);
    }
    const changed = changedFields(before, updated);
    await audit(tx, actor, { action: "person.update", personId, detail: { fields: changed, version: updated.version } });
    await recordChanges(tx, actor, before, updated, changed);
    return updated;
  });
}

const TRACKED_FIELDS = [
  "givenName",
  "familyName",
  "preferredName",
  "aliases",
  "dateOfBirth",
  "pronouns",
  "phone",
  "email",
  "address",
  "communicationNeeds",
  "engagementStatus",
  "contactIntensity",
  "story",
] as const;

function changedFields(before: store.PersonRow, after: store.PersonRow): string[] {
  return TRACKED_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

const FIELD_WORDS: Record<(typeof TRACKED_FIELDS)[number], string> = {
  givenName: "name",
  familyName: "name",
  preferredName: "preferred name",
  aliases: "other names",
  dateOfBirth: "date of birth",
  pronouns: "pronouns",
  phone: "phone number",
  email: "email address",
  address: "address",
  communicationNeeds: "communication needs",
  engagementStatus: "engagement",
  contactIntensity: "how often they are seen",
  story: "story",
};

/** Puts a change on the chronology: engagement and story changes each as their own line. */
async function recordChanges(tx: Tx, actor: Actor, before: store.PersonRow, after: store.PersonRow, changed: string[]): Promise<void> {
  if (changed.includes("engagementStatus")) {
    await recordChronology(tx, actor, {
      personId: after.id,
      kind: "engagement-changed",
      summary: `Engagement changed from ${engagementLabel(before.engagementStatus)} to ${engagementLabel(after.engagementStatus)}`,
      section: "record",
      detail: { from: before.engagementStatus, to: after.engagementStatus },
    });
  }
  if (changed.includes("story")) {
    await recordChronology(tx, actor, { personId: after.id, kind: "story-edited", summary: "Their story was updated", section: "story" });
  }
  const others = [...new Set(changed.filter((field) => field !== "engagementStatus" && field !== "story").map((field) => FIELD_WORDS[field as (typeof TRACKED_FIELDS)[number]]))];
  if (others.length > 0) {
    await recordChronology(tx, actor, {
      personId: after.id,
      kind: "details-changed",
      summary: `Details updated: ${others.join(", ")}`,
      section: "record",
      detail: { fields: changed },
    });
  }
}

function engagementLabel(status: string): string {
  return (ENGAGEMENT_STATUS_LABELS as Record<string, string>)[status]?.toLowerCase() ?? status;
}

/** Closes a case: a deliberate decision with a reason and the whole handover checklist confirmed. */
export async function closeCase(db: Db, actor: Actor, personId: string, input: { reason: string; checklist: string[] }): Promise<void> {
  const missing = CLOSURE_CHECKLIST.filter((item) => !input.checklist.includes(item.id));
  if (missing.length > 0) throw new Invalid([{ field: "checklist", message: "Confirm every item of the handover checklist before closing" }]);
  await db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden("Only the person's key workers and their manager can close the case");
    const closed = await store.setClosure(tx, { tenantId: actor.tenantId, personId, closedBy: actor.userId, reason: input.reason, checklist: input.checklist });
    if (!closed) throw new Conflict("This case is already closed");
    await audit(tx, actor, { action: "person.close", personId });
    await recordChronology(tx, actor, { personId, kind: "case-closed", summary: "Case closed", section: "record", detail: { checklist: input.checklist } });
  });
}

/** Re-opens a closed case; everything recorded before stays where it was. */
export async function reopenCase(db: Db, actor: Actor, personId: string, input: { reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const relationship = await relationshipTo(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden("Only the person's key workers and their manager can re-open the case");
    const reopened = await store.clearClosure(tx, { tenantId: actor.tenantId, personId, changedBy: actor.userId });
    if (!reopened) throw new Conflict("This case is not closed");
    await audit(tx, actor, { action: "person.reopen", personId });
    await recordChronology(tx, actor, { personId, kind: "case-reopened", summary: "Case re-opened", section: "record", detail: { reason: input.reason } });
  });
}

export interface SearchResult {
  rows: store.PersonListRow[];
  total: number;
  page: number;
  pageSize: number;
}

export const SEARCH_PAGE_SIZE = 25;

/** Reads a search as a date of birth (DD/MM/YYYY or YYYY-MM-DD) when it is one, otherwise as name words. */
export function interpretSearch(text: string): { words: string[]; dateOfBirth: string | null } {
  const trimmed = text.trim();
  const british = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (british) {
    const iso = `${british[3]}-${british[2]?.padStart(2, "0")}-${british[1]?.padStart(2, "0")}`;
    if (isRealIsoDate(iso)) return { words: [], dateOfBirth: iso };
  }
  if (isRealIsoDate(trimmed)) return { words: [], dateOfBirth: trimmed };
  return { words: trimmed.split(/\s+/).filter((word) => word.length > 0).slice(0, 5), dateOfBirth: null };
}

/**
 * Search results show workers on the person's own service everything in the list; partners and peer
 * mentors see names and engagement only (no aliases, no last contact, and peer mentors no date of
 * birth), the same limits as the person page before consent.
 */
function limitForSearch(actor: Actor, row: store.PersonListRow): store.PersonListRow {
  if (hasRole(actor, "key-worker", "co-worker", "manager", "psychologist")) return row;
  return { ...row, aliases: [], lastContactAt: null, dateOfBirth: hasRole(actor, "partner") ? row.dateOfBirth : null };
}

/** Searches everyone the actor may see; the search and what it returned are audited. */
export async function searchPeople(db: Db, actor: Actor, query: string, page = 1): Promise<SearchResult> {
  if (!can(actor, "people.search")) return { rows: [], total: 0, page, pageSize: SEARCH_PAGE_SIZE };
  const search = interpretSearch(query);
  // Nobody finds a person by something they would not be shown: aliases are for the person's own
  // workers, the date of birth not for peer mentors.
  const worker = hasRole(actor, "key-worker", "co-worker", "manager", "psychologist");
  if (search.dateOfBirth && !worker && !hasRole(actor, "partner")) return { rows: [], total: 0, page, pageSize: SEARCH_PAGE_SIZE };
  return db.transaction(async (tx) => {
    const result = await store.searchVisiblePeople(tx, actor, {
      ...search,
      matchAliases: worker,
      limit: SEARCH_PAGE_SIZE,
      offset: (page - 1) * SEARCH_PAGE_SIZE,
    });
    await audit(tx, actor, {
      action: "person.search",
      detail: { query, page, total: result.total, returned: result.rows.map((row) => row.id) },
    });
    return { rows: result.rows.map((row) => limitForSearch(actor, row)), total: result.total, page, pageSize: SEARCH_PAGE_SIZE };
  });
}

/** Name and status for the header of a person's sub-pages. Call after the caller's own access check. */
export async function personHeading(tx: Db | Tx, tenantId: string, personId: string): Promise<PersonHeading> {
  const person = await store.findPerson(tx, tenantId, personId);
  if (!person) throw new NotFound("Person not found");
  return {
    id: person.id,
    givenName: person.givenName,
    familyName: person.familyName,
    preferredName: person.preferredName,
    pronouns: person.pronouns,
    closedAt: person.closedAt,
  };
}
