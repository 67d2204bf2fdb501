import { and, eq, sql } from "drizzle-orm";
import { LONDON_TODAY } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { newId } from "../platform/database/ids.ts";
import { queryRows } from "../platform/database/query.ts";
import type { ConsentChanges, ConsentStatus, NewConsent } from "./schema.ts";
import { consents, informationReceived } from "./tables.ts";

/** A consent as the pages and API show it: with the names of its party and its status today. */
export interface ConsentRow {
  id: string;
  personId: string;
  type: string;
  partyOrganisationId: string | null;
  partyOrganisationName: string | null;
  partyFamilyMemberId: string | null;
  partyFamilyMemberName: string | null;
  partyFamilyMemberRelationship: string | null;
  partyDescription: string | null;
  scopes: string[];
  howGiven: string;
  givenOn: string;
  reviewOn: string | null;
  withdrawnOn: string | null;
  note: string | null;
  recordedById: string | null;
  recordedByName: string | null;
  version: number;
  status: ConsentStatus;
  /** Today in the UK, as the database saw it when this row was read. */
  today: string;
}

interface ConsentRaw {
  id: string;
  person_id: string;
  type: string;
  party_organisation_id: string | null;
  party_organisation_name: string | null;
  party_family_member_id: string | null;
  party_family_member_name: string | null;
  party_family_member_relationship: string | null;
  party_description: string | null;
  scopes: string[];
  how_given: string;
  given_on: string;
  review_on: string | null;
  withdrawn_on: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_by_name: string | null;
  version: number;
  status: ConsentStatus;
  today: string;
}

const CONSENT_SELECT = sql`
  SELECT consent.id, consent.person_id, consent.type,
    consent.party_organisation_id, organisation.name AS party_organisation_name,
    consent.party_family_member_id, family.name AS party_family_member_name, family.relationship AS party_family_member_relationship,
    consent.party_description, consent.scopes, consent.how_given,
    consent.given_on::text AS given_on, consent.review_on::text AS review_on, consent.withdrawn_on::text AS withdrawn_on,
    consent.note, consent.recorded_by, recorder.display_name AS recorded_by_name, consent.version,
    CASE
      WHEN consent.withdrawn_on IS NOT NULL AND consent.withdrawn_on <= ${LONDON_TODAY} THEN 'withdrawn'
      WHEN consent.given_on > ${LONDON_TODAY} THEN 'not-yet-started'
      WHEN consent.review_on IS NOT NULL AND consent.review_on <= ${LONDON_TODAY} THEN 'review-due'
      ELSE 'current'
    END AS status,
    ${LONDON_TODAY}::text AS today
  FROM consents consent
  LEFT JOIN organisations organisation ON organisation.tenant_id = consent.tenant_id AND organisation.id = consent.party_organisation_id
  LEFT JOIN family_members family ON family.tenant_id = consent.tenant_id AND family.id = consent.party_family_member_id
  LEFT JOIN users recorder ON recorder.tenant_id = consent.tenant_id AND recorder.id = consent.recorded_by`;

function toConsentRow(row: ConsentRaw): ConsentRow {
  return {
    id: row.id,
    personId: row.person_id,
    type: row.type,
    partyOrganisationId: row.party_organisation_id,
    partyOrganisationName: row.party_organisation_name,
    partyFamilyMemberId: row.party_family_member_id,
    partyFamilyMemberName: row.party_family_member_name,
    partyFamilyMemberRelationship: row.party_family_member_relationship,
    partyDescription: row.party_description,
    scopes: row.scopes,
    howGiven: row.how_given,
    givenOn: row.given_on,
    reviewOn: row.review_on,
    withdrawnOn: row.withdrawn_on,
    note: row.note,
    recordedById: row.recorded_by,
    recordedByName: row.recorded_by_name,
    version: row.version,
    status: row.status,
    today: row.today,
  };
}

/** Every consent of a person, newest given first. */
export async function listConsents(tx: Db | Tx, tenantId: string, personId: string): Promise<ConsentRow[]> {
  const rows = await queryRows<ConsentRaw>(tx, sql`${CONSENT_SELECT}
    WHERE consent.tenant_id = ${tenantId} AND consent.person_id = ${personId}
    ORDER BY consent.given_on DESC, consent.created_at DESC, consent.id DESC`);
  return rows.map(toConsentRow);
}

export async function findConsent(tx: Db | Tx, tenantId: string, consentId: string): Promise<ConsentRow | undefined> {
  const [row] = await queryRows<ConsentRaw>(tx, sql`${CONSENT_SELECT}
    WHERE consent.tenant_id = ${tenantId} AND consent.id = ${consentId}`);
  return row ? toConsentRow(row) : undefined;
}

export async function insertConsent(
  tx: Tx,
  input: { tenantId: string; personId: string; recordedBy: string; consent: NewConsent & { reviewOn: string; withdrawnOn?: string | null } },
): Promise<string> {
  const id = newId();
  const { consent } = input;
  await tx.insert(consents).values({
    id,
    tenantId: input.tenantId,
    personId: input.personId,
    type: consent.type,
    partyOrganisationId: consent.party.organisationId,
    partyFamilyMemberId: consent.party.familyMemberId,
    partyDescription: consent.party.description,
    scopes: consent.scopes,
    howGiven: consent.howGiven,
    givenOn: consent.givenOn,
    reviewOn: consent.reviewOn,
    withdrawnOn: consent.withdrawnOn ?? null,
    note: consent.note,
    recordedBy: input.recordedBy,
  });
  return id;
}

