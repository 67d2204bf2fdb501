import type { EntryRead, EntryView, EpisodeView, RatingView, RegisterCounts } from "./service.ts";

/** The API's shapes of the register. */

export function presentEntryForApi(entry: EntryView) {
  return {
    id: entry.id,
    personId: entry.personId,
    givenName: entry.givenName,
    familyName: entry.familyName,
    dateOfBirth: entry.dateOfBirth,
    rating: entry.rating,
    reason: entry.reason,
    ratedBy: entry.ratedBy,
    ratedAt: entry.ratedAt.toISOString(),
    nextReviewOn: entry.nextReviewOn,
    reviewOverdue: entry.reviewOverdue,
    inpatient: entry.inpatient ? { since: entry.inpatient.since, setting: entry.inpatient.setting } : null,
    removedAt: entry.removedAt?.toISOString() ?? null,
    removalReason: entry.removalReason,
    version: entry.version,
  };
}

export function presentRatingForApi(rating: RatingView) {
  return {
    id: rating.id,
    rating: rating.rating,
    previousRating: rating.previousRating,
    reason: rating.reason,
    ratedBy: rating.ratedBy,
    ratedAt: rating.ratedAt.toISOString(),
    nextReviewOn: rating.nextReviewOn,
  };
}

export function presentEpisodeForApi(episode: EpisodeView) {
  return {
    id: episode.id,
    admittedOn: episode.admittedOn,
    dischargedOn: episode.dischargedOn,
    setting: episode.setting,
    dischargePlan: episode.dischargePlan,
    lengthOfStayDays: episode.lengthOfStayDays,
    current: episode.current,
    version: episode.version,
  };
}

export function presentEntryDetailForApi(read: Pick<EntryRead, "entry" | "ratings" | "episodes">) {
  return {
    ...presentEntryForApi(read.entry),
    ratings: read.ratings.map(presentRatingForApi),
    episodes: read.episodes.map(presentEpisodeForApi),
  };
}

export function presentCountsForApi(counts: RegisterCounts) {
  return { ...counts };
}
