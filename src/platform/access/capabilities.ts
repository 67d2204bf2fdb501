import { hasRole, type Actor } from "./actor.ts";
import type { Role } from "./roles.ts";

/** Actions that are not about one person's record. */
export type Capability =
  | "people.create"
  | "people.search"
  | "team.view"
  | "audit.read"
  | "partnership.manage"
  | "actions.by-agency"
  | "actions.service-wide"
  | "register.read"
  | "register.manage"
  | "register.take-on"
  | "stuck-cases.read"
  | "supervision.supervise"
  | "settings.manage"
  | "referrals.make"
  | "referrals.triage"
  | "outbox.read"
  | "break-glass.open"
  | "break-glass.review"
  | "budgets.approve";

const CAPABILITY_ROLES: Record<Capability, Role[]> = {
  "people.create": ["key-worker", "co-worker", "manager"],
  "people.search": ["key-worker", "co-worker", "manager", "psychologist", "peer-mentor", "partner"],
  "team.view": ["manager"],
  "audit.read": ["manager", "admin"],
  "partnership.manage": ["admin"],
  /** The actions-by-agency view over the people one works with (their caseload, or their agency's actions). */
  "actions.by-agency": ["key-worker", "co-worker", "manager", "psychologist", "partner"],
  /** The same view across the whole service, with the chase list of every worker. */
  "actions.service-wide": ["manager"],
  /** The dynamic support register (C12): its owner keeps it; the key-worker service's managers and psychologists read it. */
  "register.read": ["register-owner", "manager", "psychologist"],
  "register.manage": ["register-owner"],
  /** Taking someone on the register onto the key-worker service's caseload. */
  "register.take-on": ["manager"],
  "stuck-cases.read": ["manager", "psychologist"],
  /** Writing supervision notes for the workers of one's own team. */
  "supervision.supervise": ["manager", "psychologist"],
  /** The partnership's rules: when overdue actions are chased, what makes a case stuck. */
  "settings.manage": ["manager"],
  /** Referring someone to a service, signed in (anyone else uses the service's public link). */
  "referrals.make": ["partner", "referrer", "key-worker", "co-worker", "manager", "psychologist", "register-owner"],
  /** Acknowledging, screening, deciding and allocating the referrals to one's own team's services. */
  "referrals.triage": ["manager"],
  /**
   * The development email sender's outbox: administrators only, since it holds every referrer's
   * private status link (see src/platform/email/pages.ts).
   */
  "outbox.read": ["admin"],
  /** Opening a record outside one's access in an emergency, with a reason (C19). */
  "break-glass.open": ["key-worker", "co-worker", "manager", "psychologist"],
  /** The report of break-glass access that managers review. */
  "break-glass.review": ["manager", "admin"],
  /** Approving spends from personal budgets above the team's threshold, for people with one's own team (C9). */
  "budgets.approve": ["manager"],
};

export function can(actor: Actor, capability: Capability): boolean {
  return hasRole(actor, ...CAPABILITY_ROLES[capability]);
}
