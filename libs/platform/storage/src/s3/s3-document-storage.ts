import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { assertDocumentKey, assertDocumentPrefix } from '../document-key';
import type {
  DocumentBody,
  DocumentStorage,
  PresignDownloadOptions,
  PutDocumentOptions,
  StoredDocument,
} from '../document-storage.port';
import { attachmentDisposition } from './content-disposition';
import { isMissingObject, S3StorageError } from './s3-storage-error';
import { streamParts } from './stream-parts';

const MIB = 1024 * 1024;
/** S3's floor for every part of a multipart upload but the last. */
const MIN_PART_SIZE = 5 * MIB;
const DEFAULT_PART_SIZE = 8 * MIB;
/** S3's ceiling on parts per upload: 80,000 MiB at the default part size. */
const MAX_PARTS = 10_000;
/** DeleteObjects takes at most this many keys per request. */
const DELETE_BATCH = 1000;
/** The longest a SigV4 presigned URL may live (7 days). */
const MAX_PRESIGN_SECONDS = 604_800;
const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

export interface S3DocumentStorageOptions {
  bucket: string;
  /** An S3-compatible server (MinIO, Ceph, SeaweedFS...); leave unset for AWS S3. */
  endpoint?: string;
  /** Unset: the SDK's default (AWS_REGION, the shared config file...). */
  region?: string;
  /** Unset: the SDK's default credential chain (environment, shared files, instance or task role...). */
  credentials?: S3ClientConfig['credentials'];
  /** `bucket` in the path rather than the host name; on by default when `endpoint` is set. */
  forcePathStyle?: boolean;
  /** Put every document under this key prefix (e.g. `kyc/`), to share a bucket. `/` is added when missing. */
  prefix?: string;
  /**
   * Stream bodies larger than this go up as a multipart upload in parts of this size, so an upload holds at
   * most about one part in memory whatever its length. Default 8 MiB; at least 5 MiB (S3's minimum).
   */
  partSizeBytes?: number;
}

/**
 * Documents as objects in an S3 bucket (distributed mode), at `<prefix><key>` with their content type as the
 * object's `Content-Type`.
 *
 * Writes are all-or-nothing, as S3 makes every object appear whole: bytes, and streams up to one part, go up
 * in one PutObject; a longer stream goes up as a multipart upload that becomes visible only when completed and
 * is aborted when its body fails. An upload cut off by a crash of this process leaves invisible parts behind:
 * give the bucket a lifecycle rule that aborts incomplete multipart uploads after a day.
 */
export class S3DocumentStorage implements DocumentStorage {
  readonly bucket: string;
  readonly prefix: string;
  private readonly client: S3Client;
  private readonly partSize: number;

