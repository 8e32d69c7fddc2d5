import { randomBytes } from 'node:crypto';
import type { SqlQueryable } from '@kyc/database';
import { gcmOpen, gcmSeal, KEY_BYTES } from './aes-gcm';
import { DataKeyRepository, type StoredDataKey } from './data-key.repository';
import type { JsonValue } from './json-value';
import { LruCache } from './lru-cache';
import { parseMasterKey } from './master-key';
import {
  DataKeyMissingError,
  DataKeyUnwrapError,
  PiiIntegrityError,
  SubjectErasedError,
} from './pii-vault.errors';
import {
  erasedValue,
  isSealedValue,
  SEALED_PREFIX,
  type ErasedValue,
  type SealedValue,
} from './sealed-value';

export interface PiiVaultOptions {
  /** 32 bytes, raw or base64: wraps every subject's data key. */
  masterKey: string | Uint8Array;
  /** How many unwrapped data keys stay in memory. */
  cacheSize?: number;
  /**
   * How long an unwrapped key stays cached. Another process may destroy a key; this bounds how long this one
   * could still read that subject's data from its cache.
   */
  cacheTtlMs?: number;
}

/** The keys at which `sealKeys` put sealed markers, everything else unchanged. */
export type WithSealedKeys<T, K extends keyof T> = Omit<T, K> & {
  [P in K]: SealedValue | Extract<T[P], undefined>;
};

type KeyState = Buffer | 'destroyed';

const DEFAULT_CACHE_SIZE = 10_000;
const DEFAULT_CACHE_TTL_MS = 5 * 60_000;

/**
 * Personal data encrypted per subject (a session) so it can be erased from an append-only event store by
 * destroying one key (crypto-shredding). Each subject has a random 256-bit data key, stored wrapped with the
 * master key; values are sealed with AES-256-GCM under that key, bound to the subject id as associated data
 * so a sealed blob copied into another subject's data does not open.
 */
export class PiiVault {
  private readonly masterKey: Buffer;
  private readonly keys: DataKeyRepository;
  private readonly cache: LruCache<string, KeyState>;
  /** Lookups and creations in flight, so that concurrent callers for one subject share one round trip. */
  private readonly lookups = new Map<string, Promise<KeyState | undefined>>();
  private readonly creations = new Map<string, Promise<KeyState>>();

  constructor(db: SqlQueryable, options: PiiVaultOptions) {
    this.masterKey = parseMasterKey(options.masterKey);
    this.keys = new DataKeyRepository(db);
    this.cache = new LruCache(
      options.cacheSize ?? DEFAULT_CACHE_SIZE,
      options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
    );
  }

  /** Encrypts one JSON-serialisable value; creates the subject's key on first use. */
  async seal(subjectId: string, value: unknown): Promise<SealedValue> {
    const plaintext = serialise(value);
    const key = await this.keyForSealing(subjectId);
    return { $pii: SEALED_PREFIX + gcmSeal(key, plaintext, subjectAad(subjectId)).toString('base64') };
  }

  /** Decrypts one sealed value, or returns an erased marker when the subject's key was destroyed. */
  async unseal(subjectId: string, marker: SealedValue): Promise<JsonValue | ErasedValue> {
    const key = await this.keyForReading(subjectId);
    return this.open(subjectId, key, marker);
  }

  /** Returns a copy of `obj` with the values at the given top-level keys sealed (absent keys stay absent). */
  async sealKeys<T extends object, K extends keyof T & string>(
    subjectId: string,
    obj: T,
    keys: readonly K[],
  ): Promise<WithSealedKeys<T, K>> {
    const copy = { ...obj } as Record<string, unknown>;
    for (const name of keys) {
      const value = copy[name];
      if (value === undefined || isSealedValue(value)) continue;
      copy[name] = await this.seal(subjectId, value);
    }
    return copy as WithSealedKeys<T, K>;
  }

