/**
 * Deterministic randomness for `keywork seed-scale`: a small seeded generator (mulberry32), one
 * stream per person and purpose, so that every table can be made again on its own and the same
 * seed always gives the same data. Also the fictional names and words the generated records use.
 */

/** A 32-bit hash of the parts (FNV-1a, then mixed), for seeding one stream. */
export function hash32(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  const text = parts.join("\u0001");
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

export interface Rng {
  /** A number in [0, 1). */
  next(): number;
  u32(): number;
  /** A whole number in [0, n). */
  int(n: number): number;
  /** A whole number in [min, max]. */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T;
  /** A standard normal deviate. */
  normal(): number;
  /** A log-normal whole number with the given mean and spread (sigma of the log). */
  logNormal(mean: number, sigma: number): number;
  /** A UUIDv7 whose time part is `ms`, like the application's own ids. */
  uuid(ms: number): string;
}

const HEX = Array.from({ length: 256 }, (_, index) => index.toString(16).padStart(2, "0"));
const hex8 = (value: number) => HEX[(value >>> 24) & 255]! + HEX[(value >>> 16) & 255]! + HEX[(value >>> 8) & 255]! + HEX[value & 255]!;

export function rng(seed: number): Rng {
  let state = seed >>> 0;
  const u32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => u32() / 4294967296;
  const self: Rng = {
    next,
    u32,
    int: (n) => Math.floor(next() * n),
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted(choices) {
      let total = 0;
      for (const [, weight] of choices) total += weight;
      let roll = next() * total;
      for (const [value, weight] of choices) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return (choices[choices.length - 1] as readonly [(typeof choices)[number][0], number])[0];
    },
    normal() {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    logNormal(mean, sigma) {
      return Math.floor(Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * self.normal()));
    },
    uuid(ms) {
      const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, "0");
      const a = hex8(u32());
      const b = hex8(u32());
      const c = hex8(u32());
      return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${a.slice(0, 3)}-${"89ab"[u32() & 3]}${a.slice(4, 7)}-${b}${c.slice(0, 4)}`;
    },
  };
  return self;
}

export const DAY = 86_400_000;

/** YYYY-MM-DD of an instant (UTC). */
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const GIVEN_NAMES = [
  "Aaliyah", "Adam", "Adebayo", "Agnieszka", "Ahmed", "Aisha", "Alan", "Alfie", "Amara", "Amir", "Amy", "Andrew", "Angela",
  "Anna", "Anthony", "Ayesha", "Barry", "Bethany", "Bilal", "Brandon", "Callum", "Carl", "Carol", "Chantelle", "Charlotte",
  "Chloe", "Chris", "Connor", "Craig", "Dale", "Daniel", "Darren", "Dawn", "Dean", "Declan", "Denise", "Dominika", "Donna",
  "Ellie", "Emeka", "Emma", "Fatima", "Gareth", "Gary", "Grace", "Hamza", "Hannah", "Harvey", "Ibrahim", "Imran", "Jack",
  "Jade", "Jamal", "James", "Jamie", "Jason", "Jayden", "Jennifer", "Joanne", "Jordan", "Josh", "Julie", "Kayleigh", "Keith",
  "Kelly", "Kerry", "Kevin", "Kieran", "Kyle", "Lauren", "Lee", "Leon", "Liam", "Lisa", "Lola", "Lucy", "Mandeep", "Marcus",
  "Maria", "Mark", "Martin", "Mason", "Megan", "Michelle", "Mohammed", "Molly", "Nadia", "Natalie", "Nathan", "Nicola",
  "Noah", "Oliver", "Olumide", "Paul", "Piotr", "Priya", "Rachel", "Reece", "Rhys", "Ricky", "Rosie", "Ryan", "Sadia",
  "Samantha", "Sarah", "Scott", "Shannon", "Shaun", "Simon", "Sophie", "Stacey", "Stephen", "Tariq", "Tasha", "Terry",
  "Tom", "Tyler", "Usman", "Vanessa", "Wayne", "Yusuf", "Zainab", "Zoe",
] as const;

export const FAMILY_NAMES = [
  "Abbott", "Adeyemi", "Ahmed", "Ali", "Allen", "Armstrong", "Atkinson", "Bailey", "Baker", "Barker", "Barnes", "Bell",
  "Bennett", "Bibi", "Booth", "Bradley", "Brooks", "Brown", "Burke", "Butler", "Campbell", "Carter", "Chapman", "Clarke",
  "Collins", "Cooper", "Cox", "Davies", "Dawson", "Dixon", "Doherty", "Doyle", "Edwards", "Ellis", "Evans", "Farrell",
  "Fisher", "Fletcher", "Foster", "Fox", "Gallagher", "Gibson", "Graham", "Grant", "Gray", "Green", "Griffiths", "Hall",
  "Hamilton", "Harris", "Harrison", "Hayes", "Hill", "Holloway", "Hughes", "Hunt", "Hussain", "Iqbal", "Jackson", "James",
  "Jenkins", "Johnson", "Jones", "Kaur", "Kelly", "Kennedy", "Khan", "King", "Knight", "Kowalski", "Lane", "Lawrence",
  "Lee", "Lewis", "Lloyd", "Lynch", "Mahmood", "Marshall", "Martin", "Mason", "McCarthy", "McDonald", "Miah", "Mills",
  "Mitchell", "Moore", "Morgan", "Morris", "Murphy", "Murray", "Nowak", "Nwosu", "O'Brien", "O'Connor", "Okafor", "Owen",
  "Palmer", "Parker", "Patel", "Pearson", "Phillips", "Price", "Quinn", "Rahman", "Reid", "Reynolds", "Richards", "Roberts",
  "Robinson", "Rogers", "Rose", "Russell", "Saunders", "Scott", "Shah", "Sharp", "Shaw", "Simpson", "Singh", "Smith",
  "Stevens", "Stewart", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Walsh", "Ward", "Watson", "Webb", "White",
  "Wilkinson", "Williams", "Wilson", "Wood", "Wright", "Young",
] as const;

/** Districts of the fictional city, for organisation names and addresses. */
export const AREAS = [
  "Northmoor", "Eastfield", "Westgate", "Southbank", "Brookside", "Millbrook", "Harbourside", "Ashton Vale", "Kingsmead",
  "Oakwood", "Riverside", "Hollins", "Castleford Green", "Parkhill", "Stonebridge", "Marsh End", "Fairview", "Longcroft",
  "Hatherley", "Canal Wharf",
] as const;

export const STREETS = ["Tanner Row", "Mill Lane", "Station Road", "Church Street", "Victoria Road", "Canal Street", "Park View", "High Street", "Albert Terrace", "Queens Walk"] as const;

export const CONTACT_NOTES = [
  "Went with them to the housing office; the caseworker will call back about the rent arrears.",
  "Phoned to check in after the hospital appointment. Sounded brighter.",
  "Outreach at the usual spot; not there today. Left a card with the hostel.",
  "Talked through the letter from the benefits office and made a plan to reply this week.",
  "Met at the café. Worried about the court date; agreed I will go with them.",
  "Texted a reminder about tomorrow's GP appointment.",
  "Rang the probation officer to share the new address (with consent).",
  "Long chat about getting back in touch with family. No decisions yet.",
  "Helped fill in the food bank referral.",
  "Did not answer the door. Will try again Thursday.",
  "Spoke to the drug and alcohol worker about the script pick-up times.",
  "Went through the wellness plan together and added a new contact.",
] as const;

export const GOALS = [
  "Keep my flat", "Get back in touch with my daughter", "Cut down my drinking", "Get my teeth sorted", "Sort out my benefits",
  "Stay out of trouble with the police", "Find a job or volunteering", "Feel less anxious when I go out", "Get my own place",
  "See my kids every week", "Pay off the rent arrears", "Go back to college", "Register with a GP", "Get a bank account",
  "Sleep better", "Stop using on my own",
] as const;

export const ACTIONS_BY_KIND: Record<string, readonly string[]> = {
  "key-worker-service": ["Go with them to the housing appointment", "Help apply for a bus pass", "Arrange a case conference", "Help fill in the benefits form", "Book a dentist appointment together"],
  housing: ["Complete the housing benefit claim", "Offer a viewing of a one-bedroom flat", "Agree a repayment plan for the arrears", "Carry out the repairs to the bathroom"],
  probation: ["Arrange an appointment with the offender manager", "Review licence conditions", "Refer to the accredited programme"],
  camhs: ["Offer an assessment appointment", "Share the care plan with the family", "Review medication"],
  "social-care": ["Complete the care act assessment", "Arrange a carers' assessment", "Review the care package"],
  "drug-alcohol": ["Start the prescribing review", "Book a place at the recovery group", "Arrange detox assessment"],
  hostel: ["Keep the room open during the hospital stay", "Move to a quieter room", "Agree the move-on plan"],
  health: ["Book a health check", "Review prescriptions", "Refer to the memory clinic"],
  police: ["Share the safeguarding information", "Return the belongings held"],
  dwp: ["Reinstate the benefit claim", "Arrange an appointment at the job centre"],
  education: ["Arrange the school reintegration meeting", "Review the EHC plan"],
  "mental-health": ["Offer a psychology assessment", "Review the crisis plan"],
  charity: ["Offer a place on the peer support group", "Provide a furniture pack"],
  commissioner: ["Review the funding for the placement"],
};

export const RISKS = [
  ["to-person", "Self-neglect when drinking heavily", "Daily welfare calls from the hostel when not seen"],
  ["to-person", "Exploitation by people who use the flat", "Agreed code word with key worker; police aware"],
  ["from-person", "Verbal aggression when frightened", "Meet in public places; two workers for first visits"],
  ["to-workers", "Dog at the property", "Ask for the dog to be in another room before visits"],
  ["to-workers", "Partner known to police for violence", "Lone working: check in before and after each visit"],
  ["to-person", "Thoughts of suicide at anniversaries", "Crisis plan shared with GP; extra contact in March"],
] as const;
