import { addDays } from "../platform/clock.ts";
import { recordChronology } from "../chronology/service.ts";
import type { ConsentScope } from "../platform/access/index.ts";
import type { Tx } from "../platform/database/open.ts";
import { todayIso } from "../platform/http/validation.ts";
import type { DemoContext, DemoUserKey } from "../demo/types.ts";
import { consentSubject, scopeSummary } from "./present.ts";
import { REVIEW_MONTHS, addMonths, type ConsentParty, type ConsentType, type HowGiven } from "./schema.ts";
import * as store from "./store.ts";

/**
 * Demo consent: everyone has agreed to work with the service; a few share with Harbour Housing
 * (so partner@demo.test sees the difference between people who share and people who do not), a
 * couple of reviews are due, one consent was withdrawn, and family members have told the service
 * things that could not be shared back.
 */


interface DemoConsent {
  person: string;
  type: ConsentType;
  organisation?: string;
  familyMemberName?: string;
  description?: string;
  scopes?: ConsentScope[];
  howGiven?: HowGiven;
  /** Days before today it was given, and its review date relative to today. */
  givenDaysAgo: number;
  reviewInDays: number;
  withdrawnDaysAgo?: number;
  note?: string;
}

const HOUSING = "Harbour Housing";

/** Review dates of consent to work with the service, relative to today, for the people not listed here. */
const WORK_REVIEWS: Record<string, number> = { "gary-whitlock": -9, "jade-whitfield": 0, "kyle-bennett": 6 };

const SHARING: DemoConsent[] = [
  { person: "dean-holloway", type: "share-with", organisation: HOUSING, scopes: ["story", "contacts"], givenDaysAgo: 95, reviewInDays: 88, note: "So that he does not have to tell his story again to the tenancy team." },
  { person: "mariusz-nowak", type: "share-with", organisation: HOUSING, scopes: ["story", "contacts"], howGiven: "written", givenDaysAgo: 40, reviewInDays: 143 },
  { person: "chantelle-morgan", type: "share-with", organisation: HOUSING, scopes: ["story", "contacts"], givenDaysAgo: 150, reviewInDays: 33, withdrawnDaysAgo: 21, note: "Withdrawn after a housing officer mentioned her history in front of her neighbour." },
  { person: "chantelle-morgan", type: "share-with", organisation: HOUSING, scopes: ["contacts"], givenDaysAgo: 21, reviewInDays: -2, note: "Happy for housing to have her number and see when we last saw her; not her story for now." },
  { person: "gary-whitlock", type: "share-with", organisation: "St Anne's Hostel", scopes: ["story", "plan"], givenDaysAgo: 60, reviewInDays: 123 },
  { person: "gary-whitlock", type: "contact-agencies", organisation: "Pathways Drug and Alcohol Service", givenDaysAgo: 60, reviewInDays: 123 },
  { person: "kyle-bennett", type: "contact-agencies", organisation: "Northmoor Probation Delivery Unit", givenDaysAgo: 30, reviewInDays: 12, howGiven: "written" },
];

/** What family have told the service; Maureen is linked to her family-member record when it exists. */
const INFORMATION = [
  { person: "dean-holloway", familyMemberName: "Maureen Holloway", from: "Maureen Holloway (Mum)", daysAgo: 6, note: "Dean has not been answering his phone since Sunday and she is worried he is drinking again. She says he gets low around the anniversary of his dad's death in March." },
  { person: "kyle-bennett", from: "Tasha Bennett (sister), by phone", daysAgo: 12, note: "Kyle has been staying at hers most nights because of trouble at the flats. She would like someone to know she can't keep him much longer." },
];

