import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** A list file could not be read or decompressed (as opposed to parsed): names the path. */
export class ListFileReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ListFileReadError';
  }
}

/**
 * The text of a list file, decompressed when it starts with the gzip magic bytes: publishers and mirrors name
 * compressed files inconsistently, so the content decides, not the extension.
 */
export async function readListFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ListFileReadError(path, error instanceof Error ? error.message : String(error));
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (error) {
      throw new ListFileReadError(
        path,
        `not a valid gzip file: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
  return bytes.toString('utf8');
}
