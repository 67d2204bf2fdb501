import { sql } from "drizzle-orm";
import { caseReviews } from "../../src/supervision/tables.ts";
import { covers } from "../../src/caseload/tables.ts";
import { notifications } from "../../src/notifications/tables.ts";
import { outcomeScales } from "../../src/outcomes/tables.ts";
import { DEFAULT_SCALE_DOMAINS } from "../../src/outcomes/schema.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { todayIso } from "../../src/platform/http/validation.ts";
import { insertOrganisation } from "../support/accountability.ts";
import { insertSignificantEvent } from "../support/chronology.ts";
import { createUser } from "../support/factories.ts";
import { createDirectoryService, createFamilyMember, createProfessional, createServiceInvolved } from "../support/network.ts";
import { createReferralService } from "../support/referral-intake.ts";
import { insertNote } from "../support/supervision.ts";
import type { HttpClient } from "../support/http.ts";
import type { RecordIds, RecordScene } from "./matrix.ts";

/**
 * The records the access matrix puts to the routes that take another record's id (`/goals/:goalId`,
 * `/referrals/:referralId`...): made by their users through the API where it makes them, otherwise
 * stored directly as the tests beside the code do, on the request's person when the record is part
 * of a person's record.
 *
 * A read's record is made once per person and shared, so the person with a full record has one of
 * each; a write's is made for its request alone (`RecordScene.fresh`).
 */

type Maker = (scene: RecordScene) => Promise<string>;

let matrixReferralService = "";

/** Sets the matrix's service taking referrals (made by `setUpReferralIntakeMatrix`). */
export function useMatrixReferralService(serviceId: string): void {
  matrixReferralService = serviceId;
}

/** The matrix's service taking referrals, received by the lead worker's team, whose public link carries the matrix's token. */
export function matrixServiceId(): string {
  if (!matrixReferralService) throw new Error("setting up: the matrix's referral service is not made yet");
  return matrixReferralService;
}

/** A kind of record: made afresh for a write, once per person for reads. */
function kind(make: Maker): Maker {
  const made = new Map<string, Promise<string>>();
  return (scene) => {
    if (scene.fresh) return make(scene);
    const key = `${scene.tenant.tenantId} ${scene.person.id}`;
    let id = made.get(key);
    if (!id) {
      id = make(scene);
      made.set(key, id);
    }
    return id;
  };
}

/** The rule's `ids`: a real id for each of the path's record id parameters, by name. */
export function ids(makers: Record<string, Maker>): RecordIds {
  return async (scene) => {
    const found: Record<string, string> = {};
    for (const [param, make] of Object.entries(makers)) found[param] = await make(scene);
    return found;
  };
}

async function created(client: HttpClient, path: string, body: unknown): Promise<string> {
  const { status, body: answer } = await client.sendJson<{ id?: string }>("POST", path, body);
  if (status !== 201 || typeof answer.id !== "string") throw new Error(`setting up: POST ${path} answered ${status}: ${JSON.stringify(answer)}`);
  return answer.id;
}

async function asLead(scene: RecordScene, path: string, body: unknown): Promise<string> {
  return created(await scene.client("lead worker", true), `/api/v1/people/${scene.person.id}${path}`, body);
}

const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString();

