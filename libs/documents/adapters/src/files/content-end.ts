import type { DocumentMimeType } from './detect-document-type';

/**
 * Where a file's own content ends according to its format:
 * - `end`: the offset just past the end marker; anything after it is trailing data;
 * - `missing`: the bytes stop before the end marker, the file is truncated;
 * - `unbounded`: the format has no end marker (TIFF) or its structure could not be followed, so only the
 *   decoder can judge.
 */
export type ContentEnd = { kind: 'end'; offset: number } | { kind: 'missing' } | { kind: 'unbounded' };

const MISSING: ContentEnd = { kind: 'missing' };
const UNBOUNDED: ContentEnd = { kind: 'unbounded' };

export function findContentEnd(bytes: Uint8Array, mime: DocumentMimeType): ContentEnd {
  switch (mime) {
    case 'image/jpeg':
      return jpegEnd(bytes);
    case 'image/png':
      return pngEnd(bytes);
    case 'image/webp':
      return riffEnd(bytes);
    case 'image/heic':
    case 'image/heif':
      return isoBoxesEnd(bytes);
    case 'application/pdf':
      return pdfEnd(bytes);
    case 'image/tiff':
      return UNBOUNDED;
  }
}

const end = (offset: number): ContentEnd => ({ kind: 'end', offset });

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Follows the JPEG segments to the End Of Image marker. Segment lengths skip embedded data such as the EXIF
 * thumbnail (a complete JPEG of its own); after a Start Of Scan the entropy-coded data runs to the next marker
 * that is neither a stuffed 0xFF00 nor a restart marker.
 */
function jpegEnd(bytes: Uint8Array): ContentEnd {
  const data = view(bytes);
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) return UNBOUNDED;
    while (i < bytes.length && bytes[i] === 0xff) i++;
    if (i >= bytes.length) return MISSING;
    const marker = bytes[i++];
    if (marker === 0xd9) return end(i);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (i + 2 > bytes.length) return MISSING;
    const length = data.getUint16(i);
    if (length < 2) return UNBOUNDED;
    i += length;
    if (i > bytes.length) return MISSING;
    if (marker === 0xda) {
      const next = nextMarkerAfterScan(bytes, i);
      if (next === undefined) return MISSING;
      i = next;
    }
  }
  return MISSING;
}

function nextMarkerAfterScan(bytes: Uint8Array, from: number): number | undefined {
  let i = from;
  for (;;) {
    const ff = bytes.indexOf(0xff, i);
    if (ff < 0 || ff + 1 >= bytes.length) return undefined;
    const following = bytes[ff + 1];
    if (following === 0x00 || (following >= 0xd0 && following <= 0xd7)) i = ff + 2;
    else if (following === 0xff) i = ff + 1;
    else return ff;
  }
}

/** Walks the PNG chunks (length, type, data, CRC) up to IEND. */
function pngEnd(bytes: Uint8Array): ContentEnd {
  const data = view(bytes);
  let i = 8;
  while (i + 8 <= bytes.length) {
    const length = data.getUint32(i);
    const type = data.getUint32(i + 4);
    i += 12 + length;
    if (i > bytes.length) return MISSING;
    if (type === 0x49454e44 /* IEND */) return end(i);
  }
  return MISSING;
}

/** A RIFF file (WebP) states its size in its header; chunks are padded to even lengths. */
function riffEnd(bytes: Uint8Array): ContentEnd {
  if (bytes.length < 12) return MISSING;
  const size = view(bytes).getUint32(4, true);
  const offset = 8 + size + (size % 2);
  return offset > bytes.length ? MISSING : end(offset);
}

/** Walks the top-level ISO base media boxes (HEIF): 32-bit size, or 1 then a 64-bit size, or 0 for "to the end". */
function isoBoxesEnd(bytes: Uint8Array): ContentEnd {
  const data = view(bytes);
  let i = 0;
  while (i + 8 <= bytes.length) {
    let size = data.getUint32(i);
    if (size === 0) return end(bytes.length);
    if (size === 1) {
      if (i + 16 > bytes.length) return MISSING;
      size = Number(data.getBigUint64(i + 8));
    }
    if (size < 8) return end(i);
    if (i + size > bytes.length) return MISSING;
    i += size;
  }
  return end(i);
}

const PDF_EOF = Buffer.from('%%EOF');

/**
 * A PDF ends at its last `%%EOF` (incremental updates append whole new sections, each with its own), followed
 * by an optional end of line. Readers expect it near the end; a file without one was cut short.
 */
function pdfEnd(bytes: Uint8Array): ContentEnd {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf(PDF_EOF);
  if (at < 0) return MISSING;
  let offset = at + PDF_EOF.length;
  if (bytes[offset] === 0x0d) offset++;
  if (bytes[offset] === 0x0a) offset++;
  return end(offset);
}
