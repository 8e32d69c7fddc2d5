import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeBase64 } from './env-validators';

export type PersistedSecret = { value: Buffer; created: boolean } | { problem: string };

/**
 * Reads a secret kept as base64 in `path`, or creates it with `bytes` random bytes (mode 0600). Creation is
 * atomic and first-writer-wins: the content goes to a private temporary file that is then hard-linked to
 * `path`, which fails if another process created it first; that one is read instead. A reader therefore
 * never sees a half-written file, and two processes starting together agree on one secret.
 */
export function loadOrCreateSecret(path: string, bytes: number, exact: boolean): PersistedSecret {
  const existing = readSecret(path, bytes, exact);
  if (existing) return existing;

  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes);
  const temporary = join(dirname(path), `.${randomBytes(8).toString('hex')}.tmp`);
  writeFileSync(temporary, `${value.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(temporary, 0o600);
    linkSync(temporary, path);
    return { value, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (
      readSecret(path, bytes, exact) ?? { problem: `${path} appeared while being created but cannot be read` }
    );
  } finally {
    unlinkSync(temporary);
  }
}

function readSecret(path: string, bytes: number, exact: boolean): PersistedSecret | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { problem: `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const value = decodeBase64(text.trim());
  if (!value || (exact ? value.length !== bytes : value.length < bytes)) {
    return { problem: `${path} does not hold base64 of ${exact ? 'exactly' : 'at least'} ${bytes} bytes` };
  }
  return { value, created: false };
}
