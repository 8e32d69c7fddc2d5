import { refused, type AddressRefusal } from './address-check';

/** Longer than any address format (a Monero integrated address is 106 characters); bounds the base58 work. */
export const MAX_CRYPTO_ADDRESS_LENGTH = 128;

/**
 * The address as it will be checked: surrounding whitespace (copy-paste, form padding) dropped. Anything that is
 * not a string is refused here so that untyped callers get a refusal, never a crash.
 */
export function prepareAddressInput(raw: unknown): { ok: true; text: string } | AddressRefusal {
  if (typeof raw !== 'string') return refused('bad_format', 'the address must be text');
  const text = raw.trim();
  if (text.length === 0) return refused('empty', 'the address is empty');
  if (text.length > MAX_CRYPTO_ADDRESS_LENGTH) {
    return refused('too_long', `the address is longer than ${MAX_CRYPTO_ADDRESS_LENGTH} characters`);
  }
  return { ok: true, text };
}
