import { createHash, randomBytes } from "node:crypto";

/** A session lasts at most this long from sign-in (or from passing the second factor), however busy. */
export const ABSOLUTE_LIFETIME_HOURS = 12;
/** A session waiting for the second factor lasts at most this long. */
export const AWAITING_LIFETIME_MINUTES = 30;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this hash is stored: the token itself is only ever in the cookie or the client's hands. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
