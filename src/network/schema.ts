import { z } from "zod";
import { CARE_TEAM_ROLES, type CareTeamRole, type Role } from "../platform/access/roles.ts";
import { isRealIsoDate, optionalText, requiredText, todayIso } from "../platform/http/validation.ts";

/** Which roles a user must hold to take each place in the team around a person. */
export const ROLES_FOR_MEMBERSHIP: Record<CareTeamRole, Role[]> = {
  lead: ["key-worker", "co-worker"],
  "co-worker": ["key-worker", "co-worker"],
  "peer-mentor": ["peer-mentor"],
  partner: ["partner"],
};

/** Every role that can hold some place in a team. */
export const TEAM_ELIGIBLE_ROLES: Role[] = ["key-worker", "co-worker", "peer-mentor", "partner"];

export const MEMBERSHIP_ROLE_NAMES: Record<CareTeamRole, string> = {
  lead: "lead worker",
  "co-worker": "co-worker",
  "peer-mentor": "peer mentor",
  partner: "partner professional",
};

export const ORGANISATION_KINDS = [
  "key-worker-service",
  "housing",
  "hostel",
  "probation",
  "police",
  "camhs",
  "mental-health",
  "health",
  "social-care",
  "drug-alcohol",
  "education",
  "voluntary",
  "commissioner",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  "key-worker-service": "Key-worker service",
  housing: "Housing provider",
  hostel: "Hostel",
  probation: "Probation",
  police: "Police",
  camhs: "Child and adolescent mental health",
  "mental-health": "Adult mental health",
  health: "Health (GP, hospital, community health)",
  "social-care": "Social care",
  "drug-alcohol": "Drug and alcohol service",
  education: "School or college",
  voluntary: "Voluntary or community organisation",
  commissioner: "Commissioner",
  other: "Other",
};

export function organisationKindLabel(kind: string): string {
  return (ORGANISATION_KINDS as readonly string[]).includes(kind) ? ORGANISATION_KIND_LABELS[kind as OrganisationKind] : kind;
}

const phone = (label: string) =>
  optionalText(label, 40).refine((value) => value === null || /^[0-9 +()-]{6,40}$/.test(value), {
    error: "Enter a phone number, like 01632 960 001 or +44 7700 900 982",
  });

const email = (label: string) =>
  optionalText(label, 254).refine((value) => value === null || z.email().safeParse(value).success, {
    error: "Enter an email address in the correct format, like name@example.com",
  });

/** An optional calendar date, YYYY-MM-DD; `past` refuses dates after today. */
function optionalDate(label: string, options: { past?: boolean } = {}) {
  return z
    .string({ error: `Enter ${label} as YYYY-MM-DD` })
    .trim()
    .nullish()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || isRealIsoDate(value), { error: `${capitalise(label)} must be a real date` })
    .refine((value) => value === null || !options.past || value <= todayIso(), { error: `${capitalise(label)} must be today or in the past` })
    .refine((value) => value === null || value >= "1900-01-01", { error: `${capitalise(label)} must be after 1900` });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const optionalId = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .nullish()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || z.uuid().safeParse(value).success, { error: message });

export const memberFields = {
  userId: z.uuid({ error: "Choose someone from the list" }),
  role: z.enum(CARE_TEAM_ROLES, { error: "Choose their role in the team" }),
};

export const professionalFields = {
  name: requiredText("Name", 200, "Enter their name"),
  role: requiredText("Role", 200, "Enter their role, for example GP, solicitor or school SENCo"),
  organisationId: optionalId("Choose an organisation from the list"),
  organisationName: optionalText("Organisation", 200),
  phone: phone("Phone number"),
  email: email("Email address"),
  startedOn: optionalDate("the date they became involved", { past: true }),
};

export const professionalSchema = z.strictObject(professionalFields).refine((value) => value.organisationId !== null || value.organisationName !== null, {
  error: "Choose an organisation or type its name",
  path: ["organisationName"],
});
export type ProfessionalInput = z.output<typeof professionalSchema>;

