import type { Actor } from "../platform/access/index.ts";
import type { Db, Tx } from "../platform/database/open.ts";
import { formatIsoDate } from "../platform/views/format.ts";
import { findCandidates, type Candidate } from "./triage-store.ts";

/**
 * Tell it once: is the person referred someone the service already knows? A candidate is someone
 * the manager may see with the same date of birth and a name in common — a given name, family
 * name, preferred name or alias, whichever way round, ignoring case.
 */

export interface Match {
  person: Candidate;
  /** Why they may be the same person, in plain words. */
  reasons: string[];
}

interface NamedAs {
  name: string;
  as: string;
}

function referralNames(referral: { givenName: string; familyName: string; aliases: readonly string[] }): NamedAs[] {
  return [
    { name: referral.givenName, as: "given name" },
    { name: referral.familyName, as: "family name" },
    ...referral.aliases.map((alias) => ({ name: alias, as: "alias" })),
  ];
}

function personNames(person: Candidate): NamedAs[] {
  return [
    { name: person.givenName, as: "given name" },
    { name: person.familyName, as: "family name" },
    ...(person.preferredName ? [{ name: person.preferredName, as: "preferred name" }] : []),
    ...person.aliases.map((alias) => ({ name: alias, as: "alias" })),
  ];
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase() && a.trim() !== "";

/** Why the referral and the person may be the same: the date of birth, then each name in common. */
export function matchReasons(referral: { givenName: string; familyName: string; aliases: readonly string[]; dateOfBirth: string | null }, person: Candidate): string[] {
  const reasons: string[] = [];
  if (referral.dateOfBirth && referral.dateOfBirth === person.dateOfBirth) reasons.push(`Same date of birth, ${formatIsoDate(person.dateOfBirth)}`);
  for (const theirs of referralNames(referral)) {
    const ours = personNames(person).filter((known) => same(known.name, theirs.name));
    for (const known of ours) {
      reasons.push(
        theirs.as === known.as
          ? `Same ${known.as}, ${known.name}`
          : `The referral's ${theirs.as} “${theirs.name.trim()}” is their ${known.as}`,
      );
    }
  }
  return reasons;
}

/** The people the actor may see who may be the one referred; none without a date of birth. */
export async function findMatches(tx: Db | Tx, actor: Actor, referral: { givenName: string; familyName: string; aliases: readonly string[]; dateOfBirth: string | null }): Promise<Match[]> {
  if (!referral.dateOfBirth) return [];
  const names = referralNames(referral).map((named) => named.name);
  const candidates = await findCandidates(tx, actor, { dateOfBirth: referral.dateOfBirth, names });
  return candidates.map((person) => ({ person, reasons: matchReasons(referral, person) }));
}