/** Changes a consent only when the stored version is `expectedVersion`; false when someone saved first. */
export async function updateConsent(
  tx: Tx,
  input: { tenantId: string; consentId: string; expectedVersion: number; changes: ConsentChanges },
): Promise<boolean> {
  const { changes } = input;
  const rows = await tx
    .update(consents)
    .set({
      ...(changes.reviewOn !== undefined ? { reviewOn: changes.reviewOn } : {}),
      ...(changes.scopes !== undefined ? { scopes: changes.scopes } : {}),
      ...(changes.note !== undefined ? { note: changes.note } : {}),
      ...(changes.withdrawnOn !== undefined ? { withdrawnOn: changes.withdrawnOn } : {}),
      updatedAt: sql`now()`,
      version: sql`${consents.version} + 1`,
    })
    .where(and(eq(consents.tenantId, input.tenantId), eq(consents.id, input.consentId), eq(consents.version, input.expectedVersion)))
    .returning({ id: consents.id });
  return rows.length > 0;
}

/** Withdraws a consent from today, unless it has already ended; false when there was nothing to withdraw. */
export async function withdrawConsent(tx: Tx, tenantId: string, consentId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`
    UPDATE consents SET withdrawn_on = ${LONDON_TODAY}, updated_at = now(), version = version + 1
    WHERE tenant_id = ${tenantId} AND id = ${consentId}
      AND (withdrawn_on IS NULL OR withdrawn_on > ${LONDON_TODAY})
    RETURNING id`);
  return rows.length > 0;
}

export interface PartyOption {
  id: string;
  name: string;
}

export interface FamilyMemberOption {
  id: string;
  name: string;
  relationship: string;
}

/** The partnership's organisations, for choosing who a consent is with. */
export async function listOrganisations(tx: Db | Tx, tenantId: string): Promise<PartyOption[]> {
  return queryRows<PartyOption>(tx, sql`SELECT id, name FROM organisations WHERE tenant_id = ${tenantId} ORDER BY name, id`);
}

/** The person's family members and carers still in their life. */
export async function listFamilyMembers(tx: Db | Tx, tenantId: string, personId: string): Promise<FamilyMemberOption[]> {
  return queryRows<FamilyMemberOption>(tx, sql`
    SELECT id, name, relationship FROM family_members
    WHERE tenant_id = ${tenantId} AND person_id = ${personId} AND ended_on IS NULL
    ORDER BY name, id`);
}

export interface InformationReceivedRow {
  id: string;
  familyMemberId: string | null;
  fromDescription: string;
  receivedAt: Date;
  note: string;
  recordedByName: string | null;
}

export async function listInformationReceived(tx: Db | Tx, tenantId: string, personId: string): Promise<InformationReceivedRow[]> {
  const rows = await queryRows<{
    id: string;
    family_member_id: string | null;
    from_description: string;
    received_at: Date | string;
    note: string;
    recorded_by_name: string | null;
  }>(tx, sql`
    SELECT received.id, received.family_member_id, received.from_description, received.received_at, received.note,
      recorder.display_name AS recorded_by_name
    FROM information_received received
    LEFT JOIN users recorder ON recorder.tenant_id = received.tenant_id AND recorder.id = received.recorded_by
    WHERE received.tenant_id = ${tenantId} AND received.person_id = ${personId}
    ORDER BY received.received_at DESC, received.id DESC`);
  return rows.map((row) => ({
    id: row.id,
    familyMemberId: row.family_member_id,
    fromDescription: row.from_description,
    receivedAt: new Date(row.received_at),
    note: row.note,
    recordedByName: row.recorded_by_name,
  }));
}

/** Stores what a family member or carer said; `receivedOn` and `receivedTime` are UK wall-clock time. */
export async function insertInformationReceived(
  tx: Tx,
  input: { tenantId: string; personId: string; recordedBy: string; familyMemberId: string | null; fromDescription: string; receivedOn: string; receivedTime: string; note: string },
): Promise<string> {
  const id = newId();
  await tx.insert(informationReceived).values({
    id,
    tenantId: input.tenantId,
    personId: input.personId,
    familyMemberId: input.familyMemberId,
    fromDescription: input.fromDescription,
    receivedAt: sql`(${`${input.receivedOn} ${input.receivedTime}`}::timestamp AT TIME ZONE 'Europe/London')`,
    note: input.note,
    recordedBy: input.recordedBy,
  });
  return id;
}

/** The earliest review date of each person's current consents, for those on or before `until`. */
export async function earliestReviews(
  tx: Db | Tx,
  tenantId: string,
  personIds: string[],
  withinDays: number,
): Promise<Array<{ personId: string; dueOn: string; today: string }>> {
  if (personIds.length === 0) return [];
  const rows = await queryRows<{ person_id: string; due_on: string; today: string }>(tx, sql`
    SELECT consent.person_id, min(consent.review_on)::text AS due_on, ${LONDON_TODAY}::text AS today
    FROM consents consent
    WHERE consent.tenant_id = ${tenantId}
      AND consent.person_id IN (${sql.join(personIds.map((id) => sql`${id}::uuid`), sql`, `)})
      AND consent.given_on <= ${LONDON_TODAY}
      AND (consent.withdrawn_on IS NULL OR consent.withdrawn_on > ${LONDON_TODAY})
      AND consent.review_on IS NOT NULL
      AND consent.review_on <= ${LONDON_TODAY} + ${withinDays}::int
    GROUP BY consent.person_id`);
  return rows.map((row) => ({ personId: row.person_id, dueOn: row.due_on, today: row.today }));
}

/** The UK date each of a tenant's people was added: demo consents start then. */
export async function personStartDates(tx: Db | Tx, tenantId: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ id: string; started_on: string }>(tx, sql`
    SELECT id, (created_at AT TIME ZONE 'Europe/London')::date::text AS started_on FROM people WHERE tenant_id = ${tenantId}`);
  return new Map(rows.map((row) => [row.id, row.started_on]));
}
