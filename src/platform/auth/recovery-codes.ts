import { createHash, randomInt } from "node:crypto";

/**
 * One-time recovery codes, for signing in when the authenticator app is lost: ten of them, shown
 * once, kept only as SHA-256 hashes. Written as two groups of five from an alphabet without the
 * characters people confuse (0/o, 1/l/i), so they can be read off paper.
 */

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const GROUP = 5;

export function newRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let characters = "";
    for (let index = 0; index < GROUP * 2; index++) characters += ALPHABET[randomInt(ALPHABET.length)];
    codes.add(`${characters.slice(0, GROUP)}-${characters.slice(GROUP)}`);
  }
  return [...codes];
}

/** The code as stored, whatever the case, spaces or hyphens it was typed with; null if it cannot be one. */
export function normaliseRecoveryCode(input: string): string | null {
  const characters = input.toLowerCase().replace(/[\s-]+/g, "");
  if (characters.length !== GROUP * 2 || [...characters].some((character) => !ALPHABET.includes(character))) return null;
  return `${characters.slice(0, GROUP)}-${characters.slice(GROUP)}`;
}

export function hashRecoveryCode(normalised: string): string {
  return createHash("sha256").update(normalised).digest("hex");
}
