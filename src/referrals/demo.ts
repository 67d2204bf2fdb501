import { hashSecretToken, newSecretToken } from "../platform/secret-tokens.ts";
import type { Tx } from "../platform/database/open.ts";
import { addDays } from "../platform/clock.ts";
import { newId } from "../platform/database/ids.ts";
import { todayIso } from "../platform/http/validation.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { recordChronology } from "../chronology/service.ts";
import type { DemoContext, DemoUserKey } from "../demo/types.ts";
import type { Rating } from "../register/schema.ts";
import type { EligibilityRules, NeedDomain, Priority, ReferralStep } from "./schema.ts";
import { findServiceIdByName, findTeamIdByService, insertSettings } from "./settings-store.ts";
import { insertReferral, insertReferralStep } from "./store.ts";
import { addWorkingDays, isWorkingDay } from "./working-days.ts";

/**
 * The demo's referrals: the two key-worker services take referrals with eligibility rules and public
 * links whose tokens are fixed (so the README and the journeys can use them), and the multiple-needs
 * team has referrals in every state — one overdue for acknowledgement, one being screened (for
 * someone the team already knows), two on the waiting list, one declined with other services
 * suggested, and one allocated.
 */

export const DEMO_PUBLIC_LINKS = { adults: "demo-adults", children: "demo-children" } as const;
/** The private status page of the allocated demo referral. */
export const DEMO_STATUS_TOKEN = "demo-status-page-for-the-allocated-referral";

const MULTIPLE_NEEDS_SERVICE = "Service coordination for multiple needs";
const CHILDRENS_SERVICE = "Keyworker service for children and young people";

const ADULT_RULES: EligibilityRules = { needs: { domains: ["housing", "mental-health", "substance-use", "offending", "physical-health"], atLeast: 4 } };
const CHILDREN_RULES: EligibilityRules = { registerRatings: ["red", "amber-red"], age: { minimum: 0, maximum: 25 } };

interface DemoReferral {
  service: "adults" | "children";
  /** Working days before today it arrived. */
  receivedWorkingDaysAgo: number;
  person: { givenName: string; familyName: string; aliases?: string[]; dateOfBirth: string; area: string; phone?: string };
  needs: NeedDomain[];
  registerRating?: Rating;
  reason: string;
  safety?: string;
  referrer: { name: string; organisation: string; role: string; email: string; user?: DemoUserKey };
  priority?: Priority;
  /** Steps after "received", each some working days after it. */
  steps: Array<{ step: ReferralStep; afterWorkingDays: number; note?: string; visibleToReferrer?: boolean }>;
  decisionReason?: string;
  suggest?: string[];
  /** A demo person's key: the referral is linked to them. */
  linkTo?: string;
  allocateTo?: DemoUserKey;
  statusToken?: string;
}

