import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "./recovery-codes.ts";
import { base32Decode, base32Encode, groupedSecret, hotp, matchingStep, newTotpSecret, otpauthUri, totpCode, totpStep } from "./totp.ts";

/** RFC 6238 appendix B uses the ASCII bytes of "12345678901234567890" as the SHA-1 key. */
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");

describe("TOTP (RFC 6238)", () => {
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("gives the appendix B code at %i seconds", (seconds, expected) => {
    expect(hotp(RFC_KEY, totpStep(seconds * 1000), 8)).toBe(expected);
    expect(totpCode(base32Encode(RFC_KEY), totpStep(seconds * 1000), 8)).toBe(expected);
  });

  it("gives the RFC 4226 appendix D codes with six digits", () => {
    expect([0, 1, 2, 3, 4].map((counter) => hotp(RFC_KEY, counter))).toEqual(["755224", "287082", "359152", "969429", "338314"]);
  });

  it("accepts the current step and one either side, and nothing further", () => {
    const secret = newTotpSecret();
    const now = new Date("2026-05-04T10:00:15Z");
    const step = totpStep(now);
    expect(matchingStep(secret, totpCode(secret, step), now, null)).toBe(step);
    expect(matchingStep(secret, totpCode(secret, step - 1), now, null)).toBe(step - 1);
    expect(matchingStep(secret, totpCode(secret, step + 1), now, null)).toBe(step + 1);
    expect(matchingStep(secret, totpCode(secret, step - 2), now, null)).toBeNull();
    expect(matchingStep(secret, totpCode(secret, step + 2), now, null)).toBeNull();
  });

  it("refuses a code for a step no later than the last one used", () => {
    const secret = newTotpSecret();
    const now = new Date("2026-05-04T10:00:15Z");
    const step = totpStep(now);
    expect(matchingStep(secret, totpCode(secret, step), now, step)).toBeNull();
    expect(matchingStep(secret, totpCode(secret, step - 1), now, step - 1)).toBeNull();
    expect(matchingStep(secret, totpCode(secret, step + 1), now, step)).toBe(step + 1);
  });

  it("makes a 160-bit secret and an otpauth address for Keywork and the account", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(groupedSecret("ABCDEFGHIJKL")).toBe("ABCD EFGH IJKL");
    const uri = new URL(otpauthUri({ secret, accountName: "sam.worker+x@example.test", issuer: "Keywork" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Keywork:sam.worker+x@example.test");
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret, issuer: "Keywork", algorithm: "SHA1", digits: "6", period: "30" });
  });
});

describe("base32 (RFC 4648)", () => {
  it.each([
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ])("encodes %j as the RFC's example, without padding", (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it("round-trips random bytes of every length and reads what people type", () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = randomBytes(length);
      expect(base32Decode(base32Encode(bytes)).equals(bytes)).toBe(true);
    }
    expect(base32Decode("mzxw 6ytb-oi======").toString()).toBe("foobar");
    expect(() => base32Decode("MZX1")).toThrow(/not a base32 character/);
  });
});

describe("recovery codes", () => {
  it("makes ten different codes in two groups of five, without look-alike characters", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
  });

  it("reads a code however it was typed, and refuses what cannot be one", () => {
    expect(normaliseRecoveryCode(" AB2CD EFG3H ")).toBe("ab2cd-efg3h");
    expect(normaliseRecoveryCode("ab2cd-efg3h")).toBe("ab2cd-efg3h");
    expect(normaliseRecoveryCode("ab2cd-efg3")).toBeNull();
    expect(normaliseRecoveryCode("ab1cd-efg3h")).toBeNull();
    expect(hashRecoveryCode("ab2cd-efg3h")).toMatch(/^[0-9a-f]{64}$/);
  });
});
