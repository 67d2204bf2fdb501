/**
 * Demo contacts and appointments: recent contacts with notes for Sam's (worker@demo.test) people,
 * two crisis contacts in the last fortnight, and appointments in the coming week for Sam and Priya
 * (coworker@demo.test). Every contact is older than the person's last contact in the core demo,
 * so the caseload's "days since contact" stays as the core demo sets it.
 */
import type { Tx } from "../platform/database/open.ts";
import { todayIso } from "../platform/http/validation.ts";
import type { DemoContext, DemoUserKey } from "../demo/types.ts";
import type { ContactLocation, ContactPurpose, ContactType, WorkKind } from "./schema.ts";
import * as store from "./store.ts";
import { addDays, londonInstant } from "./uk-time.ts";

interface DemoContact {
  person: string;
  by?: DemoUserKey;
  /** Days before the person's last contact in the core demo (1 is the day before). */
  daysEarlier: number;
  time: string;
  type: ContactType;
  location?: ContactLocation;
  workKind?: WorkKind;
  purpose?: ContactPurpose;
  minutes?: number;
  note?: string;
}

const CONTACTS: DemoContact[] = [
  { person: "dean-holloway", daysEarlier: 1, time: "10:15", type: "face-to-face", location: "home", workKind: "support", purpose: "practical-support", minutes: 50, note: "Opened the post together. Two letters from the council about council tax — not as bad as he feared. He's going to ring them Monday with me sat next to him." },
  { person: "dean-holloway", daysEarlier: 4, time: "14:40", type: "professional-contact", workKind: "co-ordination", purpose: "co-ordination", minutes: 20, note: "Spoke to Marcus at Harbour Housing. Rent account is up to date since the UC change; they'll hold off the tenancy warning." },
  { person: "gary-whitlock", daysEarlier: 1, time: "11:00", type: "face-to-face", location: "hostel", workKind: "support", purpose: "emotional-support", minutes: 45, note: "Gary in good spirits. Talked about what a move-on flat would need to feel safe. He wants ground floor and somewhere a dog would be allowed." },
  { person: "gary-whitlock", daysEarlier: 3, time: "09:30", type: "outreach-attempt", location: "street", note: "Not at the hostel or his usual spot by the market. Left a message with Bev at St Anne's." },
  { person: "kyle-bennett", daysEarlier: 1, time: "13:20", type: "phone", workKind: "co-ordination", purpose: "advocacy", minutes: 25, note: "Probation and the housing options team had both booked him for Thursday 10am. Rang both; housing moved theirs to the afternoon." },
  { person: "mariusz-nowak", daysEarlier: 2, time: "15:00", type: "face-to-face", location: "cafe", workKind: "support", purpose: "information-and-advice", minutes: 40, note: "Went through the council letter with him over a coffee. It's a discretionary housing payment award, not a debt. He laughed for the first time in weeks." },
  { person: "malcolm-reid", daysEarlier: 1, time: "23:10", type: "phone", workKind: "support", purpose: "crisis", minutes: 35, note: "Mac rang from outside A&E. Hadn't slept for three nights. Talked it through; he agreed to go home and ring the crisis line if it got worse. Will check in first thing." },
  { person: "malcolm-reid", daysEarlier: 5, time: "10:00", type: "face-to-face", location: "hospital", workKind: "support", purpose: "crisis", minutes: 90, note: "With Mac in A&E after a bad weekend. Liaison psychiatry saw him; no admission. Walked him home and agreed a plan for nights." },
  { person: "shabana-akhtar", by: "coworker", daysEarlier: 1, time: "12:30", type: "phone", workKind: "support", purpose: "crisis", minutes: 30, note: "Shabana frightened — thinks her husband's cousin saw her near the refuge. Refuge staff aware. Talked through her safety plan; she feels better with the police marker in place." },
  { person: "shabana-akhtar", daysEarlier: 3, time: "10:30", type: "face-to-face", location: "office", workKind: "support", purpose: "advocacy", minutes: 60, note: "Went with her to the housing office. They tried to talk over her again; we asked for it in writing. Homeless application accepted." },
  { person: "blessing-adeyemi", daysEarlier: 1, time: "16:00", type: "text", workKind: "support", purpose: "emotional-support", note: "Texted to say well done on the college assignment. She sent back a photo of the mark." },
  { person: "liam-odriscoll", daysEarlier: 2, time: "14:00", type: "face-to-face", location: "prison", workKind: "support", purpose: "practical-support", minutes: 60, note: "Professional visit at HMP Northmoor. Went through what he needs on the day of release: ID, bank card, a bed for the first night. He asked again if I'll be at the gate — yes." },
  { person: "jade-whitfield", daysEarlier: 2, time: "11:30", type: "outreach-attempt", location: "day-centre", note: "Not at the day centre. Staff haven't seen her for a week. Left a card with my number." },
  { person: "chantelle-morgan", daysEarlier: 1, time: "10:00", type: "phone", workKind: "co-ordination", purpose: "practical-support", minutes: 20, note: "Rang Chantelle at her sister's. Transfer application is in; she wants to be told before anyone visits the flat." },
];

