import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { InvalidDocumentKeyError, type DocumentStorage } from '@kyc/storage';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface DocumentStorageContractFixture {
  storage: DocumentStorage;
  /** Called after each test (remove a temporary folder, empty a bucket prefix, ...). */
  cleanup?: () => Promise<void>;
}

/** The optional parts of the port an adapter offers, each checked by its own tests. */
export interface DocumentStorageFeatures {
  /** `presignDownload`: links that download straight from the storage. */
  presignDownload?: boolean;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A stream that yields some bytes, then fails: an upload cut off half-way. */
function failingStream(first: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield first;
      throw new Error('connection reset by the client');
    })(),
  );
}

/** Fetches a link as a browser would, with no credentials, and reads the whole answer. */
async function download(url: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(url);
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** The same URL with one character of `value` (found in it) replaced by another. */
function changeOneCharacter(url: string, value: string): string {
  const at = url.indexOf(value);
  if (at < 0) throw new Error(`${JSON.stringify(value)} is not part of ${url}`);
  const last = at + value.length - 1;
  return url.slice(0, last) + (url[last] === 'a' ? 'b' : 'a') + url.slice(last + 1);
}

/**
 * The behaviour every `DocumentStorage` adapter must have. Each test works under its own random prefix, so
 * an adapter over shared storage (one bucket) can run it safely. `features` names the optional parts of the
 * port the adapter offers; their tests run only for it, and the adapter must offer exactly those.
 */
export function documentStorageContract(
  adapterName: string,
  open: () => Promise<DocumentStorageContractFixture>,
  features: DocumentStorageFeatures = {},
): void {
  describe(`DocumentStorage contract: ${adapterName}`, () => {
    let fixture: DocumentStorageContractFixture;
    let storage: DocumentStorage;
    let ns: string;

    beforeEach(async () => {
      fixture = await open();
      storage = fixture.storage;
      ns = `contract-${randomUUID()}`;
    });

    afterEach(async () => {
      await fixture.cleanup?.();
    });

    it('stores bytes and returns them with their size and content type', async () => {
      const bytes = randomBytes(1000);
      expect(await storage.put(`${ns}/a/doc_1`, bytes, { contentType: 'image/png' })).toEqual({ size: 1000 });
      const stored = await storage.get(`${ns}/a/doc_1`);
      expect(stored).not.toBeNull();
      expect(stored?.size).toBe(1000);
      expect(stored?.contentType).toBe('image/png');
      expect((await readAll(stored!.stream)).equals(bytes)).toBe(true);
    });

    it('stores a Uint8Array view without the rest of its buffer', async () => {
      const backing = Buffer.from('xxxxHELLOxxxx');
      const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, 5);
      await storage.put(`${ns}/view`, view, { contentType: 'text/plain' });
      const stored = await storage.get(`${ns}/view`);
      expect((await readAll(stored!.stream)).toString()).toBe('HELLO');
    });

    it('stores a large stream without changing a byte', async () => {
      const chunks = Array.from({ length: 40 }, () => randomBytes(128 * 1024));
      const whole = Buffer.concat(chunks);
      const { size } = await storage.put(`${ns}/big.pdf`, Readable.from(chunks), {
        contentType: 'application/pdf',
      });
      expect(size).toBe(whole.length);
      const stored = await storage.get(`${ns}/big.pdf`);
      expect(stored?.size).toBe(whole.length);
      expect(sha256(await readAll(stored!.stream))).toBe(sha256(whole));
    });

    it('stores an empty document', async () => {
      await storage.put(`${ns}/empty`, new Uint8Array(0), { contentType: 'application/octet-stream' });
      const stored = await storage.get(`${ns}/empty`);
      expect(stored?.size).toBe(0);
      expect(await readAll(stored!.stream)).toHaveLength(0);
    });

    it('answers null and false for a document that does not exist', async () => {
      expect(await storage.get(`${ns}/missing`)).toBeNull();
      expect(await storage.exists(`${ns}/missing`)).toBe(false);
      expect(await storage.get(`${ns}/missing/deeper`)).toBeNull();
    });

    it('replaces a document on a second put, content type included', async () => {
      await storage.put(`${ns}/doc`, Buffer.from('first version'), { contentType: 'image/jpeg' });
      await storage.put(`${ns}/doc`, Buffer.from('second'), { contentType: 'application/pdf' });
      const stored = await storage.get(`${ns}/doc`);
      expect(stored?.size).toBe(6);
      expect(stored?.contentType).toBe('application/pdf');
      expect((await readAll(stored!.stream)).toString()).toBe('second');
    });

    it('keeps the previous content when the body of a put fails half-way', async () => {
      await storage.put(`${ns}/doc`, Buffer.from('intact'), { contentType: 'image/jpeg' });
      await expect(
        storage.put(`${ns}/doc`, failingStream(randomBytes(64 * 1024)), { contentType: 'application/pdf' }),
      ).rejects.toThrow('connection reset');
      const stored = await storage.get(`${ns}/doc`);
      expect(stored?.contentType).toBe('image/jpeg');
      expect((await readAll(stored!.stream)).toString()).toBe('intact');

      await expect(
        storage.put(`${ns}/never`, failingStream(randomBytes(1024)), { contentType: 'image/png' }),
      ).rejects.toThrow('connection reset');
      expect(await storage.exists(`${ns}/never`)).toBe(false);
    });

    it('gives concurrent writers of one key a whole result, never a mix', async () => {
      const versions = Array.from({ length: 6 }, () => randomBytes(256 * 1024));
      await Promise.all(
        versions.map((bytes) => storage.put(`${ns}/race`, bytes, { contentType: 'image/png' })),
      );
      const read = await readAll((await storage.get(`${ns}/race`))!.stream);
      expect(versions.map((bytes) => sha256(bytes))).toContain(sha256(read));
    });

    it('tells whether a document exists', async () => {
      await storage.put(`${ns}/here`, Buffer.from('x'), { contentType: 'text/plain' });
      expect(await storage.exists(`${ns}/here`)).toBe(true);
      expect(await storage.exists(`${ns}/her`)).toBe(false);
    });

    it('deletes one document, and deleting a missing one is not an error', async () => {
      await storage.put(`${ns}/s/doc_1`, Buffer.from('1'), { contentType: 'text/plain' });
      await storage.put(`${ns}/s/doc_2`, Buffer.from('2'), { contentType: 'text/plain' });
      await storage.delete(`${ns}/s/doc_1`);
      expect(await storage.exists(`${ns}/s/doc_1`)).toBe(false);
      expect(await storage.get(`${ns}/s/doc_1`)).toBeNull();
      expect(await storage.exists(`${ns}/s/doc_2`)).toBe(true);
      await expect(storage.delete(`${ns}/s/doc_1`)).resolves.toBeUndefined();
      await expect(storage.delete(`${ns}/nothing/here`)).resolves.toBeUndefined();
    });

    it('deletes every document of a session by prefix, and nothing of its neighbours', async () => {
      const keys = [`${ns}/sessions/1/doc_a`, `${ns}/sessions/1/doc_b`, `${ns}/sessions/1/selfie/doc_c`];
      for (const key of keys) await storage.put(key, Buffer.from(key), { contentType: 'image/jpeg' });
      await storage.put(`${ns}/sessions/10/doc_a`, Buffer.from('other'), { contentType: 'image/jpeg' });
      await storage.put(`${ns}/sessions/2/doc_a`, Buffer.from('other'), { contentType: 'image/jpeg' });

      expect(await storage.deletePrefix(`${ns}/sessions/1/`)).toBe(3);
      for (const key of keys) expect(await storage.exists(key)).toBe(false);
      expect(await storage.exists(`${ns}/sessions/10/doc_a`)).toBe(true);
      expect(await storage.exists(`${ns}/sessions/2/doc_a`)).toBe(true);
      expect(await storage.deletePrefix(`${ns}/sessions/1/`)).toBe(0);
      // The session's folder can be used again afterwards.
      await storage.put(`${ns}/sessions/1/doc_a`, Buffer.from('again'), { contentType: 'image/jpeg' });
      expect(await storage.exists(`${ns}/sessions/1/doc_a`)).toBe(true);
    });

    it('treats a prefix without a trailing slash as a plain string prefix', async () => {
      await storage.put(`${ns}/p/doc_1`, Buffer.from('1'), { contentType: 'text/plain' });
      await storage.put(`${ns}/p/doc_12`, Buffer.from('12'), { contentType: 'text/plain' });
      await storage.put(`${ns}/p/doc_1x/inner`, Buffer.from('1x'), { contentType: 'text/plain' });
      await storage.put(`${ns}/p/doc_2`, Buffer.from('2'), { contentType: 'text/plain' });
      expect(await storage.deletePrefix(`${ns}/p/doc_1`)).toBe(3);
      expect(await storage.exists(`${ns}/p/doc_2`)).toBe(true);
      expect(await storage.exists(`${ns}/p/doc_12`)).toBe(false);
    });

    it('answers 0 for a prefix with nothing under it', async () => {
      expect(await storage.deletePrefix(`${ns}/nothing/`)).toBe(0);
    });

    it('refuses unsafe keys on every operation', async () => {
      const unsafe = [
        '',
        '../escape',
        'a/../../escape',
        '/etc/passwd',
        'a//b',
        'a/./b',
        'a/',
        '.hidden',
        'a/.meta',
        'back\\slash',
        'spa ce',
        'naïve',
        'nul\0byte',
        'x'.repeat(1025),
      ];
      for (const key of unsafe) {
        await expect(
          storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }),
        ).rejects.toBeInstanceOf(InvalidDocumentKeyError);
        await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
        await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
        await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
      }
      for (const prefix of ['', '/', '../', '/abs/', 'a//', '.x/']) {
        await expect(storage.deletePrefix(prefix)).rejects.toBeInstanceOf(InvalidDocumentKeyError);
      }
    });

    it('accepts keys using every allowed character', async () => {
      const key = `${ns}/Az09_-.x/y.z-1_`;
      await storage.put(key, Buffer.from('ok'), { contentType: 'text/plain' });
      expect(await storage.exists(key)).toBe(true);
    });

    it(`offers presigned download links ${features.presignDownload ? 'as declared' : 'only if declared'}`, () => {
      expect(typeof storage.presignDownload).toBe(features.presignDownload ? 'function' : 'undefined');
    });

    // Presigned links name the object and carry their signature in the query string, as S3's do.
    if (features.presignDownload) {
      describe('presigned download links', () => {
        const presign: NonNullable<DocumentStorage['presignDownload']> = (key, options) =>
          storage.presignDownload!(key, options);

        it('download the exact bytes, with the stored or the given content type, as an attachment', async () => {
          const bytes = randomBytes(64 * 1024);
          await storage.put(`${ns}/sessions/1/doc_a`, bytes, { contentType: 'image/png' });

          const stored = await download(await presign(`${ns}/sessions/1/doc_a`, { expiresInSeconds: 300 }));
          expect(stored.status).toBe(200);
          expect(stored.body.equals(bytes)).toBe(true);
          expect(stored.headers.get('content-type')).toBe('image/png');
          expect(stored.headers.get('content-disposition')).toMatch(/^attachment\b/);

          const named = await download(
            await presign(`${ns}/sessions/1/doc_a`, {
              expiresInSeconds: 300,
              fileName: 'passport-front.pdf',
              contentType: 'application/pdf',
            }),
          );
          expect(named.status).toBe(200);
          expect(named.body.equals(bytes)).toBe(true);
          expect(named.headers.get('content-type')).toBe('application/pdf');
          expect(named.headers.get('content-disposition')).toMatch(
            /^attachment;.*\bfilename="passport-front\.pdf"/,
          );
        });

        it('refuse a link whose signature or key was changed', async () => {
          await storage.put(`${ns}/sessions/1/doc_a`, Buffer.from('a'), { contentType: 'image/png' });
          await storage.put(`${ns}/sessions/1/doc_b`, Buffer.from('b'), { contentType: 'image/png' });
          const url = await presign(`${ns}/sessions/1/doc_a`, { expiresInSeconds: 300 });
          expect((await download(url)).status).toBe(200);

          const signature = [...new URL(url).searchParams].find(([name]) => /signature/i.test(name));
          expect(signature, 'a signature in the query string').toBeDefined();
          const forged = await download(changeOneCharacter(url, `${signature![0]}=${signature![1]}`));
          expect(forged.status).toBe(403);
          const otherKey = await download(url.replace(`${ns}/sessions/1/doc_a`, `${ns}/sessions/1/doc_b`));
          expect(otherKey.status).toBe(403);
          expect(otherKey.body.toString()).not.toBe('b');
        });

        it('refuse a link once it has expired', async () => {
          await storage.put(`${ns}/short`, Buffer.from('soon gone'), { contentType: 'text/plain' });
          // Signatures carry whole seconds, so a 2-second link still has at least one second to live here.
          const url = await presign(`${ns}/short`, { expiresInSeconds: 2 });
          expect((await download(url)).status).toBe(200);
          const deadline = Date.now() + 15_000;
          let answer = await download(url);
          while (answer.status === 200 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 200));
            answer = await download(url);
          }
          expect(answer.status).toBe(403);
          expect(answer.body.toString()).not.toBe('soon gone');
        });

        it('give no link to a missing document, and refuse unsafe keys and lifetimes', async () => {
          const missing = await download(await presign(`${ns}/missing`, { expiresInSeconds: 60 }));
          expect(missing.status).toBeGreaterThanOrEqual(400);
          await expect(presign('../escape', { expiresInSeconds: 60 })).rejects.toBeInstanceOf(
            InvalidDocumentKeyError,
          );
          for (const expiresInSeconds of [0, -1, 1.5, 8 * 24 * 3600]) {
            await expect(presign(`${ns}/doc`, { expiresInSeconds })).rejects.toBeInstanceOf(RangeError);
          }
        });
      });
    }
  });
}
