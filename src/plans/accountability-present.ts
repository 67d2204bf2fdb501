import { formatIsoDate, personName, plural } from "../platform/views/format.ts";
import type { AgencyActionRow, OrganisationContact } from "./accountability-store.ts";

const MEETING_LABELS: Record<string, string> = {
  "case-conference": "case conference",
  cetr: "CETR",
  "plan-review": "plan review",
};

/** "the CETR on 3 March 2026", or null when the action did not come from a meeting. */
export function meetingLabel(row: Pick<AgencyActionRow, "meetingId" | "meetingKind" | "meetingHeldOn">): string | null {
  if (!row.meetingId || !row.meetingKind) return null;
  const kind = MEETING_LABELS[row.meetingKind] ?? row.meetingKind.replace(/-/g, " ");
  return row.meetingHeldOn ? `the ${kind} on ${formatIsoDate(row.meetingHeldOn)}` : `the ${kind}`;
}

/** Who owns an action at the organisation: a named Keywork user, a named person without an account, or nobody named. */
export function ownerLabel(row: Pick<AgencyActionRow, "ownerUserName" | "ownerName">): string | null {
  return row.ownerUserName ?? row.ownerName ?? null;
}

export function overdueText(daysOverdue: number): string {
  return `${plural(daysOverdue, "day")} overdue`;
}

export interface Signatory {
  name: string;
  jobTitle: string | null;
  organisationName: string;
}

export interface ChasingMessageText {
  subject: string;
  body: string;
}

/**
 * A chasing message to an agency about its overdue actions on the sender's people: plain text, in a
 * friendly and factual tone, ready to paste into an e-mail or letter.
 */
export function chasingMessageText(organisation: Pick<OrganisationContact, "name">, rows: AgencyActionRow[], signatory: Signatory): ChasingMessageText {
  const subject = `Overdue actions for people we support together – ${signatory.organisationName}`;
  const items = rows.map((row, index) => {
    const owner = ownerLabel(row);
    const meeting = meetingLabel(row);
    const lines = [
      `${index + 1}. ${row.givenName} ${row.familyName}: ${row.description.replace(/\s+/g, " ").trim()}`,
      `   Due ${formatIsoDate(row.dueOn)} (${overdueText(row.daysOverdue)}).${owner ? ` Owner: ${owner}.` : ""}`,
      ...(meeting ? [`   Agreed at ${meeting}.`] : []),
    ];
    return lines.join("\n");
  });
  const intro =
    rows.length === 1
      ? `An action that ${organisation.name} agreed to take in the plan of someone we support together is now overdue:`
      : `These ${rows.length} actions that ${organisation.name} agreed to take in the plans of people we support together are now overdue:`;
  const body = [
    `Dear colleagues at ${organisation.name},`,
    "",
    intro,
    "",
    items.join("\n\n"),
    "",
    `Please could you let me know where ${rows.length === 1 ? "this is" : "each of these is"} up to, and a new date if one is needed? If ${rows.length === 1 ? "it has" : "any have"} been done, tell me and I will update the plan.`,
    "",
    "Thank you,",
    signatory.name,
    [signatory.jobTitle, signatory.organisationName].filter((part): part is string => Boolean(part)).join(", "),
  ].join("\n");
  return { subject, body };
}

const SIMPLE_EMAIL = /^[^\s@,;?&<>"]+@[^\s@,;?&<>"]+\.[^\s@,;?&<>"]+$/;

/** A mailto: link for the message, or null when there is no address to write to. */
export function mailtoLink(to: string | null, cc: string[], message: ChasingMessageText): string | null {
  const usable = (address: string) => SIMPLE_EMAIL.test(address);
  const primary = to && usable(to) ? to : null;
  const copies = [...new Set(cc.filter(usable))].filter((address) => address !== primary);
  const recipient = primary ?? copies.shift();
  if (!recipient) return null;
  const query = [
    ...(copies.length > 0 ? [`cc=${copies.join(",")}`] : []),
    `subject=${encodeURIComponent(message.subject)}`,
    `body=${encodeURIComponent(message.body)}`,
  ].join("&");
  return `mailto:${recipient}?${query}`;
}
