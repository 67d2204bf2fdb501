export const ROLES = [
  "key-worker",
  "co-worker",
  "manager",
  "psychologist",
  "peer-mentor",
  "partner",
  "referrer",
  "register-owner",
  "client",
  "carer",
  "evaluator",
  "admin",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  "key-worker": "Key worker",
  "co-worker": "Co-worker",
  manager: "Team manager",
  psychologist: "Psychologist / clinical supervisor",
  "peer-mentor": "Peer mentor",
  partner: "Partner-agency professional",
  referrer: "Referrer",
  "register-owner": "Register owner",
  client: "Client",
  carer: "Family member or carer",
  evaluator: "Commissioner or evaluator",
  admin: "Administrator",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Relationship of a user to one person: their place in the team around the person. */
export const CARE_TEAM_ROLES = ["lead", "co-worker", "peer-mentor", "partner"] as const;
export type CareTeamRole = (typeof CARE_TEAM_ROLES)[number];

export const CARE_TEAM_ROLE_LABELS: Record<CareTeamRole, string> = {
  lead: "Lead worker",
  "co-worker": "Co-worker",
  "peer-mentor": "Peer mentor",
  partner: "Partner professional",
};