interface DemoAppointment {
  person: string;
  with: DemoUserKey;
  inDays: number;
  time: string;
  minutes: number;
  place: string;
  purpose: string;
}

const APPOINTMENTS: DemoAppointment[] = [
  { person: "dean-holloway", with: "worker", inDays: 1, time: "10:30", minutes: 60, place: "Harbour Housing, Quay Street", purpose: "Tenancy review with Marcus" },
  { person: "kyle-bennett", with: "worker", inDays: 2, time: "09:45", minutes: 90, place: "Probation office, Victoria Road", purpose: "Go with Kyle to his probation appointment" },
  { person: "gary-whitlock", with: "worker", inDays: 2, time: "14:00", minutes: 45, place: "St Anne's Hostel", purpose: "Move-on planning" },
  { person: "malcolm-reid", with: "worker", inDays: 3, time: "11:00", minutes: 60, place: "Costa, Market Street", purpose: "Check in after the weekend" },
  { person: "blessing-adeyemi", with: "worker", inDays: 5, time: "13:00", minutes: 45, place: "Northmoor College, front entrance", purpose: "Lunch and a catch-up" },
  { person: "shabana-akhtar", with: "coworker", inDays: 1, time: "11:30", minutes: 60, place: "Housing Options, Civic Centre", purpose: "Housing interview (she asked for a woman to go with her)" },
  { person: "hassan-abdi", with: "coworker", inDays: 3, time: "15:30", minutes: 60, place: "Northmoor Library, ground floor", purpose: "Universal Credit journal" },
  { person: "kerry-ann-campbell", with: "coworker", inDays: 4, time: "10:00", minutes: 45, place: "Her flat", purpose: "Home visit" },
  { person: "daniel-price", with: "coworker", inDays: 6, time: "14:30", minutes: 60, place: "Brookside Medical Practice", purpose: "GP appointment about his chest" },
];

export async function loadContactsDemo(tx: Tx, context: DemoContext): Promise<void> {
  const today = todayIso(context.now);
  const byKey = new Map(context.people.map((person) => [person.demo.key, person]));
  for (const contact of CONTACTS) {
    const person = byKey.get(contact.person);
    if (!person || person.demo.lastContactDaysAgo === null) continue;
    const worker = context.userIds[contact.by ?? person.demo.lead];
    // The core demo's own last contact is up to 8 hours before its day mark: stay behind it.
    const latest = context.now.getTime() - (person.demo.lastContactDaysAgo * 24 + 9) * 3_600_000;
    let day = addDays(today, -(person.demo.lastContactDaysAgo + contact.daysEarlier));
    while (londonInstant(day, contact.time).getTime() > latest) day = addDays(day, -1);
    await store.insertContact(tx, {
      tenantId: context.tenantId,
      personId: person.id,
      workerId: worker,
      recordedBy: worker,
      details: {
        type: contact.type,
        occurredAt: londonInstant(day, contact.time),
        durationMinutes: contact.minutes ?? null,
        location: contact.location ?? null,
        workKind: contact.workKind ?? null,
        purpose: contact.purpose ?? null,
        note: contact.note ?? null,
      },
    });
  }
  for (const appointment of APPOINTMENTS) {
    const person = byKey.get(appointment.person);
    if (!person) continue;
    const worker = context.userIds[appointment.with];
    await store.insertAppointment(tx, {
      tenantId: context.tenantId,
      personId: person.id,
      workerId: worker,
      createdBy: worker,
      details: {
        startsAt: londonInstant(addDays(today, appointment.inDays), appointment.time),
        durationMinutes: appointment.minutes,
        place: appointment.place,
        purpose: appointment.purpose,
      },
    });
  }
}
