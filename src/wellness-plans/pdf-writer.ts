/**
 * A small PDF writer for printable text documents: A4 pages, the standard Helvetica fonts (which
 * every PDF reader has, so nothing is embedded), headings and wrapped paragraphs, a new page when
 * one is full. Streams are not compressed, so the text can be checked in tests.
 */

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

/** Helvetica's advance widths (thousandths of the font size) for the printable ASCII characters 32-126. */
const HELVETICA_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** Characters outside Latin-1 that WinAnsiEncoding has, by their code in that encoding. */
const WIN_ANSI: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95, "–": 0x96, "—": 0x97, "™": 0x99,
};

/** The text as WinAnsi bytes: Latin-1 as it is, typographic punctuation mapped, anything else a question mark. */
function encode(text: string): number[] {
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.codePointAt(0) ?? 63;
    if (code === 9) bytes.push(32);
    else if ((code >= 32 && code <= 126) || (code >= 160 && code <= 255)) bytes.push(code);
    else bytes.push(WIN_ANSI[character] ?? 63);
  }
  return bytes;
}

function widthOf(text: string, size: number, bold: boolean): number {
  let units = 0;
  for (const byte of encode(text)) units += byte >= 32 && byte <= 126 ? (HELVETICA_WIDTHS[byte - 32] ?? 556) : 556;
  // Helvetica-Bold is a little wider; measuring generously keeps bold lines inside the margin.
  return (units * size * (bold ? 1.1 : 1)) / 1000;
}

/** A PDF string literal: WinAnsi bytes with brackets and backslashes escaped. */
function pdfString(text: string): string {
  let out = "(";
  for (const byte of encode(text)) {
    if (byte === 40 || byte === 41 || byte === 92) out += `\\${String.fromCharCode(byte)}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

/** Splits text into lines that fit `width`, keeping the writer's own line breaks; a word too long for a line is broken. */
export function wrapText(text: string, size: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n/g, "\n").split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (widthOf(candidate, size, bold) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (widthOf(rest, size, bold) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && widthOf(rest.slice(0, cut), size, bold) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export type Block = { kind: "title" | "heading" | "subheading" | "text" | "small"; text: string } | { kind: "space"; points: number };

const STYLES = {
  title: { size: 20, bold: true, after: 8 },
  heading: { size: 14, bold: true, after: 4 },
  subheading: { size: 11, bold: true, after: 2 },
  text: { size: 11, bold: false, after: 6 },
  small: { size: 9, bold: false, after: 4 },
} as const;

/** Lays the blocks out on A4 pages and returns the PDF file; `footer` is printed at the foot of every page with its number. */
export function renderPdf(blocks: Block[], options: { title: string; footer: string }): Buffer {
  const pages: string[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  const newPage = () => {
    pages.push([]);
    y = PAGE_HEIGHT - MARGIN;
  };
  for (const block of blocks) {
    if (block.kind === "space") {
      y -= block.points;
      continue;
    }
    const style = STYLES[block.kind];
    const leading = style.size * 1.35;
    const lines = wrapText(block.text, style.size, TEXT_WIDTH, style.bold);
    // Keep a heading with the first lines that follow it.
    if (block.kind === "heading" || block.kind === "subheading") {
      if (y - leading * 3 < MARGIN + 20) newPage();
    }
    for (const line of lines) {
      if (y - leading < MARGIN + 20) newPage();
      y -= leading;
      if (line) pages.at(-1)?.push(`BT /${style.bold ? "F2" : "F1"} ${style.size} Tf ${MARGIN} ${y.toFixed(2)} Td ${pdfString(line)} Tj ET`);
    }
    y -= style.after;
  }

  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add("");
  const pageTree = add("");
  const regular = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const bold = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  const pageIds: number[] = [];
  pages.forEach((content, index) => {
    const footer = `BT /F1 8 Tf ${MARGIN} ${MARGIN / 2} Td ${pdfString(`${options.footer} — page ${index + 1} of ${pages.length}`)} Tj ET`;
    const stream = [...content, footer].join("\n");
    const streamId = add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${streamId} 0 R >>`,
      ),
    );
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`;
  objects[pageTree - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`;
  const info = add(`<< /Title ${pdfString(options.title)} /Producer (Keywork) >>`);

  let file = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(file, "latin1"));
    file += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(file, "latin1");
  file += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) file += `${String(offset).padStart(10, "0")} 00000 n \n`;
  file += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(file, "latin1");
}
