import { sql } from "drizzle-orm";
import type { Tx } from "../platform/database/open.ts";
import { queryRows } from "../platform/database/query.ts";
import type { DemoContext, DemoUserKey } from "../demo/types.ts";
import type { SectionKey, WrittenBy } from "./schema.ts";
import * as store from "./store.ts";

/**
 * The demo's wellness and crisis plans: a full one for Dean Holloway (he shares it with his mum),
 * part of one for Shabana Akhtar, and each team's service hours and out-of-hours crisis contacts.
 * All numbers are from Ofcom's ranges for drama (07700 900xxx, 01632 960xxx).
 */

interface DemoSection {
  key: SectionKey;
  text: string;
  writtenBy: WrittenBy;
  savedBy: DemoUserKey;
  daysAgo: number;
  /** An earlier version, so the history has something to show. */
  earlier?: { text: string; daysAgo: number };
}

const PLANS: Record<string, DemoSection[]> = {
  "dean-holloway": [
    { key: "what-keeps-me-well", writtenBy: "the-person", savedBy: "worker", daysAgo: 40, text: "Having my own front door and keeping on top of the post. Walking the canal in the morning. Football on a Saturday at the Red Lion (soft drinks). Seeing my mum on Sundays. Knowing Sam will ring me back." },
    { key: "triggers", writtenBy: "the-person", savedBy: "worker", daysAgo: 40, text: "March, around the anniversary of my dad dying. Brown envelopes I can't face opening. Bumping into people I used to drink with outside the bookies on Market Street." },
    {
      key: "early-warning-signs",
      writtenBy: "together",
      savedBy: "worker",
      daysAgo: 12,
      text: "I stop answering my phone and let the post pile up. I stay in bed past midday and stop eating proper meals. Mum says I go quiet on the phone.\nIf you notice this: knock, don't just ring. Ask me straight out if I'm drinking — I'd rather you asked.",
      earlier: { daysAgo: 40, text: "I stop answering my phone. I stay in bed." },
    },
    { key: "breaking-down", writtenBy: "together", savedBy: "worker", daysAgo: 40, text: "Drinking every day, not going out at all, talking about giving the flat up. That's when I need someone to come round the same day and not wait for our next appointment." },
    { key: "crisis-who-to-contact", writtenBy: "the-person", savedBy: "worker", daysAgo: 40, text: "My mum, Maureen Holloway: 07700 900601. Sam Okafor at the service in office hours. My GP, Dr Shah at Tanner Row Surgery.\nPlease don't contact my ex-partner." },
    { key: "crisis-what-helps", writtenBy: "the-person", savedBy: "worker", daysAgo: 40, text: "Someone sitting with me and keeping it calm. A cup of tea and something to eat. Being told straight what is going to happen next." },
    { key: "crisis-what-does-not-help", writtenBy: "the-person", savedBy: "worker", daysAgo: 40, text: "Being lectured about the drink. Lots of people in the room at once. Police turning up at the flat if it can be avoided — the neighbours talk." },
    { key: "crisis-preferences", writtenBy: "together", savedBy: "worker", daysAgo: 40, text: "If I need a detox I'd prefer the community team to a ward. If I have to go in, Northmoor General, not out of area. Mum has a spare key and will look after the flat." },
    { key: "after-a-crisis", writtenBy: "carer", savedBy: "coworker", daysAgo: 30, text: "Dean needs a visit within a couple of days, not a letter. Help him sort any rent that has slipped so he doesn't lose the flat. (Written by his mum, Maureen, with Priya.)" },
  ],
  "shabana-akhtar": [
    { key: "what-keeps-me-well", writtenBy: "the-person", savedBy: "coworker", daysAgo: 20, text: "My children's routine. The women's group on Thursdays. Knowing where I stand with the solicitor." },
    { key: "triggers", writtenBy: "together", savedBy: "coworker", daysAgo: 20, text: "Letters about the court case. Crowded buses. Anyone asking where I live." },
  ],
};

const CONTACTS: Record<string, { serviceHours: string; serviceContact: string; outOfHours: string; by: DemoUserKey }> = {
  "multiple-needs": {
    serviceHours: "Monday to Friday, 9am to 5pm. Late opening until 7pm on Thursdays. Closed on bank holidays.",
    serviceContact: "Duty line: 01632 960010 (a worker from the team answers).\nOr ask your worker for their work mobile number.",
    outOfHours: "In an emergency, call 999.\nNorthmoor mental health crisis line, open all day and night: 01632 960999.\nNHS 111 (choose the mental health option), or Samaritans on 116 123 any time.",
    by: "manager",
  },
  children: {
    serviceHours: "Monday to Friday, 8:30am to 6pm.",
    serviceContact: "Keyworker service duty line: 01632 960020.",
    outOfHours: "In an emergency, call 999.\nCAMHS crisis team (evenings and weekends): 01632 960777.\nChildline on 0800 1111 for young people, any time.",
    by: "children-manager",
  },
};

function daysAgo(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

export async function loadWellnessPlansDemo(tx: Tx, context: DemoContext): Promise<void> {
  for (const [key, sections] of Object.entries(PLANS)) {
    const person = context.people.find((candidate) => candidate.demo.key === key);
    if (!person) continue;
    for (const section of sections) {
      const base = { tenantId: context.tenantId, personId: person.id, section: section.key, writtenBy: section.writtenBy, savedBy: context.userIds[section.savedBy] };
      if (section.earlier) {
        await store.insertSection(tx, { ...base, text: section.earlier.text, savedAt: daysAgo(context.now, section.earlier.daysAgo) });
        await store.updateSection(tx, { ...base, text: section.text, savedAt: daysAgo(context.now, section.daysAgo), expectedVersion: 1 });
      } else {
        await store.insertSection(tx, { ...base, text: section.text, savedAt: daysAgo(context.now, section.daysAgo) });
      }
    }
  }
  const teams = await queryRows<{ id: string; service: string }>(tx, sql`SELECT id, service FROM teams WHERE tenant_id = ${context.tenantId}`);
  for (const team of teams) {
    const details = CONTACTS[team.service];
    if (!details) continue;
    const { by, ...text } = details;
    await store.saveTeamContacts(tx, { tenantId: context.tenantId, teamId: team.id, ...text, updatedBy: context.userIds[by], expectedVersion: 0 });
  }
}
