import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PATTERN = /^sk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;
/** The public id part of a key (`key_id`). */
export const KEY_ID_PATTERN = /^[a-z0-9]{16}$/;

/** `sk_<key id>_<secret>`: the key id finds the row, the secret (256 random bits) is checked by its hash. */
export function mintApiKey(): { keyId: string; apiKey: string; secretHash: Buffer } {
  const keyId = randomBytes(10).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 16).padEnd(16, '0');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, apiKey: `sk_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKey(apiKey: string): { keyId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(apiKey);
  return match ? { keyId: match[1], secret: match[2] } : null;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Constant-time comparison of two secrets of any length (both are hashed to equal length first). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(hashSecret(a), hashSecret(b));
}

export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
