import type { Actor } from "../platform/access/index.ts";
import { audit } from "../platform/audit/index.ts";
import { daysBetween, ukToday, type Clock } from "../platform/clock.ts";
import type { Db } from "../platform/database/open.ts";
import { todayIso } from "../platform/http/validation.ts";
import type { ReferralStatus } from "./schema.ts";
import * as store from "./triage-store.ts";
import { TRIAGE_TABS, type ReferralLine, type TriageCounts, type TriageTab } from "./triage-store.ts";
import { overdueThreshold, timersFor, type Timers } from "./triage-timers.ts";
import { assertMayTriage } from "./triage-service.ts";

/** The receiving team's lists: referrals by tab with counts, the waiting list, and the overdue count. */

export const TRIAGE_PAGE_SIZE = 25;

export function isTriageTab(value: string | undefined): value is TriageTab {
  return value !== undefined && value in TRIAGE_TABS;
}

export type TimedLine = ReferralLine & { timers: Timers };

export interface TriageList {
  tab: TriageTab;
  serviceId: string | null;
  services: Array<{ id: string; name: string }>;
  counts: TriageCounts;
  rows: TimedLine[];
  total: number;
  page: number;
  pageSize: number;
}

/** One tab of the managers' list, overdue first, with the counts of every tab. Audited. */
export async function listForManager(db: Db, actor: Actor, clock: Clock, options: { tab: TriageTab; serviceId: string | null; page: number }): Promise<TriageList> {
  const teamId = assertMayTriage(actor);
  const today = ukToday(clock);
  const threshold = overdueThreshold(today);
  return db.transaction(async (tx) => {
    const services = await store.listTeamServices(tx, actor.tenantId, teamId);
    const serviceId = options.serviceId && services.some((service) => service.id === options.serviceId) ? options.serviceId : null;
    const filter = { tenantId: actor.tenantId, teamId, serviceId };
    const counts = await store.countTeamReferrals(tx, filter, threshold);
    const { rows, total } = await store.listTeamReferrals(tx, {
      ...filter,
      statuses: TRIAGE_TABS[options.tab],
      threshold,
      limit: TRIAGE_PAGE_SIZE,
      offset: (options.page - 1) * TRIAGE_PAGE_SIZE,
    });
    await audit(tx, actor, { action: "referral.list", subjectType: "referral", detail: { tab: options.tab, serviceId, page: options.page, returned: rows.map((row) => row.id) } });
    return { tab: options.tab, serviceId, services, counts, rows: rows.map((row) => ({ ...row, timers: timersFor(row, today) })), total, page: options.page, pageSize: TRIAGE_PAGE_SIZE };
  });
}

export type WaitingLine = ReferralLine & { daysWaiting: number };

/** Accepted referrals waiting for a worker, in priority order, with how long each has waited since it was received. */
export async function readWaitingList(db: Db, actor: Actor, clock: Clock): Promise<WaitingLine[]> {
  const teamId = assertMayTriage(actor);
  const today = ukToday(clock);
  return db.transaction(async (tx) => {
    const rows = await store.listWaiting(tx, { tenantId: actor.tenantId, teamId, serviceId: null });
    await audit(tx, actor, { action: "referral.waiting-list", subjectType: "referral", detail: { returned: rows.map((row) => row.id) } });
    return rows.map((row) => ({ ...row, daysWaiting: Math.max(0, daysBetween(todayIso(row.receivedAt), today)) }));
  });
}

export const API_PAGE_SIZE = 500;

/** The API's list: the team's referrals in one status (or all), overdue first. Audited. */
export async function listForApi(db: Db, actor: Actor, clock: Clock, options: { status: ReferralStatus | null; serviceId: string | null; page: number }): Promise<{ rows: TimedLine[]; total: number }> {
  const teamId = assertMayTriage(actor);
  const today = ukToday(clock);
  const threshold = overdueThreshold(today);
  return db.transaction(async (tx) => {
    const { rows, total } = await store.listTeamReferrals(tx, {
      tenantId: actor.tenantId,
      teamId,
      serviceId: options.serviceId,
      statuses: options.status ? [options.status] : null,
      threshold,
      limit: API_PAGE_SIZE,
      offset: (options.page - 1) * API_PAGE_SIZE,
    });
    await audit(tx, actor, { action: "referral.list", subjectType: "referral", detail: { status: options.status, serviceId: options.serviceId, page: options.page, returned: rows.map((row) => row.id) } });
    return { rows: rows.map((row) => ({ ...row, timers: timersFor(row, today) })), total };
  });
}
