/**
 * Demo supervision: notes of monthly supervision between the team managers and their workers and
 * of clinical supervision with the psychologist, over the last few months; and one reflective case
 * review, for Mac Reid, whose weekends keep ending in A&E (three crises in eight weeks).
 * Other demo people are found stuck by the rules as the rest of the demo leaves them: long unseen
 * (Jade Whitfield, Shiv Doyle, Leanne Fitzgerald), never seen (Adrian Popescu, Paula Kenny), or
 * without goals.
 */
import type { Actor } from "../platform/access/index.ts";
import type { Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { todayIso } from "../platform/http/validation.ts";
import { significantEvents } from "../chronology/tables.ts";
import { fromLondon, londonParts } from "../chronology/schema.ts";
import { recordChronology } from "../chronology/service.ts";
import { addGoalInTransaction } from "../plans/goals.ts";
import type { DemoContext, DemoUserKey } from "../demo/types.ts";
import { insertCaseReview } from "./case-review-store.ts";
import { caseReviewSummary, VIA_CASE_REVIEW } from "./case-review-service.ts";
import { insertNote } from "./note-store.ts";
import { goalLines } from "./schema.ts";

interface DemoNote {
  worker: DemoUserKey;
  supervisor: DemoUserKey;
  daysAgo: number;
  note: string;
  agreedActions?: string;
}

const NOTES: DemoNote[] = [
  {
    worker: "worker",
    supervisor: "manager",
    daysAgo: 96,
    note: "Sam's first supervision since taking on three new people in a month. Caseload is at capacity. Talked through Dean's tenancy (going well) and Jade, who has stopped answering; Sam is worried they are the only one still trying. Sam is sleeping badly and knows it.",
    agreedActions: "Helen to hold new allocations to Sam for a month.\nSam to ask Pathways whether Jade is still collecting her script.",
  },
  {
    worker: "worker",
    supervisor: "manager",
    daysAgo: 68,
    note: "Better month. Sam took the Friday afternoon we agreed and used it for visits, not paperwork. Discussed Liam's release: probation and housing still have not spoken to each other, and Sam has been carrying that alone.",
    agreedActions: "Helen to raise probation and housing release planning at the partnership board.\nSam to book a three-way call before Liam's release date.",
  },
  {
    worker: "worker",
    supervisor: "manager",
    daysAgo: 40,
    note: "Kyle had probation and the housing options team booking him at the same time again; Sam is spending more time untangling appointments than with Kyle. Jade has still not been seen. Sam is sleeping better since the protected Friday afternoons.",
    agreedActions: "Sam to ask probation for a named contact for Kyle's appointments.",
  },
  {
    worker: "worker",
    supervisor: "manager",
    daysAgo: 12,
    note: "Mostly about Mac. Another night in A&E last month and a bad weekend since. Sam feels every plan is about getting Mac through the nights and nothing is about his days, and asked for a reflective case review with Tom rather than another crisis plan. Jade is still not being seen, over five weeks now; we agreed not to give up on her.",
    agreedActions: "Sam to set up a reflective case review for Mac with Tom and Lee.\nSam to leave a card for Jade at the day centre and the needle exchange each week.",
  },
  {
    worker: "coworker",
    supervisor: "manager",
    daysAgo: 88,
    note: "Priya is working 22 hours and covering more than that. Talked about Shiv: out of contact again and Priya blames herself for the last detox falling through. Reminded her that there was no aftercare offered, which was not hers to fix.",
    agreedActions: "Priya to log the missing aftercare as a barrier for the partnership board.",
  },
  {
    worker: "coworker",
    supervisor: "manager",
    daysAgo: 33,
    note: "Adrian has still not been engaged after two months of street outreach. Priya wonders if he would talk to someone who speaks Romanian. Hassan is doing well and wants to be asked about volunteering.",
    agreedActions: "Helen to ask the outreach team about a Romanian-speaking volunteer.\nPriya to talk to Hassan about the peer mentor training in spring.",
  },
  {
    worker: "worker2",
    supervisor: "manager",
    daysAgo: 75,
    note: "Dan's caseload has three people out of contact or in prison. He finds it hard to feel useful when he cannot see them. Talked about what keyworking looks like when someone is inside: letters, visits, and the release plan.",
  },
  {
    worker: "worker2",
    supervisor: "manager",
    daysAgo: 20,
    note: "Leanne has not been seen for eight weeks. Dan has tried the needle exchange and her sister. We agreed this is not a reason to close: we keep the door open and keep the network informed.",
    agreedActions: "Dan to ask Pathways to pass on a message at her next exchange visit.",
  },
  {
    worker: "worker3",
    supervisor: "manager",
    daysAgo: 55,
    note: "Aisha works two days a week and feels she misses everything that happens on the other three. Paula has not been met yet. Agreed Aisha's protected days should be kept for people, not meetings.",
    agreedActions: "Helen to move the team meeting to one of Aisha's days.",
  },
  {
    worker: "worker",
    supervisor: "psychologist",
    daysAgo: 62,
    note: "Clinical supervision. Sam brought Blessing: six workers since she was sixteen, and Sam feels the weight of not being the seventh to leave. Thought together about how to say honestly what Sam can and cannot promise.",
  },
  {
    worker: "worker",
    supervisor: "psychologist",
    daysAgo: 1,
    note: "Reflected on this week's review with Mac. Sam noticed how much easier the conversation was once we stopped talking about his crises and asked about his Saturdays. Talked about keeping that curiosity when the next weekend goes badly.",
    agreedActions: "Sam to try the same question with Gary before his move-on meeting.",
  },
  {
    worker: "worker2",
    supervisor: "psychologist",
    daysAgo: 30,
    note: "Clinical supervision. Dan is angry about how Nathan was treated at court. Space to say so. Then thought about what Nathan needs from Dan on release, and what Dan needs from the team to keep going.",
  },
  {
    worker: "other",
    supervisor: "children-manager",
    daysAgo: 45,
    note: "Jo has two young people in hospital and is spending most days on wards and on the phone to CAMHS. Talked about Ethan's discharge plan and about Jo's own time off, which has not happened since the summer.",
    agreedActions: "Grace to cover Jo's Friday calls for two weeks so Jo can take leave.",
  },
  {
    worker: "other",
    supervisor: "children-manager",
    daysAgo: 15,
    note: "Jo back from leave and rested. Zara's family feel nobody listens to them at ward rounds; Jo will go with them next time. Samuel has not been seen for a month and Jo wants to try the school instead of home visits.",
  },
];

const MAC = {
  key: "malcolm-reid",
  crisisDaysAgo: 24,
  crisisTitle: "Brought to A&E by police after a night walking on the moor",
  reviewDaysAgo: 3,
  whatIsStuck:
    "3 crises in 8 weeks, two of them in the last fortnight, mostly at weekends.\nEvery plan we have made is about getting Mac through the nights; none of it is about his days.\nMac has stopped coming to the veterans' group.",
  conversation:
    "Tom and Sam met Mac at Costa on Market Street, with Lee, his peer mentor. Sam said honestly that we have been reacting to each crisis and have not asked Mac what he wants. Mac said the weekends are the worst because there is nothing to get up for, and that A&E is at least somewhere with people in it. He did not want another crisis plan. Lee talked about how Saturdays were for him after leaving the army.",
  refocusedGoals: "Have something to get up for on a Saturday morning\nGet back to the veterans' walking group\nSleep through the night more often than not",
  outcome:
    "Plan refocused on Mac's weekends: Lee will meet him for the Saturday walking group for the next month, and Sam will see him on Fridays instead of Mondays. Crisis plan kept as it is.",
};

function demoActor(context: DemoContext, key: DemoUserKey): Actor {
  return {
    userId: context.userIds[key],
    tenantId: context.tenantId,
    organisationId: context.organisationIds.together ?? "",
    teamId: null,
    email: `${key}@demo.test`,
    displayName: key,
    roles: ["psychologist"],
    ip: "demo",
  };
}

/** Loads the demo's supervision notes, a crisis that makes Mac's third, and his reflective case review. */
export async function loadSupervisionDemo(tx: Tx, context: DemoContext): Promise<void> {
  const daysAgo = (days: number) => new Date(context.now.getTime() - days * 86_400_000);
  for (const note of NOTES) {
    const heldAt = daysAgo(note.daysAgo);
    await insertNote(tx, {
      tenantId: context.tenantId,
      workerId: context.userIds[note.worker],
      supervisorId: context.userIds[note.supervisor],
      note: { heldOn: todayIso(heldAt), note: note.note, agreedActions: note.agreedActions ?? null },
      at: heldAt,
    });
  }

  const mac = context.people.find((person) => person.demo.key === MAC.key);
  if (!mac) return;
  const crisisAt = fromLondon(londonParts(daysAgo(MAC.crisisDaysAgo)).date, "02:30");
  await tx.insert(significantEvents).values({
    id: newId(),
    tenantId: context.tenantId,
    personId: mac.id,
    kind: "crisis",
    title: MAC.crisisTitle,
    occurredAt: crisisAt,
    recordedBy: context.userIds[mac.demo.lead],
    createdAt: crisisAt,
    updatedAt: crisisAt,
  });

  const psychologist = demoActor(context, "psychologist");
  const heldAt = fromLondon(londonParts(daysAgo(MAC.reviewDaysAgo)).date, "11:00");
  const heldOn = todayIso(heldAt);
  const review = { heldOn, whatIsStuck: MAC.whatIsStuck, conversation: MAC.conversation, refocusedGoals: MAC.refocusedGoals, outcome: MAC.outcome };
  const reviewId = await insertCaseReview(tx, { tenantId: context.tenantId, personId: mac.id, createdBy: psychologist.userId, review, at: heldAt });
  for (const description of goalLines(MAC.refocusedGoals)) {
    await addGoalInTransaction(tx, psychologist, mac.id, { description, workerNote: null }, { via: VIA_CASE_REVIEW, at: heldAt });
  }
  await recordChronology(tx, psychologist, {
    personId: mac.id,
    kind: "case-review",
    summary: caseReviewSummary(heldOn, goalLines(MAC.refocusedGoals).length),
    section: "plan",
    detail: { heldOn, goalsAdded: goalLines(MAC.refocusedGoals).length },
    sourceType: "case-review",
    sourceId: reviewId,
    occurredAt: heldAt,
  });
}
