import type { Actor } from "../platform/access/index.ts";
import { ukToday, type Clock } from "../platform/clock.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { isUuid } from "../platform/database/ids.ts";
import { Conflict, Invalid, NotFound, type FieldIssue } from "../platform/http/errors.ts";
import { plural } from "../platform/views/format.ts";
import * as episodeStore from "./episode-store.ts";
import type { EpisodeView } from "./episode-store.ts";
import { RATING_LABELS, type AdmissionInput, type EpisodeChanges } from "./schema.ts";
import { assertMayManage, auditEntry, rateInTransaction, requireEntry, type EntryView } from "./service.ts";
import * as store from "./store.ts";

/** Stays in hospital: admission makes the rating blue; discharge records the rating after it. */

export interface EpisodeContext {
  entry: EntryView;
  episode: EpisodeView;
}

/** The entry, for the admission form; audited as a read. */
export async function admissionForm(db: Db, actor: Actor, clock: Clock, entryId: string): Promise<EntryView> {
  assertMayManage(actor);
  return db.transaction(async (tx) => {
    const entry = await requireEntry(tx, actor.tenantId, entryId, ukToday(clock));
    await auditEntry(tx, actor, entry, "register.entry.read", { purpose: "admission-form" });
    return entry;
  });
}

/** Stays must not overlap: checks one stay's dates against the entry's others. */
async function checkDates(
  tx: Tx,
  input: { tenantId: string; entryId: string; exceptEpisodeId: string | null; admittedOn: string; dischargedOn: string | null; today: string },
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.admittedOn > input.today) issues.push({ field: "admittedOn", message: "The admission date must be today or in the past" });
  if (input.dischargedOn !== null) {
    if (input.dischargedOn > input.today) issues.push({ field: "dischargedOn", message: "The discharge date must be today or in the past" });
    else if (input.dischargedOn < input.admittedOn) issues.push({ field: "dischargedOn", message: "The discharge date must be the same as or after the admission date" });
  }
  if (issues.length > 0) throw new Invalid(issues);
  const { previousEnd, nextStart } = await episodeStore.neighbouringStays(tx, input);
  if (previousEnd !== null && previousEnd > input.admittedOn) {
    throw new Invalid([{ field: "admittedOn", message: "The admission date must be after the end of their previous stay in hospital" }]);
  }
  if (nextStart !== null && (input.dischargedOn === null || input.dischargedOn > nextStart)) {
    throw new Invalid([{ field: input.dischargedOn === null ? "admittedOn" : "dischargedOn", message: "This stay would overlap a later stay in hospital that is already recorded" }]);
  }
}

/** Records an admission: a new stay in hospital, and the rating becomes blue ("admitted to <setting>"). */
export async function admit(db: Db, actor: Actor, clock: Clock, entryId: string, input: AdmissionInput): Promise<EpisodeContext> {
  assertMayManage(actor);
  const today = ukToday(clock);
  if (!isUuid(entryId)) throw new NotFound("Register entry not found");
  return db.transaction(async (tx) => {
    await store.lockEntry(tx, actor.tenantId, entryId);
    const before = await requireEntry(tx, actor.tenantId, entryId, today);
    if (before.inpatient) {
      throw new Invalid([{ field: "admittedOn", message: `${before.givenName} ${before.familyName} is already in hospital: record that discharge first` }]);
    }
    await checkDates(tx, { tenantId: actor.tenantId, entryId, exceptEpisodeId: null, admittedOn: input.admittedOn, dischargedOn: null, today });
    const episodeId = await episodeStore.insertEpisode(tx, { tenantId: actor.tenantId, entryId, admittedOn: input.admittedOn, setting: input.setting, by: actor.userId });
    await rateInTransaction(
      tx,
      actor,
      clock,
      entryId,
      null,
      { rating: "blue", reason: `Admitted to ${input.setting}`, nextReviewOn: null },
      { audited: false, chronology: { kind: "register-admission", summary: `Admitted to hospital: ${input.setting} (blue on the dynamic support register)` } },
    );
    await auditEntry(tx, actor, before, "register.episode.create", { episodeId, admittedOn: input.admittedOn, from: before.rating });
    return requireContext(tx, actor.tenantId, episodeId, today);
  });
}

