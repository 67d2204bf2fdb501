import { sql } from "drizzle-orm";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { SectionKey, WrittenBy } from "./schema.ts";

/** A saved section of a wellness plan, with the name of whoever saved it. */
export interface SectionRow {
  id: string;
  section: SectionKey;
  text: string;
  writtenBy: WrittenBy;
  savedBy: { id: string; name: string } | null;
  savedAt: Date;
  version: number;
}

interface SectionRaw {
  id: string;
  section: SectionKey;
  text: string;
  written_by: WrittenBy;
  saved_by: string | null;
  saved_by_name: string | null;
  saved_at: Date | string;
  version: number;
}

function toSection(row: SectionRaw): SectionRow {
  return {
    id: row.id,
    section: row.section,
    text: row.text,
    writtenBy: row.written_by,
    savedBy: row.saved_by ? { id: row.saved_by, name: row.saved_by_name ?? "Someone no longer in Keywork" } : null,
    savedAt: new Date(row.saved_at),
    version: Number(row.version),
  };
}

/** Every saved section of the person's plan. */
export async function listSections(tx: Db | Tx, tenantId: string, personId: string): Promise<SectionRow[]> {
  const rows = await queryRows<SectionRaw>(
    tx,
    sql`SELECT section.id, section.section, section.text, section.written_by, section.saved_by, saver.display_name AS saved_by_name, section.saved_at, section.version
        FROM wellness_plan_sections section
        LEFT JOIN users saver ON saver.tenant_id = section.tenant_id AND saver.id = section.saved_by
        WHERE section.tenant_id = ${tenantId} AND section.person_id = ${personId}`,
  );
  return rows.map(toSection);
}

/** The first version of a section: the row and its first revision. Null when someone saved it first. */
export async function insertSection(
  tx: Db | Tx,
  values: { tenantId: string; personId: string; section: SectionKey; text: string; writtenBy: WrittenBy; savedBy: string; savedAt: Date },
): Promise<{ id: string; version: number } | null> {
  const id = newId();
  const [row] = await queryRows<{ id: string; version: number }>(
    tx,
    sql`INSERT INTO wellness_plan_sections (id, tenant_id, person_id, section, text, written_by, saved_by, saved_at, version)
        VALUES (${id}, ${values.tenantId}, ${values.personId}, ${values.section}, ${values.text}, ${values.writtenBy}, ${values.savedBy}, ${values.savedAt.toISOString()}::timestamptz, 1)
        ON CONFLICT (tenant_id, person_id, section) DO NOTHING
        RETURNING id, version`,
  );
  if (!row) return null;
  await insertRevision(tx, { ...values, sectionId: row.id, version: 1 });
  return { id: row.id, version: 1 };
}

/** A new version of a section saved against `expectedVersion`; null when someone saved first. */
export async function updateSection(
  tx: Db | Tx,
  values: { tenantId: string; personId: string; section: SectionKey; text: string; writtenBy: WrittenBy; savedBy: string; savedAt: Date; expectedVersion: number },
): Promise<{ id: string; version: number } | null> {
  const [row] = await queryRows<{ id: string; version: number }>(
    tx,
    sql`UPDATE wellness_plan_sections
        SET text = ${values.text}, written_by = ${values.writtenBy}, saved_by = ${values.savedBy}, saved_at = ${values.savedAt.toISOString()}::timestamptz, updated_at = now(), version = version + 1
        WHERE tenant_id = ${values.tenantId} AND person_id = ${values.personId} AND section = ${values.section} AND version = ${values.expectedVersion}
        RETURNING id, version`,
  );
  if (!row) return null;
  await insertRevision(tx, { ...values, sectionId: row.id, version: Number(row.version) });
  return { id: row.id, version: Number(row.version) };
}

async function insertRevision(
  tx: Db | Tx,
  values: { tenantId: string; personId: string; sectionId: string; version: number; text: string; writtenBy: WrittenBy; savedBy: string; savedAt: Date },
): Promise<void> {
  await tx.execute(sql`INSERT INTO wellness_plan_section_revisions (id, tenant_id, section_id, person_id, version, text, written_by, saved_by, saved_at)
    VALUES (${newId()}, ${values.tenantId}, ${values.sectionId}, ${values.personId}, ${values.version}, ${values.text}, ${values.writtenBy}, ${values.savedBy}, ${values.savedAt.toISOString()}::timestamptz)`);
}

export interface RevisionRow {
  section: SectionKey;
  version: number;
  text: string;
  writtenBy: WrittenBy;
  savedByName: string | null;
  savedAt: Date;
}

