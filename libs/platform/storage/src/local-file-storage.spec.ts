import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidDocumentKeyError } from './document-key';
import { LocalFileStorage } from './local-file-storage';

async function listAll(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

// The shared DocumentStorage contract runs against this adapter in libs/testing.
describe('LocalFileStorage on disk', () => {
  let root: string;
  let storage: LocalFileStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kyc-storage-'));
    storage = new LocalFileStorage(join(root, 'documents'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps each document as a plain file at its key, creating folders as needed', async () => {
    const bytes = randomBytes(300);
    await storage.put('sessions/s1/doc_a', bytes, { contentType: 'image/webp' });
    expect((await readFile(join(root, 'documents', 'sessions', 's1', 'doc_a'))).equals(bytes)).toBe(true);
    expect(await listAll(join(root, 'documents'))).toEqual([
      'sessions/s1/.doc_a.meta.json',
      'sessions/s1/doc_a',
    ]);
  });

  it('leaves no temporary files behind, whether a write succeeds or fails', async () => {
    await storage.put('s/doc', Buffer.from('ok'), { contentType: 'text/plain' });
    const broken = Readable.from(
      (async function* () {
        yield Buffer.from('partial');
        throw new Error('aborted');
      })(),
    );
    await expect(storage.put('s/doc', broken, { contentType: 'text/plain' })).rejects.toThrow('aborted');
    expect(await listAll(join(root, 'documents'))).toEqual(['s/.doc.meta.json', 's/doc']);
  });

  it('never writes outside its root', async () => {
    await expect(
      storage.put('../outside', Buffer.from('x'), { contentType: 'text/plain' }),
    ).rejects.toBeInstanceOf(InvalidDocumentKeyError);
    expect(await readdir(root)).toEqual([]);
  });

  it('removes the folder of a deleted prefix, and metadata left by an interrupted write', async () => {
    await storage.put('sessions/s1/doc_a', Buffer.from('a'), { contentType: 'image/png' });
    await writeFile(join(root, 'documents', 'sessions', 's1', '.doc_gone.meta.json'), '{}');
    expect(await storage.deletePrefix('sessions/s1/')).toBe(1);
    expect(await readdir(join(root, 'documents', 'sessions'))).toEqual([]);
  });

  it('reports a key that is both a document and a folder as invalid', async () => {
    await storage.put('a/b', Buffer.from('doc'), { contentType: 'text/plain' });
    await expect(
      storage.put('a/b/c', Buffer.from('x'), { contentType: 'text/plain' }),
    ).rejects.toBeInstanceOf(InvalidDocumentKeyError);
    await storage.put('x/y/z', Buffer.from('doc'), { contentType: 'text/plain' });
    await expect(storage.put('x/y', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toBeInstanceOf(
      InvalidDocumentKeyError,
    );
    expect(await storage.get('x/y')).toBeNull();
    expect(await storage.exists('x/y')).toBe(false);
  });

  it('serves a document whose metadata is missing as application/octet-stream', async () => {
    await storage.put('s/doc', Buffer.from('x'), { contentType: 'image/png' });
    await rm(join(root, 'documents', 's', '.doc.meta.json'));
    const stored = await storage.get('s/doc');
    stored?.stream.destroy();
    expect(stored?.contentType).toBe('application/octet-stream');
  });
});
