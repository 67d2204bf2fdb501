import { describe, expect, it } from "vitest";
import { ageOn, assessEligibility, describeRules, type EligibilityFacts } from "./eligibility.ts";
import type { EligibilityRules } from "./schema.ts";

const ADULTS: EligibilityRules = { needs: { domains: ["housing", "mental-health", "substance-use", "offending", "physical-health"], atLeast: 4 } };
const CHILDREN: EligibilityRules = { registerRatings: ["red", "amber-red"], age: { minimum: 0, maximum: 25 }, areas: ["Northmoor", "North Wold"] };

function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return { needs: [], statedRating: null, registerRating: null, dateOfBirth: null, receivedOn: "2026-03-10", area: null, ...overrides };
}

describe("eligibility, criterion by criterion", () => {
  it("counts the needs that the service counts, and says which", () => {
    const met = assessEligibility(ADULTS, facts({ needs: ["housing", "mental-health", "substance-use", "offending", "money"] }));
    expect(met.criteria).toEqual([
      {
        criterion: "needs",
        rule: "At least 4 of: housing or homelessness, mental health, drugs or alcohol, offending or the criminal justice system and physical health",
        met: true,
        explanation: "The referral names 4: housing or homelessness, mental health, drugs or alcohol and offending or the criminal justice system",
      },
    ]);
    expect(met.overall).toBe(true);
    const short = assessEligibility(ADULTS, facts({ needs: ["housing", "money"] }));
    expect(short.criteria[0]).toMatchObject({ met: false, explanation: "The referral names 1: housing or homelessness" });
    expect(short.overall).toBe(false);
    expect(assessEligibility(ADULTS, facts({ needs: ["money"] })).criteria[0]?.explanation).toBe("The referral names none of them");
    expect(assessEligibility(ADULTS, facts({ needs: [] })).criteria[0]).toMatchObject({ met: "unknown", explanation: "The referral names no needs" });
  });

  it("prefers the register's current rating of a linked person to the rating the referrer gave", () => {
    const stated = assessEligibility({ registerRatings: ["red", "amber-red"] }, facts({ statedRating: "red" }));
    expect(stated.criteria[0]).toMatchObject({ criterion: "register-rating", rule: "On the register as red or amber-red", met: true, explanation: "The referrer says red" });
    const onRegister = assessEligibility({ registerRatings: ["red", "amber-red"] }, facts({ statedRating: "red", registerRating: "amber" }));
    expect(onRegister.criteria[0]).toMatchObject({ met: false, explanation: "On the register now as amber" });
    expect(assessEligibility({ registerRatings: ["red"] }, facts()).criteria[0]).toMatchObject({ met: "unknown", explanation: "The referral does not give a register rating" });
  });

  it("works out the age on the day the referral was received, inclusive at both ends", () => {
    expect(ageOn("2001-03-10", "2026-03-10")).toBe(25);
    expect(ageOn("2001-03-11", "2026-03-10")).toBe(24);
    expect(ageOn("2000-02-29", "2026-02-28")).toBe(25);
    const rules: EligibilityRules = { age: { minimum: 0, maximum: 25 } };
    expect(assessEligibility(rules, facts({ dateOfBirth: "2001-03-10" })).criteria[0]).toMatchObject({ rule: "Aged 0 to 25", met: true, explanation: "25 when the referral was received" });
    expect(assessEligibility(rules, facts({ dateOfBirth: "2000-03-10" })).criteria[0]).toMatchObject({ met: false, explanation: "26 when the referral was received" });
    expect(assessEligibility(rules, facts({ dateOfBirth: "2000-03-11" })).criteria[0]).toMatchObject({ met: true, explanation: "25 when the referral was received" });
    expect(assessEligibility({ age: { minimum: 18 } }, facts({ dateOfBirth: "2010-01-01" })).criteria[0]).toMatchObject({ rule: "Aged 18 or over", met: false });
    expect(assessEligibility({ age: { maximum: 17 } }, facts()).criteria[0]).toMatchObject({ rule: "Aged 17 or under", met: "unknown" });
  });

  it("compares areas ignoring case and spaces around them", () => {
    expect(assessEligibility({ areas: ["Northmoor"] }, facts({ area: "  northmoor " })).criteria[0]).toMatchObject({ rule: "Lives in Northmoor", met: true });
    expect(assessEligibility({ areas: ["Northmoor", "North Wold"] }, facts({ area: "Southby" })).criteria[0]).toMatchObject({ rule: "Lives in Northmoor or North Wold", met: false, explanation: "The referral gives Southby" });
    expect(assessEligibility({ areas: ["Northmoor"] }, facts({ area: "" })).criteria[0]?.met).toBe("unknown");
  });

  it("is not met when any rule fails, unknown when none fails but some cannot be told, and takes anyone without rules", () => {
    const partly = assessEligibility(CHILDREN, facts({ statedRating: "red", dateOfBirth: "2012-01-01", area: null }));
    expect(partly.criteria.map((item) => item.met)).toEqual([true, true, "unknown"]);
    expect(partly.overall).toBe("unknown");
    const failing = assessEligibility(CHILDREN, facts({ statedRating: "green", dateOfBirth: "2012-01-01", area: null }));
    expect(failing.overall).toBe(false);
    expect(assessEligibility({}, facts())).toEqual({ criteria: [], overall: true });
  });

  it("describes the rules in words for the settings page", () => {
    expect(describeRules(CHILDREN)).toEqual(["On the register as red or amber-red", "Aged 0 to 25", "Lives in Northmoor or North Wold"]);
    expect(describeRules({})).toEqual([]);
  });
});
