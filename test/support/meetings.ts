import { sql } from "drizzle-orm";
import type { Db } from "../../src/platform/database/open.ts";
import { newId } from "../../src/platform/database/ids.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { organisations } from "../../src/platform/tenancy/tables.ts";
import { personSeenByEveryAudience, type AudienceScene } from "./chronology.ts";
import { createFamilyMember, createProfessional } from "./network.ts";

/** Test helpers for meetings and their recommendations (src/meetings). */

export interface MeetingScene extends AudienceScene {
  /** A third organisation of the partnership, with no one in the person's team. */
  educationOrganisationId: string;
  professionalId: string;
  familyMemberId: string;
}

/** The every-audience scene, plus a school, a GP in the team around the person and their dad. */
export async function meetingScene(db: Db): Promise<MeetingScene> {
  const scene = await personSeenByEveryAudience(db);
  const educationOrganisationId = newId();
  await db.insert(organisations).values({ id: educationOrganisationId, tenantId: scene.tenant.tenantId, name: "Oakfield Academy", kind: "education" });
  const professionalId = await createProfessional(db, scene.tenant, scene.person.id);
  const familyMemberId = await createFamilyMember(db, scene.tenant, scene.person.id, { name: "Paul Marsden", isCarer: false });
  return { ...scene, educationOrganisationId, professionalId, familyMemberId };
}

/** Date input fields for a GOV.UK date input named `prefix`. */
export function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(month)), [`${prefix}-year`]: year ?? "" };
}

export async function meetingRows(db: Db, tenantId: string, personId: string) {
  return queryRows<{ id: string; kind: string; held_on: string; location: string | null; notes: string | null; version: number }>(
    db,
    sql`SELECT id, kind, held_on::text AS held_on, location, notes, version FROM meetings WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY held_on, created_at`,
  );
}

export async function attendeeRows(db: Db, tenantId: string, meetingId: string) {
  return queryRows<{ kind: string; user_id: string | null; name: string; role: string | null; sent_apologies: boolean }>(
    db,
    sql`SELECT kind, user_id, name, role, sent_apologies FROM meeting_attendees WHERE tenant_id = ${tenantId} AND meeting_id = ${meetingId} ORDER BY id`,
  );
}

export async function actionRows(db: Db, tenantId: string, personId: string) {
  return queryRows<{ id: string; meeting_id: string | null; description: string; due_on: string; status: string; owner_organisation_id: string; owner_user_id: string | null; owner_name: string | null; version: number }>(
    db,
    sql`SELECT id, meeting_id, description, due_on::text AS due_on, status, owner_organisation_id, owner_user_id, owner_name, version
        FROM plan_actions WHERE tenant_id = ${tenantId} AND person_id = ${personId} ORDER BY created_at, id`,
  );
}

/** Marks an action done (or another status) directly, as the plan's pages would. */
export async function setActionStatus(db: Db, tenantId: string, actionId: string, status: "open" | "done" | "cancelled"): Promise<void> {
  await db.execute(sql`UPDATE plan_actions SET status = ${status}, version = version + 1 WHERE tenant_id = ${tenantId} AND id = ${actionId}`);
}

export async function planRow(db: Db, tenantId: string, personId: string) {
  const [row] = await queryRows<{ next_review_on: string; last_reviewed_on: string | null }>(
    db,
    sql`SELECT next_review_on::text AS next_review_on, last_reviewed_on::text AS last_reviewed_on FROM plans WHERE tenant_id = ${tenantId} AND person_id = ${personId}`,
  );
  return row;
}
