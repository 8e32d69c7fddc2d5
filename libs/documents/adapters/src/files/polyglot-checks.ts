import type { ContentEnd } from './content-end';
import type { DocumentType } from './detect-document-type';
import { DocumentFileError } from './document-file-error';
import { containsActiveMarkup } from './markup-sniffing';
import { containsZipArchive } from './zip-structures';

const PDF_HEADER = Buffer.from('%PDF-');
/** PDF readers accept the header anywhere in the first kilobyte. */
const PDF_HEADER_WINDOW = 1024;

/**
 * Refuses a file that is readable as a second format besides the one detected, the trick behind polyglots:
 * an archive inside or appended, a PDF header where readers look for one, markup inside an image, another
 * file after the end marker. Returns how many trailing bytes were tolerated: unrecognised data after the end
 * marker (some cameras append their own records) stays, since the normalised output never carries it.
 */
export async function checkSingleFormat(
  bytes: Uint8Array,
  type: DocumentType,
  contentEnd: ContentEnd,
): Promise<number> {
  if (containsZipArchive(bytes)) {
    throw new DocumentFileError('polyglot', `The ${type.ext} file also contains a ZIP archive`);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type.mime !== 'application/pdf' && buffer.subarray(0, PDF_HEADER_WINDOW).includes(PDF_HEADER)) {
    throw new DocumentFileError('polyglot', `The ${type.ext} file also opens as a PDF`);
  }
  // A PDF holds text of its own, so inside one only its head counts; images have no place for markup at all.
  const markupScope = type.mime === 'application/pdf' ? buffer.subarray(0, PDF_HEADER_WINDOW) : buffer;
  if (containsActiveMarkup(markupScope)) {
    throw new DocumentFileError('active_content', `The ${type.ext} file contains HTML or script`);
  }
  if (contentEnd.kind !== 'end') return 0;
  const trailing = buffer.subarray(contentEnd.offset);
  if (isPadding(trailing)) return 0;
  const foreign = await foreignContent(trailing);
  if (foreign) {
    throw new DocumentFileError(
      'polyglot',
      `Another file (${foreign}) follows the end of the ${type.ext} data`,
    );
  }
  return trailing.length;
}

function isPadding(bytes: Uint8Array): boolean {
  return bytes.every(
    (byte) => byte === 0x00 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x20,
  );
}

/** What the trailing bytes are if they are a document, archive, program or page of their own. */
async function foreignContent(trailing: Buffer): Promise<string | undefined> {
  if (trailing.includes(PDF_HEADER)) return 'application/pdf';
  if (containsActiveMarkup(trailing)) return 'text/html';
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(trailing);
  // Media after media is what cameras append (motion photos, depth maps); it is not executed or opened.
  if (!found || /^(?:image|video|audio)\//.test(found.mime)) return undefined;
  return found.mime;
}
