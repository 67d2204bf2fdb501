import type { Role } from "./roles.ts";

/** The signed-in user acting on a request. Services take it explicitly; there is no ambient context. */
export interface Actor {
  userId: string;
  tenantId: string;
  organisationId: string;
  teamId: string | null;
  email: string;
  displayName: string;
  roles: readonly Role[];
  /** Whether they sign in with a second factor (the header offers to set one up when not). */
  secondFactorEnabled?: boolean;
  /** Where the request came from, for the audit trail. */
  ip: string;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}
