import type { DemoUserKey } from "../demo/types.ts";
import type { AttendeeKind, MeetingKind } from "./schema.ts";

/**
 * The demo's meetings: CETRs for three young people on the children's register, ten to fourteen
 * weeks ago, each with a next CETR planned in a couple of weeks, and a case conference about an adult in
 * the multiple-needs service. Recommendations are owned by CAMHS, children's social care,
 * education and the keyworker team; some are done, with evidence, some are still open and overdue.
 * Everyone is fictional.
 */

/** Who owns a recommendation: an organisation of the core demo (by key) or one found by name. */
export type DemoOwner = { organisation: string; user?: DemoUserKey; name?: string };

export interface DemoRecommendation {
  description: string;
  owner: DemoOwner;
  /** Days after the meeting it falls due. */
  dueAfterDays: number;
  /** Done, with the evidence, this many days after the meeting. */
  done?: { afterDays: number; evidence: string };
}

export interface DemoAttendee {
  kind: AttendeeKind;
  user?: DemoUserKey;
  name?: string;
  role?: string;
  sentApologies?: boolean;
}

export interface DemoMeeting {
  person: string;
  kind: MeetingKind;
  /** Negative for a meeting held, positive for one planned. */
  daysFromToday: number;
  location: string;
  attendees: DemoAttendee[];
  notes?: string;
  recommendations?: DemoRecommendation[];
}

/** Organisations the recommendations name that are not keys of the core demo, with their kind. */
export const NAMED_ORGANISATIONS: Record<string, string> = {
  "Northmoor Education Service": "education",
  "Northmoor Children's Services": "social-care",
  "Northmoor City Council": "housing",
};

const EDUCATION = "Northmoor Education Service";
const CHILDRENS_SERVICES = "Northmoor Children's Services";
const KEYWORKER: DemoOwner = { organisation: "children", user: "other" };
const CAMHS: DemoOwner = { organisation: "camhs", user: "camhs" };
const JO: DemoAttendee = { kind: "team-member", user: "other", role: "Keyworker, Northmoor Children's Keyworker Service" };
const NADIA: DemoAttendee = { kind: "team-member", user: "camhs", role: "CAMHS clinician, Northmoor CAMHS" };
const CHAIR: DemoAttendee = { kind: "other", name: "Mike Doran", role: "CETR chair, Northmoor Integrated Care Board" };
const EXPERT: DemoAttendee = { kind: "other", name: "Sally Quinn", role: "Expert by experience (CETR panel)" };

