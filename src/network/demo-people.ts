/**
 * The demo people's networks, keyed as in src/demo/people.ts and drawn from their stories: family and
 * carers (Dean's mum Maureen signs in as carer@demo.test), professionals without a Keywork account,
 * and the services involved now and before. Dates are days before the day the demo is loaded.
 */

export interface DemoFamily {
  name: string;
  relationship: string;
  isCarer?: boolean;
  phone?: string;
  email?: string;
  contactPreferences?: string;
  ownNeeds?: string;
  /** Linked to the demo carer account. */
  carerAccount?: boolean;
}

export interface DemoProfessional {
  name: string;
  role: string;
  /** A key of the core demo's or the directory's organisations, or an organisation outside the partnership. */
  organisation: { key: string } | { name: string };
  phone?: string;
  email?: string;
  sinceDaysAgo: number;
}

export interface DemoInvolvement {
  /** "organisation key/service name" for a directory service, or an organisation outside the directory. */
  service: string | { organisationName: string; serviceName?: string };
  fromDaysAgo?: number;
  toDaysAgo?: number;
  note?: string;
}

export interface DemoNetwork {
  family?: DemoFamily[];
  professionals?: DemoProfessional[];
  services?: DemoInvolvement[];
}

const GP = (sinceDaysAgo: number): DemoProfessional => ({ name: "Dr Helen Kirk", role: "GP", organisation: { key: "health" }, phone: "01632 960 331", sinceDaysAgo });

