import type { DemoUserKey } from "../demo/types.ts";

/**
 * The demo's plans for the multiple-needs team: goals in people's own words with progress over
 * months, and actions owned by the team and by partner agencies — some done with evidence, some
 * overdue. A few people have no plan yet (Adrian, Paula, Jade, Siobhan), so the stuck-case list has
 * someone with no goals; a few have had no progress for months.
 */

/** "team" is the person's own key-worker service; the rest are the demo's partner organisations. */
export type DemoOrganisation = "team" | "housing" | "probation" | "camhs" | "social-care" | "drug-alcohol" | "hostel" | "health";

/** [days ago, rating 0–10 or null, how it is going]. */
export type DemoProgress = [number, number | null, string];

export interface DemoGoal {
  text: string;
  note?: string;
  startedDaysAgo: number;
  progress: DemoProgress[];
  achievedDaysAgo?: number;
  stoppedDaysAgo?: number;
}

export interface DemoAction {
  text: string;
  owner: DemoOrganisation;
  /** "lead" is the person's lead worker. */
  user?: DemoUserKey | "lead";
  /** A named owner without an account. */
  name?: string;
  /** Index of the goal in the plan's goals. */
  goal?: number;
  addedDaysAgo: number;
  /** Days from today; negative is in the past. */
  due: number;
  done?: [number, string];
  cancelled?: [number, string];
}

export interface DemoPlan {
  person: string;
  goals: DemoGoal[];
  actions: DemoAction[];
  /** When the plan was last reviewed with the person and their team. */
  reviewedDaysAgo?: number;
}

