import { newId } from "../../src/platform/database/ids.ts";
import type { ConsentScope } from "../../src/platform/access/index.ts";
import { notifications } from "../../src/notifications/tables.ts";
import type { TestApp } from "./app.ts";
import { daysFromToday } from "./consent.ts";
import { createPerson, type TestPerson, type TestTenant, type TestUser } from "./factories.ts";
import type { HttpClient } from "./http.ts";
import { caseReviewRows } from "./supervision.ts";

/**
 * A person's whole record for walking partner access (src/consent/partner-access.test.ts): every part
 * of it carries a marker unique to the person, and each marker has a rule for when a partner
 * professional in the team may see it. Also every route that shows any part of the record.
 */

/** Where each marker may show to a partner professional in the team. */
export type Rule = "always" | "never" | ConsentScope | ConsentScope[] | ((scopes: ReadonlySet<ConsentScope>, route: string) => boolean);

export const onChronology = (route: string) => route.startsWith("chronology");
/** Actions, and the recommendations that became actions, are on the chronology's plan section. */
const ownActions: Rule = (scopes, route) => !onChronology(route) || scopes.has("plan");
/** A partner's actions-by-agency page lists their own agency's actions only; the API, what the plan shows them. */
export const otherActions: Rule = (scopes, route) => scopes.has("plan") && route !== "actions by agency page";

export const MARKERS = {
  STORY: "story",
  ADDRESS: "contacts",
  CONTACTNOTE: "contacts",
  APPOINTMENT: "contacts",
  GOAL: "plan",
  GOALNOTE: "plan",
  PROGRESS: "plan",
  OWNACTION: ownActions,
  OTHERACTION: otherActions,
  MEETINGPLACE: "always",
  MEETINGNOTES: "plan",
  OWNREC: ownActions,
  OTHERREC: otherActions,
  FAMILYATTENDEE: "never",
  RISKWORKERS: "always",
  RISKTOPERSON: ["health", "offending"],
  RISKFROMPERSON: ["health", "offending"],
  // Family and carers are part of the person's story: on the chronology with "story", never on the team page.
  FAMILY: (scopes, route) => scopes.has("story") && onChronology(route),
  PROFESSIONAL: "always",
  SERVICENOTE: "never",
  HOSPITALTITLE: "never",
  ARRESTTITLE: "never",
  MOVEDTITLE: "never",
  CASEREVIEW: "never",
} satisfies Record<string, Rule>;
export type Marker = keyof typeof MARKERS;

/** Words the chronology uses (on its page, print view and API), shown to partners only with the section they belong to. */
export const PHRASES = {
  "Admitted to hospital": "health",
  Arrested: "offending",
  "Risk to the person added": ["health", "offending"],
  "Risk from the person added": ["health", "offending"],
  "Their story was updated": "story",
} satisfies Record<string, Rule>;
export type Phrase = keyof typeof PHRASES;

export function allowed(rule: Rule, scopes: ReadonlySet<ConsentScope>, route: string): boolean {
  if (rule === "always") return true;
  if (rule === "never") return false;
  if (typeof rule === "function") return rule(scopes, route);
  return (Array.isArray(rule) ? rule : [rule]).some((scope) => scopes.has(scope));
}

export interface PlantedRecord {
  person: TestPerson;
  /** Makes the markers of this record unique. */
  tag: string;
  /** The housing association, whose professional is in the team. */
  partnerOrganisationId: string;
  goalId: string;
  ownActionId: string;
  otherActionId: string;
  meetingId: string;
  contactId: string;
  appointmentId: string;
  riskToWorkersId: string;
  riskToPersonId: string;
  hospitalEventId: string;
  caseReviewId: string;
  familyMemberId: string;
  professionalId: string;
  serviceInvolvedId: string;
  /** Their consent to work with the service: it shares nothing. */
  workConsentId: string;
}

export function marker(record: Pick<PlantedRecord, "tag">, name: Marker): string {
  return `MK-${name}-${record.tag}`;
}

/** The people a record is planted for: the lead worker writes it, two partner professionals are in the team. */
export interface Cast {
  app: TestApp;
  tenant: TestTenant;
  worker: TestUser;
  workerClients: { page: HttpClient; api: HttpClient };
  partner: TestUser;
  probationOfficer: TestUser;
}

/** The id of what a request created, or an error saying what could not be planted. */
export async function created(response: Promise<{ status: number; body: { id?: string } }>, what: string): Promise<string> {
  const { status, body } = await response;
  if (status !== 201 && status !== 200) throw new Error(`planting ${what} answered ${status}: ${JSON.stringify(body)}`);
  if (!body.id) throw new Error(`planting ${what} gave no id`);
  return body.id;
}

