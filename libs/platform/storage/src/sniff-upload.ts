/** The document formats the product accepts, decided from the bytes, never from the name or declared type. */
export const ACCEPTED_UPLOAD_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/tiff',
  'application/pdf',
] as const;

export type AcceptedUploadMimeType = (typeof ACCEPTED_UPLOAD_MIME_TYPES)[number];

export interface DetectedType {
  mime: string;
  ext: string;
}

export type UploadRejectionReason =
  /** Zero bytes. */
  | 'empty'
  /** No known signature. */
  | 'unknown'
  /** A known type the product does not take (e.g. GIF, a Word file). */
  | 'unsupported'
  /** An archive or an executable. */
  | 'forbidden'
  /** An accepted type with a ZIP archive appended, readable as both. */
  | 'polyglot';

export type SniffResult =
  | { ok: true; mime: AcceptedUploadMimeType; ext: string }
  | { ok: false; reason: UploadRejectionReason; detected?: DetectedType; message: string };

// Reported separately from merely unsupported types: they are what a hostile upload looks like.
const ARCHIVE_OR_EXECUTABLE = new Set([
  'application/zip',
  'application/x-tar',
  'application/x-rar-compressed',
  'application/gzip',
  'application/x-bzip2',
  'application/x-7z-compressed',
  'application/x-xz',
  'application/zstd',
  'application/x-lzip',
  'application/x-lz4',
  'application/x-compress',
  'application/x-lzh-compressed',
  'application/x-arj',
  'application/x-ace-compressed',
  'application/x-cpio',
  'application/x-unix-archive',
  'application/vnd.ms-cab-compressed',
  'application/x-apple-diskimage',
  'application/x-asar',
  'application/x-deb',
  'application/x-rpm',
  'application/vnd.android.package-archive',
  'application/java-archive',
  'application/x-xpinstall',
  'application/x-google-chrome-extension',
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/java-vm',
  'application/wasm',
  'application/x-shockwave-flash',
  'application/x-cfb',
]);

/** Decides an upload's type from its content and refuses anything outside the accepted formats. */
export async function sniffUpload(bytes: Uint8Array): Promise<SniffResult> {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'The file is empty' };
  // file-type is ESM-only; a dynamic import loads it from CommonJS builds as well.
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(bytes);
  if (!found) return { ok: false, reason: 'unknown', message: 'The file type could not be recognised' };
  const detected: DetectedType = { mime: found.mime, ext: found.ext };
  if (ARCHIVE_OR_EXECUTABLE.has(found.mime)) {
    return {
      ok: false,
      reason: 'forbidden',
      detected,
      message: `Archives and executables are not accepted (${found.mime})`,
    };
  }
  if (!isAccepted(found.mime)) {
    return {
      ok: false,
      reason: 'unsupported',
      detected,
      message: `The file type ${found.mime} is not accepted`,
    };
  }
  if (endsWithZipDirectory(bytes)) {
    return {
      ok: false,
      reason: 'polyglot',
      detected,
      message: `The ${found.ext} file also carries a ZIP archive`,
    };
  }
  return { ok: true, mime: found.mime, ext: found.ext };
}

function isAccepted(mime: string): mime is AcceptedUploadMimeType {
  return (ACCEPTED_UPLOAD_MIME_TYPES as readonly string[]).includes(mime);
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_ZIP_COMMENT = 0xffff;

/**
 * ZIP readers look for the end-of-central-directory record at the end of a file, so anything with a ZIP
 * appended opens as an archive too. A record counts only when its comment length ends exactly at the end of
 * the file, which a chance match of the signature inside image data practically never does.
 */
function endsWithZipDirectory(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_ZIP_COMMENT);
  for (let offset = bytes.length - EOCD_SIZE; offset >= lowest; offset--) {
    if (
      view.getUint32(offset, true) === EOCD_SIGNATURE &&
      offset + EOCD_SIZE + view.getUint16(offset + 20, true) === bytes.length
    ) {
      return true;
    }
  }
  return false;
}