export async function loadConsentDemo(tx: Tx, context: DemoContext): Promise<void> {
  const today = todayIso(context.now);
  const starts = await store.personStartDates(tx, context.tenantId);
  const organisations = new Map((await store.listOrganisations(tx, context.tenantId)).map((organisation) => [organisation.name, organisation.id]));
  const byKey = new Map(context.people.map((person) => [person.demo.key, person]));

  const save = async (personId: string, lead: DemoUserKey, consent: DemoConsent, party: ConsentParty, givenOn: string, familyRelationship: string | null = null) => {
    const recordedBy = context.userIds[lead];
    const withdrawnOn = consent.withdrawnDaysAgo === undefined ? null : addDays(today, -consent.withdrawnDaysAgo);
    // Consent to work with the service has been reviewed every six months since; the rest as listed.
    const reviewOn = addDays(today, consent.reviewInDays) > givenOn ? addDays(today, consent.reviewInDays) : addMonths(givenOn, REVIEW_MONTHS);
    const scopes = consent.scopes ?? [];
    const id = await store.insertConsent(tx, {
      tenantId: context.tenantId,
      personId,
      recordedBy,
      consent: { type: consent.type, party, scopes, howGiven: consent.howGiven ?? "verbal", givenOn, reviewOn, withdrawnOn, note: consent.note ?? null },
    });
    const subject = consentSubject({
      type: consent.type,
      partyOrganisationName: consent.organisation ?? null,
      partyFamilyMemberName: consent.familyMemberName ?? null,
      partyFamilyMemberRelationship: familyRelationship,
      partyDescription: consent.description ?? null,
    });
    const actor = { tenantId: context.tenantId, userId: recordedBy };
    const summary = scopeSummary(scopes);
    await recordChronology(tx, actor, {
      personId,
      kind: "consent-given",
      summary: `${subject} given${summary ? ` (${summary})` : ""}`,
      section: "consent",
      sourceType: "consent",
      sourceId: id,
      occurredAt: new Date(`${givenOn}T11:00:00Z`),
    });
    if (withdrawnOn) {
      await recordChronology(tx, actor, { personId, kind: "consent-withdrawn", summary: `${subject} withdrawn`, section: "consent", sourceType: "consent", sourceId: id, occurredAt: new Date(`${withdrawnOn}T11:00:00Z`) });
    }
  };

  for (const [index, { id, demo }] of context.people.entries()) {
    const started = starts.get(id) ?? addDays(today, -60);
    const reviewInDays = WORK_REVIEWS[demo.key] ?? 20 + ((index * 37) % 150);
    const consent: DemoConsent = { person: demo.key, type: "work-with-service", givenDaysAgo: 0, reviewInDays, howGiven: index % 3 === 0 ? "written" : "verbal" };
    await save(id, demo.lead, consent, { organisationId: null, familyMemberId: null, description: null }, started);
  }

  for (const consent of SHARING) {
    const person = byKey.get(consent.person);
    const organisationId = consent.organisation ? organisations.get(consent.organisation) : undefined;
    if (!person || !organisationId) continue;
    await save(person.id, person.demo.lead, consent, { organisationId, familyMemberId: null, description: null }, addDays(today, -consent.givenDaysAgo));
  }

  // Dean shares his story and wellness plan with his mum, when the network's demo has recorded her.
  const dean = byKey.get("dean-holloway");
  const maureen = dean ? (await store.listFamilyMembers(tx, context.tenantId, dean.id)).find((member) => member.name === "Maureen Holloway") : undefined;
  if (dean && maureen) {
    const consent: DemoConsent = { person: "dean-holloway", type: "share-with", familyMemberName: maureen.name, scopes: ["story", "wellness-plan"], givenDaysAgo: 45, reviewInDays: 138, note: "He wants his mum to know what to do if things go wrong again." };
    await save(dean.id, dean.demo.lead, consent, { organisationId: null, familyMemberId: maureen.id, description: null }, addDays(today, -consent.givenDaysAgo), maureen.relationship);
  }

  for (const entry of INFORMATION) {
    const person = byKey.get(entry.person);
    if (!person) continue;
    const member = entry.familyMemberName ? (await store.listFamilyMembers(tx, context.tenantId, person.id)).find((candidate) => candidate.name === entry.familyMemberName) : undefined;
    const recordedBy = context.userIds[person.demo.lead];
    const receivedOn = addDays(today, -entry.daysAgo);
    const from = member ? `${member.name} (${member.relationship})` : entry.from;
    const id = await store.insertInformationReceived(tx, {
      tenantId: context.tenantId,
      personId: person.id,
      recordedBy,
      familyMemberId: member?.id ?? null,
      fromDescription: from,
      receivedOn,
      receivedTime: "15:20",
      note: entry.note,
    });
    await recordChronology(tx, { tenantId: context.tenantId, userId: recordedBy }, {
      personId: person.id,
      kind: "information-received",
      summary: `Information received from ${from}`,
      section: "consent",
      sourceType: "information-received",
      sourceId: id,
      occurredAt: new Date(`${receivedOn}T14:20:00Z`),
    });
  }
}