/** The day, month and year fields of a GOV.UK date input. */
export function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? "" };
}

/** A person with the lead worker, the partner and the probation officer in their team, and a whole record written by the lead worker. */
export async function plantRecord(cast: Cast): Promise<PlantedRecord> {
  const { tenant, worker, partner, probationOfficer } = cast;
  const { db } = cast.app.database;
  const person = await createPerson(db, tenant, {
    members: [
      { user: worker, role: "lead" },
      { user: partner, role: "partner" },
      { user: probationOfficer, role: "partner" },
    ],
  });
  const record = { person, tag: person.id.slice(-12) };
  const m = (name: Marker) => marker(record, name);
  const { api, page } = cast.workerClients;
  const base = `/api/v1/people/${person.id}`;
  await created(api.sendJson("PATCH", base, { version: 1, story: `I grew up by the canal. ${m("STORY")}`, address: `Room 4, ${m("ADDRESS")} House` }), "the story and address");
  const contactId = await created(api.sendJson("POST", `${base}/contacts`, { type: "phone", durationMinutes: 20, note: `Talked about the flat. ${m("CONTACTNOTE")}` }), "a contact");
  const appointmentId = await created(
    api.sendJson("POST", `${base}/appointments`, { startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), place: `${m("APPOINTMENT")} café` }),
    "an appointment",
  );
  const goalId = await created(api.sendJson("POST", `${base}/goals`, { description: `I want my own flat ${m("GOAL")}`, workerNote: `Two tenancies lost ${m("GOALNOTE")}` }), "a goal");
  await created(api.sendJson("POST", `/api/v1/goals/${goalId}/progress`, { note: `Rent paid ${m("PROGRESS")}`, rating: 6 }), "progress");
  const ownActionId = await created(
    api.sendJson("POST", `${base}/actions`, { description: `Repair the boiler ${m("OWNACTION")}`, dueDate: daysFromToday(-3), ownerOrganisationId: tenant.partnerOrganisationId, goalId }),
    "the partner agency's action",
  );
  const otherActionId = await created(
    api.sendJson("POST", `${base}/actions`, { description: `Apply for PIP ${m("OTHERACTION")}`, dueDate: daysFromToday(-2), ownerOrganisationId: tenant.serviceOrganisationId, goalId }),
    "the key-worker service's action",
  );
  const meetingId = await created(
    api.sendJson("POST", `${base}/meetings`, {
      kind: "case-conference",
      date: daysFromToday(0),
      location: `${m("MEETINGPLACE")} room`,
      notes: `Agreed to push on housing ${m("MEETINGNOTES")}`,
      attendees: [
        { name: worker.displayName, userId: worker.id, kind: "team-member" },
        { name: `${m("FAMILYATTENDEE")} Holloway`, role: "Mum", kind: "family" },
      ],
      recommendations: [
        { description: `Inspect the damp ${m("OWNREC")}`, dueDate: daysFromToday(14), ownerOrganisationId: tenant.partnerOrganisationId },
        { description: `Book the dentist ${m("OTHERREC")}`, dueDate: daysFromToday(14), ownerOrganisationId: tenant.serviceOrganisationId },
      ],
    }),
    "a meeting",
  );
  const riskToWorkersId = await created(api.sendJson("POST", `${base}/risks`, { category: "to-workers", level: "medium", description: `Dog at the flat ${m("RISKWORKERS")}` }), "a risk to workers");
  const riskToPersonId = await created(api.sendJson("POST", `${base}/risks`, { category: "to-person", level: "high", description: `Overdose risk ${m("RISKTOPERSON")}` }), "a risk to the person");
  await created(api.sendJson("POST", `${base}/risks`, { category: "from-person", level: "low", description: `Threats to a neighbour ${m("RISKFROMPERSON")}` }), "a risk from the person");
  const familyMemberId = await created(api.sendJson("POST", `${base}/team`, { kind: "family", name: `${m("FAMILY")} Holloway`, relationship: "Sister" }), "a family member");
  const professionalId = await created(
    api.sendJson("POST", `${base}/team`, { kind: "external", name: `Dr ${m("PROFESSIONAL")}`, role: "GP", organisationName: "Canal Street Surgery" }),
    "a professional",
  );
  const serviceInvolvedId = await created(api.sendJson("POST", `${base}/team`, { kind: "service", organisationName: "Step Forward", note: `Drop-in on Tuesdays ${m("SERVICENOTE")}` }), "a service");
  const workConsentId = await created(api.sendJson("POST", `${base}/consents`, { type: "work-with-service", howGiven: "verbal" }), "consent to work with the service");
  for (const [kind, title] of [
    ["admitted-to-hospital", m("HOSPITALTITLE")],
    ["arrested", m("ARRESTTITLE")],
    ["moved", m("MOVEDTITLE")],
  ] as const) {
    const response = await page.submitForm(`/people/${person.id}/chronology/events/new`, `/people/${person.id}/chronology/events`, { kind, title, ...dateFields("occurredOn", daysFromToday(-5)), time: "" });
    if (response.status !== 303) throw new Error(`planting a significant event (${kind}) answered ${response.status}`);
  }
  const review = await page.submitForm(`/people/${person.id}/case-reviews/new`, `/people/${person.id}/case-reviews`, {
    ...dateFields("heldOn", daysFromToday(0)),
    whatIsStuck: `Nothing moves on housing ${m("CASEREVIEW")}`,
    conversation: "An honest talk with the housing officer",
    outcome: "Try the council's panel",
  });
  if (review.status !== 303) throw new Error(`planting a case review answered ${review.status}`);
  const [caseReview] = await caseReviewRows(db, tenant.tenantId, person.id);
  const hospitalEventId = await hospitalEvent(api, person);
  // Reminders the partner was sent about both actions (say, before the second changed hands).
  for (const actionId of [ownActionId, otherActionId]) {
    await db.insert(notifications).values({
      id: newId(),
      tenantId: tenant.tenantId,
      userId: partner.id,
      personId: person.id,
      kind: "action-due",
      message: "An action fell due",
      subjectType: "plan-action",
      subjectId: actionId,
      dedupeKey: `test:${actionId}`,
    });
  }
  return {
    ...record,
    partnerOrganisationId: tenant.partnerOrganisationId,
    goalId,
    ownActionId,
    otherActionId,
    meetingId,
    contactId,
    appointmentId,
    riskToWorkersId,
    riskToPersonId,
    hospitalEventId,
    caseReviewId: caseReview?.id ?? "",
    familyMemberId,
    professionalId,
    serviceInvolvedId,
    workConsentId,
  };
}

