import type { Readable } from 'node:stream';

/** Whole documents as bytes, or a stream for large uploads that should not sit in memory. */
export type DocumentBody = Uint8Array | Readable;

export interface PutDocumentOptions {
  contentType: string;
}

export interface StoredDocument {
  stream: Readable;
  size: number;
  contentType: string;
}

export interface PresignDownloadOptions {
  /** How long the link works, in whole seconds (1 to 604800, the longest an S3 signature may live). */
  expiresInSeconds: number;
  /** Offered to the browser as the download's name (`Content-Disposition: attachment`). */
  fileName?: string;
  /** Served as the response's `Content-Type` instead of the stored one. */
  contentType?: string;
}

/**
 * Where uploaded documents live: local files in embedded mode, an S3-compatible bucket when distributed.
 *
 * Keys are `/`-separated segments of `[A-Za-z0-9_.-]`, none starting with a dot (see `assertDocumentKey`).
 * Every adapter passes the contract suite in `@kyc/testing` (`documentStorageContract`).
 */
export interface DocumentStorage {
  /** Stores the document; a reader sees either the previous content or the whole new one, never a part. */
  put(key: string, body: DocumentBody, options: PutDocumentOptions): Promise<{ size: number }>;
  /** The document, or null when there is none at this key. */
  get(key: string): Promise<StoredDocument | null>;
  /** Removes the document; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Removes every document whose key starts with `prefix` (plain string prefix, as in S3: pass a trailing `/`
   * to remove one folder, e.g. `sessions/<id>/`). Returns how many were removed.
   */
  deletePrefix(prefix: string): Promise<number>;
  exists(key: string): Promise<boolean>;
  /**
   * Optional: a link that lets its holder download the document straight from the storage, without
   * credentials, until it expires; a changed link is refused. Adapters over object stores (S3) offer it;
   * where it is absent (local files), the gateway serves the bytes itself behind its own signed links
   * (`signDocumentUrl`). Signing checks neither that the document exists nor the caller's rights: a link to
   * a missing document simply fails when used.
   */
  presignDownload?(key: string, options: PresignDownloadOptions): Promise<string>;
}