const REFERRALS: DemoReferral[] = [
  {
    service: "adults",
    receivedWorkingDaysAgo: 5,
    person: { givenName: "Kieran", familyName: "Lowe", dateOfBirth: "1991-08-14", area: "Northmoor", phone: "07700 900871" },
    needs: ["housing", "mental-health", "substance-use", "physical-health"],
    reason: "Kieran has slept at the day centre door most nights for three weeks. He has a leg ulcer he will not get seen, he is drinking from the morning, and he talks about not wanting to be here. He has been barred from two hostels. He says he will talk to someone who sticks around.",
    safety: "Has a dog with him. Prefers to meet outside.",
    referrer: { name: "Jan Moss", organisation: "Cathedral Day Centre", role: "Outreach worker", email: "jan.moss@daycentre.example.org" },
    steps: [],
  },
  {
    service: "adults",
    receivedWorkingDaysAgo: 4,
    person: { givenName: "Gaz", familyName: "Whitlock", dateOfBirth: "1971-11-02", area: "Northmoor" },
    needs: ["housing", "substance-use", "physical-health", "offending"],
    reason: "Registered with us last month. Chest infections, not collecting his prescriptions, and he says he has lost his flat. Drinking heavily. Recently released from prison on licence.",
    referrer: { name: "Dr Olu Adebayo", organisation: "Brookside Medical Practice", role: "GP", email: "olu.adebayo@brookside.example.org", user: "referrer" },
    steps: [
      { step: "acknowledged", afterWorkingDays: 1 },
      { step: "screening", afterWorkingDays: 2 },
    ],
  },
  {
    service: "adults",
    receivedWorkingDaysAgo: 9,
    person: { givenName: "Marie", familyName: "O'Neill", dateOfBirth: "1986-02-27", area: "Northmoor", phone: "07700 900442" },
    needs: ["housing", "mental-health", "substance-use", "offending", "domestic-abuse"],
    reason: "Marie left a violent partner and is in emergency accommodation for seven nights only. Heroin use has increased, she is on a conditional discharge, and she has had two mental health crises this month.",
    safety: "Do not contact through her former address. Her ex-partner must not know where she is.",
    referrer: { name: "Marcus Bell", organisation: "Harbour Housing", role: "Housing officer", email: "marcus.bell@harbour.example.org", user: "partner" },
    priority: "urgent",
    steps: [
      { step: "acknowledged", afterWorkingDays: 0 },
      { step: "screening", afterWorkingDays: 1 },
      { step: "priority-changed", afterWorkingDays: 1, note: "Urgent", visibleToReferrer: false },
      { step: "accepted", afterWorkingDays: 3, note: "Marie meets the service's criteria. She is at the top of our waiting list and we will be in touch with you this week." },
    ],
    decisionReason: "Marie meets the service's criteria. She is at the top of our waiting list and we will be in touch with you this week.",
  },
  {
    service: "adults",
    receivedWorkingDaysAgo: 15,
    person: { givenName: "Jordan", familyName: "Pike", dateOfBirth: "1994-10-06", area: "Northmoor" },
    needs: ["housing", "mental-health", "offending", "substance-use"],
    reason: "Jordan comes out of prison in four weeks with no address. He has been on the mental health in-reach caseload and has a history of spice use.",
    referrer: { name: "Claire Dunn", organisation: "Northmoor Probation Delivery Unit", role: "Probation officer", email: "claire.dunn@probation.example.gov.uk", user: "probation" },
    steps: [
      { step: "acknowledged", afterWorkingDays: 1 },
      { step: "accepted", afterWorkingDays: 6 },
    ],
    statusToken: "demo-status-page-for-the-referral-waiting-0",
  },
  {
    service: "adults",
    receivedWorkingDaysAgo: 12,
    person: { givenName: "Gary", familyName: "Fenton", dateOfBirth: "1968-05-19", area: "Northmoor" },
    needs: ["housing", "money"],
    reason: "Gary has rent arrears and a notice seeking possession. He is managing otherwise but is very worried.",
    referrer: { name: "Marcus Bell", organisation: "Harbour Housing", role: "Housing officer", email: "marcus.bell@harbour.example.org", user: "partner" },
    steps: [
      { step: "acknowledged", afterWorkingDays: 1 },
      { step: "screening", afterWorkingDays: 2 },
      { step: "declined", afterWorkingDays: 3, note: "Gary names two needs and the service is for people with at least four. Tenancy sustainment can help with the arrears and the notice straight away." },
    ],
    decisionReason: "Gary names two needs and the service is for people with at least four. Tenancy sustainment can help with the arrears and the notice straight away.",
    suggest: ["Tenancy sustainment", "Housing Options"],
    statusToken: "demo-status-page-for-the-declined-referral0",
  },
  {
    service: "adults",
    receivedWorkingDaysAgo: 20,
    person: { givenName: "Liam", familyName: "O'Driscoll", aliases: ["Liam Driscoll"], dateOfBirth: "1988-06-25", area: "Northmoor" },
    needs: ["housing", "offending", "substance-use", "mental-health"],
    reason: "Liam is on remand and expects to be released at his next hearing. He asks for his key worker to meet him at the gate and for a plan for his first night.",
    referrer: { name: "Claire Dunn", organisation: "Northmoor Probation Delivery Unit", role: "Probation officer", email: "claire.dunn@probation.example.gov.uk", user: "probation" },
    steps: [
      { step: "acknowledged", afterWorkingDays: 1 },
      { step: "linked", afterWorkingDays: 1, visibleToReferrer: false },
      { step: "accepted", afterWorkingDays: 2 },
      { step: "allocated", afterWorkingDays: 3, note: "Sam Okafor" },
    ],
    linkTo: "liam-odriscoll",
    allocateTo: "worker",
    statusToken: DEMO_STATUS_TOKEN,
  },
  {
    service: "children",
    receivedWorkingDaysAgo: 1,
    person: { givenName: "Amira", familyName: "Khalil", dateOfBirth: "2011-07-14", area: "Northmoor" },
    needs: ["autism", "mental-health", "family"],
    registerRating: "red",
    reason: "Amira is autistic and her family placement is at risk of breaking down. Police were called twice this week. She is red on the dynamic support register.",
    referrer: { name: "Dr Nadia Rahman", organisation: "Northmoor CAMHS", role: "CAMHS clinician", email: "nadia.rahman@camhs.example.nhs.uk", user: "camhs" },
    steps: [],
  },
];

/** KW-DEMA-AD22, KW-DEMA-AD33…: in the references' alphabet (no 0, 1, O or I), and plainly the demo's. */
function demoReference(demo: DemoReferral): string {
  const digit = "23456789"[REFERRALS.indexOf(demo) % 8] ?? "9";
  return `KW-DEMA-${demo.service === "adults" ? "AD" : "CH"}${digit}${digit}`;
}

/** `count` working days before `date`. */
function workingDaysBefore(date: string, count: number): string {
  let day = date;
  let remaining = count;
  while (remaining > 0) {
    day = addDays(day, -1);
    if (isWorkingDay(day)) remaining -= 1;
  }
  return day;
}

/** A time on a UK date, in the middle of the working day. */
function during(date: string, hour: number): Date {
  return new Date(`${date}T${String(hour).padStart(2, "0")}:15:00Z`);
}

