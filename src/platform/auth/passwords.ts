import { hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP baseline (19 MiB, 2 iterations, 1 lane): @node-rs/argon2's defaults.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the e-mail is unknown, so that the reply takes as long either way. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash("keywork-decoy-password-never-valid");
  return decoyHash;
}
