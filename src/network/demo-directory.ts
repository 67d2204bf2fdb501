import type { OrganisationKind } from "./schema.ts";

/**
 * The demo partnership's directory: services for each organisation the core demo makes (keyed as in
 * src/demo/seed.ts), and a few organisations of the city that only appear in the directory.
 */

export interface DemoDirectoryService {
  name: string;
  description: string;
  phone?: string;
  email?: string;
  website?: string;
  area: string;
}

export const EXTRA_ORGANISATIONS: Record<string, { name: string; kind: OrganisationKind }> = {
  council: { name: "Northmoor City Council", kind: "housing" },
  cmht: { name: "Northmoor Community Mental Health Team", kind: "mental-health" },
  "day-centre": { name: "Cathedral Day Centre", kind: "voluntary" },
  "childrens-services": { name: "Northmoor Children's Services", kind: "social-care" },
  hospital: { name: "Northmoor General Hospital", kind: "health" },
};

export const DEMO_SERVICES: Record<string, DemoDirectoryService[]> = {
  together: [
    {
      name: "Service coordination for multiple needs",
      description: "A key worker who stays with you for as long as it takes, and gets housing, health, probation and drug and alcohol services working to one plan. For adults with at least four of: homelessness, mental ill health, substance use, offending, and past services not working for them.",
      phone: "01632 960 100",
      email: "together@northmoor.example.org",
      website: "https://together.northmoor.example.org",
      area: "Northmoor",
    },
  ],
  children: [
    {
      name: "Keyworker service for children and young people",
      description: "A keyworker for autistic children and young people, and those with a learning disability, who are at risk of admission to hospital or in hospital. Holds agencies to the plan agreed at each review. Monday to Friday, 9 to 5: not a crisis service.",
      phone: "01632 960 140",
      email: "keyworkers@northmoor.example.org",
      area: "Northmoor and the county",
    },
  ],
  housing: [
    {
      name: "Housing First",
      description: "A home of your own first, with open-ended, intensive support and no conditions about treatment. For people with long histories of homelessness and multiple needs.",
      phone: "01632 960 210",
      email: "housingfirst@harbour.example.org",
      website: "https://www.harbour.example.org/housing-first",
      area: "Northmoor",
    },
    {
      name: "Tenancy sustainment",
      description: "Help to keep a tenancy: rent arrears, Universal Credit, letters, repairs, neighbours. Short-term, up to 6 months.",
      phone: "01632 960 211",
      email: "tenancy@harbour.example.org",
      website: "https://www.harbour.example.org/tenancy-support",
      area: "Northmoor",
    },
  ],
  hostel: [
    {
      name: "Emergency and supported accommodation",
      description: "A 40-room hostel staffed around the clock, with a key worker for each resident. Referrals from the council, outreach and key-worker services.",
      phone: "01632 960 230",
      email: "office@stannes.example.org",
      area: "Northmoor city centre",
    },
  ],
  probation: [
    {
      name: "Integrated Offender Management",
      description: "Probation and police working together with people who commit the most crime, offering extra support with housing, substance use and work.",
      phone: "01632 960 250",
      area: "Northmoor",
    },
    {
      name: "Resettlement (through the gate)",
      description: "Planning for release from HMP Northmoor: accommodation, benefits, GP and appointments arranged before the release date.",
      phone: "01632 960 251",
      area: "HMP Northmoor",
    },
  ],
  camhs: [
    {
      name: "Community CAMHS",
      description: "Assessment and treatment for children and young people up to 18 with moderate to severe mental health difficulties.",
      phone: "01632 960 270",
      email: "camhs.referrals@nhs.example.org",
      area: "Northmoor",
    },
    {
      name: "CAMHS learning disability and autism team",
      description: "Specialist support for autistic children and those with a learning disability whose behaviour or mental health puts them at risk of admission.",
      phone: "01632 960 271",
      area: "Northmoor and the county",
    },
    {
      name: "Crisis and home treatment (under 18s)",
      description: "Urgent assessment and intensive support at home for young people in crisis, 8am to 10pm every day.",
      phone: "01632 960 272",
      area: "The county",
    },
  ],
  "social-care": [
    {
      name: "Care Act assessments",
      description: "Assessment of care and support needs for adults, and arranging care at home.",
      phone: "01632 960 290",
      email: "adultcare@northmoor.example.gov.uk",
      area: "Northmoor",
    },
    {
      name: "Carers' assessments and support",
      description: "An assessment of a carer's own needs, carer's breaks and a carers' support group on the first Thursday of the month.",
      phone: "01632 960 291",
      area: "Northmoor",
    },
  ],
  "drug-alcohol": [
    {
      name: "Needle exchange",
      description: "Clean equipment, naloxone, blood-borne virus testing and wound care, no appointment needed. Weekdays 10am to 4pm, late opening Thursday.",
      phone: "01632 960 310",
      area: "Northmoor city centre",
    },
    {
      name: "Opiate substitution prescribing",
      description: "Methadone and buprenorphine prescribing with a recovery worker, and pharmacy pick-up arranged near where you are staying.",
      phone: "01632 960 311",
      area: "Northmoor",
    },
    {
      name: "Alcohol detox and aftercare",
      description: "Community and inpatient detox, then a recovery group and a peer supporter for the months after.",
      phone: "01632 960 312",
      email: "pathways@nhs.example.org",
      area: "Northmoor",
    },
  ],
  health: [
    {
      name: "Homeless health drop-in",
      description: "A GP and nurse at Cathedral Day Centre every Tuesday and Friday morning, for people without a GP or a fixed address.",
      phone: "01632 960 330",
      area: "Northmoor city centre",
    },
  ],
  icb: [
    {
      name: "Dynamic support register",
      description: "The register of autistic people and people with a learning disability at risk of admission, with Care, Education and Treatment Reviews every three months.",
      email: "dsr@icb.example.org",
      area: "The county",
    },
  ],
  council: [
    {
      name: "Housing Options",
      description: "Homelessness assessments, emergency accommodation and the housing register.",
      phone: "01632 960 350",
      website: "https://www.northmoor.example.gov.uk/housing",
      area: "Northmoor",
    },
  ],
  cmht: [
    {
      name: "Community mental health team",
      description: "Care coordination, psychiatry and psychological therapies for adults with severe mental illness.",
      phone: "01632 960 370",
      area: "Northmoor",
    },
    {
      name: "Early intervention in psychosis",
      description: "Up to three years of support after a first episode of psychosis, for people aged 14 to 65.",
      phone: "01632 960 371",
      area: "Northmoor",
    },
  ],
  "day-centre": [
    {
      name: "Day centre",
      description: "Breakfast, showers, laundry, a postal address and advice sessions. The Tuesday café is where many people first meet their key worker.",
      phone: "01632 960 390",
      email: "hello@cathedraldaycentre.example.org",
      area: "Northmoor city centre",
    },
  ],
  "childrens-services": [
    {
      name: "Short breaks for disabled children",
      description: "Overnight and day short breaks, and a short-breaks worker for the family.",
      phone: "01632 960 410",
      area: "Northmoor",
    },
    {
      name: "Early help and family support",
      description: "Family support workers for parents under pressure, usually for up to six weeks.",
      phone: "01632 960 411",
      area: "Northmoor",
    },
  ],
};