  constructor(options: S3DocumentStorageOptions) {
    this.bucket = options.bucket;
    this.prefix = normalisePrefix(options.prefix ?? '');
    this.partSize = options.partSizeBytes ?? DEFAULT_PART_SIZE;
    if (!Number.isSafeInteger(this.partSize) || this.partSize < MIN_PART_SIZE) {
      throw new RangeError(`partSizeBytes must be a whole number of at least ${MIN_PART_SIZE} (5 MiB)`);
    }
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      credentials: options.credentials,
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
    });
  }

  async put(key: string, body: DocumentBody, options: PutDocumentOptions): Promise<{ size: number }> {
    const objectKey = this.objectKey(key);
    if (body instanceof Readable) return this.putStream(objectKey, body, options.contentType);
    await this.putObject(
      objectKey,
      Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      options.contentType,
    );
    return { size: body.byteLength };
  }

  async get(key: string): Promise<StoredDocument | null> {
    const objectKey = this.objectKey(key);
    let output;
    try {
      output = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw new S3StorageError('GetObject', this.target(objectKey), error);
    }
    const body = output.Body;
    if (!(body instanceof Readable) || output.ContentLength === undefined) {
      if (body instanceof Readable) body.destroy();
      throw new S3StorageError(
        'GetObject',
        this.target(objectKey),
        new Error('the answer had no Node.js stream body or no Content-Length'),
      );
    }
    return {
      stream: body,
      size: output.ContentLength,
      contentType: output.ContentType ?? FALLBACK_CONTENT_TYPE,
    };
  }

  async delete(key: string): Promise<void> {
    const objectKey = this.objectKey(key);
    await this.call('DeleteObject', objectKey, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey })),
    );
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertDocumentPrefix(prefix);
    const listed = this.prefix + prefix;
    let removed = 0;
    let continuationToken: string | undefined;
    do {
      const page = await this.call('ListObjectsV2', `${listed}*`, () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: listed,
            ContinuationToken: continuationToken,
          }),
        ),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        removed += await this.deleteObjects(listed, keys.slice(start, start + DELETE_BATCH));
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return removed;
  }

  async exists(key: string): Promise<boolean> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return true;
    } catch (error) {
      if (isMissingObject(error)) return false;
      throw new S3StorageError('HeadObject', this.target(objectKey), error);
    }
  }

  /**
   * A presigned GetObject URL. It is always served as an attachment (named `fileName` when given), so a
   * browser saves an uploaded file rather than rendering it on the storage's origin.
   */
  async presignDownload(key: string, options: PresignDownloadOptions): Promise<string> {
    const objectKey = this.objectKey(key);
    const { expiresInSeconds } = options;
    if (
      !Number.isSafeInteger(expiresInSeconds) ||
      expiresInSeconds < 1 ||
      expiresInSeconds > MAX_PRESIGN_SECONDS
    ) {
      throw new RangeError(`expiresInSeconds must be a whole number from 1 to ${MAX_PRESIGN_SECONDS}`);
    }
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: objectKey,
      ResponseContentDisposition: attachmentDisposition(options.fileName),
      ResponseContentType: options.contentType,
    });
    return this.call('presign GetObject', objectKey, () =>
      getSignedUrl(this.client, command, { expiresIn: expiresInSeconds }),
    );
  }

  /** Closes the client's connections; the storage cannot be used afterwards. */
  destroy(): void {
    this.client.destroy();
  }

  private async putStream(objectKey: string, body: Readable, contentType: string): Promise<{ size: number }> {
    const parts = streamParts(body, this.partSize);
    try {
      const first = await parts.next();
      const bytes = first.done ? Buffer.alloc(0) : first.value;
      if (bytes.length < this.partSize) {
        await this.putObject(objectKey, bytes, contentType);
        return { size: bytes.length };
      }
      return await this.multipartUpload(objectKey, contentType, bytes, parts);
    } finally {
      // Releases (destroys) the body when an upload failed before reading it to the end.
      await parts.return(undefined);
    }
  }

  private async putObject(objectKey: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.call('PutObject', objectKey, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: contentType,
        }),
      ),
    );
  }

  private async multipartUpload(
    objectKey: string,
    contentType: string,
    first: Buffer,
    rest: AsyncIterable<Buffer>,
  ): Promise<{ size: number }> {
    const { UploadId } = await this.call('CreateMultipartUpload', objectKey, () =>
      this.client.send(
        new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: objectKey, ContentType: contentType }),
      ),
    );
    if (!UploadId) {
      throw new S3StorageError('CreateMultipartUpload', this.target(objectKey), new Error('no UploadId'));
    }
    const upload = { Bucket: this.bucket, Key: objectKey, UploadId };
    const parts: CompletedPart[] = [];
    let size = 0;
    const uploadPart = async (bytes: Buffer) => {
      const PartNumber = parts.length + 1;
      if (PartNumber > MAX_PARTS) {
        throw new RangeError(`The document needs more than ${MAX_PARTS} parts of ${this.partSize} bytes`);
      }
      const { ETag } = await this.call('UploadPart', objectKey, () =>
        this.client.send(
          new UploadPartCommand({ ...upload, PartNumber, Body: bytes, ContentLength: bytes.length }),
        ),
      );
      parts.push({ ETag, PartNumber });
      size += bytes.length;
    };
    try {
      await uploadPart(first);
      for await (const part of rest) if (part.length > 0) await uploadPart(part);
      await this.call('CompleteMultipartUpload', objectKey, () =>
        this.client.send(
          new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: parts } }),
        ),
      );
      return { size };
    } catch (error) {
      // The original failure is the one to report; parts an abort could not remove are invisible, and the
      // bucket's lifecycle rule removes them.
      await this.client.send(new AbortMultipartUploadCommand(upload)).catch(() => undefined);
      throw error;
    }
  }

  /** Deletes one batch and returns how many went; a key S3 could not delete fails the whole call. */
  private async deleteObjects(listed: string, keys: string[]): Promise<number> {
    const output = await this.call('DeleteObjects', `${listed}*`, () =>
      this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
        }),
      ),
    );
    const failed = output.Errors ?? [];
    if (failed.length > 0) {
      const [{ Key, Code, Message }] = failed;
      throw new S3StorageError(
        'DeleteObjects',
        this.target(Key ?? `${listed}*`),
        Object.assign(new Error(`${failed.length} of ${keys.length} not deleted, first: ${Message ?? ''}`), {
          code: Code ?? 'UnknownError',
        }),
      );
    }
    return keys.length;
  }

  private async call<T>(operation: string, objectKey: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw new S3StorageError(operation, this.target(objectKey), error);
    }
  }

  private objectKey(key: string): string {
    assertDocumentKey(key);
    return this.prefix + key;
  }

  private target(objectKey: string): string {
    return `s3://${this.bucket}/${objectKey}`;
  }
}

function normalisePrefix(prefix: string): string {
  if (prefix === '') return '';
  const withSlash = prefix.endsWith('/') ? prefix : `${prefix}/`;
  assertDocumentPrefix(withSlash);
  return withSlash;
}
