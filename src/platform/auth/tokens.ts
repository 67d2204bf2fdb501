/** A session lasts at most this long from sign-in (or from passing the second factor), however busy. */
export const ABSOLUTE_LIFETIME_HOURS = 12;
/** A session waiting for the second factor lasts at most this long. */
export const AWAITING_LIFETIME_MINUTES = 30;
