import type { Tx } from "../platform/database/open.ts";
import { todayIso } from "../platform/http/validation.ts";
import { recordChronology } from "../chronology/service.ts";
import type { DemoContext } from "../demo/types.ts";
import { addMonths, RISK_CATEGORY_LABELS, type RiskCategory, type RiskLevel } from "./schema.ts";
import * as store from "./store.ts";

interface DemoRisk {
  person: string;
  category: RiskCategory;
  level: RiskLevel;
  description: string;
  safetyPlan?: string;
  /** Days since it was recorded; its review falls three months after, so an old one is overdue. */
  recordedDaysAgo: number;
}

const RISKS: DemoRisk[] = [
  {
    person: "gary-whitlock",
    category: "to-workers",
    level: "medium",
    description: "Can be verbally aggressive when he has been drinking, mostly in the evenings. Once threw a mug at a hostel worker.",
    safetyPlan: "Visit before midday. Meet in the St Anne's lounge with staff on shift, not in his room. Leave if he has been drinking.",
    recordedDaysAgo: 104,
  },
  {
    person: "gary-whitlock",
    category: "to-person",
    level: "high",
    description: "Drinks until unconscious; one ambulance call-out this month.",
    safetyPlan: "Night staff check him at 11pm and 3am. Pathways are offering a community detox; he says he will think about it.",
    recordedDaysAgo: 8,
  },
  {
    person: "leanne-fitzgerald",
    category: "to-workers",
    level: "high",
    description: "Stays at addresses where drugs are being dealt. A worker was threatened at a door on Cross Lane.",
    safetyPlan: "Never visit an address alone. Meet at the needle exchange or the day centre. Two workers for any home visit; call the office before and after.",
    recordedDaysAgo: 30,
  },
  {
    person: "leanne-fitzgerald",
    category: "to-person",
    level: "high",
    description: "Overdose risk: uses crack and heroin, often alone, and loses phones.",
    safetyPlan: "Naloxone kit given and she knows how to use it. The needle exchange passes on messages.",
    recordedDaysAgo: 30,
  },
  {
    person: "shabana-akhtar",
    category: "to-person",
    level: "high",
    description: "Domestic abuse: her husband is looking for her and has contacted her family.",
    safetyPlan: "Never confirm where she is staying. No letters to her old address, no voicemails. MARAC referral made.",
    recordedDaysAgo: 60,
  },
  {
    person: "shabana-akhtar",
    category: "to-workers",
    level: "medium",
    description: "Her husband has followed professionals before to find where she lives.",
    safetyPlan: "Do not meet her at the refuge. Meet at the women's centre in town and vary the route.",
    recordedDaysAgo: 60,
  },
  {
    person: "wayne-pritchard",
    category: "to-workers",
    level: "low",
    description: "A friend's dog is often in his room: friendly, but jumps up.",
    safetyPlan: "Ask hostel staff to take the dog out before you go up.",
    recordedDaysAgo: 45,
  },
  {
    person: "liam-odriscoll",
    category: "to-person",
    level: "high",
    description: "Overdose risk on release: his tolerance is low after five months without using inside.",
    safetyPlan: "Naloxone and training on the day of release. Worker at the gate. First night's bed booked before release, with probation and housing agreed.",
    recordedDaysAgo: 20,
  },
  {
    person: "dean-holloway",
    category: "to-person",
    level: "medium",
    description: "Could lose his tenancy through unopened letters and rent arrears, as he has twice before.",
    safetyPlan: "Sam opens post with him on Thursdays. Housing element paid direct to Harbour Housing.",
    recordedDaysAgo: 50,
  },
  {
    person: "robin-ashby",
    category: "to-person",
    level: "medium",
    description: "Self-harms when things pile up; seen in A&E last month.",
    safetyPlan: "Robin's own plan: call their peer mentor or the crisis line, and go to a friend's rather than stay alone.",
    recordedDaysAgo: 25,
  },
  {
    person: "oliver-grant",
    category: "from-person",
    level: "medium",
    description: "Lashes out when distressed, especially at changes to his routine; has hurt his dad and a teaching assistant.",
    safetyPlan: "Warn of any change with his visual timetable. Dad present at visits. Quiet room, no more than two adults.",
    recordedDaysAgo: 40,
  },
  {
    person: "riley-shaw",
    category: "to-person",
    level: "high",
    description: "Suicidal thoughts when in crisis; has waited in A&E with nowhere safe to go.",
    safetyPlan: "CAMHS crisis plan shared with the family. Text, not phone calls, when Riley is anxious.",
    recordedDaysAgo: 35,
  },
];

/** Loads the demo's risks: lone-working risks for three people (one with an overdue review), and others. */
export async function loadRisksDemo(tx: Tx, context: DemoContext): Promise<void> {
  const people = new Map(context.people.map((person) => [person.demo.key, person]));
  for (const risk of RISKS) {
    const person = people.get(risk.person);
    if (!person) continue;
    const recordedAt = new Date(context.now.getTime() - risk.recordedDaysAgo * 86_400_000);
    const actor = { tenantId: context.tenantId, userId: context.userIds[person.demo.lead] };
    const row = await store.insertRisk(tx, {
      tenantId: context.tenantId,
      personId: person.id,
      createdBy: actor.userId,
      at: recordedAt,
      risk: { category: risk.category, level: risk.level, description: risk.description, safetyPlan: risk.safetyPlan ?? null, reviewOn: addMonths(todayIso(recordedAt), 3) },
    });
    await recordChronology(tx, actor, {
      personId: person.id,
      kind: "risk-added",
      summary: `${RISK_CATEGORY_LABELS[risk.category]} added (${risk.level})`,
      section: "risks",
      sourceType: "risk",
      sourceId: row.id,
      occurredAt: recordedAt,
    });
  }
}
