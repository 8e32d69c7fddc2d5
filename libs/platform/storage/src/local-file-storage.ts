import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertDocumentKey, assertDocumentPrefix, InvalidDocumentKeyError } from './document-key';
import type {
  DocumentBody,
  DocumentStorage,
  PutDocumentOptions,
  StoredDocument,
} from './document-storage.port';

const FALLBACK_CONTENT_TYPE = 'application/octet-stream';
const META_SUFFIX = '.meta.json';

/**
 * Documents as plain files under `rootDir` (embedded mode). `<key>` holds the bytes as uploaded; its content
 * type sits beside it in `.<name>.meta.json`. Dot names cannot be keys, so those files and the `.tmp-*` files
 * of writes in progress never collide with a document.
 *
 * A key cannot be both a document and a folder of other documents here (`a/b` and `a/b/c`), which S3 would
 * allow; the product's keys (`sessions/<id>/<doc>`) never need that.
 */
export class LocalFileStorage implements DocumentStorage {
  readonly rootDir: string;

  constructor(rootDir: string) {
    this.rootDir = resolve(rootDir);
  }

  async put(key: string, body: DocumentBody, options: PutDocumentOptions): Promise<{ size: number }> {
    const path = this.pathOf(key);
    await this.ensureFolder(key, dirname(path));
    if (await isFolder(path)) {
      throw new InvalidDocumentKeyError(key, 'it is already a folder of other documents');
    }
    // The body goes to a temporary file first: if its stream fails, nothing visible has changed. The metadata
    // is replaced before the document, so a document file never exists without its metadata.
    const temporary = await writeTemporary(dirname(path), toReadable(body));
    let size: number;
    try {
      size = (await stat(temporary)).size;
      const meta = Buffer.from(JSON.stringify({ contentType: options.contentType }));
      await rename(await writeTemporary(dirname(path), Readable.from([meta])), metaPathOf(path));
      await rename(temporary, path);
    } catch (error) {
      await removeIfPresent(temporary);
      if (isCode(error, 'EISDIR', 'ENOTEMPTY')) {
        throw new InvalidDocumentKeyError(key, 'it is already a folder of other documents');
      }
      throw error;
    }
    return { size };
  }

  async get(key: string): Promise<StoredDocument | null> {
    const path = this.pathOf(key);
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR', 'EISDIR')) return null;
      throw error;
    }
    // Size and stream come from one open file, so a concurrent replace or delete cannot make them disagree.
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      return { stream: handle.createReadStream(), size: info.size, contentType: await readContentType(path) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await removeIfPresent(path);
    await removeIfPresent(metaPathOf(path));
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertDocumentPrefix(prefix);
    const cut = prefix.lastIndexOf('/') + 1;
    const folder = join(this.rootDir, ...prefix.slice(0, cut).split('/'));
    const namePrefix = prefix.slice(cut);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR')) return 0;
      throw error;
    }
    let removed = 0;
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.name.startsWith('.')) {
        // A metadata file whose document is gone (a write interrupted between the two renames).
        if (entry.name.startsWith(`.${namePrefix}`) && entry.name.endsWith(META_SUFFIX))
          await removeIfPresent(path);
        continue;
      }
      if (!entry.name.startsWith(namePrefix)) continue;
      if (entry.isDirectory()) {
        removed += await countDocuments(path);
        await rm(path, { recursive: true, force: true });
      } else if (entry.isFile()) {
        await removeIfPresent(path);
        await removeIfPresent(metaPathOf(path));
        removed += 1;
      }
    }
    if (namePrefix === '' && cut > 0) await removeFolderIfEmpty(folder);
    return removed;
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR')) return false;
      throw error;
    }
  }

  private pathOf(key: string): string {
    assertDocumentKey(key);
    return join(this.rootDir, ...key.split('/'));
  }

  private async ensureFolder(key: string, folder: string): Promise<void> {
    try {
      await mkdir(folder, { recursive: true });
    } catch (error) {
      if (isCode(error, 'EEXIST', 'ENOTDIR')) {
        throw new InvalidDocumentKeyError(key, 'a parent segment is already a document');
      }
      throw error;
    }
  }
}

function toReadable(body: DocumentBody): Readable {
  if (body instanceof Readable) return body;
  // Readable.from iterates a plain Uint8Array byte by byte; wrapped in an array it is one chunk.
  return Readable.from([Buffer.from(body.buffer, body.byteOffset, body.byteLength)]);
}

/** Streams into a new temporary file in `folder` and flushes it to disk; the caller renames it into place. */
async function writeTemporary(folder: string, source: Readable): Promise<string> {
  const temporary = join(folder, `.tmp-${randomUUID()}`);
  try {
    await pipeline(source, createWriteStream(temporary, { flags: 'wx', flush: true }));
    return temporary;
  } catch (error) {
    await removeIfPresent(temporary);
    throw error;
  }
}

function metaPathOf(path: string): string {
  return join(dirname(path), `.${basename(path)}${META_SUFFIX}`);
}

async function readContentType(path: string): Promise<string> {
  try {
    const meta = JSON.parse(await readFile(metaPathOf(path), 'utf8')) as { contentType?: unknown };
    return typeof meta.contentType === 'string' ? meta.contentType : FALLBACK_CONTENT_TYPE;
  } catch {
    return FALLBACK_CONTENT_TYPE;
  }
}

async function countDocuments(folder: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) count += await countDocuments(join(folder, entry.name));
    else if (entry.isFile()) count += 1;
  }
  return count;
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT', 'ENOTDIR')) throw error;
  }
}

/** Drops the folder a prefix delete emptied; keeps it when a concurrent write has put something inside. */
async function removeFolderIfEmpty(folder: string): Promise<void> {
  try {
    await rmdir(folder);
  } catch (error) {
    if (!isCode(error, 'ENOENT', 'ENOTEMPTY', 'EEXIST')) throw error;
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return (
    typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '')
  );
}