// The person's record, made by their lead worker.
export const goal = kind((scene) => asLead(scene, "/goals", { description: "Get my own flat" }));
/** Owned by the key-worker service: the partner in the team's agency does not own it. */
export const action = kind((scene) => asLead(scene, "/actions", { description: "Book the housing appointment", dueDate: todayIso(), ownerOrganisationId: scene.tenant.serviceOrganisationId }));
export const contact = kind((scene) => asLead(scene, "/contacts", { type: "phone", note: "A call" }));
export const appointment = kind((scene) => asLead(scene, "/appointments", { startsAt: tomorrow(), place: "Café" }));
export const risk = kind((scene) => asLead(scene, "/risks", { category: "to-workers", level: "medium", description: "Can be hostile" }));
export const consent = kind((scene) => asLead(scene, "/consents", { type: "work-with-service", howGiven: "verbal" }));
export const meeting = kind((scene) => asLead(scene, "/meetings", { kind: "cetr", date: todayIso(), location: "Matrix room" }));
export const outcomeReading = kind((scene) => asLead(scene, "/outcomes", { takenOn: todayIso(), scores: Object.fromEntries(DEFAULT_SCALE_DOMAINS.map((domain) => [domain.key, 3])) }));
/** Over the default approval threshold (£100), so it awaits a manager's decision. */
export const spend = kind(async (scene) => asLead(scene, "/budget/spends", { amountPence: 15_000, category: "travel", goalId: await goal(scene), note: "Bus pass for the year" }));
export const significantEvent = kind((scene) =>
  insertSignificantEvent(scene.db, scene.tenant, scene.person, { title: "Evicted from the hostel", occurredAt: new Date(Date.now() - 86_400_000), recordedBy: scene.users["lead worker"] }),
);
export const externalProfessional = kind((scene) => createProfessional(scene.db, scene.tenant, scene.person.id));
export const familyMember = kind((scene) => createFamilyMember(scene.db, scene.tenant, scene.person.id));
export const serviceInvolved = kind((scene) => createServiceInvolved(scene.db, scene.tenant, scene.person.id));
export const caseReview = kind(async (scene) => {
  const id = newId();
  await scene.db.insert(caseReviews).values({
    id,
    tenantId: scene.tenant.tenantId,
    personId: scene.person.id,
    heldOn: todayIso(),
    whatIsStuck: "No contact for six weeks",
    conversation: "Talked through what has worked before",
    outcome: "Try the day centre on Tuesdays",
    createdBy: scene.users["lead worker"].id,
  });
  return id;
});

/** A receipt for the person's spend, uploaded by the lead worker as a browser does (multipart, with the CSRF token). */
export const receipt = kind(async (scene) => {
  const spendId = await spend(scene);
  const client = await scene.client("lead worker", false);
  const spendPage = `/people/${scene.person.id}/budget/spends/${spendId}`;
  const page = await (await client.get(spendPage)).text();
  const form = new FormData();
  form.append("_csrf", /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "");
  form.append("receipt", new Blob([new Uint8Array(Buffer.from("%PDF-1.4\n%matrix receipt\n"))], { type: "application/pdf" }), "receipt.pdf");
  const cookie = ["keywork_session", "_csrf"].map((name) => `${name}=${client.cookie(name) ?? ""}`).join("; ");
  const response = await fetch(`${scene.baseUrl}${spendPage}/receipts`, { method: "POST", body: form, headers: { cookie }, redirect: "manual" });
  if (response.status !== 303) throw new Error(`setting up: uploading a receipt answered ${response.status}`);
  const [row] = await queryRows<{ id: string }>(scene.db, sql`SELECT id FROM budget_receipts WHERE tenant_id = ${scene.tenant.tenantId} AND spend_id = ${spendId}`);
  if (!row) throw new Error("setting up: the receipt was not saved");
  return row.id;
});

/** The peer mentor's membership of the team around the person (every matrix person has one). */
export const peerMentorMember: Maker = async (scene) => scene.users["peer mentor in the team"].id;

/**
 * Everything the person with a full record has, so that each part of their record's pages has rows
 * to show and each route with a record's id has a real record to find.
 */
export const RECORD_PARTS: Maker[] = [goal, action, contact, appointment, risk, consent, meeting, outcomeReading, spend, receipt, significantEvent, externalProfessional, familyMember, serviceInvolved, caseReview];

// Records of the partnership, not of one person.