async function hospitalEvent(api: HttpClient, person: TestPerson): Promise<string> {
  const { body } = await api.getJson<{ items: Array<{ eventKind?: string; source: { id: string } }> }>(`/api/v1/people/${person.id}/chronology?kind=significant-events`);
  const event = body.items.find((item) => item.eventKind === "admitted-to-hospital");
  if (!event) throw new Error("the hospital admission is not on the chronology");
  return event.source.id;
}

// ---------------------------------------------------------------------------------------------
// Every route that shows any part of a person's record.

export interface Route {
  name: string;
  path: (record: PlantedRecord) => string;
  api?: boolean;
  /** The partner's status, by the scopes shared with their organisation (200 unless said). */
  partnerStatus?: (scopes: ReadonlySet<ConsentScope>) => number;
  /** Markers the route shows when it is not about the worker's own view (reminders are the reader's own). */
  shows?: Marker[];
  /** The lead worker's status, when not 200 (the audit trail is for managers). */
  workerStatus?: number;
  /** About the action the partner's agency owns: for a professional of another agency, like any other action. */
  ownAction?: true;
  /** Not about one person: a list of everyone the reader may see, which answers every reader. */
  list?: true;
  /** The status for a partner who may not see the person, when not 404 (roles that never read audit trails are refused outright). */
  hiddenStatus?: number;
  /** The most a partner sees here, whatever is shared (the lead worker's form offers more). */
  partnerShowsAtMost?: Marker[];
}

export const sharesAny = (...wanted: ConsentScope[]) => (scopes: ReadonlySet<ConsentScope>) => wanted.some((scope) => scopes.has(scope));
export const whenShared = (...wanted: ConsentScope[]) => (scopes: ReadonlySet<ConsentScope>) => (sharesAny(...wanted)(scopes) ? 200 : 404);
const refused = () => 403;
/** Visible with the section shared (so refused: partners change nothing), otherwise not found. */
const editWhenShared = (...wanted: ConsentScope[]) => (scopes: ReadonlySet<ConsentScope>) => (sharesAny(...wanted)(scopes) ? 403 : 404);

