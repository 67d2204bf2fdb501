import type { Tx } from "../platform/database/open.ts";
import { addDays } from "../platform/clock.ts";
import { todayIso } from "../platform/http/validation.ts";
import type { DemoContext } from "../demo/types.ts";
import { insertEpisode } from "./episode-store.ts";
import { promptOnRating } from "./prompt.ts";
import { defaultNextReview, type Rating } from "./schema.ts";
import * as store from "./store.ts";

/**
 * The demo's dynamic support register: the children's service's young people, some known to the
 * key-worker service and some not yet (so "Needs taking on" has people in it), with ratings over
 * months, two young people in hospital now and several stays that have ended.
 */

interface DemoRating {
  daysAgo: number;
  rating: Rating;
  reason: string;
  /** Days from the rating to its review; the usual interval for the rating when absent. */
  reviewInDays?: number;
}

interface DemoStay {
  admittedDaysAgo: number;
  dischargedDaysAgo?: number;
  setting: string;
  dischargePlan?: string;
}

interface DemoEntry {
  /** A demo person's key, or the young person's details when the service does not know them yet. */
  person: string | { givenName: string; familyName: string; dateOfBirth: string };
  ratings: DemoRating[];
  stays?: DemoStay[];
}

const OAKWOOD = "Oakwood adolescent unit (Tier 4 CAMHS), two hours from home";
const LARCHFIELD = "Larchfield ward, Northmoor General (Tier 4 CAMHS)";

const ENTRIES: DemoEntry[] = [
  {
    person: "ethan-marsden",
    ratings: [
      { daysAgo: 270, rating: "amber", reason: "Anxiety about school rising; attending part-time." },
      { daysAgo: 150, rating: "amber-red", reason: "School placement breaking down; not leaving his room most days." },
      { daysAgo: 105, rating: "red", reason: "Placement ended. Mum reports he has stopped eating with the family. CETR requested." },
      { daysAgo: 77, rating: "blue", reason: `Admitted to ${OAKWOOD}` },
      { daysAgo: 14, rating: "blue", reason: "Reviewed at the CETR: discharge plan depends on a school place near home." },
    ],
    stays: [{ admittedDaysAgo: 77, setting: OAKWOOD }],
  },
  {
    person: "zara-iqbal",
    ratings: [
      { daysAgo: 300, rating: "amber-red", reason: "Repeated self-harm; CAMHS community team involved." },
      { daysAgo: 240, rating: "blue", reason: `Admitted to ${LARCHFIELD}` },
      { daysAgo: 202, rating: "red", reason: "Discharged home after five weeks; support at home not yet in place." },
      { daysAgo: 52, rating: "blue", reason: `Admitted to ${LARCHFIELD}`, reviewInDays: 60 },
    ],
    stays: [
      { admittedDaysAgo: 240, dischargedDaysAgo: 202, setting: LARCHFIELD, dischargePlan: "Home to Mum. CAMHS outreach twice a week; college place held open." },
      { admittedDaysAgo: 52, setting: LARCHFIELD },
    ],
  },
  {
    person: "oliver-grant",
    ratings: [
      { daysAgo: 120, rating: "amber", reason: "Distress since puberty; respite in place." },
      { daysAgo: 40, rating: "amber-red", reason: "School cut his timetable to mornings only; lashing out at home.", reviewInDays: 60 },
    ],
  },
  {
    person: "kwame-asante",
    ratings: [
      { daysAgo: 420, rating: "red", reason: "Crisis after exclusion from college." },
      { daysAgo: 380, rating: "blue", reason: `Admitted to ${LARCHFIELD}` },
      { daysAgo: 310, rating: "amber", reason: "Discharged home with a transition plan to adult services." },
      { daysAgo: 60, rating: "amber-red", reason: "Turns 18 soon; no adult team has agreed to take him yet.", reviewInDays: 90 },
    ],
    stays: [{ admittedDaysAgo: 380, dischargedDaysAgo: 310, setting: LARCHFIELD, dischargePlan: "Home; CAMHS until 18, then the adult autism team (not yet agreed)." }],
  },
  {
    person: "riley-shaw",
    ratings: [
      { daysAgo: 200, rating: "amber-red", reason: "Out of school since Year 8; anxiety high." },
      { daysAgo: 122, rating: "red", reason: "Two days in A&E with nowhere safe to go." },
      { daysAgo: 30, rating: "red", reason: "Reviewed: still no school place; crisis plan shared with the family.", reviewInDays: 42 },
    ],
  },
  { person: "lacey-bradshaw", ratings: [{ daysAgo: 75, rating: "amber", reason: "Nan is exhausted; short breaks have stopped." }] },
  { person: "connor-walsh", ratings: [{ daysAgo: 45, rating: "amber", reason: "Has barely left his bedroom for four months." }] },
  {
    person: "hana-begum",
    ratings: [
      { daysAgo: 400, rating: "amber", reason: "Reviews held without a BSL interpreter; distress at home." },
      { daysAgo: 190, rating: "green", reason: "Interpreter booked for every meeting; going to youth club.", reviewInDays: 180 },
    ],
  },
  {
    person: { givenName: "Amira", familyName: "Khalil", dateOfBirth: "2011-07-14" },
    ratings: [{ daysAgo: 3, rating: "red", reason: "Family placement at risk of breaking down; two police call-outs this week." }],
  },
  {
    person: { givenName: "Tyler", familyName: "Brooks", dateOfBirth: "2010-10-02" },
    ratings: [
      { daysAgo: 90, rating: "amber", reason: "Autistic; school refusal since September." },
      { daysAgo: 10, rating: "amber-red", reason: "Self-harm has started; GP has referred to CAMHS." },
    ],
  },
  {
    person: { givenName: "Jade", familyName: "Okonkwo", dateOfBirth: "2009-12-05" },
    ratings: [
      { daysAgo: 330, rating: "amber", reason: "Learning disability; placement at a residential school far from home." },
      { daysAgo: 280, rating: "amber-red", reason: "Placement giving notice." },
      { daysAgo: 250, rating: "red", reason: "Placement ended; no local alternative found." },
      { daysAgo: 215, rating: "blue", reason: `Admitted to ${OAKWOOD}` },
      { daysAgo: 93, rating: "amber-red", reason: "Discharged after four months to a new local placement, which is still settling.", reviewInDays: 120 },
    ],
    stays: [{ admittedDaysAgo: 215, dischargedDaysAgo: 93, setting: OAKWOOD, dischargePlan: "New local placement with a two-to-one staffing package for eight weeks; CAMHS learning disability team to follow up." }],
  },
  {
    person: { givenName: "Ellie", familyName: "Dawson", dateOfBirth: "2012-03-21" },
    ratings: [
      { daysAgo: 160, rating: "amber-red", reason: "Eating very little; weight falling." },
      { daysAgo: 140, rating: "blue", reason: "Admitted to the paediatric ward, Northmoor General" },
      { daysAgo: 107, rating: "amber", reason: "Discharged with the eating disorder team following up weekly.", reviewInDays: 100 },
    ],
    stays: [{ admittedDaysAgo: 140, dischargedDaysAgo: 107, setting: "Paediatric ward, Northmoor General", dischargePlan: "Weekly eating disorder team appointments; school nurse weighs her fortnightly." }],
  },
];

