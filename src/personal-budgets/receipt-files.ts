/** What a receipt file is, told by its first bytes rather than by the name or type the browser gave it. */
export type ReceiptMediaType = "application/pdf" | "image/jpeg" | "image/png" | "image/webp";

export const RECEIPT_TYPES_IN_WORDS = "a PDF, JPEG, PNG or WebP file";

export function receiptMediaType(content: Uint8Array): ReceiptMediaType | null {
  const starts = (...bytes: number[]): boolean => bytes.every((byte, index) => content[index] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0x52, 0x49, 0x46, 0x46) && content[8] === 0x57 && content[9] === 0x45 && content[10] === 0x42 && content[11] === 0x50) return "image/webp"; // RIFF....WEBP
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const EXTENSIONS: Record<ReceiptMediaType, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control or
 * quoting characters, at most `max` characters, and the extension of what the file really is.
 */
export function safeReceiptFileName(given: string, mediaType: ReceiptMediaType, max: number): string {
  const base = (given.split(/[\\/]/).pop() ?? "")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"*:<>?|;\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(LONE_SURROGATE, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, "");
  const extension = EXTENSIONS[mediaType];
  // Cutting may split an emoji's surrogate pair: a lone half cannot be encoded for Content-Disposition.
  const stem = (base || "receipt").slice(0, Math.max(1, max - extension.length - 1)).replace(LONE_SURROGATE, "") || "receipt";
  return `${stem}.${extension}`;
}

/** ASCII-only fallback for the plain `filename=` parameter; the full name goes in `filename*`. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  // RFC 8187 allows fewer characters unencoded than encodeURIComponent leaves: ' ( ) * must be escaped too.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
