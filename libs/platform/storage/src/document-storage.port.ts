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
}