export const ROUTES: Route[] = [
  { name: "overview page", path: (r) => `/people/${r.person.id}` },
  { name: "chronology page", path: (r) => `/people/${r.person.id}/chronology` },
  { name: "chronology print view", path: (r) => `/people/${r.person.id}/chronology?print=1` },
  { name: "chronology API", path: (r) => `/api/v1/people/${r.person.id}/chronology`, api: true },
  { name: "story history page", path: (r) => `/people/${r.person.id}/story` },
  { name: "contacts page", path: (r) => `/people/${r.person.id}/contacts` },
  { name: "contacts API", path: (r) => `/api/v1/people/${r.person.id}/contacts`, api: true },
  { name: "appointments page", path: (r) => `/people/${r.person.id}/appointments` },
  { name: "appointments API", path: (r) => `/api/v1/people/${r.person.id}/appointments`, api: true },
  { name: "contact edit page", path: (r) => `/contacts/${r.contactId}/edit`, partnerStatus: editWhenShared("contacts") },
  { name: "appointment edit page", path: (r) => `/appointments/${r.appointmentId}/edit`, partnerStatus: editWhenShared("contacts") },
  { name: "plan page", path: (r) => `/people/${r.person.id}/plan` },
  { name: "plan API", path: (r) => `/api/v1/people/${r.person.id}/plan`, api: true },
  { name: "goal page", path: (r) => `/goals/${r.goalId}`, partnerStatus: whenShared("plan") },
  { name: "goal API", path: (r) => `/api/v1/goals/${r.goalId}`, api: true, partnerStatus: whenShared("plan") },
  { name: "goal edit page", path: (r) => `/goals/${r.goalId}/edit`, partnerStatus: editWhenShared("plan") },
  { name: "own action page", path: (r) => `/actions/${r.ownActionId}`, ownAction: true },
  { name: "own action API", path: (r) => `/api/v1/actions/${r.ownActionId}`, api: true, ownAction: true },
  { name: "own action history API", path: (r) => `/api/v1/actions/${r.ownActionId}/history`, api: true, ownAction: true },
  // The partner agency updates its own action's status and evidence: the form offers nothing else of the plan.
  { name: "own action edit page", path: (r) => `/actions/${r.ownActionId}/edit`, ownAction: true, partnerShowsAtMost: ["OWNACTION", "GOAL"] },
  { name: "other action page", path: (r) => `/actions/${r.otherActionId}`, partnerStatus: whenShared("plan") },
  { name: "other action API", path: (r) => `/api/v1/actions/${r.otherActionId}`, api: true, partnerStatus: whenShared("plan") },
  { name: "other action history API", path: (r) => `/api/v1/actions/${r.otherActionId}/history`, api: true, partnerStatus: whenShared("plan") },
  { name: "other action edit page", path: (r) => `/actions/${r.otherActionId}/edit`, partnerStatus: editWhenShared("plan") },
  { name: "actions by agency page", path: () => "/actions?status=all", list: true },
  // The chase list and chasing messages are for the person's workers and managers.
  { name: "chase list", path: () => "/actions/chase", partnerStatus: refused, hiddenStatus: 403 },
  { name: "chasing message", path: (r) => `/actions/chase/${r.partnerOrganisationId}`, partnerStatus: refused, hiddenStatus: 403 },
  { name: "actions API", path: () => "/api/v1/actions?status=all", api: true, list: true },
  { name: "meetings page", path: (r) => `/people/${r.person.id}/meetings` },
  { name: "meetings API", path: (r) => `/api/v1/people/${r.person.id}/meetings`, api: true },
  { name: "meeting page", path: (r) => `/meetings/${r.meetingId}` },
  { name: "meeting API", path: (r) => `/api/v1/meetings/${r.meetingId}`, api: true },
  { name: "meeting edit page", path: (r) => `/meetings/${r.meetingId}/edit`, partnerStatus: refused },
  { name: "risks page", path: (r) => `/people/${r.person.id}/risks` },
  { name: "risks API", path: (r) => `/api/v1/people/${r.person.id}/risks`, api: true },
  { name: "risk to workers edit page", path: (r) => `/risks/${r.riskToWorkersId}/edit`, partnerStatus: refused },
  { name: "risk to the person edit page", path: (r) => `/risks/${r.riskToPersonId}/edit`, partnerStatus: editWhenShared("health", "offending") },
  { name: "team page", path: (r) => `/people/${r.person.id}/team` },
  { name: "team API", path: (r) => `/api/v1/people/${r.person.id}/team`, api: true },
  { name: "professional edit page", path: (r) => `/external-professionals/${r.professionalId}/edit`, partnerStatus: refused },
  // Refused outright, as to anyone in the team who may not change it (src/network/entries.test.ts).
  { name: "family member edit page", path: (r) => `/family-members/${r.familyMemberId}/edit`, partnerStatus: refused },
  { name: "service involved edit page", path: (r) => `/services-involved/${r.serviceInvolvedId}/edit`, partnerStatus: refused },
  { name: "person API", path: (r) => `/api/v1/people/${r.person.id}`, api: true },
  { name: "search page", path: (r) => `/people?q=${r.person.familyName}`, list: true },
  { name: "search API", path: (r) => `/api/v1/people?q=${r.person.familyName}`, api: true, list: true },
  { name: "caseload API", path: () => "/api/v1/people", api: true, list: true },
  { name: "reminders page", path: () => "/reminders", shows: ["OWNACTION", "OTHERACTION"], list: true },
  { name: "reminders API", path: () => "/api/v1/reminders", api: true, shows: ["OWNACTION", "OTHERACTION"], list: true },
  // Only the person's workers and their manager: partners are refused, whatever is shared.
  { name: "consent page", path: (r) => `/people/${r.person.id}/consent`, partnerStatus: refused },
  { name: "consents API", path: (r) => `/api/v1/people/${r.person.id}/consents`, api: true, partnerStatus: refused },
  { name: "consent edit page", path: (r) => `/consents/${r.workConsentId}/edit`, partnerStatus: refused },
  { name: "consent withdrawal page", path: (r) => `/consents/${r.workConsentId}/withdraw`, partnerStatus: refused },
  { name: "handover summary", path: (r) => `/people/${r.person.id}/handover`, partnerStatus: refused },
  { name: "case reviews page", path: (r) => `/people/${r.person.id}/case-reviews`, partnerStatus: refused },
  { name: "case review page", path: (r) => `/case-reviews/${r.caseReviewId}`, partnerStatus: () => 404 },
  { name: "hospital admission edit page", path: (r) => `/significant-events/${r.hospitalEventId}/edit`, partnerStatus: editWhenShared("health") },
  { name: "audit trail page", path: (r) => `/people/${r.person.id}/audit`, partnerStatus: refused, workerStatus: 403, hiddenStatus: 403 },
  { name: "audit API", path: (r) => `/api/v1/audit?person=${r.person.id}`, api: true, partnerStatus: refused, workerStatus: 403, hiddenStatus: 403 },
  { name: "edit details page", path: (r) => `/people/${r.person.id}/edit`, partnerStatus: refused },
];

