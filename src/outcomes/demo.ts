import { addDays, ukToday } from "../platform/clock.ts";
import type { Tx } from "../platform/database/open.ts";
import type { DemoContext, DemoUserKey } from "../demo/types.ts";
import { ensureDefaultScale } from "./service.ts";
import * as store from "./store.ts";

/**
 * The demo's outcome readings over about six months, on Keywork's default open scale: Dean Holloway
 * has come a long way (a settled flat, less drinking), Shabana Akhtar steadily, Gary Whitlock with
 * ups and downs. Scores in the order of the scale's areas: somewhere to live, mind, physical health,
 * drink and drugs, keeping safe, money, people around me, doing things I value.
 */

interface DemoReading {
  daysAgo: number;
  scores: [number, number, number, number, number, number, number, number];
  by: DemoUserKey;
  note?: string;
}

const READINGS: Record<string, DemoReading[]> = {
  "dean-holloway": [
    { daysAgo: 175, scores: [2, 2, 2, 1, 2, 1, 2, 1], by: "worker", note: "First reading together, at the hostel." },
    { daysAgo: 120, scores: [3, 2, 2, 2, 3, 2, 3, 2], by: "worker" },
    { daysAgo: 65, scores: [4, 3, 3, 2, 3, 3, 3, 2], by: "worker", note: "Moved into his flat last month." },
    { daysAgo: 12, scores: [4, 3, 3, 3, 4, 3, 4, 3], by: "worker", note: "Dean chose the words for money and family himself." },
  ],
  "shabana-akhtar": [
    { daysAgo: 160, scores: [2, 2, 3, 4, 1, 2, 2, 2], by: "coworker" },
    { daysAgo: 90, scores: [3, 2, 3, 4, 2, 2, 3, 3], by: "coworker" },
    { daysAgo: 20, scores: [3, 3, 3, 5, 3, 3, 3, 3], by: "coworker" },
  ],
  "gary-whitlock": [
    { daysAgo: 150, scores: [1, 2, 2, 2, 2, 1, 1, 1], by: "worker" },
    { daysAgo: 80, scores: [2, 1, 2, 1, 2, 2, 2, 1], by: "worker", note: "A hard few weeks after the funeral." },
    { daysAgo: 25, scores: [2, 2, 3, 2, 3, 2, 2, 2], by: "worker" },
  ],
};

export async function loadOutcomesDemo(tx: Tx, context: DemoContext): Promise<void> {
  const scale = await ensureDefaultScale(tx, context.tenantId);
  const today = ukToday({ now: () => context.now });
  for (const [key, readings] of Object.entries(READINGS)) {
    const person = context.people.find((candidate) => candidate.demo.key === key);
    if (!person) continue;
    for (const reading of readings) {
      const scores = Object.fromEntries(scale.domains.map((domain, index) => [domain.key, reading.scores[index] ?? domain.minimum]));
      const takenOn = addDays(today, -reading.daysAgo);
      await store.insertReading(tx, {
        tenantId: context.tenantId,
        personId: person.id,
        scaleId: scale.id,
        takenOn,
        scores,
        note: reading.note ?? null,
        recordedBy: context.userIds[reading.by],
        recordedAt: new Date(context.now.getTime() - reading.daysAgo * 86_400_000),
      });
    }
  }
}
