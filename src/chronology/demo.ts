import type { Tx } from "../platform/database/open.ts";
import type { DemoContext } from "../demo/types.ts";
import { fromLondon, londonParts, type SignificantEventKind } from "./schema.ts";
import * as store from "./store.ts";

interface DemoEvent {
  person: string;
  daysAgo: number;
  /** UK wall-clock time, or none when only the date is known. */
  time?: string;
  kind: SignificantEventKind;
  title: string;
  note?: string;
}

/** The turning points in the demo people's lives that a new worker would need to know. */
const EVENTS: DemoEvent[] = [
  { person: "dean-holloway", daysAgo: 410, kind: "eviction", title: "Evicted from his Northmoor Homes flat for rent arrears", note: "Second tenancy lost. Letters about arrears were found unopened." },
  { person: "dean-holloway", daysAgo: 190, time: "11:00", kind: "moved", title: "Moved into Flat 3, 14 Tanner Row (Harbour Housing)", note: "Sam and Marcus did the sign-up with him. Housing element paid direct to the landlord." },
  { person: "dean-holloway", daysAgo: 12, kind: "achievement", title: "Six months in his flat with no arrears" },
  { person: "gary-whitlock", daysAgo: 260, kind: "moved", title: "Moved into St Anne's Hostel from the multi-storey car park" },
  { person: "gary-whitlock", daysAgo: 9, time: "23:40", kind: "crisis", title: "Found unconscious in his room after drinking; ambulance called", note: "Night staff found him on the 3am check. Discharged from A&E the next morning. Hostel reviewing his move-on plan." },
  { person: "kyle-bennett", daysAgo: 21, time: "08:15", kind: "released-from-prison", title: "Released from HMP Northmoor with a discharge grant and no address", note: "Probation and housing appointments clash on the same afternoon; Sam is sorting the times out." },
  { person: "kyle-bennett", daysAgo: 120, kind: "sentenced", title: "Sentenced to 12 weeks for shoplifting" },
  { person: "liam-odriscoll", daysAgo: 230, kind: "released-from-prison", title: "Released from HMP Northmoor; nowhere to go on the day" },
  { person: "liam-odriscoll", daysAgo: 150, time: "02:10", kind: "arrested", title: "Arrested in the town centre and remanded to HMP Northmoor" },
  { person: "jade-whitfield", daysAgo: 44, kind: "eviction", title: "Asked to leave her friend's flat; sofa-surfing again", note: "Missed two script pick-ups that week. Texts get through when she has credit." },
  { person: "mariusz-nowak", daysAgo: 8, kind: "achievement", title: "Eleven months without a drink" },
  { person: "blessing-adeyemi", daysAgo: 70, kind: "achievement", title: "Started a Level 2 course at Northmoor College" },
  { person: "daniel-price", daysAgo: 18, time: "16:30", kind: "admitted-to-hospital", title: "Admitted to Ward 4, Northmoor General, under section 2", note: "Stopped his medication because of weight gain. Harbour Housing are keeping his flat." },
  { person: "siobhan-doyle", daysAgo: 95, kind: "discharged-from-hospital", title: "Discharged after detox with no follow-up booked" },
  { person: "robin-ashby", daysAgo: 26, time: "21:15", kind: "crisis", title: "Self-harmed; seen in A&E and sent home the same night" },
  { person: "raymond-castle", daysAgo: 33, kind: "bereavement", title: "His brother Frank died" },
  { person: "darren-cole", daysAgo: 280, kind: "sentenced", title: "Sentenced to 18 months at Northmoor Crown Court" },
  { person: "nathan-burke", daysAgo: 64, kind: "sentenced", title: "Recalled to prison for breaching his licence" },
  { person: "ethan-marsden", daysAgo: 77, time: "14:00", kind: "admitted-to-hospital", title: "Admitted to Oakwood adolescent unit, two hours from home", note: "Admitted after his school placement broke down. Red on the register. CETR booked." },
  { person: "zara-iqbal", daysAgo: 52, kind: "admitted-to-hospital", title: "Admitted to Larchfield ward after repeated self-harm" },
  { person: "riley-shaw", daysAgo: 122, kind: "crisis", title: "Two days in A&E waiting for somewhere safe to go" },
  { person: "riley-shaw", daysAgo: 119, kind: "discharged-from-hospital", title: "Home from A&E with a CAMHS crisis follow-up" },
  { person: "oliver-grant", daysAgo: 40, kind: "other", title: "School cut his timetable to mornings only" },
  { person: "hana-begum", daysAgo: 15, kind: "achievement", title: "Chaired her own review, with a BSL interpreter" },
];

/** Loads the demo's significant events, recorded by each person's lead worker. */
export async function loadChronologyDemo(tx: Tx, context: DemoContext): Promise<void> {
  const people = new Map(context.people.map((person) => [person.demo.key, person]));
  for (const event of EVENTS) {
    const person = people.get(event.person);
    if (!person) continue;
    const day = londonParts(new Date(context.now.getTime() - event.daysAgo * 86_400_000)).date;
    const occurredAt = fromLondon(day, event.time ?? "00:00");
    await store.insertSignificantEvent(tx, {
      tenantId: context.tenantId,
      personId: person.id,
      recordedBy: context.userIds[person.demo.lead],
      event: { kind: event.kind, title: event.title, note: event.note ?? null, occurredAt },
      at: occurredAt,
    });
  }
}
