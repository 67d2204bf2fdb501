import { z } from "zod";
import type { FieldIssue } from "../platform/http/errors.ts";

/**
 * The sections of a wellness and crisis plan (C7), in the order the plan reads. Headings and hints
 * are written for the person: the plan is theirs, in their words.
 */
export const WELLNESS_PLAN_SECTIONS = [
  { key: "what-keeps-me-well", title: "What keeps me well", hint: "The people, places, routines and things you do that help you feel okay day to day." },
  { key: "triggers", title: "My triggers", hint: "Things that can upset you or make it harder to cope: times of year, places, people, news, money worries." },
  { key: "early-warning-signs", title: "Early warning signs", hint: "The first small changes you or others notice when you are starting to struggle, and what you would like people to do." },
  { key: "breaking-down", title: "When things are breaking down", hint: "How things look when it is getting serious, and what needs to happen then to keep you safe." },
  { key: "crisis-who-to-contact", title: "Crisis plan — who to contact", hint: "Who you want contacted in a crisis, how to reach them, and anyone you do not want contacted." },
  { key: "crisis-what-helps", title: "Crisis plan — what helps", hint: "What people can say or do that helps you most when you are in crisis." },
  { key: "crisis-what-does-not-help", title: "Crisis plan — what does not help", hint: "What makes things worse, so that people know to avoid it." },
  { key: "crisis-preferences", title: "Crisis plan — my preferences for treatment and places", hint: "Treatment, medication, hospitals or places you would prefer, or would rather avoid, and who should look after your home, pets or children." },
  { key: "after-a-crisis", title: "After a crisis", hint: "What helps you get back on your feet afterwards, and what you would like to happen next time." },
] as const;

export type SectionKey = (typeof WELLNESS_PLAN_SECTIONS)[number]["key"];
export const SECTION_KEYS = WELLNESS_PLAN_SECTIONS.map((section) => section.key) as [SectionKey, ...SectionKey[]];

/** The crisis plan's parts, shown on the handover summary. */
export const CRISIS_SECTION_KEYS: readonly SectionKey[] = ["crisis-who-to-contact", "crisis-what-helps", "crisis-what-does-not-help", "crisis-preferences"];

/** Whose words a section is in. */
export const WRITTEN_BY = ["the-person", "together", "worker", "carer"] as const;
export type WrittenBy = (typeof WRITTEN_BY)[number];

export const WRITTEN_BY_LABELS: Record<WrittenBy, string> = {
  "the-person": "In my own words",
  together: "Written together with my worker",
  worker: "Written by my worker",
  carer: "Written by my family or carer",
};

/** The longest a section may be. */
export const SECTION_TEXT_MAX = 5000;
/** The longest each crisis contact detail may be. */
export const CONTACT_DETAIL_MAX = 1000;

export function isSectionKey(value: string): value is SectionKey {
  return (SECTION_KEYS as readonly string[]).includes(value);
}

export function sectionTitle(key: SectionKey): string {
  return WELLNESS_PLAN_SECTIONS.find((section) => section.key === key)?.title ?? key;
}

/** One section as someone wants it saved: `version` is what they started from (absent for a section never written). */
export interface SectionInput {
  key: SectionKey;
  text: string;
  writtenBy: WrittenBy;
  version?: number | undefined;
}

const sectionText = z
  .string({ error: "text must be text" })
  .max(SECTION_TEXT_MAX, { error: `Each section must be ${SECTION_TEXT_MAX.toLocaleString("en-GB")} characters or fewer` });

/** The API's PUT body: the sections to save, all or nothing. */
export const putWellnessPlanBody = z
  .object({
    sections: z
      .array(
        z
          .object({
            key: z.enum(SECTION_KEYS, { error: `key must be one of: ${SECTION_KEYS.join(", ")}` }),
            text: sectionText,
            writtenBy: z.enum(WRITTEN_BY, { error: `writtenBy must be one of: ${WRITTEN_BY.join(", ")}` }),
            version: z.number().int().min(0).optional().describe("The version you started from; a stale one answers 409. Leave it out (or 0) for a section never written."),
          })
          .strict(),
      )
      .min(1, { error: "Send at least one section" })
      .max(SECTION_KEYS.length)
      .refine((sections) => new Set(sections.map((section) => section.key)).size === sections.length, { error: "Send each section at most once" }),
  })
  .strict();

/** Reads the edit form: fields `text-<key>`, `writtenBy-<key>` and `version-<key>` for each section on it. */
export function sectionsFromForm(values: Record<string, string>): { sections: SectionInput[] } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const sections: SectionInput[] = [];
  for (const key of SECTION_KEYS) {
    const text = values[`text-${key}`];
    if (text === undefined) continue;
    const writtenBy = values[`writtenBy-${key}`] ?? "";
    const version = Number.parseInt(values[`version-${key}`] ?? "", 10);
    if (!Number.isInteger(version) || version < 0) {
      issues.push({ field: "form", message: "Reload the page and make your changes again" });
      continue;
    }
    const trimmed = text.replace(/\r\n/g, "\n").trim();
    if (trimmed.length > SECTION_TEXT_MAX) issues.push({ field: `text-${key}`, message: `${sectionTitle(key)} must be ${SECTION_TEXT_MAX.toLocaleString("en-GB")} characters or fewer` });
    if (!(WRITTEN_BY as readonly string[]).includes(writtenBy)) issues.push({ field: `writtenBy-${key}`, message: `Select whose words “${sectionTitle(key)}” is in` });
    else sections.push({ key, text: trimmed, writtenBy: writtenBy as WrittenBy, version });
  }
  if (sections.length === 0 && issues.length === 0) issues.push({ field: "form", message: "Reload the page and make your changes again" });
  return issues.length > 0 ? { issues } : { sections };
}

/** A team's service hours and crisis contacts as a manager enters them. */
export interface CrisisContactInput {
  serviceHours: string;
  serviceContact: string;
  outOfHours: string;
}

const contactDetail = (label: string) => z.string({ error: `${label} must be text` }).trim().max(CONTACT_DETAIL_MAX, { error: `${label} must be ${CONTACT_DETAIL_MAX.toLocaleString("en-GB")} characters or fewer` });

const crisisContactSchema = z.object({
  serviceHours: contactDetail("The service's hours").min(1, { error: "Enter when the service is open" }),
  serviceContact: contactDetail("How to contact the service").min(1, { error: "Enter how to contact the service while it is open" }),
  outOfHours: contactDetail("Out-of-hours crisis contacts").min(1, { error: "Enter who to contact in a crisis when the service is closed" }),
});

/** Reads the crisis contacts settings form. */
export function crisisContactsFromForm(values: Record<string, string>): { input: CrisisContactInput } | { issues: FieldIssue[] } {
  const parsed = crisisContactSchema.safeParse({ serviceHours: values.serviceHours ?? "", serviceContact: values.serviceContact ?? "", outOfHours: values.outOfHours ?? "" });
  if (parsed.success) return { input: parsed.data };
  return { issues: parsed.error.issues.map((issue) => ({ field: String(issue.path[0] ?? "form"), message: issue.message })) };
}