export const DEMO_MEETINGS: DemoMeeting[] = [
  {
    person: "ethan-marsden",
    kind: "cetr",
    daysFromToday: -70,
    location: "Larchwood Adolescent Unit, family room",
    attendees: [
      { kind: "the-person", name: "Ethan Marsden" },
      { kind: "family", name: "Claire Marsden", role: "Mum" },
      { kind: "family", name: "Paul Marsden", role: "Dad" },
      JO,
      NADIA,
      { kind: "other", name: "Dr Priya Sandhu", role: "Consultant psychiatrist, Larchwood Adolescent Unit" },
      { kind: "other", name: "Hannah Price", role: "SEND caseworker, Northmoor Education Service" },
      { kind: "other", name: "Lena Brooks", role: "Social worker, Northmoor Children's Services" },
      CHAIR,
      EXPERT,
      { kind: "professional", name: "Karen Lowe", role: "SENCo (Ethan is still on roll), Oakfield Academy", sentApologies: true },
    ],
    notes:
      "A week after Ethan's admission. He joined for the first twenty minutes and showed the panel his drawings of the ward. He said it is too loud to sleep and he wants to be home before his birthday.\n\nThe panel agreed that Ethan does not need to be in hospital for anything that could not be done at home, if the right support is in place first. What is stopping discharge: no school place he can get to, no support package at home, and Mum and Dad are exhausted.\n\nMum asked that nobody agrees a discharge date until the school place and the support at home are confirmed in writing.",
    recommendations: [
      {
        description: "Agree a step-down plan with the unit, including who sees Ethan in his first week at home",
        owner: CAMHS,
        dueAfterDays: 30,
        done: { afterDays: 26, evidence: "Step-down plan agreed at the professionals' meeting and shared with Mum, Dad and the unit." },
      },
      { description: "Find a school place Ethan can reach in under 40 minutes, with a quiet base, and update his EHC plan", owner: { organisation: EDUCATION, name: "Hannah Price, SEND caseworker" }, dueAfterDays: 45 },
      { description: "Complete a carer's assessment for Claire and Paul, and agree short breaks before discharge", owner: { organisation: CHILDRENS_SERVICES, name: "Lena Brooks, social worker" }, dueAfterDays: 60 },
      {
        description: "Refer Ethan's home support package to the joint funding panel, and tell the family each week where it has got to",
        owner: KEYWORKER,
        dueAfterDays: 21,
        done: { afterDays: 19, evidence: "Referral made; the panel will decide once the package is costed. Claire told the same afternoon." },
      },
      { description: "Write a crisis plan with the family, and share it with school and the out-of-hours team before any home leave", owner: CAMHS, dueAfterDays: 80 },
    ],
  },
  {
    person: "ethan-marsden",
    kind: "cetr",
    daysFromToday: 14,
    location: "Larchwood Adolescent Unit, family room",
    attendees: [{ kind: "the-person", name: "Ethan Marsden" }, { kind: "family", name: "Claire Marsden", role: "Mum" }, { kind: "family", name: "Paul Marsden", role: "Dad" }, JO, NADIA, CHAIR, EXPERT],
    notes: "Agenda: the school place, the carer's assessment, and a date for discharge only if both are in place.",
  },
  {
    person: "oliver-grant",
    kind: "cetr",
    daysFromToday: -84,
    location: "Willowbrook Special School, the library",
    attendees: [
      { kind: "the-person", name: "Ollie Grant" },
      { kind: "family", name: "Steve Grant", role: "Dad" },
      JO,
      NADIA,
      { kind: "professional", name: "Dev Shah", role: "School SENCo, Willowbrook Special School" },
      { kind: "other", name: "Tariq Hussain", role: "Short breaks coordinator, Northmoor Children's Services" },
      CHAIR,
      { kind: "other", name: "Hannah Price", role: "SEND caseworker, Northmoor Education Service", sentApologies: true },
    ],
    notes:
      "A community CETR: Ollie is amber-red and everyone wants to keep him at home and at Willowbrook.\n\nOllie came in for the start with his picture board and chose the biscuits. Dad said the hardest times are after school and when plans change without warning; respite stopped for six weeks when Ollie's usual worker was off and nobody covered.\n\nAgreed: one plan that school, CAMHS and short breaks all follow, built around Ollie's visual timetable.",
    recommendations: [
      { description: "Agree a plan to build Ollie back up to full days at school, starting with one afternoon a week", owner: { organisation: EDUCATION, name: "Hannah Price, SEND caseworker" }, dueAfterDays: 30 },
      {
        description: "Review Ollie's sleep and medication with Dad, and write down what was agreed",
        owner: CAMHS,
        dueAfterDays: 42,
        done: { afterDays: 38, evidence: "Reviewed with Steve; the dose was changed and a letter went to the GP and school." },
      },
      { description: "Carer's assessment for Steve, including who looks after Ollie if Steve is ill", owner: { organisation: CHILDRENS_SERVICES, name: "Tariq Hussain, short breaks coordinator" }, dueAfterDays: 60 },
      { description: "Hold a professionals' meeting every six weeks until the next CETR, and send Dad the notes", owner: KEYWORKER, dueAfterDays: 95 },
    ],
  },
  {
    person: "oliver-grant",
    kind: "cetr",
    daysFromToday: 16,
    location: "Willowbrook Special School, the library",
    attendees: [{ kind: "the-person", name: "Ollie Grant" }, { kind: "family", name: "Steve Grant", role: "Dad" }, JO, NADIA, { kind: "professional", name: "Dev Shah", role: "School SENCo, Willowbrook Special School" }, CHAIR],
  },
  {
    person: "riley-shaw",
    kind: "cetr",
    daysFromToday: -98,
    location: "Online (Riley's choice), with Mum at home",
    attendees: [
      { kind: "the-person", name: "Riley Shaw", sentApologies: true },
      { kind: "family", name: "Dawn Shaw", role: "Mum" },
      JO,
      NADIA,
      { kind: "professional", name: "Gareth Lloyd", role: "Education welfare officer, Northmoor Education Service" },
      CHAIR,
      EXPERT,
    ],
    notes:
      "Riley chose not to join, and sent their views in writing beforehand; the chair read them out first. Riley wants to be asked about their own plan, and wants a school that understands autism.\n\nRiley did not know they were on the register until recently. The panel apologised and agreed that Riley is told, in writing, what it means.\n\nThe last crisis meant two days waiting in A&E: everyone agreed this must not happen again.",
    recommendations: [
      {
        description: "Find two schools that understand autism, and arrange for Riley to visit them",
        owner: { organisation: EDUCATION, name: "Gareth Lloyd, education welfare officer" },
        dueAfterDays: 60,
        done: { afterDays: 88, evidence: "Riley visited two specialist schools with Mum; the EHC plan review will name one." },
      },
      { description: "Agree with Riley a crisis plan that does not mean waiting in A&E: a named place to go and who to text", owner: CAMHS, dueAfterDays: 45 },
      {
        description: "Tell Riley in writing what the register is, what their rating means and how to ask for a review",
        owner: KEYWORKER,
        dueAfterDays: 14,
        done: { afterDays: 9, evidence: "Jo wrote to Riley and went through it with them by text. Riley asked for their rating to be reviewed." },
      },
      { description: "Offer the family an early help assessment, with support for Dawn", owner: { organisation: CHILDRENS_SERVICES, name: "Lena Brooks, social worker" }, dueAfterDays: 105 },
    ],
  },
  {
    person: "riley-shaw",
    kind: "cetr",
    daysFromToday: 12,
    location: "Online (Riley's choice)",
    attendees: [{ kind: "the-person", name: "Riley Shaw" }, { kind: "family", name: "Dawn Shaw", role: "Mum" }, JO, NADIA, CHAIR],
    notes: "Riley has asked to join for the crisis plan part, by chat rather than on camera.",
  },
  {
    person: "gary-whitlock",
    kind: "case-conference",
    daysFromToday: -35,
    location: "St Anne's Hostel, meeting room",
    attendees: [
      { kind: "the-person", name: "Gary Whitlock" },
      { kind: "team-member", user: "worker", role: "Service coordinator, Northmoor Together" },
      { kind: "team-member", user: "coworker", role: "Service coordinator, Northmoor Together" },
      { kind: "team-member", user: "hostel", role: "Hostel key worker, St Anne's Hostel" },
      { kind: "team-member", user: "drug-alcohol", role: "Recovery worker, Pathways Drug and Alcohol Service" },
      { kind: "other", name: "Rachel Dunne", role: "Housing Options officer, Northmoor City Council" },
      { kind: "professional", name: "Dr Helen Kirk", role: "GP, Brookside Medical Practice", sentApologies: true },
    ],
    notes:
      "Called because St Anne's are under pressure to move Gary on while he waits for his Housing First flat, and two moves have broken down before.\n\nGary said he wants a flat with a door he can lock, and would rather stay at St Anne's until the right place comes up than be moved somewhere he will lose. He is drinking less and was open about it.\n\nAgreed: nobody moves Gary on without this group meeting first.",
    recommendations: [
      { description: "No move-on notice while a Housing First place is being found; review at the next case conference", owner: { organisation: "hostel", user: "hostel" }, dueAfterDays: 56 },
      { description: "Keep Gary's housing register band while he waits, so the Housing First offer is not held up", owner: { organisation: "Northmoor City Council", name: "Rachel Dunne, Housing Options" }, dueAfterDays: 28 },
      {
        description: "See Gary at the hostel every week, at a time he chooses",
        owner: { organisation: "drug-alcohol", user: "drug-alcohol" },
        dueAfterDays: 14,
        done: { afterDays: 10, evidence: "Kev sees Gary on Tuesday afternoons in the hostel lounge." },
      },
      {
        description: "Ask the GP for liver function tests, and go with Gary to the appointment",
        owner: { organisation: "together", user: "worker" },
        dueAfterDays: 14,
        done: { afterDays: 12, evidence: "Bloods taken; Sam went with him. Results to be discussed with the GP." },
      },
    ],
  },
];
