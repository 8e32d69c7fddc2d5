import { bech32 } from '@scure/base';
import { accepted, refused, type AddressFormat } from './address-check';

const PREFIX = 'bitcoincash';
/** Cashaddr shares bech32's character set but not its checksum: a 40-bit BCH code over the prefix and payload. */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const CHECKSUM_WORDS = 8;
const GENERATORS = [0x98f2bc8e61n, 0x79b76d99e2n, 0xf33e5fb3c4n, 0xae2eabe2a8n, 0x1e4f43e470n];
/** Version byte, size bits (low 3) -> hash length in bytes. */
const HASH_LENGTHS = [20, 24, 28, 32, 40, 48, 56, 64];
/** Address types: P2PKH, P2SH and their token-aware forms (CashTokens, 2023). */
const KNOWN_TYPES = new Set([0, 1, 2, 3]);

function polymod(values: readonly number[]): bigint {
  let c = 1n;
  for (const value of values) {
    const top = c >> 35n;
    c = ((c & 0x07ffffffffn) << 5n) ^ BigInt(value);
    GENERATORS.forEach((generator, i) => {
      if ((top >> BigInt(i)) & 1n) c ^= generator;
    });
  }
  return c ^ 1n;
}

/**
 * A Bitcoin Cash cashaddr, with or without its `bitcoincash:` prefix (lists often drop it). The normal form is
 * lower case with the prefix, so that both spellings meet in one key.
 */
export const cashaddrAddress: AddressFormat = (address) => {
  const lower = address.toLowerCase();
  if (address !== lower && address !== address.toUpperCase()) {
    return refused('bad_format', 'cashaddr addresses must not mix upper and lower case');
  }
  const colon = lower.indexOf(':');
  const prefix = colon < 0 ? PREFIX : lower.slice(0, colon);
  const payloadText = lower.slice(colon + 1);

  const words: number[] = [];
  for (const char of payloadText) {
    const word = CHARSET.indexOf(char);
    if (word < 0) return refused('bad_format', 'not a cashaddr string');
    words.push(word);
  }
  if (words.length <= CHECKSUM_WORDS) return refused('bad_format', 'cashaddr payload too short');

  const prefixWords = [...prefix].map((char) => char.charCodeAt(0) & 0x1f);
  if (polymod([...prefixWords, 0, ...words]) !== 0n)
    return refused('bad_checksum', 'cashaddr checksum does not match');
  // The prefix is covered by the checksum, so a mismatch here is a genuine address of another network.
  if (prefix !== PREFIX) return refused('wrong_network', `Bitcoin Cash addresses use the ${PREFIX}: prefix`);

  const payload = bech32.fromWordsUnsafe(words.slice(0, -CHECKSUM_WORDS));
  if (!payload || payload.length === 0) return refused('bad_format', 'cashaddr payload has invalid padding');
  const version = payload[0];
  if (version & 0x80 || !KNOWN_TYPES.has(version >> 3))
    return refused('bad_format', 'unknown cashaddr address type');
  const expectedLength = HASH_LENGTHS[version & 0x07];
  if (payload.length - 1 !== expectedLength) {
    return refused(
      'bad_length',
      `cashaddr version announces ${expectedLength} bytes, payload has ${payload.length - 1}`,
    );
  }
  return accepted(`${PREFIX}:${payloadText}`);
};