  /** Returns a copy of `value` with every sealed marker, at any depth, replaced by its plaintext or an erased marker. */
  async unsealDeep(subjectId: string, value: JsonValue): Promise<JsonValue> {
    const [result] = await this.unsealMany(subjectId, [value]);
    return result;
  }

  /** `unsealDeep` over many values of one subject (a stream's events) with a single key lookup. */
  async unsealMany(subjectId: string, values: readonly JsonValue[]): Promise<JsonValue[]> {
    if (!values.some(containsSealed)) return values.map((value) => walk(value, (marker) => marker));
    const key = await this.keyForReading(subjectId);
    return values.map((value) => walk(value, (marker) => this.open(subjectId, key, marker)));
  }

  /** Same as `sealKeys`: the personal fields of a payload, sealed. */
  encryptFields<T extends object, K extends keyof T & string>(
    subjectId: string,
    obj: T,
    keys: readonly K[],
  ): Promise<WithSealedKeys<T, K>> {
    return this.sealKeys(subjectId, obj, keys);
  }

  /** Same as `unsealDeep`. */
  decryptFields(subjectId: string, value: JsonValue): Promise<JsonValue> {
    return this.unsealDeep(subjectId, value);
  }

  /**
   * Crypto-shredding: drops the subject's key, leaving a tombstone so that nothing can be sealed for it again.
   * Every value sealed for it reads as erased from then on. Idempotent.
   */
  /**
   * Reads the keys of these subjects in one query into the cache, for a caller about to open the data of many
   * (a projection folding a batch). Best effort: a subject whose key is missing or does not unwrap is left to the
   * read that needs it, which reports it.
   */
  async preload(subjectIds: readonly string[]): Promise<void> {
    const missing = [...new Set(subjectIds)].filter((subjectId) => {
      assertSubjectId(subjectId);
      return this.cache.get(subjectId) === undefined && !this.lookups.has(subjectId);
    });
    if (missing.length === 0) return;
    const stored = this.keys.findMany(missing);
    await Promise.allSettled(
      missing.map((subjectId) => this.shared(this.lookups, subjectId, async () => this.stateOf(subjectId, (await stored).get(subjectId)))),
    );
  }

  async destroyKey(subjectId: string): Promise<void> {
    assertSubjectId(subjectId);
    await this.keys.destroy(subjectId);
    this.lookups.delete(subjectId);
    this.creations.delete(subjectId);
    this.cache.set(subjectId, 'destroyed');
  }

  private open(subjectId: string, key: KeyState, marker: SealedValue): JsonValue | ErasedValue {
    if (key === 'destroyed') return erasedValue();
    const blob = decodeSealed(marker);
    const plaintext = blob && gcmOpen(key, blob, subjectAad(subjectId));
    if (!plaintext) {
      throw new PiiIntegrityError(
        'Sealed value failed authentication: it is malformed, was altered, or belongs to another subject',
        subjectId,
      );
    }
    return JSON.parse(plaintext.toString('utf8')) as JsonValue;
  }

  /**
   * Sealing mostly happens for subjects seen moments ago (cached) or brand new ones: for a cache miss, try to
   * create the key first (one insert) and read the stored one only if it already exists.
   */
  private async keyForSealing(subjectId: string): Promise<Buffer> {
    assertSubjectId(subjectId);
    const state = this.cache.get(subjectId) ?? (await this.create(subjectId));
    if (state === 'destroyed') {
      throw new SubjectErasedError(
        'The subject was erased: no personal data can be stored for it',
        subjectId,
      );
    }
    return state;
  }

  private async keyForReading(subjectId: string): Promise<KeyState> {
    const state = await this.lookup(subjectId);
    if (!state) throw new DataKeyMissingError('The subject has no data key', subjectId);
    return state;
  }