/** A break-glass grant opened by the worker outside the team, on a person of its own (a grant would change what that worker sees of any other). */
export const grant = kind(async (scene) => {
  const person = await scene.newPerson();
  return created(await scene.client("worker outside the team", true), "/api/v1/break-glass", {
    personId: person.id,
    givenName: person.givenName,
    familyName: person.familyName,
    dateOfBirth: "1988-04-12",
    reason: "Police welfare check at the hostel tonight",
    hours: 1,
  });
});

/** A young person on the dynamic support register, added by the register owner. */
export const registerEntry = kind(async (scene) =>
  created(await scene.client("register owner", true), "/api/v1/register", { givenName: "Matrix", familyName: `Entry${newId().slice(-8)}`, dateOfBirth: "2011-02-03", rating: "amber", reason: "Matrix check" }),
);
export const inpatientEpisode = kind(async (scene) =>
  created(await scene.client("register owner", true), `/api/v1/register/${await registerEntry(scene)}/episodes`, { admittedOn: "2026-01-05", setting: "Matrix unit" }),
);

/** A referral made through the API by the referrer, to the matrix's service (received by the lead worker's team). */
export const referral = kind(async (scene) =>
  created(await scene.client("referrer", true), "/api/v1/referrals", {
    serviceId: matrixServiceId(),
    person: { givenName: "Matrix", familyName: `Referral${newId().slice(-8)}`, dateOfBirth: "1990-01-01" },
    reason: "Access matrix check",
    needs: ["housing"],
  }),
);

/** A service taking referrals for the lead worker's team: the matrix's own to read, a new one to change (its public link carries the matrix's token). */
export const referralService: Maker = async (scene) => (scene.fresh ? (await createReferralService(scene.db, scene.tenant)).serviceId : matrixServiceId());
export const directoryService = kind((scene) => createDirectoryService(scene.db, scene.tenant, { name: `Matrix service ${newId().slice(-8)}` }));
export const organisation = kind((scene) => insertOrganisation(scene.db, scene.tenant, { name: `Matrix organisation ${newId().slice(-8)}` }));
/** The partner agency, owner of actions to chase. */
export const partnerOrganisation: Maker = async (scene) => scene.tenant.partnerOrganisationId;

/** An outcome scale of the partnership's own, beside the default one. */
export const outcomeScale = kind(async (scene) => {
  const id = newId();
  await scene.db.insert(outcomeScales).values({ id, tenantId: scene.tenant.tenantId, name: `Matrix scale ${id.slice(-8)}`, domains: DEFAULT_SCALE_DOMAINS, createdBy: scene.users.administrator.id });
  return id;
});

/** A reminder for the lead worker. */
export const leadWorkersReminder = kind(async (scene) => {
  const id = newId();
  await scene.db.insert(notifications).values({
    id,
    tenantId: scene.tenant.tenantId,
    userId: scene.users["lead worker"].id,
    personId: null,
    kind: "action-due",
    message: "An action is due today",
    dedupeKey: `matrix-${id}`,
  });
  return id;
});

/** A cover in the lead worker's team, a month ahead: it gives nobody access today. */
export const futureCover = kind(async (scene) => {
  const id = newId();
  const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  await scene.db.insert(covers).values({
    id,
    tenantId: scene.tenant.tenantId,
    absentUserId: scene.users["lead worker"].id,
    coveringUserId: scene.users["covering the lead worker"].id,
    startsOn: day(30),
    endsOn: day(31),
    createdBy: scene.users["team manager"].id,
  });
  return id;
});

/** A supervision note of the lead worker's, by the team's manager. */
export const supervisionNote = kind((scene) => insertNote(scene.db, scene.tenant, { worker: scene.users["lead worker"], supervisor: scene.users["team manager"], heldOn: todayIso() }));

/** A key worker of the partnership: the lead worker to look at, a new one to change. */
export const keyWorker: Maker = async (scene) => (scene.fresh ? (await createUser(scene.db, scene.tenant, { roles: ["key-worker"] })).id : scene.users["lead worker"].id);
