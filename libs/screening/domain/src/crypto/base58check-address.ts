import { base58, type BytesCoder } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import { accepted, refused, type AddressFormat } from './address-check';

const CHECKSUM_LENGTH = 4;
/** Every base58check address format screened here carries a 20-byte hash (HASH160 or Keccak tail). */
const HASH_LENGTH = 20;

export interface Base58CheckFormat {
  /** Human label for messages, e.g. "Litecoin". */
  network: string;
  /** Accepted version prefixes (one byte for most chains, two for Zcash transparent addresses). */
  versions: readonly (readonly number[])[];
  /** The base58 alphabet; Ripple uses its own. */
  alphabet?: BytesCoder;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function startsWith(payload: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => payload[i] === byte);
}

/**
 * A version-prefixed 20-byte hash in base58check; base58 is case-sensitive, so the address is kept as given.
 * The checksum is verified here rather than with scure's base58check codec because that codec reports a bad
 * character and a bad checksum alike, and the two must be told apart (a typing slip versus an altered address);
 * it also has to work with Ripple's alphabet.
 */
export function base58CheckAddress(format: Base58CheckFormat): AddressFormat {
  const alphabet = format.alphabet ?? base58;
  // Almost any alphanumeric string decodes as base58; only one of the right length is a candidate address, so a
  // checksum failure is reported only then, as a sign of an altered address rather than of unrelated text.
  const lengths = new Set(format.versions.map((version) => version.length + HASH_LENGTH + CHECKSUM_LENGTH));
  return (address) => {
    let bytes: Uint8Array;
    try {
      bytes = alphabet.decode(address);
    } catch {
      return refused('bad_format', 'contains characters outside the base58 alphabet');
    }
    if (!lengths.has(bytes.length))
      return refused('bad_format', `not the length of a ${format.network} address`);
    const payload = bytes.subarray(0, bytes.length - CHECKSUM_LENGTH);
    const checksum = bytes.subarray(bytes.length - CHECKSUM_LENGTH);
    if (!sameBytes(sha256(sha256(payload)).subarray(0, CHECKSUM_LENGTH), checksum)) {
      return refused('bad_checksum', 'base58check checksum does not match');
    }
    const version = format.versions.find((prefix) => startsWith(payload, prefix));
    if (!version) return refused('wrong_network', `version byte is not one of ${format.network}'s`);
    if (payload.length - version.length !== HASH_LENGTH) {
      return refused('bad_length', `${format.network} addresses carry ${HASH_LENGTH} bytes`);
    }
    return accepted(address);
  };
}
