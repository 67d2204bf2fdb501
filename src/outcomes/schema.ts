import { z } from "zod";

/**
 * Outcome scales (C8): each domain is scored on a range, with a plain-English description for every
 * point. Keywork's default open scale below was written for these services, in the person's voice.
 */

export interface ScalePoint {
  score: number;
  description: string;
}

export interface ScaleDomain {
  key: string;
  name: string;
  question?: string;
  minimum: number;
  maximum: number;
  points: ScalePoint[];
}

export const DOMAINS_MIN = 2;
export const DOMAINS_MAX = 20;
export const NOTE_MAX = 2000;

const pointSchema = z.object({ score: z.number().int(), description: z.string().trim().min(1, "Describe every point").max(300) }).strict();

export const domainSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, "A domain key is lower-case letters, digits and hyphens, starting with a letter"),
    name: z.string().trim().min(1, "Give every domain a name").max(80),
    question: z.string().trim().max(300).optional(),
    minimum: z.number().int().min(0).max(10),
    maximum: z.number().int().min(1).max(10),
    points: z.array(pointSchema).max(11),
  })
  .strict()
  .superRefine((domain, context) => {
    if (domain.maximum <= domain.minimum) {
      context.addIssue({ code: "custom", message: `${domain.name}: the top of the range must be above the bottom`, path: ["maximum"] });
      return;
    }
    const scores = domain.points.map((point) => point.score);
    for (let score = domain.minimum; score <= domain.maximum; score += 1) {
      if (!scores.includes(score)) context.addIssue({ code: "custom", message: `${domain.name}: describe point ${score}`, path: ["points"] });
    }
    if (scores.some((score) => score < domain.minimum || score > domain.maximum)) {
      context.addIssue({ code: "custom", message: `${domain.name}: every point must be between ${domain.minimum} and ${domain.maximum}`, path: ["points"] });
    }
    if (new Set(scores).size !== scores.length) context.addIssue({ code: "custom", message: `${domain.name}: each point is described once`, path: ["points"] });
  });

export const domainsSchema = z
  .array(domainSchema)
  .min(DOMAINS_MIN, `A scale has at least ${DOMAINS_MIN} domains`)
  .max(DOMAINS_MAX, `A scale has at most ${DOMAINS_MAX} domains`)
  .superRefine((domains, context) => {
    const keys = domains.map((domain) => domain.key);
    const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
    if (repeated.length > 0) context.addIssue({ code: "custom", message: `Each domain key is used once: ${[...new Set(repeated)].join(", ")} is repeated` });
  });

/** Five points in the person's voice, from hardest (1) to going well (5). */
function points(one: string, two: string, three: string, four: string, five: string): ScalePoint[] {
  return [one, two, three, four, five].map((description, index) => ({ score: index + 1, description }));
}

function domain(key: string, name: string, question: string, descriptions: [string, string, string, string, string]): ScaleDomain {
  return { key, name, question, minimum: 1, maximum: 5, points: points(...descriptions) };
}

export const DEFAULT_SCALE_NAME = "Keywork open outcomes scale";
export const DEFAULT_SCALE_DESCRIPTION =
  "Eight areas of life, each scored from 1 (things are at their hardest) to 5 (this is going well). Talk it through together and let the person choose the words that fit.";

/** Keywork's own default scale: written for these services, not copied from any published tool. */
export const DEFAULT_SCALE_DOMAINS: ScaleDomain[] = [
  domain("somewhere-to-live", "Somewhere to live", "How settled do you feel about where you are living?", [
    "I have nowhere safe to stay tonight.",
    "I have a roof for now, but it could go any day.",
    "I have somewhere, but it does not feel settled or right for me.",
    "My place is mostly sorted; a few things still worry me.",
    "I have a home I feel settled in and can keep.",
  ]),
  domain("mind", "Staying well in my mind", "How are you coping with how you feel?", [
    "My feelings are overwhelming me and I cannot see a way through.",
    "I struggle most days and find it hard to ask for help.",
    "I have good days and bad days, and I am starting to notice what helps.",
    "I mostly cope, and I know who to turn to when it gets hard.",
    "I feel steady and know how to look after myself.",
  ]),
  domain("physical-health", "Physical health", "How is your body and your health care?", [
    "My health is in a bad way and I am not getting any help with it.",
    "I know something needs seeing to but I have not got there yet.",
    "I am in touch with a doctor or nurse, on and off.",
    "I keep my appointments and my health is getting better.",
    "I look after my health and feel well in my body.",
  ]),
  domain("drink-and-drugs", "Drink and drugs", "How much are drink or drugs running your life?", [
    "Drink or drugs are running my life right now.",
    "I want things to change but I cannot manage it yet.",
    "I am trying to cut down or stop, with some slips.",
    "I am mostly in control and I know my warning signs.",
    "Drink or drugs are not a problem for me now.",
  ]),
  domain("keeping-safe", "Keeping safe and out of trouble", "How safe are you, and how much trouble are you in?", [
    "I am not safe, or I am in serious trouble with the police or courts.",
    "Trouble keeps finding me and I do not feel safe much of the time.",
    "I am staying away from some of the trouble and feel safer some days.",
    "I mostly keep myself safe and out of trouble.",
    "I feel safe and I am keeping out of trouble.",
  ]),
  domain("money", "Money", "How are you managing money, benefits and debts?", [
    "I have no money coming in and debts are piling up.",
    "Money runs out every week and I do not know where to start.",
    "My benefits or income are sorted, but it is still a struggle.",
    "I am keeping on top of bills and dealing with my debts.",
    "I manage my money and can plan ahead.",
  ]),
  domain("people-around-me", "People around me", "How are things with the people in your life?", [
    "I have nobody, or the people around me harm me.",
    "I feel lonely and there is no one I can really rely on.",
    "I have one or two people I can turn to now and then.",
    "I have people I trust, and I am getting on better with them.",
    "I have good people around me and I give something back too.",
  ]),
  domain("doing-things-i-value", "Doing things I value", "How are you spending your days?", [
    "My days feel empty and I cannot see the point.",
    "I would like to do more but something always gets in the way.",
    "I am trying something out, like a group, a course or volunteering.",
    "I do things most weeks that matter to me.",
    "My days are full of things I care about, like work, learning or helping others.",
  ]),
];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD");

/** `POST /api/v1/people/{id}/outcomes`: a reading; the scale is the default when not named. */
export const postReadingBody = z
  .object({
    scaleId: z.string().uuid().optional().describe("The scale read; the organisation's default scale when left out"),
    takenOn: isoDate.describe("The day of the reading, YYYY-MM-DD, not in the future"),
    scores: z.record(z.string(), z.number().int()).describe("A score for every domain of the scale: domain key -> score"),
    note: z.string().max(NOTE_MAX).optional(),
  })
  .strict();
export type PostReadingBody = z.infer<typeof postReadingBody>;