/** Every saved version of the person's sections (of one section when given), newest first. */
export async function listRevisions(tx: Db | Tx, tenantId: string, personId: string, section: SectionKey | null): Promise<RevisionRow[]> {
  const rows = await queryRows<{ section: SectionKey; version: number; text: string; written_by: WrittenBy; saved_by_name: string | null; saved_at: Date | string }>(
    tx,
    sql`SELECT section.section, revision.version, revision.text, revision.written_by, saver.display_name AS saved_by_name, revision.saved_at
        FROM wellness_plan_section_revisions revision
        JOIN wellness_plan_sections section ON section.tenant_id = revision.tenant_id AND section.id = revision.section_id
        LEFT JOIN users saver ON saver.tenant_id = revision.tenant_id AND saver.id = revision.saved_by
        WHERE revision.tenant_id = ${tenantId} AND revision.person_id = ${personId}
          ${section ? sql`AND section.section = ${section}` : sql``}
        ORDER BY revision.version DESC, revision.saved_at DESC`,
  );
  return rows.map((row) => ({
    section: row.section,
    version: Number(row.version),
    text: row.text,
    writtenBy: row.written_by,
    savedByName: row.saved_by_name,
    savedAt: new Date(row.saved_at),
  }));
}

/** A team's service hours and out-of-hours crisis contacts. */
export interface CrisisContactsRow {
  teamId: string;
  teamName: string;
  serviceHours: string;
  serviceContact: string;
  outOfHours: string;
  /** 0 until a manager first saves them. */
  version: number;
  updatedAt: Date | null;
  updatedByName: string | null;
}

interface CrisisContactsRaw {
  team_id: string;
  team_name: string;
  service_hours: string | null;
  service_contact: string | null;
  out_of_hours: string | null;
  version: number | null;
  updated_at: Date | string | null;
  updated_by_name: string | null;
}

function toContacts(row: CrisisContactsRaw): CrisisContactsRow {
  return {
    teamId: row.team_id,
    teamName: row.team_name,
    serviceHours: row.service_hours ?? "",
    serviceContact: row.service_contact ?? "",
    outOfHours: row.out_of_hours ?? "",
    version: Number(row.version ?? 0),
    updatedAt: row.updated_at ? new Date(row.updated_at) : null,
    updatedByName: row.updated_by_name,
  };
}

const CONTACTS_SELECT = sql`SELECT team.id AS team_id, team.name AS team_name, details.service_hours, details.service_contact, details.out_of_hours,
    details.version, details.updated_at, updater.display_name AS updated_by_name
  FROM teams team
  LEFT JOIN crisis_contact_details details ON details.tenant_id = team.tenant_id AND details.team_id = team.id
  LEFT JOIN users updater ON updater.tenant_id = details.tenant_id AND updater.id = details.updated_by`;

/** The team's crisis contacts (empty, version 0, when none are saved); null when there is no such team. */
export async function findTeamContacts(tx: Db | Tx, tenantId: string, teamId: string): Promise<CrisisContactsRow | null> {
  const [row] = await queryRows<CrisisContactsRaw>(tx, sql`${CONTACTS_SELECT} WHERE team.tenant_id = ${tenantId} AND team.id = ${teamId}`);
  return row ? toContacts(row) : null;
}

/** The crisis contacts of the team the person is with. */
export async function findPersonContacts(tx: Db | Tx, tenantId: string, personId: string): Promise<CrisisContactsRow | null> {
  const [row] = await queryRows<CrisisContactsRaw>(
    tx,
    sql`${CONTACTS_SELECT} JOIN people person ON person.tenant_id = team.tenant_id AND person.team_id = team.id
        WHERE team.tenant_id = ${tenantId} AND person.id = ${personId}`,
  );
  return row ? toContacts(row) : null;
}

/** Saves a team's crisis contacts against `expectedVersion` (0 when none were saved); false when someone saved first. */
export async function saveTeamContacts(
  tx: Db | Tx,
  values: { tenantId: string; teamId: string; serviceHours: string; serviceContact: string; outOfHours: string; updatedBy: string; expectedVersion: number },
): Promise<boolean> {
  const saved =
    values.expectedVersion === 0
      ? await queryRows<{ version: number }>(
          tx,
          sql`INSERT INTO crisis_contact_details (id, tenant_id, team_id, service_hours, service_contact, out_of_hours, updated_by, version)
              VALUES (${newId()}, ${values.tenantId}, ${values.teamId}, ${values.serviceHours}, ${values.serviceContact}, ${values.outOfHours}, ${values.updatedBy}, 1)
              ON CONFLICT (tenant_id, team_id) DO NOTHING RETURNING version`,
        )
      : await queryRows<{ version: number }>(
          tx,
          sql`UPDATE crisis_contact_details
              SET service_hours = ${values.serviceHours}, service_contact = ${values.serviceContact}, out_of_hours = ${values.outOfHours},
                  updated_by = ${values.updatedBy}, updated_at = now(), version = version + 1
              WHERE tenant_id = ${values.tenantId} AND team_id = ${values.teamId} AND version = ${values.expectedVersion}
              RETURNING version`,
        );
  return saved.length > 0;
}
