import { describe, expect, it } from "vitest";
import { areasFromFields, domainsFromAreas, fieldsFromDomains, keyFromName } from "./scale-form.ts";
import { DEFAULT_SCALE_DOMAINS, DOMAINS_MAX } from "./schema.ts";

describe("the scale editor's fields", () => {
  it("round-trips the default scale's areas, with one blank area to add another", () => {
    const areas = areasFromFields(fieldsFromDomains(DEFAULT_SCALE_DOMAINS));
    expect(areas).toHaveLength(DEFAULT_SCALE_DOMAINS.length + 1);
    expect(areas.at(-1)?.name).toBe("");
    expect(domainsFromAreas(areas)).toEqual(DEFAULT_SCALE_DOMAINS.map((domain) => ({ ...domain, ...(domain.question ? {} : { question: undefined }) })).map((domain) => JSON.parse(JSON.stringify(domain))));
  });

  it("asks for a point for every score of a changed range, and 1 to 5 while the range is unreadable", () => {
    const [area] = areasFromFields({ "area-0-name": "Sleep", "area-0-minimum": "0", "area-0-maximum": "3" });
    expect(area?.points.map((point) => point.score)).toEqual([0, 1, 2, 3]);
    const [unreadable] = areasFromFields({ "area-0-name": "Sleep", "area-0-minimum": "one", "area-0-maximum": "3" });
    expect(unreadable?.points.map((point) => point.score)).toEqual([1, 2, 3, 4, 5]);
    const [tooWide] = areasFromFields({ "area-0-name": "Sleep", "area-0-minimum": "0", "area-0-maximum": "99" });
    expect(tooWide?.points).toHaveLength(5);
  });

  it("leaves out removed and blank areas, and makes unique keys for new ones", () => {
    const areas = areasFromFields({
      "area-0-key": "money",
      "area-0-name": "Money",
      "area-0-remove": "yes",
      "area-1-name": "Money",
      "area-1-minimum": "1",
      "area-1-maximum": "2",
      "area-2-name": "  ",
    });
    const domains = domainsFromAreas(areas) as Array<{ key: string }>;
    expect(domains.map((domain) => domain.key)).toEqual(["money-2"]);
  });

  it("offers no blank area once a scale has the most areas it can", () => {
    const values: Record<string, string> = {};
    for (let index = 0; index < DOMAINS_MAX; index += 1) values[`area-${index}-name`] = `Area ${index}`;
    expect(areasFromFields(values)).toHaveLength(DOMAINS_MAX);
  });

  it("makes keys the scale schema accepts from any name", () => {
    expect(keyFromName("Money & debts", new Set())).toBe("money-debts");
    expect(keyFromName("Café life", new Set())).toBe("cafe-life");
    expect(keyFromName("1st steps", new Set())).toBe("st-steps");
    expect(keyFromName("!!!", new Set())).toBe("area");
    expect(keyFromName("Money", new Set(["money", "money-2"]))).toBe("money-3");
    expect(keyFromName("x".repeat(100), new Set())).toMatch(/^[a-z][a-z0-9-]{0,39}$/);
  });
});
