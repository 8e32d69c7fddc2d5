import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { S3DocumentStorage, S3StorageError, type S3DocumentStorageOptions } from '@kyc/storage';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { documentStorageContract } from './document-storage-contract';

const endpoint = process.env.S3_ENDPOINT || undefined;
const bucket = process.env.S3_BUCKET || undefined;
const region = process.env.AWS_REGION || 'us-east-1';

if (!endpoint || !bucket) {
  console.warn(
    'DID NOT RUN: S3_ENDPOINT and S3_BUCKET are not set; tools/services/s3.sh starts an S3-compatible server ' +
      '(then eval "$(tools/services/s3.sh up)"; export S3_ENDPOINT S3_BUCKET AWS_ACCESS_KEY_ID ' +
      'AWS_SECRET_ACCESS_KEY AWS_REGION; npx vitest run libs/testing/src/document-storage-contract.s3.spec.ts)',
  );
}

const MIB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe.runIf(endpoint && bucket)('S3 document storage on a real S3-compatible server', () => {
  // Everything this run writes sits under its own prefix of the shared bucket, removed after each test.
  const runPrefix = `contract-run-${randomUUID()}/`;
  const opened: S3DocumentStorage[] = [];
  const open = (options: Partial<S3DocumentStorageOptions> = {}) => {
    const storage = new S3DocumentStorage({
      bucket: bucket!,
      endpoint,
      region,
      prefix: runPrefix,
      ...options,
    });
    opened.push(storage);
    return storage;
  };
  const wholeBucket = new S3DocumentStorage({ bucket: bucket!, endpoint, region });
  const client = new S3Client({ endpoint, region, forcePathStyle: true });
  const cleanup = async () => {
    await wholeBucket.deletePrefix(runPrefix);
    for (const storage of opened.splice(0)) storage.destroy();
  };

  afterAll(() => {
    wholeBucket.destroy();
    client.destroy();
  });

  documentStorageContract('S3DocumentStorage', async () => ({ storage: open(), cleanup }), {
    presignDownload: true,
  });

  describe('S3DocumentStorage beyond the contract', () => {
    afterEach(cleanup);

    it('keeps every document under its prefix, out of sight of other prefixes', async () => {
      await open().put('sessions/1/doc_a', Buffer.from('a'), { contentType: 'image/png' });
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: runPrefix }));
      expect(listed.Contents?.map((object) => object.Key)).toEqual([`${runPrefix}sessions/1/doc_a`]);
      expect(await open({ prefix: `${runPrefix}other` }).exists('sessions/1/doc_a')).toBe(false);
    });

    it('uploads a stream longer than one part in parts, and a failed one leaves no trace', async () => {
      const storage = open({ partSizeBytes: 5 * MIB });
      const chunks = Array.from({ length: 12 * 16 + 3 }, () => randomBytes(64 * 1024));
      const whole = Buffer.concat(chunks);
      expect(await storage.put('big.pdf', Readable.from(chunks), { contentType: 'application/pdf' })).toEqual(
        {
          size: whole.length,
        },
      );
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: `${runPrefix}big.pdf` }));
      // The ETag of a multipart object ends with its number of parts.
      expect(head.ETag).toMatch(/-3"$/);
      const stored = await storage.get('big.pdf');
      expect(stored?.contentType).toBe('application/pdf');
      expect(sha256(await readAll(stored!.stream))).toBe(sha256(whole));

      const cutOff = Readable.from(
        (async function* () {
          for (const chunk of chunks.slice(0, 11 * 16)) yield chunk;
          throw new Error('connection reset by the client');
        })(),
      );
      await expect(storage.put('big.pdf', cutOff, { contentType: 'image/png' })).rejects.toThrow(
        'connection reset',
      );
      const after = await storage.get('big.pdf');
      expect(after?.contentType).toBe('application/pdf');
      expect(sha256(await readAll(after!.stream))).toBe(sha256(whole));
      const uploads = await client.send(
        new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: runPrefix }),
      );
      expect(uploads.Uploads ?? []).toEqual([]);
    }, 60_000);

    it('deletes a prefix holding more than one listing page of documents', async () => {
      const storage = open();
      const keys = Array.from({ length: 1_005 }, (_, i) => `sessions/many/doc_${i}`);
      for (let start = 0; start < keys.length; start += 50) {
        await Promise.all(
          keys
            .slice(start, start + 50)
            .map((key) => storage.put(key, Buffer.from(key), { contentType: 'text/plain' })),
        );
      }
      await storage.put('sessions/other/doc_0', Buffer.from('kept'), { contentType: 'text/plain' });
      expect(await storage.deletePrefix('sessions/many/')).toBe(keys.length);
      expect(await storage.exists('sessions/many/doc_1004')).toBe(false);
      expect(await storage.exists('sessions/other/doc_0')).toBe(true);
    }, 120_000);

    it('names the file exactly in a presigned link, whatever its characters', async () => {
      const storage = open();
      await storage.put('doc', Buffer.from('x'), { contentType: 'image/jpeg' });
      const response = await fetch(
        await storage.presignDownload('doc', { expiresInSeconds: 60, fileName: 'Pièce d’identité (1).jpg' }),
      );
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="Pi_ce d_identit_ (1).jpg"; ` +
          `filename*=UTF-8''Pi%C3%A8ce%20d%E2%80%99identit%C3%A9%20%281%29.jpg`,
      );
    });

    it('reports a failed request with the operation, the object and S3’s error code', async () => {
      const missingBucket = `kyc-missing-${randomUUID()}`;
      const error = await open({ bucket: missingBucket })
        .get('doc')
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(S3StorageError);
      expect(error).toMatchObject({ code: 'NoSuchBucket', status: 404 });
      expect((error as Error).message).toContain(`GetObject of s3://${missingBucket}/${runPrefix}doc failed`);

      const forged = open({
        credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'unknown', secretAccessKey: 'wrong' },
      });
      await expect(forged.put('doc', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toMatchObject({
        name: 'S3StorageError',
        status: 403,
      });
    });
  });
});
