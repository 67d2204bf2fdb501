import { encode } from "uqr";
import { html, raw, type SafeHtml } from "../views/html.ts";

/**
 * A QR code as inline SVG, drawn at the server (no script, no image request): one path of dark
 * runs per row, with the four-module quiet zone scanners need.
 */
export function qrCodeSvg(text: string, label: string): SafeHtml {
  const { size, data } = encode(text, { ecc: "M", border: 4 });
  let path = "";
  data.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      path += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  });
  // The path is made of numbers only, so it is safe to insert as it is.
  return html`<svg class="keywork-qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * 4}" height="${size * 4}" role="img" aria-label="${label}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#ffffff"/><path fill="#0b0c0c" d="${raw(path)}"/></svg>`;
}
