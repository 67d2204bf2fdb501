import { can, maySee, relationshipTo, type Actor, type Relationship } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import type { Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/http/errors.ts";
import { recordChronology } from "../chronology/service.ts";
import type { PersonHeading } from "../people/person-layout.ts";
import { personHeading } from "../people/service.ts";
import { planSections, presentContacts, type CrisisContacts, type PlanSection } from "./present.ts";
import { CRISIS_SECTION_KEYS, SECTION_TEXT_MAX, sectionTitle, type CrisisContactInput, type SectionInput, type SectionKey } from "./schema.ts";
import * as store from "./store.ts";

export type { CrisisContactsRow, RevisionRow } from "./store.ts";

const NOT_FOUND = "Wellness plan not found";
const MAY_NOT_EDIT = "Only the person's key workers and their manager can change the wellness plan";
const SETTINGS_ONLY = "Only team managers can change their team's service hours and crisis contacts";

export interface WellnessPlan {
  person: PersonHeading;
  relationship: Relationship;
  sections: PlanSection[];
  /** The team's service hours and crisis contacts; null until the team's manager adds them. */
  contacts: CrisisContacts | null;
}

/** Why the plan is being read, for the audit trail. */
export type PlanPurpose = "page" | "print" | "api" | "edit";

/** The actor's relationship, or NotFound when the person or their plan is not theirs to see (partners and carers see it when it is shared with them). */
async function relationshipToPlan(tx: Db | Tx, actor: Actor, personId: string): Promise<Relationship> {
  const relationship = await relationshipTo(tx, actor, personId);
  if (!maySee(relationship, "wellness-plan")) throw new NotFound(NOT_FOUND);
  return relationship;
}

async function loadPlan(tx: Db | Tx, actor: Actor, personId: string, relationship: Relationship): Promise<WellnessPlan> {
  const person = await personHeading(tx, actor.tenantId, personId);
  const sections = planSections(await store.listSections(tx, actor.tenantId, personId));
  const contacts = presentContacts(await store.findPersonContacts(tx, actor.tenantId, personId));
  return { person, relationship, sections, contacts };
}

/** The person's wellness and crisis plan for the actor; NotFound unless it is theirs to see. Audited. */
export async function readWellnessPlan(db: Db, actor: Actor, personId: string, purpose: PlanPurpose): Promise<WellnessPlan> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipToPlan(tx, actor, personId);
    if (purpose === "edit" && !relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const plan = await loadPlan(tx, actor, personId, relationship);
    await audit(tx, actor, {
      action: "wellness-plan.read",
      personId,
      detail: { purpose, audience: relationship.audience, written: plan.sections.filter((section) => section.version > 0).length },
    });
    return plan;
  });
}

/** The plan for its printable PDF; the download is audited as one. */
export async function downloadWellnessPlan(db: Db, actor: Actor, personId: string): Promise<WellnessPlan> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipToPlan(tx, actor, personId);
    const plan = await loadPlan(tx, actor, personId, relationship);
    await audit(tx, actor, { action: "wellness-plan.download", personId, detail: { format: "pdf", audience: relationship.audience } });
    return plan;
  });
}

/** What is saved now of each section someone tried to save over; the Conflict's `current`. */
export interface PlanConflict {
  sections: PlanSection[];
  stale: SectionKey[];
}

/**
 * Saves sections of the plan, all or nothing: each is saved against the version the actor started
 * from, and when any of them changed since (someone saved first) nothing is saved and Conflict
 * carries what is saved now. Sections whose text and whose words did not change are left as they
 * are. Audited, with a chronology entry that names the sections but never their text.
 */