  private lookup(subjectId: string): Promise<KeyState | undefined> {
    assertSubjectId(subjectId);
    const cached = this.cache.get(subjectId);
    if (cached) return Promise.resolve(cached);
    return this.shared(this.lookups, subjectId, async () => this.stateOf(subjectId, await this.keys.find(subjectId)));
  }

  private stateOf(subjectId: string, stored: StoredDataKey | undefined): KeyState | undefined {
    if (!stored) return undefined;
    return stored.state === 'destroyed' ? 'destroyed' : this.unwrap(subjectId, stored.wrappedKey);
  }

  private create(subjectId: string): Promise<KeyState> {
    return this.shared(this.creations, subjectId, async () => {
      const key = randomBytes(KEY_BYTES);
      const wrapped = gcmSeal(this.masterKey, key, wrapAad(subjectId));
      if (await this.keys.insertIfAbsent(subjectId, wrapped)) return key;
      // Another writer created the key first, or the subject was erased meanwhile: use what is stored.
      const stored = await this.keys.find(subjectId);
      if (!stored || stored.state === 'destroyed') return 'destroyed';
      return this.unwrap(subjectId, stored.wrappedKey);
    });
  }

  private shared<S extends KeyState | undefined>(
    inFlight: Map<string, Promise<S>>,
    subjectId: string,
    load: () => Promise<S>,
  ): Promise<S> {
    const running = inFlight.get(subjectId);
    if (running) return running;
    const promise: Promise<S> = load()
      .then((state) => {
        // destroyKey ran while this load was in flight: its tombstone wins over what the load read.
        if (inFlight.get(subjectId) !== promise) {
          return this.cache.get(subjectId) === 'destroyed' ? ('destroyed' as S) : state;
        }
        if (state) this.cache.set(subjectId, state);
        return state;
      })
      .finally(() => {
        if (inFlight.get(subjectId) === promise) inFlight.delete(subjectId);
      });
    inFlight.set(subjectId, promise);
    return promise;
  }

  private unwrap(subjectId: string, wrappedKey: Buffer): Buffer {
    const key = gcmOpen(this.masterKey, wrappedKey, wrapAad(subjectId));
    if (key?.length !== KEY_BYTES) {
      throw new DataKeyUnwrapError(
        'The data key cannot be unwrapped: the master key differs from the one it was wrapped with, or the key row was altered',
        subjectId,
      );
    }
    return key;
  }
}

function serialise(value: unknown): Buffer {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('Only JSON-serialisable values can be sealed');
  return Buffer.from(json, 'utf8');
}

function decodeSealed(marker: SealedValue): Buffer | undefined {
  if (!isSealedValue(marker) || !marker.$pii.startsWith(SEALED_PREFIX)) return undefined;
  const body = marker.$pii.slice(SEALED_PREFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) return undefined;
  return Buffer.from(body, 'base64');
}

function subjectAad(subjectId: string): Buffer {
  return Buffer.from(subjectId, 'utf8');
}

/** Distinct from the values' AAD, so a wrapped key can never be mistaken for a sealed value or moved between subjects. */
function wrapAad(subjectId: string): Buffer {
  return Buffer.from(`kyc-data-key:${subjectId}`, 'utf8');
}

function assertSubjectId(subjectId: string): void {
  if (typeof subjectId !== 'string' || subjectId.length === 0)
    throw new TypeError('A subject id is required');
}

function containsSealed(value: JsonValue): boolean {
  if (isSealedValue(value)) return true;
  if (Array.isArray(value)) return value.some(containsSealed);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsSealed);
  return false;
}

function walk(value: JsonValue, open: (marker: SealedValue) => JsonValue | ErasedValue): JsonValue {
  if (isSealedValue(value)) return open(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, open));
  if (typeof value === 'object' && value !== null) {
    const copy: { [key: string]: JsonValue } = {};
    for (const [name, item] of Object.entries(value)) copy[name] = walk(item, open);
    return copy;
  }
  return value;
}
