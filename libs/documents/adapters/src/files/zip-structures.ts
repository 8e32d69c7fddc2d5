const LOCAL_FILE_HEADER = Buffer.from('PK\x03\x04', 'latin1');
const CENTRAL_DIRECTORY_HEADER = Buffer.from('PK\x01\x02', 'latin1');
const END_OF_CENTRAL_DIRECTORY = Buffer.from('PK\x05\x06', 'latin1');
const EOCD_SIZE = 22;
const MAX_FILE_NAME = 1024;
/** Stored, deflate, deflate64, bzip2, LZMA, zstd, xz, JPEG, WavPack, PPMd, AES. */
const COMPRESSION_METHODS = new Set([0, 8, 9, 12, 14, 93, 95, 96, 97, 98, 99]);

/**
 * Whether a ZIP archive sits anywhere in the bytes: appended, as ZIP readers find it from the end, or inside,
 * as lenient tools and carvers find it. The four-byte signatures alone turn up by chance in compressed image
 * data, so a hit counts only with the record's fields consistent: an end-of-central-directory record, or a
 * local file header followed later by a central directory entry.
 */
export function containsZipArchive(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (
    let at = buffer.indexOf(END_OF_CENTRAL_DIRECTORY);
    at >= 0;
    at = buffer.indexOf(END_OF_CENTRAL_DIRECTORY, at + 1)
  ) {
    if (isEndOfCentralDirectory(data, at)) return true;
  }
  for (let at = buffer.indexOf(LOCAL_FILE_HEADER); at >= 0; at = buffer.indexOf(LOCAL_FILE_HEADER, at + 1)) {
    if (isLocalFileHeader(data, at) && buffer.indexOf(CENTRAL_DIRECTORY_HEADER, at + 30) >= 0) return true;
  }
  return false;
}

function isEndOfCentralDirectory(data: DataView, at: number): boolean {
  if (at + EOCD_SIZE > data.byteLength) return false;
  const disk = data.getUint16(at + 4, true);
  const directoryDisk = data.getUint16(at + 6, true);
  const entriesOnDisk = data.getUint16(at + 8, true);
  const entries = data.getUint16(at + 10, true);
  const directorySize = data.getUint32(at + 12, true);
  const directoryOffset = data.getUint32(at + 16, true);
  const commentLength = data.getUint16(at + 20, true);
  return (
    disk === directoryDisk &&
    entriesOnDisk === entries &&
    directorySize <= at &&
    directoryOffset <= at &&
    at + EOCD_SIZE + commentLength <= data.byteLength
  );
}

function isLocalFileHeader(data: DataView, at: number): boolean {
  if (at + 30 > data.byteLength) return false;
  const versionNeeded = data.getUint16(at + 4, true);
  const method = data.getUint16(at + 8, true);
  const nameLength = data.getUint16(at + 26, true);
  return (
    versionNeeded <= 63 && COMPRESSION_METHODS.has(method) && nameLength > 0 && nameLength <= MAX_FILE_NAME
  );
}
