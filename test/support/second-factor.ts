import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Clock } from "../../src/platform/clock.ts";
import type { Db } from "../../src/platform/database/open.ts";
import { queryRows } from "../../src/platform/database/query.ts";
import { paths } from "../../src/platform/http/paths.ts";
import { totpCode, totpStep } from "../../src/platform/auth/totp.ts";
import type { HttpClient } from "./http.ts";

/**
 * A clock the second-factor tests move on by one 30-second step for each code they make, so that
 * every code is for a later step than the last (a code is accepted once) and is within the window.
 */
export class SteppingClock implements Clock {
  private at = Date.now();
  now(): Date {
    return new Date(this.at);
  }
  /** The code an authenticator app would show after moving on a step. */
  nextCode(secret: string): string {
    this.at += 30_000;
    return totpCode(secret, totpStep(this.at));
  }
  /** Six digits that are not the code for any step the app would accept now. */
  wrongCode(secret: string): string {
    const step = totpStep(this.at);
    const accepted = [step - 1, step, step + 1, step + 2].map((candidate) => totpCode(secret, candidate));
    return ["000000", "111111", "222222", "333333", "444444"].find((code) => !accepted.includes(code)) ?? "555555";
  }
}

export async function secretOf(db: Db, userId: string): Promise<string> {
  const [row] = await queryRows<{ totp_secret: string | null }>(db, sql`SELECT totp_secret FROM users WHERE id = ${userId}`);
  if (!row?.totp_secret) throw new Error("the user has no second-factor secret");
  return row.totp_secret;
}

export async function secondFactorRow(db: Db, userId: string) {
  const [row] = await queryRows<{ totp_secret: string | null; totp_enabled_at: Date | null; totp_last_step: number | null }>(
    db,
    sql`SELECT totp_secret, totp_enabled_at, totp_last_step FROM users WHERE id = ${userId}`,
  );
  return row;
}

/** The recovery codes shown on a page. */
export function recoveryCodesIn(page: string): string[] {
  return [...page.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g)].map((match) => match[1] ?? "");
}

/** Sets up a second factor for a client signed in (or part-way through), and gives its secret and recovery codes. */
export async function enrol(client: HttpClient, db: Db, clock: SteppingClock, userId: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = paths.secondFactor.setup();
  const form = await client.get(setup);
  expect(form.status).toBe(200);
  const secret = await secretOf(db, userId);
  const done = await client.submitForm(setup, setup, { code: clock.nextCode(secret) });
  expect(done.status).toBe(200);
  const recoveryCodes = recoveryCodesIn(await done.text());
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes };
}
