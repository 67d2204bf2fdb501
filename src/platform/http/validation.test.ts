import { z } from "zod";
import { describe, expect, it } from "vitest";
import { Invalid } from "./errors.ts";
import { fieldIssues, parseOrThrow } from "./validation.ts";

const body = z.object({ amountPence: z.number().int(), note: z.string(), flags: z.array(z.string()), nested: z.object({ on: z.boolean() }), named: z.string({ error: "Enter a name" }) }).strict();

function messages(input: unknown): Record<string, string> {
  try {
    parseOrThrow(body, input);
  } catch (error) {
    if (error instanceof Invalid) return Object.fromEntries(error.issues.map((issue) => [issue.field, issue.message]));
    throw error;
  }
  return {};
}

describe("plain-English messages for a JSON body", () => {
  it("tells a missing field from one of the wrong type", () => {
    expect(messages({ note: 5, flags: "x", nested: { on: "yes" }, named: "Sam" })).toEqual({
      amountPence: "amountPence is required",
      note: "note must be text",
      flags: "flags must be a list",
      "nested.on": "nested.on must be true or false",
    });
    expect(messages({ amountPence: "1000", note: "", flags: [], nested: { on: true }, named: "Sam" })).toEqual({ amountPence: "amountPence must be a number" });
  });

  it("keeps a schema's own message, and names unknown fields", () => {
    expect(messages({ amountPence: 1, note: "", flags: [], nested: { on: true }, extra: 1 })).toEqual({ named: "Enter a name", body: "Remove the unknown field: extra" });
  });

  it("still says required when it is not given the input", () => {
    const result = body.safeParse({});
    if (result.success) throw new Error("an empty body parsed");
    expect(fieldIssues(result.error).find((issue) => issue.field === "note")?.message).toBe("note is required");
  });
});