export async function loadReferralsDemo(tx: Tx, context: DemoContext): Promise<void> {
  const today = todayIso(context.now);
  const services = {
    adults: { serviceId: await findServiceIdByName(tx, context.tenantId, MULTIPLE_NEEDS_SERVICE), teamId: await findTeamIdByService(tx, context.tenantId, "multiple-needs"), manager: context.userIds.manager },
    children: { serviceId: await findServiceIdByName(tx, context.tenantId, CHILDRENS_SERVICE), teamId: await findTeamIdByService(tx, context.tenantId, "children"), manager: context.userIds["children-manager"] },
  };
  for (const [key, rules] of [["adults", ADULT_RULES], ["children", CHILDREN_RULES]] as const) {
    const { serviceId, teamId } = services[key];
    if (!serviceId || !teamId) continue;
    await insertSettings(tx, {
      tenantId: context.tenantId,
      serviceId,
      values: { teamId, acceptingReferrals: true, eligibility: rules, acknowledgeWithinWorkingDays: 2, decideWithinWorkingDays: 10 },
      publicLinkToken: DEMO_PUBLIC_LINKS[key],
    });
  }
  const people = new Map(context.people.map((person) => [person.demo.key, person.id]));
  for (const demo of REFERRALS) {
    const { serviceId, manager } = services[demo.service];
    if (!serviceId) continue;
    const received = workingDaysBefore(today, demo.receivedWorkingDaysAgo);
    const receivedAt = during(received, 9);
    const id = newId(receivedAt.getTime());
    const dated = demo.steps.map((step, index) => ({ ...step, at: during(addWorkingDays(received, step.afterWorkingDays), 10 + index) }));
    const last = (step: ReferralStep) => dated.filter((item) => item.step === step).at(-1)?.at ?? null;
    const statusStep = [...dated].reverse().find((item) => !["linked", "priority-changed"].includes(item.step));
    const personId = demo.linkTo ? (people.get(demo.linkTo) ?? null) : null;
    const token = demo.statusToken ?? newSecretToken();
    const suggestions = [];
    for (const name of demo.suggest ?? []) {
      const suggested = await findServiceIdByName(tx, context.tenantId, name);
      if (suggested) suggestions.push(suggested);
    }
    await insertReferral(tx, {
      id,
      tenantId: context.tenantId,
      serviceId,
      reference: demoReference(demo),
      statusTokenHash: hashSecretToken(token),
      status: statusStep ? statusStep.step : "awaiting-acknowledgement",
      priority: demo.priority ?? "normal",
      channel: demo.referrer.user ? "form" : "public-link",
      givenName: demo.person.givenName,
      familyName: demo.person.familyName,
      aliases: demo.person.aliases ?? [],
      dateOfBirth: demo.person.dateOfBirth,
      area: demo.person.area,
      personPhone: demo.person.phone ?? null,
      personConsented: true,
      reason: demo.reason,
      needs: demo.needs,
      registerRating: demo.registerRating ?? null,
      safetyInformation: demo.safety ?? null,
      referrerName: demo.referrer.name,
      referrerOrganisation: demo.referrer.organisation,
      referrerRole: demo.referrer.role,
      referrerEmail: demo.referrer.email,
      referrerPhone: null,
      referredBy: demo.referrer.user ? context.userIds[demo.referrer.user] : null,
      personId,
      decisionReason: demo.decisionReason ?? null,
      suggestedServiceIds: suggestions,
      allocatedWorkerId: demo.allocateTo ? context.userIds[demo.allocateTo] : null,
      receivedAt,
      acknowledgedAt: dated[0]?.at ?? null,
      decidedAt: last("accepted") ?? last("declined"),
      allocatedAt: last("allocated"),
      acknowledgeBy: addWorkingDays(received, 2),
      decideBy: addWorkingDays(received, 10),
      createdAt: receivedAt,
      updatedAt: dated.at(-1)?.at ?? receivedAt,
    });
    const referredBy = demo.referrer.user ? context.userIds[demo.referrer.user] : null;
    await insertReferralStep(tx, { id: newId(receivedAt.getTime()), tenantId: context.tenantId, referralId: id, step: "received", at: receivedAt, byUserId: referredBy, note: null, visibleToReferrer: true });
    for (const step of dated) {
      await insertReferralStep(tx, {
        id: newId(step.at.getTime()),
        tenantId: context.tenantId,
        referralId: id,
        step: step.step,
        at: step.at,
        byUserId: manager,
        note: step.note ?? null,
        visibleToReferrer: step.visibleToReferrer ?? true,
      });
    }
    if (personId) {
      await recordChronology(tx, { tenantId: context.tenantId, userId: manager }, {
        personId,
        kind: "referral-received",
        section: "story",
        summary: `Referral to ${MULTIPLE_NEEDS_SERVICE} from ${demo.referrer.organisation}, received ${formatIsoDate(received)}`,
        detail: { referralId: id, reason: demo.reason, needs: demo.needs },
        sourceType: "referral",
        sourceId: id,
        occurredAt: receivedAt,
      });
    }
  }
}
