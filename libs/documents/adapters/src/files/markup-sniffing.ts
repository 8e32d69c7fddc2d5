/**
 * The tags a browser's content sniffing takes as HTML when they open a file (WHATWG MIME Sniffing, "rules for
 * identifying an unknown MIME type"), plus SVG, XML and PHP openings.
 */
const MARKUP_START =
  /^(?:\uFEFF|\s)*<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--|\?xml|\?php|svg)[\s>/]/i;

/**
 * Tags that run code or load content once a file is rendered as HTML or SVG. Inside an image or behind a PDF
 * they have no use but to make the file work as a page too.
 */
const ACTIVE_MARKUP =
  /<(?:script|iframe|frameset|object|embed|svg|html|body|meta\s+http-equiv)[\s>/]|<\?php|\bon(?:load|error)\s*=/i;

/** Whether the bytes start like an HTML, SVG, XML or PHP text. */
export function looksLikeMarkup(head: Uint8Array): boolean {
  return MARKUP_START.test(Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1'));
}

/** Whether the bytes contain script-capable markup anywhere. */
export function containsActiveMarkup(bytes: Uint8Array): boolean {
  return ACTIVE_MARKUP.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}
