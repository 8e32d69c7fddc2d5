import { base58xmr } from '@scure/base';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { accepted, refused, type AddressFormat } from './address-check';

const CHECKSUM_LENGTH = 4;
const KEYS_LENGTH = 64;
const PAYMENT_ID_LENGTH = 8;
/** Mainnet network bytes: standard address, integrated address (keys + payment id), subaddress. */
const MAINNET: Record<number, { kind: string; bodyLength: number }> = {
  18: { kind: 'standard', bodyLength: KEYS_LENGTH },
  19: { kind: 'integrated', bodyLength: KEYS_LENGTH + PAYMENT_ID_LENGTH },
  42: { kind: 'subaddress', bodyLength: KEYS_LENGTH },
};
const ADDRESS_LENGTHS = new Set(
  Object.values(MAINNET).map(({ bodyLength }) => 1 + bodyLength + CHECKSUM_LENGTH),
);

/**
 * A Monero address: base58 in 8-byte blocks (11 characters each), a network byte, the public spend and view
 * keys, and the first 4 bytes of Keccak-256 as checksum. Base58 is case-sensitive: kept as given.
 */
export const moneroAddress: AddressFormat = (address) => {
  let bytes: Uint8Array;
  try {
    bytes = base58xmr.decode(address);
  } catch {
    return refused('bad_format', 'not Monero block base58');
  }
  // A checksum failure is only meaningful for a string of an address's length; anything else is not one.
  if (!ADDRESS_LENGTHS.has(bytes.length)) return refused('bad_format', 'not the length of a Monero address');
  const body = bytes.subarray(0, bytes.length - CHECKSUM_LENGTH);
  const expected = keccak_256(body).subarray(0, CHECKSUM_LENGTH);
  const actual = bytes.subarray(bytes.length - CHECKSUM_LENGTH);
  if (!expected.every((byte, i) => byte === actual[i]))
    return refused('bad_checksum', 'Monero checksum does not match');
  const network = MAINNET[body[0]];
  if (!network) return refused('wrong_network', `network byte ${body[0]} is not a Monero mainnet address`);
  if (body.length - 1 !== network.bodyLength) {
    return refused(
      'bad_length',
      `a Monero ${network.kind} address carries ${network.bodyLength} bytes, not ${body.length - 1}`,
    );
  }
  return accepted(address);
};