export const DEMO_NETWORKS: Record<string, DemoNetwork> = {
  "dean-holloway": {
    family: [
      {
        name: "Maureen Holloway",
        relationship: "Mum",
        isCarer: true,
        phone: "07700 900601",
        email: "maureen.holloway@example.com",
        contactPreferences: "Text first, never call before 10",
        ownNeeds: "Has COPD herself and worries about Dean every time he goes quiet. Would like a carer's assessment and to know who to ring if he goes missing.",
        carerAccount: true,
      },
      { name: "Kayleigh Holloway", relationship: "Daughter", contactPreferences: "Not in touch at the moment. Dean wants to write to her first: do not contact her without him." },
    ],
    professionals: [GP(700), { name: "Sarah Whitworth", role: "Community dentist", organisation: { name: "Northmoor Community Dental Service" }, phone: "01632 960 520", sinceDaysAgo: 40 }],
    services: [
      { service: "housing/Housing First", fromDaysAgo: 420, note: "Flat at Tanner Row since the start" },
      { service: "day-centre/Day centre", fromDaysAgo: 2400, toDaysAgo: 430, note: "Used it most days while sleeping rough; still drops in for the Tuesday café" },
      { service: "housing/Tenancy sustainment", fromDaysAgo: 1500, toDaysAgo: 1200, note: "Previous tenancy lost to rent arrears; letters went unopened" },
    ],
  },
  "gary-whitlock": {
    professionals: [GP(300)],
    services: [
      { service: "hostel/Emergency and supported accommodation", fromDaysAgo: 540 },
      { service: "drug-alcohol/Alcohol detox and aftercare", fromDaysAgo: 200, note: "Cutting down with his recovery worker; not ready for detox" },
      { service: "council/Housing Options", fromDaysAgo: 900, toDaysAgo: 560, note: "Two moves on from the hostel broke down; back to rough sleeping each time" },
    ],
  },
  "kyle-bennett": {
    family: [{ name: "Tasha Bennett", relationship: "Sister", phone: "07700 900612", contactPreferences: "Text; she works nights", ownNeeds: "Two children under five; has had Kyle on her sofa most nights and cannot keep him much longer." }],
    professionals: [{ name: "Ravi Sandhu", role: "Solicitor", organisation: { name: "Sandhu & Co Solicitors" }, phone: "01632 960 540", email: "ravi@sandhu.example.com", sinceDaysAgo: 30 }],
    services: [
      { service: "probation/Integrated Offender Management", fromDaysAgo: 21 },
      { service: "council/Housing Options", fromDaysAgo: 20, note: "Homelessness assessment booked on the same day as probation: being moved" },
      { service: "hostel/Emergency and supported accommodation", fromDaysAgo: 800, toDaysAgo: 780, note: "Evicted after two weeks, after a fight" },
    ],
  },
  "mariusz-nowak": {
    family: [{ name: "Agnieszka Nowak", relationship: "Ex-partner, mother of his son", phone: "07700 900623", contactPreferences: "Polish speaker. Contact about his son only with Mariusz's agreement." }],
    services: [
      { service: "housing/Tenancy sustainment", fromDaysAgo: 300 },
      { service: "drug-alcohol/Alcohol detox and aftercare", fromDaysAgo: 500, toDaysAgo: 330, note: "Completed detox and aftercare; sober eleven months" },
    ],
  },
  "chantelle-morgan": { services: [{ service: "housing/Tenancy sustainment", fromDaysAgo: 260, note: "Flat held while she is out of area; transfer being looked at" }] },
  "malcolm-reid": {
    professionals: [GP(1200)],
    services: [{ service: "cmht/Community mental health team", fromDaysAgo: 1100, toDaysAgo: 240, note: "Discharged after 3 missed appointments" }],
  },
  "blessing-adeyemi": {
    professionals: [{ name: "Tom Briggs", role: "Leaving care personal adviser", organisation: { key: "childrens-services" }, phone: "01632 960 415", sinceDaysAgo: 900 }],
    services: [
      { service: "cmht/Early intervention in psychosis", fromDaysAgo: 380 },
      { service: "hostel/Emergency and supported accommodation", fromDaysAgo: 230 },
    ],
  },
  "liam-odriscoll": {
    professionals: [{ name: "Mark Tierney", role: "Prison resettlement officer", organisation: { name: "HMP Northmoor" }, phone: "01632 960 560", sinceDaysAgo: 60 }],
    services: [
      { service: "probation/Resettlement (through the gate)", fromDaysAgo: 60 },
      { service: "drug-alcohol/Opiate substitution prescribing", fromDaysAgo: 700, toDaysAgo: 160, note: "Closed on remand; restart to be arranged before release" },
    ],
  },
  "jade-whitfield": {
    services: [
      { service: "drug-alcohol/Opiate substitution prescribing", fromDaysAgo: 400, note: "Missing pick-ups: no fixed pharmacy while sofa-surfing" },
      { service: "housing/Tenancy sustainment", fromDaysAgo: 700, toDaysAgo: 330, note: "Joint tenancy ended when the relationship broke down" },
    ],
  },
  "hassan-abdi": {
    professionals: [{ name: "Dr Femi Oduya", role: "Consultant psychiatrist", organisation: { key: "cmht" }, phone: "01632 960 372", sinceDaysAgo: 500 }],
    services: [
      { service: "cmht/Community mental health team", fromDaysAgo: 500, note: "Somali interpreter booked for every appointment" },
      { service: "cmht/Early intervention in psychosis", fromDaysAgo: 1600, toDaysAgo: 510, note: "Discharged to the community mental health team after three years" },
    ],
  },
  "kerry-ann-campbell": {
    family: [{ name: "Beverley Campbell", relationship: "Mum, looking after the children", phone: "07700 900634", ownNeeds: "Caring for three grandchildren on her pension; needs help to claim a kinship carer allowance." }],
    services: [{ service: "childrens-services/Early help and family support", fromDaysAgo: 150 }],
  },
  "daniel-price": {
    family: [{ name: "Michael Price", relationship: "Brother", phone: "07700 900645", contactPreferences: "Dan agrees Michael may know his appointments, not his diagnosis" }],
    professionals: [{ name: "Jenny Cross", role: "Named nurse, Ward 6", organisation: { key: "hospital" }, phone: "01632 960 600", sinceDaysAgo: 20 }],
    services: [
      { service: "cmht/Community mental health team", fromDaysAgo: 900 },
      { service: "housing/Tenancy sustainment", fromDaysAgo: 25, note: "Holding his flat while he is on the ward" },
    ],
  },
  "siobhan-doyle": {
    services: [
      { service: "day-centre/Day centre", fromDaysAgo: 1000, note: "Tuesday café: the best place to find her" },
      { service: "drug-alcohol/Alcohol detox and aftercare", fromDaysAgo: 420, toDaysAgo: 400, note: "Third detox completed; no aftercare place, relapsed within a month" },
    ],
  },
  "wayne-pritchard": {
    family: [{ name: "Carly Pritchard", relationship: "Daughter", phone: "07700 900656", contactPreferences: "Call after 6pm" }],
    services: [
      { service: "drug-alcohol/Opiate substitution prescribing", fromDaysAgo: 2200 },
      { service: "hostel/Emergency and supported accommodation", fromDaysAgo: 620 },
    ],
  },
  "imran-qureshi": {
    family: [{ name: "Nasreen Qureshi", relationship: "Mum", phone: "07700 900667", contactPreferences: "Speaks Urdu and English; mornings are best", ownNeeds: "Recovering from a stroke and anxious about Imran's return." }],
    services: [{ service: "probation/Integrated Offender Management", fromDaysAgo: 400 }],
  },
  "leanne-fitzgerald": {
    family: [{ name: "Gail Hardy", relationship: "Mum, looking after Leanne's two children", phone: "07700 900678", ownNeeds: "Bringing up two grandchildren; would like to know Leanne is safe, even without details." }],
    services: [{ service: "drug-alcohol/Needle exchange", fromDaysAgo: 1300, note: "Always knows where she is" }],
  },
  "raymond-castle": {
    professionals: [GP(2000), { name: "Anne Booth", role: "Community respiratory nurse", organisation: { name: "Northmoor Community Health" }, phone: "01632 960 620", sinceDaysAgo: 300 }],
    services: [{ service: "social-care/Care Act assessments", fromDaysAgo: 200, note: "Assessed twice; still waiting for a decision about morning care" }],
  },
  "grace-mensah": {
    professionals: [{ name: "Bola Ade", role: "Diabetes specialist nurse", organisation: { key: "hospital" }, phone: "01632 960 601", sinceDaysAgo: 400 }],
    services: [
      { service: "housing/Tenancy sustainment", fromDaysAgo: 240, note: "On the list for a ground-floor flat for eight months" },
      { service: "social-care/Care Act assessments", fromDaysAgo: 330, toDaysAgo: 280, note: "Occupational therapy assessment closed once a shower seat was fitted" },
    ],
  },
  "yonas-tesfaye": { services: [{ service: { organisationName: "Home Office asylum accommodation" }, fromDaysAgo: 500, toDaysAgo: 200, note: "Left the asylum hotel 28 days after refugee status was granted" }] },
  "darren-cole": {
    family: [{ name: "Lisa Cole", relationship: "Ex-partner, mother of his son", phone: "07700 900689", contactPreferences: "Happy to arrange football visits once Darren is out; text first" }],
    services: [{ service: "council/Housing Options", fromDaysAgo: 240, note: "Housing application kept open while he is in prison" }],
  },
  "paula-kenny": { services: [{ service: "drug-alcohol/Alcohol detox and aftercare", fromDaysAgo: 45, note: "Referred her to us" }] },
  "ethan-marsden": {
    family: [
      {
        name: "Claire Marsden",
        relationship: "Mum",
        isCarer: true,
        phone: "07700 900401",
        email: "marsden.family@example.com",
        contactPreferences: "Contact Mum first. Email in the day; she is often driving to the unit.",
        ownNeeds: "Four-hour round trip to the unit twice a week; signed off work. Would like a carer's assessment.",
      },
      { name: "Paul Marsden", relationship: "Dad", isCarer: true, phone: "07700 900402" },
    ],
    professionals: [{ name: "Karen Lowe", role: "SENCo (Ethan is still on roll)", organisation: { name: "Oakfield Academy" }, phone: "01632 960 700", email: "senco@oakfield.example.sch.uk", sinceDaysAgo: 1100 }],
    services: [
      { service: { organisationName: "Larchwood Adolescent Unit (out of area)" }, fromDaysAgo: 77 },
      { service: "camhs/CAMHS learning disability and autism team", fromDaysAgo: 600 },
      { service: { organisationName: "Oakfield Academy" }, fromDaysAgo: 1500, toDaysAgo: 120, note: "School placement broke down" },
    ],
  },
  "zara-iqbal": {
    family: [{ name: "Farah Iqbal", relationship: "Mum", isCarer: true, phone: "07700 900412", ownNeeds: "Three children at home and visits to the ward; needs help with transport." }],
    professionals: [{ name: "Megan Hale", role: "Art tutor", organisation: { name: "Northmoor College" }, email: "m.hale@northmoorcollege.example.ac.uk", sinceDaysAgo: 250 }],
    services: [
      { service: "camhs/Community CAMHS", fromDaysAgo: 700 },
      { service: "camhs/Crisis and home treatment (under 18s)", fromDaysAgo: 130, toDaysAgo: 95, note: "Admitted when home treatment could not keep her safe" },
    ],
  },
  "oliver-grant": {
    family: [{ name: "Steve Grant", relationship: "Dad", isCarer: true, phone: "07700 900423", contactPreferences: "Call in school hours (mornings)", ownNeeds: "Single parent, exhausted and sometimes hurt when Ollie is distressed. Needs regular short breaks that do not stop." }],
    professionals: [{ name: "Dev Shah", role: "School SENCo", organisation: { name: "Willowbrook Special School" }, phone: "01632 960 720", sinceDaysAgo: 1400 }],
    services: [
      { service: "camhs/CAMHS learning disability and autism team", fromDaysAgo: 300 },
      { service: "childrens-services/Short breaks for disabled children", fromDaysAgo: 900 },
    ],
  },
  "kwame-asante": {
    family: [{ name: "Abena Asante", relationship: "Mum", phone: "07700 900434" }],
    services: [{ service: "camhs/Community CAMHS", fromDaysAgo: 1000, note: "Ends at 18: adult services not yet agreed" }],
  },
  "lacey-bradshaw": {
    family: [{ name: "Sheila Bradshaw", relationship: "Nan (special guardian)", isCarer: true, phone: "07700 900445", contactPreferences: "Home phone in the afternoons", ownNeeds: "Arthritis; tired, and wants help that doesn't stop after six weeks." }],
    services: [
      { service: "camhs/CAMHS learning disability and autism team", fromDaysAgo: 200 },
      { service: "childrens-services/Early help and family support", fromDaysAgo: 400, toDaysAgo: 358, note: "Six weeks of parenting support, then closed" },
    ],
  },
  "riley-shaw": {
    family: [{ name: "Dawn Shaw", relationship: "Mum", isCarer: true, phone: "07700 900456", contactPreferences: "Text first; Riley prefers everything in writing" }],
    professionals: [{ name: "Gareth Lloyd", role: "Education welfare officer", organisation: { name: "Northmoor Education Service" }, phone: "01632 960 740", sinceDaysAgo: 500 }],
    services: [{ service: "camhs/Community CAMHS", fromDaysAgo: 450 }],
  },
  "aryan-patel": {
    family: [{ name: "Priti Patel", relationship: "Mum", isCarer: true, phone: "07700 900467", email: "patel.household@example.com", ownNeeds: "Sleeps three or four hours on bad nights; would like a carer's break." }],
    professionals: [{ name: "Jane Ellis", role: "School SENCo", organisation: { name: "St Mark's Primary School" }, phone: "01632 960 760", sinceDaysAgo: 600 }, { name: "Dr Vikram Rao", role: "Consultant paediatrician (sleep clinic)", organisation: { key: "hospital" }, sinceDaysAgo: 150 }],
    services: [{ service: "camhs/Community CAMHS", fromDaysAgo: 280 }],
  },
  "maya-kowalska": {
    family: [
      { name: "Katarzyna Kowalska", relationship: "Mum", isCarer: true, phone: "07700 900478", contactPreferences: "Reads Polish better than English: written information in Polish" },
      { name: "Jakub Kowalski", relationship: "Brother", ownNeeds: "Young carer, 15: misses clubs when Mum needs a hand. Would like the young carers' group." },
    ],
    services: [{ service: "childrens-services/Short breaks for disabled children", fromDaysAgo: 1200, note: "No cover when the short-breaks worker is on leave" }],
  },
  "samuel-adebayo": { family: [{ name: "Tunde Adebayo", relationship: "Dad", isCarer: true, phone: "07700 900489" }] },
  "isla-mckenzie": {
    family: [{ name: "Fiona McKenzie", relationship: "Mum", isCarer: true, phone: "07700 900492", email: "mckenzie.home@example.com", ownNeeds: "Works full time; needs the night nursing agreed so the family can sleep." }],
    professionals: [{ name: "Rachel Dunne", role: "Community children's nurse", organisation: { key: "hospital" }, phone: "01632 960 602", sinceDaysAgo: 1300 }],
  },
  "connor-walsh": {
    family: [{ name: "Angela Walsh", relationship: "Mum", isCarer: true, phone: "07700 900503", contactPreferences: "Text Mum before any visit; never just turn up" }],
    services: [{ service: "camhs/Community CAMHS", fromDaysAgo: 380, toDaysAgo: 200, note: "Referred by school; closed without being seen" }],
  },
  "hana-begum": {
    family: [{ name: "Rehana Begum", relationship: "Mum", isCarer: true, phone: "07700 900514", contactPreferences: "Talk to Hana directly, in BSL; Mum speaks Bengali and English" }],
    professionals: [{ name: "Sophie Grant", role: "Teacher of the Deaf", organisation: { name: "Northmoor Sensory Support Service" }, email: "s.grant@sensory.example.gov.uk", sinceDaysAgo: 2000 }],
  },
};