export const familyFields = {
  name: requiredText("Name", 200, "Enter their name"),
  relationship: requiredText("Relationship", 100, "Enter how they are related, for example Mum, partner or foster carer"),
  isCarer: z.boolean({ error: "isCarer must be true or false" }).nullish().transform((value) => value ?? false),
  phone: phone("Phone number"),
  email: email("Email address"),
  contactPreferences: optionalText("Contact preferences", 500),
  ownNeeds: optionalText("Their own needs", 4000),
  accountEmail: email("Keywork account email address"),
};

export const familySchema = z.strictObject(familyFields);
export type FamilyInput = z.output<typeof familySchema>;

export const serviceInvolvedFields = {
  serviceId: optionalId("Choose a service from the directory"),
  organisationName: optionalText("Organisation", 200),
  serviceName: optionalText("Service", 200),
  startedOn: optionalDate("the date they started", { past: true }),
  endedOn: optionalDate("the date it ended"),
  note: optionalText("Note", 1000),
};

export const serviceInvolvedSchema = z
  .strictObject(serviceInvolvedFields)
  .refine((value) => value.serviceId !== null || value.organisationName !== null, {
    error: "Choose a service from the directory or type the organisation's name",
    path: ["organisationName"],
  })
  .refine((value) => value.startedOn === null || value.endedOn === null || value.endedOn >= value.startedOn, {
    error: "The date it ended must be the same as or after the date it started",
    path: ["endedOn"],
  });
export type ServiceInvolvedInput = z.output<typeof serviceInvolvedSchema>;

const version = z.number({ error: "version is required: send the version you last read" }).int().positive();

/** The API's body for adding to the team: a Keywork user, another professional, family, or a service. */
export const addToTeamBody = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("member"), ...memberFields }),
    z.strictObject({ kind: z.literal("external"), ...professionalFields }).refine((value) => value.organisationId !== null || value.organisationName !== null, {
      error: "Give organisationName or organisationId",
      path: ["organisationName"],
    }),
    z.strictObject({ kind: z.literal("family"), ...familyFields }),
    z
      .strictObject({ kind: z.literal("service"), ...serviceInvolvedFields })
      .refine((value) => value.serviceId !== null || value.organisationName !== null, { error: "Give serviceId or organisationName", path: ["organisationName"] })
      .refine((value) => value.startedOn === null || value.endedOn === null || value.endedOn >= value.startedOn, {
        error: "endedOn must be the same as or after startedOn",
        path: ["endedOn"],
      }),
  ],
  { error: "kind must be one of: member, external, family, service" },
);
export type AddToTeamBody = z.output<typeof addToTeamBody>;

export const directoryServiceFields = {
  organisationId: z.uuid({ error: "Choose the organisation that runs the service" }),
  name: requiredText("Name", 200, "Enter the name of the service"),
  description: optionalText("Description", 2000),
  phone: phone("Phone number"),
  email: email("Email address"),
  website: optionalText("Website", 500).refine((value) => value === null || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(value), {
    error: "Enter a website address starting with https://, like https://www.example.org",
  }),
  area: optionalText("Area covered", 200),
  active: z.boolean().nullish().transform((value) => value ?? true),
};
export const directoryServiceSchema = z.strictObject(directoryServiceFields);
export type DirectoryServiceInput = z.output<typeof directoryServiceSchema>;

export const organisationSchema = z.strictObject({
  name: requiredText("Name", 200, "Enter the name of the organisation"),
  kind: z.enum(ORGANISATION_KINDS, { error: "Choose what kind of organisation it is" }),
});
export type OrganisationInput = z.output<typeof organisationSchema>;

export const directoryQuery = z.object({
  q: z.string().trim().max(200, { error: "Search must be 200 characters or fewer" }).optional(),
});

export { version as versionField };
