import type { DemoPlan } from "./demo-data.ts";

/**
 * The demo's plans for the children's keyworker team: goals in the young person's words (or their
 * family's, when they chose that), with CAMHS and children's social care owning many of the
 * actions. Sammy and Connor have no plan yet.
 */
export const CHILDREN_PLANS: DemoPlan[] = [
  {
    person: "ethan-marsden",
    goals: [
      { text: "Come home, with the right help in place first.", note: "Goal in Mum's words; Ethan agreed it at the ward round.", startedDaysAgo: 80, progress: [[75, 2, "Eleven weeks on the unit, two hours away."], [40, 3, "Discharge talked about but nothing planned."], [8, 4, "Community support package being costed."]] },
      { text: "A school place that works for me.", startedDaysAgo: 70, progress: [[60, 2, "No school place."], [12, 3, "Two specialist schools asked to assess."]] },
    ],
    actions: [
      { text: "Community support package costed for discharge", owner: "camhs", user: "camhs", goal: 0, addedDaysAgo: 40, due: -11 },
      { text: "Consult two specialist schools about a place", owner: "team", user: "lead", goal: 1, addedDaysAgo: 30, due: -15, done: [12, "Both schools visited the ward; one will assess next month."] },
    ],
  },
  {
    person: "zara-iqbal",
    goals: [
      { text: "Go home to Mum and my little brothers.", startedDaysAgo: 90, progress: [[85, 2, "Ward loud; self-harm continuing."], [30, 4, "Home leave at weekends going well."]] },
      { text: "Back to college to do art.", startedDaysAgo: 60, progress: [[50, 5, "College holding her place."]] },
    ],
    actions: [
      { text: "Sensory adjustments on the ward (quiet room, lights)", owner: "camhs", user: "camhs", goal: 0, addedDaysAgo: 80, due: -60, done: [58, "Quiet room with dimmable lights agreed; ear defenders provided."] },
      { text: "Carer's assessment for Mum before Zara comes home", owner: "social-care", user: "social-care", goal: 0, addedDaysAgo: 40, due: -10 },
    ],
  },
  {
    person: "oliver-grant",
    goals: [{ text: "Ollie stays at home and at his school.", note: "Dad's words; Ollie chose the picture for 'home'.", startedDaysAgo: 100, progress: [[95, 3, "Mornings only at school; distressed most afternoons."], [50, 4, "Positive behaviour support plan started."], [10, 5, "Two full days at school this week."]] }],
    actions: [
      { text: "Positive behaviour support plan shared with school and home", owner: "camhs", user: "camhs", goal: 0, addedDaysAgo: 80, due: -50, done: [48, "Plan shared; school and Dad using the same visual timetable."] },
      { text: "Short breaks so Dad gets a night's sleep", owner: "social-care", user: "social-care", goal: 0, addedDaysAgo: 50, due: 10 },
    ],
  },
  {
    person: "kwame-asante",
    goals: [
      { text: "Know who my adult workers will be before I turn eighteen.", startedDaysAgo: 120, progress: [[110, 2, "No adult service agreed."], [45, 4, "Adult mental health team will take him; worker not named yet."]] },
      { text: "Finish my college course.", startedDaysAgo: 100, progress: [[90, 6, "Attending most days."]] },
    ],
    actions: [
      { text: "Name the adult team worker and meet Kwame before his birthday", owner: "camhs", user: "camhs", goal: 0, addedDaysAgo: 60, due: -7 },
      { text: "Transition planning meeting with adult services", owner: "team", user: "lead", goal: 0, addedDaysAgo: 100, due: -60, done: [50, "Held; adult team accepted the referral."] },
    ],
  },
  {
    person: "lacey-bradshaw",
    goals: [
      { text: "Help for Nan that doesn't stop after six weeks.", startedDaysAgo: 110, progress: [[100, 2, "Nan exhausted."], [40, 3, "Short breaks agreed in principle."]] },
      { text: "Swimming every week.", note: "Lacey's own goal.", startedDaysAgo: 90, progress: [[80, 5, "Goes when Nan can take her."], [20, 8, "Swimming club on Saturdays."]] },
    ],
    actions: [
      { text: "Start the short breaks agreed at the review", owner: "social-care", user: "social-care", goal: 0, addedDaysAgo: 45, due: -15 },
      { text: "Swimming club place and a buddy for Saturdays", owner: "team", user: "lead", goal: 1, addedDaysAgo: 60, due: -30, done: [25, "Place at the leisure centre club; volunteer buddy found."] },
    ],
  },
  {
    person: "riley-shaw",
    goals: [
      { text: "Be asked about my own plan.", startedDaysAgo: 60, progress: [[55, 2, "Found out about the register by accident."], [15, 6, "Came to the review and chaired part of it."]] },
      { text: "A school that actually gets autism.", startedDaysAgo: 60, progress: [[50, 2, "Out of school since Year 8."], [10, 3, "Two schools visited."]] },
    ],
    actions: [
      { text: "Text Riley, not phone, when arranging anything", owner: "camhs", user: "camhs", goal: 0, addedDaysAgo: 55, due: 30 },
      { text: "Education, health and care plan review for a new school", owner: "team", user: "lead", goal: 1, addedDaysAgo: 40, due: 5 },
    ],
  },
  {
    person: "aryan-patel",
    goals: [{ text: "One person Mum can ring who knows what's going on.", startedDaysAgo: 100, progress: [[95, 2, "Five professionals, five assessments."], [40, 7, "Jo is the one number; Mum says it has made a difference."]] }, { text: "Aryan sleeps more than four hours a night.", startedDaysAgo: 90, progress: [[85, 2, "Three to four hours most nights."], [30, 3, "Sleep diary started."]] }],
    actions: [
      { text: "Referral to the sleep clinic, with the sleep diary", owner: "camhs", user: "camhs", goal: 1, addedDaysAgo: 50, due: -18 },
      { text: "One shared list of Aryan's appointments for Mum", owner: "team", user: "lead", goal: 0, addedDaysAgo: 80, due: -60, done: [58, "Shared calendar set up; Mum gets one text a week."] },
    ],
  },
  {
    person: "maya-kowalska",
    goals: [{ text: "Someone rings us before things go wrong, not after.", startedDaysAgo: 80, progress: [[75, 3, "Wheelchair repair waiting three months."], [20, 5, "Monthly call from Jo."]] }],
    actions: [
      { text: "Cover for the short-breaks worker's holidays", owner: "social-care", user: "social-care", goal: 0, addedDaysAgo: 40, due: -4 },
      { text: "Chase the wheelchair service about the repair", owner: "team", user: "lead", goal: 0, addedDaysAgo: 60, due: -40, done: [38, "Repair done on the 9th."] },
    ],
  },
  {
    person: "isla-mckenzie",
    goals: [{ text: "Night nursing sorted so we can sleep.", note: "Mum's words.", startedDaysAgo: 120, progress: [[110, 2, "Mum up every night."], [60, 4, "Continuing care assessment done."], [12, 6, "Two nights a week agreed."]] }],
    actions: [{ text: "Continuing care decision on night nursing", owner: "health", name: "Continuing care team, ICB", goal: 0, addedDaysAgo: 90, due: -40, done: [14, "Two nights a week from next month."] }],
  },
  {
    person: "hana-begum",
    goals: [
      { text: "My meetings in BSL, and I say what I'm working on.", startedDaysAgo: 50, progress: [[45, 2, "No interpreter at the last review."], [10, 7, "Interpreter at the review; Hana led it."]] },
      { text: "Go to youth club, and not be so scared on the bus.", startedDaysAgo: 50, progress: [[40, 3, "Won't take the bus alone."], [8, 5, "Took the bus with a travel buddy."]] },
    ],
    actions: [
      { text: "Book a BSL interpreter for every meeting about Hana", owner: "team", user: "lead", goal: 0, addedDaysAgo: 45, due: -30, done: [30, "Interpreter agency booked for all meetings; flag on Hana's record."] },
      { text: "Travel training with a buddy", owner: "team", user: "lead", goal: 1, addedDaysAgo: 30, due: 20 },
    ],
  },
];