async function requireContext(tx: Db | Tx, tenantId: string, episodeId: string, today: string): Promise<EpisodeContext> {
  const episode = isUuid(episodeId) ? await episodeStore.findEpisode(tx, tenantId, episodeId, today) : undefined;
  if (!episode) throw new NotFound("Stay in hospital not found");
  return { episode, entry: await requireEntry(tx, tenantId, episode.entryId, today) };
}

/** A stay in hospital with its entry, for the edit and discharge form; audited as a read. */
export async function readEpisodeForEdit(db: Db, actor: Actor, clock: Clock, episodeId: string): Promise<EpisodeContext> {
  assertMayManage(actor);
  return db.transaction(async (tx) => {
    const context = await requireContext(tx, actor.tenantId, episodeId, ukToday(clock));
    await auditEntry(tx, actor, context.entry, "register.entry.read", { purpose: "episode-edit", episodeId });
    return context;
  });
}

/**
 * Corrects a stay or records the discharge, made against `expectedVersion`. A discharge needs the
 * rating after it, which is recorded in the history; a stay that has ended cannot be reopened.
 */
export async function changeEpisode(
  db: Db,
  actor: Actor,
  clock: Clock,
  episodeId: string,
  expectedVersion: number,
  changes: EpisodeChanges,
): Promise<EpisodeContext & { discharged: boolean }> {
  assertMayManage(actor);
  const today = ukToday(clock);
  return db.transaction(async (tx) => {
    const { episode: before, entry } = await requireContext(tx, actor.tenantId, episodeId, today);
    await store.lockEntry(tx, actor.tenantId, entry.id);
    if (!before.current && changes.dischargedOn === null) {
      throw new Invalid([{ field: "dischargedOn", message: "Enter the discharge date: a stay that has ended cannot be reopened. Record a new admission instead" }]);
    }
    const discharging = before.current && changes.dischargedOn !== null;
    if (discharging && !changes.afterDischarge) throw new Invalid([{ field: "rating", message: "Select their rating after discharge" }]);
    await checkDates(tx, { tenantId: actor.tenantId, entryId: entry.id, exceptEpisodeId: before.id, admittedOn: changes.admittedOn, dischargedOn: changes.dischargedOn, today });
    const saved = await episodeStore.updateEpisode(tx, {
      tenantId: actor.tenantId,
      episodeId: before.id,
      expectedVersion,
      admittedOn: changes.admittedOn,
      setting: changes.setting,
      dischargedOn: changes.dischargedOn,
      dischargePlan: changes.dischargePlan,
      by: actor.userId,
    });
    // Read again: `before` was read before the entry's lock, so it may predate the save that won,
    // and the conflict must show what is stored now, with its version.
    if (!saved) throw new Conflict("Someone else changed this stay in hospital after you opened it", (await requireContext(tx, actor.tenantId, before.id, today)).episode);
    const after = await requireContext(tx, actor.tenantId, before.id, today);
    if (discharging && changes.afterDischarge) {
      const rating = changes.afterDischarge;
      const reason = rating.reason || `Discharged from ${changes.setting}`;
      const stay = plural(after.episode.lengthOfStayDays, "day");
      await rateInTransaction(tx, actor, clock, entry.id, null, { ...rating, reason }, {
        audited: false,
        chronology: { kind: "register-discharge", summary: `Discharged from hospital (${changes.setting}) after ${stay}; ${RATING_LABELS[rating.rating].toLowerCase()} on the dynamic support register` },
      });
    }
    const fields = (["admittedOn", "setting", "dischargedOn", "dischargePlan"] as const).filter((field) => before[field] !== changes[field]);
    await auditEntry(tx, actor, entry, "register.episode.update", {
      episodeId: before.id,
      fields,
      discharged: discharging,
      ...(discharging ? { lengthOfStayDays: after.episode.lengthOfStayDays, to: changes.afterDischarge?.rating } : {}),
    });
    return { ...(await requireContext(tx, actor.tenantId, before.id, today)), discharged: discharging };
  });
}
