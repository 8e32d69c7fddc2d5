import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gcmOpen, gcmSeal } from './aes-gcm';

describe('AES-256-GCM primitives', () => {
  const key = randomBytes(32);
  const plaintext = Buffer.from('Alice Liddell');

  it('opens what it sealed with the same key and associated data', () => {
    const blob = gcmSeal(key, plaintext, Buffer.from('subject-a'));
    expect(blob.length).toBe(12 + 16 + plaintext.length);
    expect(gcmOpen(key, blob, Buffer.from('subject-a'))?.equals(plaintext)).toBe(true);
  });

  it('does not open under other associated data, even with the same key', () => {
    const blob = gcmSeal(key, plaintext, Buffer.from('subject-a'));
    expect(gcmOpen(key, blob, Buffer.from('subject-b'))).toBeUndefined();
  });

  it('does not open under another key or when truncated', () => {
    const blob = gcmSeal(key, plaintext, Buffer.from('s'));
    expect(gcmOpen(randomBytes(32), blob, Buffer.from('s'))).toBeUndefined();
    expect(gcmOpen(key, blob.subarray(0, 27), Buffer.from('s'))).toBeUndefined();
    expect(gcmOpen(key, blob.subarray(0, blob.length - 1), Buffer.from('s'))).toBeUndefined();
  });
});