/** Loads the register: entries with their rating histories and stays, and the take-on prompts they raise now. */
export async function loadRegisterDemo(tx: Tx, context: DemoContext): Promise<void> {
  const people = new Map(context.people.map((person) => [person.demo.key, person]));
  const ownerId = context.userIds["register-owner"];
  const today = todayIso(context.now);
  for (const demo of ENTRIES) {
    const known = typeof demo.person === "string" ? people.get(demo.person) : undefined;
    if (typeof demo.person === "string" && !known) continue;
    const details = known ? { givenName: known.demo.givenName, familyName: known.demo.familyName, dateOfBirth: known.demo.dateOfBirth } : (demo.person as Exclude<DemoEntry["person"], string>);
    const dated = demo.ratings.map((rating) => {
      const on = addDays(today, -rating.daysAgo);
      return {
        ...rating,
        at: new Date(context.now.getTime() - rating.daysAgo * 86_400_000),
        nextReviewOn: rating.reviewInDays === undefined ? defaultNextReview(rating.rating, on) : addDays(on, rating.reviewInDays),
      };
    });
    const [first] = dated;
    const last = dated[dated.length - 1];
    if (!first || !last) continue;
    const entryId = await store.insertEntry(tx, { tenantId: context.tenantId, personId: known?.id ?? null, ...details, createdBy: ownerId, rating: first.rating, reason: first.reason, nextReviewOn: first.nextReviewOn, at: first.at });
    let ratingId = "";
    for (const rating of dated) {
      ratingId = await store.insertRating(tx, { tenantId: context.tenantId, entryId, rating: rating.rating, reason: rating.reason, ratedBy: ownerId, at: rating.at, nextReviewOn: rating.nextReviewOn });
    }
    await store.setCurrentRating(tx, { tenantId: context.tenantId, entryId, expectedVersion: null, rating: last.rating, reason: last.reason, ratedBy: ownerId, at: last.at, nextReviewOn: last.nextReviewOn });
    for (const stay of demo.stays ?? []) {
      await insertEpisode(tx, {
        tenantId: context.tenantId,
        entryId,
        admittedOn: addDays(today, -stay.admittedDaysAgo),
        dischargedOn: stay.dischargedDaysAgo === undefined ? null : addDays(today, -stay.dischargedDaysAgo),
        setting: stay.setting,
        dischargePlan: stay.dischargePlan ?? null,
        by: ownerId,
      });
    }
    const previous = dated.length > 1 ? (dated[dated.length - 2]?.rating ?? null) : null;
    await promptOnRating(tx, { tenantId: context.tenantId, entry: { id: entryId, personId: known?.id ?? null, ...details }, ratingId, previous, next: last.rating, today });
  }
}