export async function saveSections(db: Db, actor: Actor, personId: string, inputs: SectionInput[], clock: Clock): Promise<WellnessPlan> {
  const tooLong = inputs.filter((input) => input.text.length > SECTION_TEXT_MAX);
  if (tooLong.length > 0) throw new Invalid(tooLong.map((input) => ({ field: `text-${input.key}`, message: `${sectionTitle(input.key)} must be ${SECTION_TEXT_MAX} characters or fewer` })));
  return db.transaction(async (tx) => {
    const relationship = await relationshipToPlan(tx, actor, personId);
    if (!relationship.mayEdit) throw new Forbidden(MAY_NOT_EDIT);
    const before = planSections(await store.listSections(tx, actor.tenantId, personId));
    const current = new Map(before.map((section) => [section.key, section]));
    const stale = inputs.filter((input) => (input.version ?? 0) !== current.get(input.key)?.version).map((input) => input.key);
    if (stale.length > 0) throw new Conflict("Someone else changed the wellness plan after you opened it", { sections: before, stale } satisfies PlanConflict);
    const changed = inputs.filter((input) => {
      const saved = current.get(input.key);
      return !saved || saved.text !== input.text || (saved.writtenBy !== input.writtenBy && (saved.version > 0 || input.text !== ""));
    });
    const savedAt = clock.now();
    const versions: Record<string, number> = {};
    for (const input of changed) {
      const values = { tenantId: actor.tenantId, personId, section: input.key, text: input.text, writtenBy: input.writtenBy, savedBy: actor.userId, savedAt };
      const expected = input.version ?? 0;
      const saved = expected === 0 ? await store.insertSection(tx, values) : await store.updateSection(tx, { ...values, expectedVersion: expected });
      if (!saved) {
        // Someone saved between our read and our write: the transaction rolls back, so nothing is
        // saved. Read again: `before` predates their save, and the conflict must show what is saved now.
        const sections = planSections(await store.listSections(tx, actor.tenantId, personId));
        throw new Conflict("Someone else changed the wellness plan after you opened it", { sections, stale: [input.key] } satisfies PlanConflict);
      }
      versions[input.key] = saved.version;
    }
    if (changed.length > 0) {
      await audit(tx, actor, { action: "wellness-plan.update", personId, subjectType: "wellness-plan", detail: { sections: versions } });
      await recordChronology(tx, actor, {
        personId,
        kind: "wellness-plan-updated",
        summary: `Wellness plan updated: ${changed.map((input) => sectionTitle(input.key)).join("; ")}`,
        section: "wellness-plan",
        detail: { sections: changed.map((input) => input.key) },
      });
    }
    return loadPlan(tx, actor, personId, relationship);
  });
}

export interface SectionHistory {
  person: PersonHeading;
  relationship: Relationship;
  /** The section asked for, or null for every section. */
  section: SectionKey | null;
  versions: store.RevisionRow[];
}

/** Every saved version of a section (or of every section), newest first, for those who may see the plan. Audited. */
export async function readSectionHistory(db: Db, actor: Actor, personId: string, section: SectionKey | null): Promise<SectionHistory> {
  return db.transaction(async (tx) => {
    const relationship = await relationshipToPlan(tx, actor, personId);
    const person = await personHeading(tx, actor.tenantId, personId);
    const versions = await store.listRevisions(tx, actor.tenantId, personId, section);
    await audit(tx, actor, { action: "wellness-plan-history.read", personId, detail: { section, versions: versions.length } });
    return { person, relationship, section, versions };
  });
}

export interface HandoverWellnessPlan {
  /** The crisis plan's parts, written or not. */
  crisis: PlanSection[];
  /** How many of the plan's sections have been written. */
  written: number;
  contacts: CrisisContacts | null;
}

/** The crisis plan for the handover summary, inside its transaction; the caller has checked the reader is in the full audience and audits the read. */
export async function wellnessPlanForHandover(tx: Db | Tx, actor: Actor, personId: string): Promise<HandoverWellnessPlan> {
  const sections = planSections(await store.listSections(tx, actor.tenantId, personId));
  return {
    crisis: sections.filter((section) => CRISIS_SECTION_KEYS.includes(section.key)),
    written: sections.filter((section) => section.version > 0).length,
    contacts: presentContacts(await store.findPersonContacts(tx, actor.tenantId, personId)),
  };
}

function assertManagesTeam(actor: Actor): string {
  if (!can(actor, "settings.manage") || !actor.teamId) throw new Forbidden(SETTINGS_ONLY);
  return actor.teamId;
}

/** The manager's own team's service hours and crisis contacts, for the settings page. */
export async function crisisContactsForManager(db: Db, actor: Actor): Promise<store.CrisisContactsRow> {
  const teamId = assertManagesTeam(actor);
  const row = await store.findTeamContacts(db, actor.tenantId, teamId);
  if (!row) throw new NotFound("Team not found");
  return row;
}

/** Saves the manager's team's service hours and crisis contacts against `expectedVersion`; Conflict (with what is stored) when someone saved first. Audited. */
export async function saveCrisisContacts(db: Db, actor: Actor, expectedVersion: number, input: CrisisContactInput): Promise<store.CrisisContactsRow> {
  const teamId = assertManagesTeam(actor);
  return db.transaction(async (tx) => {
    const before = await store.findTeamContacts(tx, actor.tenantId, teamId);
    if (!before) throw new NotFound("Team not found");
    const saved = await store.saveTeamContacts(tx, { tenantId: actor.tenantId, teamId, ...input, updatedBy: actor.userId, expectedVersion });
    // Read again: `before` may predate the save that won (PostgreSQL's read committed), and the
    // conflict must show what is stored now, with its version.
    if (!saved) throw new Conflict("Someone else changed the service's hours and crisis contacts after you opened them", (await store.findTeamContacts(tx, actor.tenantId, teamId)) ?? before);
    await audit(tx, actor, { action: "crisis-contacts.update", subjectType: "team", subjectId: teamId, detail: { version: expectedVersion + 1 } });
    const after = await store.findTeamContacts(tx, actor.tenantId, teamId);
    if (!after) throw new NotFound("Team not found");
    return after;
  });
}