/** Routes about a person, or about one part of a person's record, by its id. */
export const RECORD_PART =
  /^(\/api\/v1)?\/(people\/:id|goals|actions|meetings|risks|contacts|appointments|significant-events|case-reviews|consents|external-professionals|family-members|services-involved)\/:/;

/** GET routes about one person that show nothing of the record beyond a form or a redirect (forms are for workers). */
export const NOT_READS_OF_THE_RECORD = new Set([
  "/people/:id/appointments/new",
  "/people/:id/case-reviews/new",
  "/people/:id/chronology/events/new",
  "/people/:id/close",
  "/people/:id/consent/information-received",
  "/people/:id/consent/new",
  "/people/:id/contacts/new",
  "/people/:id/meetings/new",
  "/people/:id/plan/actions/new",
  "/people/:id/plan/goals/new",
  "/people/:id/plan/schedule",
  "/people/:id/reopen",
  "/people/:id/risks/new",
  "/people/:id/team/family/new",
  "/people/:id/team/lead",
  "/people/:id/team/members/:userId/end",
  "/people/:id/team/members/new",
  "/people/:id/team/professionals/new",
  "/people/:id/team/services/new",
]);

/** A record whose ids are the routes' parameter names: a route's path with it is the registered pattern. */
export const PATTERNS = {
  person: { id: ":id" },
  partnerOrganisationId: ":organisationId",
  goalId: ":goalId",
  ownActionId: ":actionId",
  otherActionId: ":actionId",
  meetingId: ":meetingId",
  contactId: ":contactId",
  appointmentId: ":appointmentId",
  riskToWorkersId: ":riskId",
  riskToPersonId: ":riskId",
  hospitalEventId: ":eventId",
  caseReviewId: ":reviewId",
  familyMemberId: ":familyMemberId",
  professionalId: ":professionalId",
  serviceInvolvedId: ":serviceInvolvedId",
  workConsentId: ":consentId",
} as unknown as PlantedRecord;

/** Which markers and phrases of `record` a response holds. */
export function found(text: string, record: PlantedRecord): { markers: Set<Marker>; phrases: Set<Phrase> } {
  return {
    markers: new Set((Object.keys(MARKERS) as Marker[]).filter((name) => text.includes(marker(record, name)))),
    phrases: new Set((Object.keys(PHRASES) as Phrase[]).filter((phrase) => text.includes(phrase))),
  };
}
