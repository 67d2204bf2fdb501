import { encode } from "uqr";
import { describe, expect, it } from "vitest";
import { qrCodeSvg } from "./qr.ts";

describe("the QR code", () => {
  it("draws exactly the dark modules of the code, with a quiet zone, as an image with a name", () => {
    const text = "otpauth://totp/Keywork:sam%40example.test?secret=JBSWY3DPEHPK3PXP&issuer=Keywork";
    const svg = qrCodeSvg(text, "QR code for <Keywork>").value;
    const { size, data } = encode(text, { ecc: "M", border: 4 });
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    expect(svg).toContain('role="img" aria-label="QR code for &lt;Keywork&gt;"');

    const drawn = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
    const path = /<path fill="#0b0c0c" d="([^"]*)"/.exec(svg)?.[1] ?? "";
    for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let column = Number(x); column < Number(x) + Number(width); column++) (drawn[Number(y)] as boolean[])[column] = true;
    }
    expect(drawn).toEqual(data);
    expect(data.slice(0, 4).flat().some(Boolean)).toBe(false);
  });
});
