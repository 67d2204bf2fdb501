import { WELLNESS_PLAN_SECTIONS, WRITTEN_BY_LABELS, type SectionKey, type WrittenBy } from "./schema.ts";
import type { CrisisContactsRow, SectionRow } from "./store.ts";

/** One section of the plan as pages, the printed copy and the API show it: empty sections too, in order. */
export interface PlanSection {
  key: SectionKey;
  title: string;
  hint: string;
  /** "" when the section has not been written. */
  text: string;
  writtenBy: WrittenBy | null;
  savedBy: { id: string; name: string } | null;
  savedAt: Date | null;
  /** 0 for a section never written. */
  version: number;
}

/** Every section of the plan in order, with what has been saved. */
export function planSections(rows: SectionRow[]): PlanSection[] {
  const byKey = new Map(rows.map((row) => [row.section, row]));
  return WELLNESS_PLAN_SECTIONS.map((section) => {
    const row = byKey.get(section.key);
    return {
      key: section.key,
      title: section.title,
      hint: section.hint,
      text: row?.text ?? "",
      writtenBy: row?.writtenBy ?? null,
      savedBy: row?.savedBy ?? null,
      savedAt: row?.savedAt ?? null,
      version: row?.version ?? 0,
    };
  });
}

/** "In my own words", or null for a section never written. */
export function whoseWords(section: Pick<PlanSection, "writtenBy">): string | null {
  return section.writtenBy ? WRITTEN_BY_LABELS[section.writtenBy] : null;
}

/** The team's service hours and crisis contacts, or null when the manager has not added them yet. */
export interface CrisisContacts {
  teamName: string;
  serviceHours: string;
  serviceContact: string;
  outOfHours: string;
}

export function presentContacts(row: CrisisContactsRow | null): CrisisContacts | null {
  if (!row || row.version === 0) return null;
  return { teamName: row.teamName, serviceHours: row.serviceHours, serviceContact: row.serviceContact, outOfHours: row.outOfHours };
}

/** The API's shape of a plan. */
export function presentPlanForApi(personId: string, sections: PlanSection[], contacts: CrisisContacts | null) {
  return {
    personId,
    sections: sections.map((section) => ({
      key: section.key,
      title: section.title,
      text: section.text,
      writtenBy: section.writtenBy,
      savedBy: section.savedBy,
      savedAt: section.savedAt ? section.savedAt.toISOString() : null,
      version: section.version,
    })),
    serviceHours: contacts?.serviceHours ?? null,
    serviceContact: contacts?.serviceContact ?? null,
    outOfHours: contacts?.outOfHours ?? null,
  };
}