export const MULTIPLE_NEEDS_PLANS: DemoPlan[] = [
  {
    person: "dean-holloway",
    reviewedDaysAgo: 25,
    goals: [
      {
        text: "Keep this flat. No more arrears, no more letters piling up behind the door.",
        note: "Lost two tenancies before through arrears and unopened post. Housing element now paid direct.",
        startedDaysAgo: 160,
        progress: [[150, 3, "Two months behind when we met. Letters in a carrier bag."], [110, 5, "Direct payment set up. Opening post with Sam on Thursdays."], [60, 7, "Arrears down to £120."], [9, 8, "Rent clear. Dean says he opened a letter on his own and rang about it."]],
      },
      { text: "Get my teeth sorted so I can smile in photos again.", startedDaysAgo: 120, progress: [[100, 2, "In pain, eating on one side."], [45, 5, "Registered with the dental practice on Market Street; first check-up done."], [14, 6, "Two fillings done, one extraction booked."]] },
      { text: "Get back in touch with my daughter, Kayleigh.", note: "Wants to go slowly. Maureen (mum) is in contact with her.", startedDaysAgo: 90, progress: [[80, 1, "Has not spoken to her for four years."], [30, 3, "Wrote a card with Sam; Maureen passed it on."]] },
    ],
    actions: [
      { text: "Set up direct payment of the housing element to Harbour Housing", owner: "housing", user: "partner", goal: 0, addedDaysAgo: 150, due: -130, done: [128, "Direct payment confirmed by Universal Credit from 1st of the month; reference on file."] },
      { text: "Open post together every Thursday and deal with anything urgent", owner: "team", user: "lead", goal: 0, addedDaysAgo: 140, due: 20 },
      { text: "Repair the bathroom extractor fan (damp complaint)", owner: "housing", user: "partner", goal: 0, addedDaysAgo: 40, due: -4 },
      { text: "Register with an NHS dentist", owner: "team", user: "lead", goal: 1, addedDaysAgo: 100, due: -70, done: [62, "Registered at Market Street Dental; first appointment attended."] },
      { text: "Extraction appointment, with transport booked", owner: "health", name: "Market Street Dental", goal: 1, addedDaysAgo: 14, due: 12 },
      { text: "Help Dean write to Kayleigh, at his pace", owner: "team", user: "lead", goal: 2, addedDaysAgo: 40, due: -20, done: [30, "Card written and given to Maureen to pass on."] },
    ],
  },
  {
    person: "shabana-akhtar",
    goals: [
      { text: "Somewhere safe of my own, so I don't end up going back to him.", note: "Refuge stay ends in the summer. Never disclose the refuge address.", startedDaysAgo: 70, progress: [[65, 2, "Frightened, says there is nowhere else."], [35, 4, "Housing application accepted as homeless, priority band."], [6, 5, "Bidding every week with Sam on the phone."]] },
      { text: "Go to the housing office without them talking over me.", startedDaysAgo: 60, progress: [[50, 3, "Sam went with her; she spoke first."], [10, 6, "Went on her own with Lee on the phone beforehand."]] },
    ],
    actions: [
      { text: "Come with Shabana to her housing options appointment", owner: "team", user: "lead", goal: 1, addedDaysAgo: 55, due: -48, done: [48, "Attended together; homeless application accepted the same day."] },
      { text: "MARAC referral and safety plan shared with the refuge", owner: "team", user: "lead", goal: 0, addedDaysAgo: 62, due: -55, done: [58, "Referral accepted; heard at MARAC on the 14th."] },
      { text: "Ask for a management move so her husband cannot trace her", owner: "housing", user: "partner", goal: 0, addedDaysAgo: 20, due: 9 },
    ],
  },
  {
    person: "gary-whitlock",
    reviewedDaysAgo: 40,
    goals: [
      { text: "A place with a door I can lock. Maybe a dog one day.", note: "Three failed move-ons before; wants to stay near St Anne's.", startedDaysAgo: 200, progress: [[190, 2, "Says every move-on ends with him back out."], [120, 3, "Agreed to look at Housing First."], [70, 4, "Housing First panel accepted him; waiting for a property."], [15, 4, "Still waiting. Frustrated."]] },
      { text: "Drink less, and be honest when I don't.", startedDaysAgo: 180, progress: [[170, 3, "Drinking from waking."], [100, 5, "Not drinking before midday most days."], [20, 4, "Ambulance call-out after a heavy weekend. Thinking about detox."]] },
    ],
    actions: [
      { text: "Move-on referral to the Housing First panel", owner: "hostel", user: "hostel", goal: 0, addedDaysAgo: 120, due: -80, done: [72, "Panel accepted Gary on the 3rd; on the list for a one-bed near St Anne's."] },
      { text: "Chase the Housing First property offer", owner: "hostel", user: "hostel", goal: 0, addedDaysAgo: 45, due: -19 },
      { text: "Offer a community detox assessment", owner: "drug-alcohol", user: "drug-alcohol", goal: 1, addedDaysAgo: 20, due: -6 },
      { text: "Night checks at 11pm and 3am while drinking heavily", owner: "hostel", name: "Night staff, St Anne's", goal: 1, addedDaysAgo: 8, due: 25 },
    ],
  },
  {
    person: "kyle-bennett",
    goals: [
      { text: "Somewhere to live and something to do in the day, so I don't go back inside.", startedDaysAgo: 21, progress: [[20, 2, "No address; sofa at his sister's."], [4, 3, "Emergency bed at the Y; says it is better than nothing."]] },
    ],
    actions: [
      { text: "Move probation appointments so they do not clash with the council's", owner: "probation", user: "probation", goal: 0, addedDaysAgo: 20, due: -12 },
      { text: "Homeless application and emergency bed", owner: "team", user: "lead", goal: 0, addedDaysAgo: 20, due: -14, done: [15, "Bed at the Y from the 6th; application number on file."] },
      { text: "Referral to the employment support course at the library", owner: "team", user: "coworker", goal: 0, addedDaysAgo: 10, due: 10 },
    ],
  },
  {
    person: "mariusz-nowak",
    goals: [
      { text: "Work again, even part-time.", startedDaysAgo: 110, progress: [[100, 2, "Back pain; worried about lifting."], [50, 4, "Physio helping. Looking at warehouse office jobs."], [12, 5, "Interview at the parcel depot next week."]] },
      { text: "My son comes to stay at weekends.", startedDaysAgo: 90, progress: [[85, 3, "Sees him in the park only."], [20, 6, "First overnight stay went well."]] },
      { text: "Understand the council letters, and not be afraid to open them.", startedDaysAgo: 100, progress: [[95, 2, "Stack of unopened letters."], [40, 6, "Letters in Polish from the council's translation service now."]] },
    ],
    actions: [
      { text: "Ask the council to send letters translated into Polish", owner: "housing", user: "partner", goal: 2, addedDaysAgo: 95, due: -60, done: [55, "Council tax and housing letters now come with a Polish translation."] },
      { text: "CV and two job applications with the employment adviser", owner: "team", user: "lead", goal: 0, addedDaysAgo: 40, due: -5, done: [8, "Applied to the parcel depot and the builders' merchant; interview on the 20th."] },
      { text: "Second bed for his son's stays (furniture scheme)", owner: "housing", user: "partner", goal: 1, addedDaysAgo: 30, due: -2 },
    ],
  },
  {
    person: "chantelle-morgan",
    goals: [
      { text: "Come back to Northmoor without looking over my shoulder.", note: "Staying with her sister out of area until the injunction.", startedDaysAgo: 170, progress: [[160, 3, "Left after her ex found the flat."], [110, 4, "Injunction applied for."]] },
      { text: "Keep my job at the bakery.", startedDaysAgo: 150, progress: [[140, 6, "Employer holding her job."], [100, 5, "Working two days, travelling in."]] },
    ],
    actions: [
      { text: "Hold the flat while the transfer is looked at", owner: "housing", user: "partner", goal: 0, addedDaysAgo: 150, due: 30 },
      { text: "Keep Universal Credit paying the rent while she is away", owner: "team", user: "lead", goal: 0, addedDaysAgo: 150, due: -100, done: [104, "UC told of the temporary absence; housing costs continue for up to 6 months."] },
      { text: "Transfer application to a different estate", owner: "housing", user: "partner", goal: 0, addedDaysAgo: 90, due: -30 },
    ],
  },
  {
    person: "malcolm-reid",
    goals: [
      { text: "Stop ending up in A&E at weekends.", note: "Crisis plan agreed with the community mental health team.", startedDaysAgo: 220, progress: [[210, 2, "Three A&E visits last month."], [150, 3, "Crisis plan written."], [100, 3, "Weekends still the hardest."]] },
    ],
    actions: [
      { text: "Crisis plan shared with the crisis line and the GP", owner: "team", user: "lead", goal: 0, addedDaysAgo: 160, due: -140, done: [145, "Shared with consent; copy in his wallet."] },
      { text: "Veterans' mental health service referral", owner: "team", user: "lead", goal: 0, addedDaysAgo: 110, due: -60, cancelled: [50, "Mac said no for now; wants to try the walking group first."] },
    ],
  },
  {
    person: "blessing-adeyemi",
    goals: [
      { text: "Finish my college course this time.", startedDaysAgo: 130, progress: [[125, 5, "Enrolled on the access course, mornings."], [70, 6, "Attendance 80%."], [10, 7, "Passed the first unit."]] },
      { text: "Keep the same worker.", startedDaysAgo: 130, progress: [[60, 8, "Same worker since she joined."]] },
      { text: "Sleep better so the voices are quieter.", startedDaysAgo: 90, progress: [[85, 3, "Awake most nights."], [30, 5, "Quieter room at the hostel; sleeping more."]] },
    ],
    actions: [
      { text: "Move Blessing to a quieter room at the back of the hostel", owner: "hostel", user: "hostel", goal: 2, addedDaysAgo: 80, due: -50, done: [45, "Moved to room 12 on the 2nd."] },
      { text: "Bursary application for the college course", owner: "team", user: "lead", goal: 0, addedDaysAgo: 30, due: -2 },
    ],
  },
  {
    person: "liam-odriscoll",
    goals: [
      { text: "Somewhere to go on the day I get out, with my worker at the gate.", startedDaysAgo: 60, progress: [[55, 2, "Every release so far has been to nowhere."], [15, 4, "Probation and housing have met; a bed is being looked for."]] },
      { text: "Stay clean after release.", note: "Tolerance low after five months without using.", startedDaysAgo: 60, progress: [[50, 6, "Five months clean inside."]] },
    ],
    actions: [
      { text: "Agree the release address with housing before the release date", owner: "probation", user: "probation", goal: 0, addedDaysAgo: 50, due: 14 },
      { text: "Naloxone kit and training on the day of release", owner: "drug-alcohol", name: "Pathways prison in-reach team", goal: 1, addedDaysAgo: 30, due: 20 },
      { text: "Be at the gate on release day", owner: "team", user: "lead", goal: 0, addedDaysAgo: 30, due: 21 },
    ],
  },
  {
    person: "hassan-abdi",
    goals: [
      { text: "A room of my own where I can pray in peace.", startedDaysAgo: 140, progress: [[130, 3, "Shared house, no quiet."], [60, 5, "On the list for a studio."], [5, 6, "Viewing next week."]] },
      { text: "The psychiatrist listens to what I actually say.", startedDaysAgo: 120, progress: [[110, 2, "No interpreter at the last review."], [40, 6, "Interpreter booked for every appointment now."]] },
    ],
    actions: [
      { text: "Interpreter booked for every psychiatry appointment", owner: "team", user: "lead", goal: 1, addedDaysAgo: 110, due: -90, done: [88, "Flag on his hospital record: Somali interpreter for all appointments."] },
      { text: "Studio flat viewing, with the worker", owner: "team", user: "lead", goal: 0, addedDaysAgo: 5, due: 6 },
    ],
  },
  {
    person: "kerry-ann-campbell",
    reviewedDaysAgo: 15,
    goals: [
      { text: "Get my kids home.", note: "Children with her mum under a family arrangement; child in need plan.", startedDaysAgo: 150, progress: [[140, 2, "Kids with her mum; contact twice a week."], [90, 4, "Unsupervised contact at weekends."], [30, 6, "Overnights started."], [6, 7, "Social worker recommending a return plan."]] },
      { text: "One plan that everybody works to, not five.", startedDaysAgo: 120, progress: [[110, 2, "Five meetings in one week."], [15, 7, "One joint review instead of separate meetings."]] },
      { text: "Stay off the drink in the week.", startedDaysAgo: 130, progress: [[120, 5, "Stopped in the week."], [40, 7, "Still dry in the week; proud of it."]] },
    ],
    actions: [
      { text: "Put a date in the diary for the return home planning meeting", owner: "social-care", user: "social-care", goal: 0, addedDaysAgo: 30, due: -9 },
      { text: "Join up the children's plan and this plan into one review", owner: "team", user: "lead", goal: 1, addedDaysAgo: 100, due: -20, done: [15, "First joint review held; one list of actions agreed."] },
      { text: "Bunk beds and a second wardrobe for the children's room", owner: "social-care", user: "social-care", goal: 0, addedDaysAgo: 12, due: 20 },
    ],
  },
  {
    person: "daniel-price",
    goals: [
      { text: "A proper plan for my first week out, not a letter on the Friday.", startedDaysAgo: 30, progress: [[25, 3, "On the ward; discharge not yet planned."], [4, 5, "Discharge meeting booked with the ward."]] },
      { text: "Medication I can live with.", note: "Stopped medication because of weight gain.", startedDaysAgo: 30, progress: [[20, 4, "Trying a different medication."]] },
    ],
    actions: [
      { text: "Keep the flat safe and the rent paid while he is on the ward", owner: "housing", user: "partner", goal: 0, addedDaysAgo: 28, due: 30 },
      { text: "Discharge planning meeting with the ward and his brother", owner: "team", user: "lead", goal: 0, addedDaysAgo: 20, due: 3 },
    ],
  },
  {
    person: "jermaine-thompson",
    goals: [
      { text: "Get my CSCS card and get on a building site.", startedDaysAgo: 90, progress: [[85, 4, "Keen, no card yet."], [30, 6, "Passed the health and safety test."]] },
      { text: "A place of my own before my cousin's missus kicks me out.", startedDaysAgo: 80, progress: [[75, 3, "On his cousin's sofa."], [10, 3, "Still on the sofa. Asked about a shared house."]] },
    ],
    actions: [
      { text: "Text Jermaine on the morning of every appointment", owner: "probation", user: "probation", goal: 0, addedDaysAgo: 85, due: 60 },
      { text: "Pay for the CSCS card from the personal budget", owner: "team", user: "lead", goal: 0, addedDaysAgo: 30, due: -10, done: [12, "Card ordered; arrives within ten days."] },
      { text: "Shared-house referral to the young persons' housing scheme", owner: "team", user: "lead", goal: 1, addedDaysAgo: 10, due: 14 },
    ],
  },
  {
    person: "grace-mensah",
    goals: [
      { text: "A ground-floor flat, so I'm not stuck when the lift breaks.", startedDaysAgo: 240, progress: [[230, 3, "On the list eight months."], [120, 3, "No offers."], [30, 2, "Lift broken for two weeks; missed a clinic."]] },
      { text: "Get to church on Sundays without it taking the whole morning.", startedDaysAgo: 200, progress: [[190, 2, "Missing church most weeks."], [60, 6, "Dial-a-ride booked every Sunday."]] },
    ],
    actions: [
      { text: "Medical priority for a ground-floor transfer", owner: "housing", user: "partner", goal: 0, addedDaysAgo: 200, due: -40 },
      { text: "Occupational therapy letter supporting the transfer", owner: "health", name: "Community OT, Brookside", goal: 0, addedDaysAgo: 150, due: -120, done: [118, "OT letter sent to Harbour Housing; copy on file."] },
      { text: "Book Dial-a-Ride for Sundays", owner: "team", user: "lead", goal: 1, addedDaysAgo: 80, due: -60, done: [62, "Standing booking every Sunday, 9.30am."] },
    ],
  },
  {
    person: "callum-fraser",
    goals: [
      { text: "My own flat before I'm twenty-five.", startedDaysAgo: 100, progress: [[95, 3, "In supported housing."], [20, 4, "Doing the tenancy-ready course."]] },
      { text: "Stop waking up panicking.", startedDaysAgo: 80, progress: [[75, 2, "Panic most mornings."], [25, 4, "Using the breathing app Lee showed him."]] },
    ],
    actions: [
      { text: "Tenancy-ready course, six sessions", owner: "team", user: "lead", goal: 0, addedDaysAgo: 40, due: 15 },
      { text: "Talking therapies self-referral", owner: "team", user: "lead", goal: 1, addedDaysAgo: 60, due: -30, cancelled: [28, "Callum wants to try his peer mentor's approach first; revisit in two months."] },
    ],
  },
  {
    person: "wayne-pritchard",
    goals: [
      { text: "Somewhere quiet. I'm too old for a hostel.", startedDaysAgo: 150, progress: [[140, 3, "Noise at night."], [60, 5, "Applied for sheltered housing."]] },
      { text: "Well enough to take my grandson to the football.", startedDaysAgo: 120, progress: [[110, 3, "Leg ulcers; can't walk far."], [30, 6, "Ulcers healing with the district nurse."]] },
    ],
    actions: [
      { text: "Methadone script review and pick-up nearer the hostel", owner: "drug-alcohol", user: "drug-alcohol", goal: 1, addedDaysAgo: 40, due: -5 },
      { text: "Sheltered housing application", owner: "hostel", user: "hostel", goal: 0, addedDaysAgo: 70, due: -50, done: [55, "Application accepted; assessment visit on the 21st."] },
      { text: "District nurse visits for the leg ulcers", owner: "health", name: "District nursing team", goal: 1, addedDaysAgo: 100, due: -80, done: [90, "Twice-weekly dressings at the hostel."] },
    ],
  },
  {
    person: "nathan-burke",
    goals: [
      { text: "An address before I get a release date, not after.", startedDaysAgo: 60, progress: [[55, 2, "No address; release in about ten weeks."], [20, 3, "Probation say they are looking."]] },
    ],
    actions: [
      { text: "Confirm a release address with the council's resettlement team", owner: "probation", user: "probation", goal: 0, addedDaysAgo: 50, due: -14 },
      { text: "Go through the plan with Nathan and his probation officer together", owner: "team", user: "lead", goal: 0, addedDaysAgo: 50, due: -30, done: [33, "Joint prison visit held; one plan agreed."] },
    ],
  },
  {
    person: "imran-qureshi",
    goals: [{ text: "Come home to Northmoor with a job lined up.", startedDaysAgo: 200, progress: [[190, 4, "In approved premises out of county."], [120, 4, "Licence review not yet set."]] }],
    actions: [{ text: "Ask for the licence review date", owner: "probation", user: "probation", goal: 0, addedDaysAgo: 120, due: -60 }],
  },
  {
    person: "leanne-fitzgerald",
    goals: [{ text: "My kids know I'm alive.", startedDaysAgo: 180, progress: [[170, 1, "No contact with the children."], [130, 2, "Letter written; not sent."]] }],
    actions: [{ text: "Keep a phone for Leanne at the needle exchange", owner: "drug-alcohol", user: "drug-alcohol", addedDaysAgo: 130, due: -100, done: [98, "Phone kept behind the counter; she collects messages there."] }],
  },
  {
    person: "raymond-castle",
    goals: [
      { text: "A carer in the mornings.", startedDaysAgo: 120, progress: [[115, 2, "Assessed twice, no decision."], [50, 2, "Still waiting."]] },
      { text: "Somebody to talk to who isn't on a screen.", startedDaysAgo: 100, progress: [[95, 2, "Lonely; drinks in the evenings."], [20, 5, "Going to the lunch club on Wednesdays."]] },
    ],
    actions: [
      { text: "Decision on the care and support assessment", owner: "social-care", user: "social-care", goal: 0, addedDaysAgo: 100, due: -30 },
      { text: "Take Raymond to the Wednesday lunch club the first time", owner: "team", user: "lead", goal: 1, addedDaysAgo: 40, due: -25, done: [27, "Went together; he has been back twice on his own."] },
    ],
  },
  {
    person: "mei-ling-chen",
    goals: [
      { text: "Go back to studying, maybe part-time.", startedDaysAgo: 90, progress: [[85, 3, "Not ready to think about it."], [15, 5, "Looked at part-time courses together."]] },
      { text: "Stop hiding from my post.", startedDaysAgo: 90, progress: [[80, 3, "Post unopened for weeks."], [20, 6, "Opens it on Mondays with Aisha."]] },
    ],
    actions: [{ text: "Student finance advice appointment", owner: "team", user: "lead", goal: 0, addedDaysAgo: 15, due: 12 }],
  },
  {
    person: "robin-ashby",
    goals: [
      { text: "A GP who uses my name.", startedDaysAgo: 80, progress: [[75, 2, "Deadnamed at the surgery."], [30, 7, "Name and pronouns changed on the GP record."]], achievedDaysAgo: 28 },
      { text: "A place of my own.", startedDaysAgo: 80, progress: [[70, 3, "In supported housing."], [10, 4, "On the housing register."]] },
    ],
    actions: [
      { text: "Change Robin's name and pronouns on the GP record", owner: "health", user: "referrer", goal: 0, addedDaysAgo: 70, due: -40, done: [30, "Record updated; new NHS letters in Robin's name."] },
      { text: "Housing register application", owner: "team", user: "lead", goal: 1, addedDaysAgo: 40, due: -10, done: [12, "Registered, band C."] },
    ],
  },
  {
    person: "yonas-tesfaye",
    goals: [
      { text: "Good enough English to train as an electrician.", startedDaysAgo: 100, progress: [[95, 3, "ESOL entry level."], [20, 5, "Moved up a level."]] },
      { text: "Sleep without drinking.", startedDaysAgo: 80, progress: [[75, 2, "Drinks most nights to sleep."], [25, 4, "Seeing the refugee trauma service."]] },
    ],
    actions: [
      { text: "ESOL course at the college", owner: "team", user: "lead", goal: 0, addedDaysAgo: 90, due: -70, done: [72, "Enrolled, three mornings a week."] },
      { text: "Quieter room away from the front door", owner: "hostel", user: "hostel", goal: 1, addedDaysAgo: 25, due: -3 },
    ],
  },
  {
    person: "darren-cole",
    goals: [{ text: "Keep my council flat application open while I'm inside.", note: "Reading is hard for him: read everything through with him.", startedDaysAgo: 150, progress: [[140, 3, "Worried the application will close."], [100, 5, "Council agreed to hold it."]] }],
    actions: [
      { text: "Written confirmation that the application stays open", owner: "housing", user: "partner", goal: 0, addedDaysAgo: 100, due: -8 },
      { text: "Read through the licence conditions with Darren", owner: "probation", user: "probation", goal: 0, addedDaysAgo: 60, due: 30 },
    ],
  },
];
