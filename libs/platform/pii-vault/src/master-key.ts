import { KEY_BYTES } from './aes-gcm';

/**
 * Accepts the master key as raw bytes or as standard base64 (the form configuration carries it in) and
 * insists on exactly 32 bytes: a shorter key would silently weaken every data key wrapped with it.
 */
export function parseMasterKey(input: string | Uint8Array): Buffer {
  const bytes = typeof input === 'string' ? decodeStrictBase64(input.trim()) : Buffer.from(input);
  if (bytes?.length !== KEY_BYTES) {
    throw new Error(`The PII master key must be exactly ${KEY_BYTES} bytes (base64 encoded)`);
  }
  return bytes;
}

function decodeStrictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, 'base64');
}
