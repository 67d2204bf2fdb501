/** Shapes of the fictional demo partnership. The content lives in people.ts; seed.ts writes it. */

export type DemoService = "multiple-needs" | "children";

/** Demo staff, keyed by the local part of their e-mail address (worker -> worker@demo.test). */
export type DemoUserKey =
  | "worker"
  | "coworker"
  | "other"
  | "worker2"
  | "worker3"
  | "manager"
  | "children-manager"
  | "psychologist"
  | "peer-mentor"
  | "partner"
  | "probation"
  | "camhs"
  | "social-care"
  | "drug-alcohol"
  | "hostel"
  | "referrer"
  | "register-owner"
  | "client"
  | "carer"
  | "evaluator"
  | "admin";

export type EngagementStatus =
  | "engaged"
  | "not-yet-engaged"
  | "out-of-contact"
  | "in-prison"
  | "in-hospital"
  | "out-of-area";

export interface DemoPerson {
  /** Stable identifier within the demo data, e.g. "dean-holloway". */
  key: string;
  service: DemoService;
  givenName: string;
  familyName: string;
  preferredName?: string;
  aliases: string[];
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth: string;
  pronouns?: string;
  phone?: string;
  email?: string;
  address?: string;
  communicationNeeds?: string;
  engagementStatus: EngagementStatus;
  /** "My story", written in the person's own voice (first person), 2-6 sentences. */
  story: string;
  lead: DemoUserKey;
  coWorkers: DemoUserKey[];
  /** Partner-agency professionals in the team around the person. */
  partners: DemoUserKey[];
  peerMentor?: DemoUserKey;
  /** Days since the most recent contact; null when there has been none yet. */
  lastContactDaysAgo: number | null;
}

/** What a capability's demo loader gets: the ids of everything the core demo made. */
export interface DemoContext {
  tenantId: string;
  now: Date;
  userIds: Record<DemoUserKey, string>;
  organisationIds: Record<string, string>;
  people: Array<{ id: string; demo: DemoPerson }>;
}
