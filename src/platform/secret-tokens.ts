import { createHash, randomBytes } from "node:crypto";

/**
 * A random token that grants something to whoever holds it (a session, a referral's private status
 * link, a calendar feed): 256 bits, URL-safe.
 */
export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256 of a secret token: only this is stored, so a copy of the database opens nothing. */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
