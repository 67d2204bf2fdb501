import { describe, expect, it } from "vitest";
import { contentDisposition, receiptMediaType, safeReceiptFileName } from "./receipt-files.ts";
import { budgetYearOf, budgetYearStarting, categoryLabel, formatPence, isBudgetCategory, penceFromPounds, poundsFromPence, postSpendBody } from "./schema.ts";

describe("budgetYearOf: the budget year a date falls in", () => {
  it("starts the UK financial year on 1 April: 31 March is the year before, 1 April the new one", () => {
    expect(budgetYearOf("2026-03-31", 4)).toEqual({ startsOn: "2025-04-01", endsOn: "2026-03-31", label: "2025 to 2026", key: "2025" });
    expect(budgetYearOf("2026-04-01", 4)).toEqual({ startsOn: "2026-04-01", endsOn: "2027-03-31", label: "2026 to 2027", key: "2026" });
    expect(budgetYearOf("2027-03-31", 4).key).toBe("2026");
    expect(budgetYearOf("2026-12-31", 4).key).toBe("2026");
    expect(budgetYearOf("2027-01-01", 4).key).toBe("2026");
  });

  it("follows the calendar year when the year starts in January, labelled by one year", () => {
    expect(budgetYearOf("2025-12-31", 1)).toEqual({ startsOn: "2025-01-01", endsOn: "2025-12-31", label: "2025", key: "2025" });
    expect(budgetYearOf("2026-01-01", 1)).toEqual({ startsOn: "2026-01-01", endsOn: "2026-12-31", label: "2026", key: "2026" });
  });

  it("starts in December: 30 November ends the year, 1 December opens the next", () => {
    expect(budgetYearOf("2026-11-30", 12)).toEqual({ startsOn: "2025-12-01", endsOn: "2026-11-30", label: "2025 to 2026", key: "2025" });
    expect(budgetYearOf("2026-12-01", 12)).toEqual({ startsOn: "2026-12-01", endsOn: "2027-11-30", label: "2026 to 2027", key: "2026" });
  });

  it("ends a year starting in March on 29 February in a leap year and on the 28th otherwise", () => {
    expect(budgetYearOf("2024-02-29", 3)).toEqual({ startsOn: "2023-03-01", endsOn: "2024-02-29", label: "2023 to 2024", key: "2023" });
    expect(budgetYearOf("2024-03-01", 3).startsOn).toBe("2024-03-01");
    expect(budgetYearOf("2025-02-28", 3).endsOn).toBe("2025-02-28");
    expect(budgetYearStarting(2027, 3).endsOn).toBe("2028-02-29");
  });

  it("gives every day of a year the same year, and the day after its end the next one, for every start month", () => {
    for (let month = 1; month <= 12; month++) {
      const year = budgetYearStarting(2026, month);
      expect(budgetYearOf(year.startsOn, month)).toEqual(year);
      expect(budgetYearOf(year.endsOn, month)).toEqual(year);
      const dayAfter = new Date(Date.parse(`${year.endsOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(dayAfter).toBe(budgetYearStarting(2027, month).startsOn);
      expect(budgetYearOf(dayAfter, month).key).toBe("2027");
    }
  });
});

describe("formatPence", () => {
  it("shows pounds and pence with thousands separators", () => {
    expect(formatPence(0)).toBe("£0.00");
    expect(formatPence(1)).toBe("£0.01");
    expect(formatPence(99)).toBe("£0.99");
    expect(formatPence(100)).toBe("£1.00");
    expect(formatPence(100_000)).toBe("£1,000.00");
    expect(formatPence(123_456)).toBe("£1,234.56");
    expect(formatPence(10_000_000)).toBe("£100,000.00");
    expect(formatPence(123_456_789)).toBe("£1,234,567.89");
  });

  it("shows a negative balance with a minus sign before the pound sign", () => {
    expect(formatPence(-1)).toBe("−£0.01");
    expect(formatPence(-150_000)).toBe("−£1,500.00");
  });
});

describe("penceFromPounds: what someone typed as pounds", () => {
  it("reads whole pounds, pence, a pound sign, commas and spaces around", () => {
    expect(penceFromPounds("12")).toBe(1200);
    expect(penceFromPounds("12.5")).toBe(1250);
    expect(penceFromPounds("12.50")).toBe(1250);
    expect(penceFromPounds("0.07")).toBe(7);
    expect(penceFromPounds("0.01")).toBe(1);
    expect(penceFromPounds("0")).toBe(0);
    expect(penceFromPounds("£1,012.50")).toBe(101_250);
    expect(penceFromPounds("  £25.99 ")).toBe(2599);
    expect(penceFromPounds("9999999.99")).toBe(999_999_999);
  });

  it("keeps exact pence where floating point would not (0.29 * 100 is 28.999…)", () => {
    expect(penceFromPounds("0.29")).toBe(29);
    expect(penceFromPounds("1.13")).toBe(113);
    expect(penceFromPounds("4.35")).toBe(435);
  });

  it("refuses what is not an amount of money", () => {
    for (const text of ["", " ", "£", "abc", "12.345", "1.005", "-5", "+5", "1e3", "12.", "10000000", "12,50.5.1", "£-3", "Infinity", "NaN", "0x10", "１２"]) {
      expect(penceFromPounds(text), text).toBeNull();
    }
  });

  it("gives back what poundsFromPence shows in a form field", () => {
    for (const pence of [0, 5, 99, 100, 1250, 100_000, 999_999_999]) expect(penceFromPounds(poundsFromPence(pence))).toBe(pence);
    expect(poundsFromPence(1250)).toBe("12.50");
    expect(poundsFromPence(5)).toBe("0.05");
  });
});

describe("categories and the spend body", () => {
  it("knows its categories and labels, and nothing else", () => {
    expect(isBudgetCategory("travel")).toBe(true);
    expect(isBudgetCategory("holiday")).toBe(false);
    expect(isBudgetCategory("toString")).toBe(false);
    expect(categoryLabel("id-documents")).toBe("ID and documents");
  });

  it("takes whole pence above zero only, and no unknown fields", () => {
    const base = { category: "travel", goalId: "0190a000-0000-7000-8000-000000000000" };
    expect(postSpendBody.safeParse({ ...base, amountPence: 2550 }).success).toBe(true);
    for (const amountPence of [0, -1, 12.5, "2550", null, 10_000_001, Number.NaN]) {
      expect(postSpendBody.safeParse({ ...base, amountPence }).success, String(amountPence)).toBe(false);
    }
    expect(postSpendBody.safeParse({ ...base, amountPence: 100, extra: true }).success).toBe(false);
    const long = postSpendBody.safeParse({ ...base, amountPence: 100, note: "x".repeat(1001) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe("note must be 1000 characters or fewer");
  });
});

describe("receiptMediaType: the type told by the file's first bytes", () => {
  const bytes = (...values: Array<number | string>): Uint8Array =>
    Uint8Array.from(values.flatMap((value) => (typeof value === "string" ? [...Buffer.from(value, "latin1")] : [value])));

  it("recognises PDF, JPEG, PNG and WebP", () => {
    expect(receiptMediaType(bytes("%PDF-1.7\n"))).toBe("application/pdf");
    expect(receiptMediaType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, "JFIF"))).toBe("image/jpeg");
    expect(receiptMediaType(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, "IHDR"))).toBe("image/png");
    expect(receiptMediaType(bytes("RIFF", 0x24, 0, 0, 0, "WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses everything else, whatever it is called: HTML, SVG, GIF, a WAV, an executable, a cut-off header, nothing", () => {
    for (const content of [
      bytes("<!doctype html><script>alert(1)</script>"),
      bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      bytes("GIF89a"),
      bytes("RIFF", 0x24, 0, 0, 0, "WAVEfmt "),
      bytes("MZ", 0x90, 0),
      bytes("%PDF"),
      bytes("%PD"),
      bytes(0xff, 0xd8),
      bytes(0x89, "PNG", 0x0d, 0x0a),
      bytes("RIFF"),
      new Uint8Array(0),
    ]) {
      expect(receiptMediaType(content)).toBeNull();
    }
  });
});

describe("safeReceiptFileName", () => {
  it("keeps a plain name and gives it the extension of what the file really is", () => {
    expect(safeReceiptFileName("receipt.pdf", "application/pdf", 200)).toBe("receipt.pdf");
    expect(safeReceiptFileName("invoice.exe", "application/pdf", 200)).toBe("invoice.pdf");
    expect(safeReceiptFileName("Till receipt.JPG", "image/jpeg", 200)).toBe("Till receipt.jpg");
    expect(safeReceiptFileName("photo", "image/png", 200)).toBe("photo.png");
    expect(safeReceiptFileName("my.receipt.2026.pdf", "application/pdf", 200)).toBe("my.receipt.2026.pdf");
  });

  it("drops folders, whether written with / or \\", () => {
    expect(safeReceiptFileName("../../etc/passwd", "application/pdf", 200)).toBe("passwd.pdf");
    expect(safeReceiptFileName("C:\\Users\\sam\\Documents\\bus ticket.png", "image/png", 200)).toBe("bus ticket.png");
    expect(safeReceiptFileName("folder/", "application/pdf", 200)).toBe("receipt.pdf");
  });

  it("removes control, quoting and header-breaking characters, and direction overrides that disguise an extension", () => {
    expect(safeReceiptFileName('a"b;c\r\nd.png', "image/png", 200)).toBe("abcd.png");
    expect(safeReceiptFileName("tab\there\u0000.pdf", "application/pdf", 200)).toBe("tabhere.pdf");
    expect(safeReceiptFileName("invoice\u202Efdp.exe", "application/pdf", 200)).toBe("invoicefdp.pdf");
    expect(safeReceiptFileName("a  lot   of\u2028space.pdf", "application/pdf", 200)).toBe("a lot ofspace.pdf");
  });

  it("names an empty or blank name 'receipt'", () => {
    expect(safeReceiptFileName("", "application/pdf", 200)).toBe("receipt.pdf");
    expect(safeReceiptFileName("   ", "image/webp", 200)).toBe("receipt.webp");
    expect(safeReceiptFileName(".pdf", "application/pdf", 200)).toBe("receipt.pdf");
  });

  it("keeps accented letters (in one form) and cuts a long name to the limit, extension included", () => {
    expect(safeReceiptFileName("Cafe\u0301 reçu.pdf", "application/pdf", 200)).toBe("Café reçu.pdf");
    const long = safeReceiptFileName(`${"a".repeat(500)}.pdf`, "application/pdf", 200);
    expect(long).toHaveLength(200);
    expect(long.endsWith("aaa.pdf")).toBe(true);
  });

  it("never cuts an emoji in half (half of one cannot be sent in a header)", () => {
    const name = safeReceiptFileName(`${"a".repeat(195)}😀b.pdf`, "application/pdf", 200);
    expect(name).toBe(`${"a".repeat(195)}.pdf`);
    expect(() => contentDisposition(name)).not.toThrow();
    expect(safeReceiptFileName("\uD83D broken.pdf", "application/pdf", 200)).toBe("broken.pdf");
  });
});

describe("contentDisposition", () => {
  it("sends an ASCII name as it is", () => {
    expect(contentDisposition("receipt.pdf")).toBe(`attachment; filename="receipt.pdf"; filename*=UTF-8''receipt.pdf`);
  });

  it("gives an ASCII fallback and the full name encoded for RFC 8187", () => {
    expect(contentDisposition("Café reçu.pdf")).toBe(`attachment; filename="Caf_ re_u.pdf"; filename*=UTF-8''Caf%C3%A9%20re%C3%A7u.pdf`);
    expect(contentDisposition("Dean's (copy) *1*.pdf")).toBe(`attachment; filename="Dean's (copy) *1*.pdf"; filename*=UTF-8''Dean%27s%20%28copy%29%20%2A1%2A.pdf`);
  });

  it("never lets a quote or backslash end the quoted fallback early", () => {
    const header = contentDisposition('a"b\\c.pdf');
    expect(header).toContain('filename="a_b_c.pdf"');
    expect(header).not.toMatch(/[\r\n]/);
  });
});
