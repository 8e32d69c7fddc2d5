import { keccak_256 } from '@noble/hashes/sha3.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { accepted, refused, type AddressFormat } from './address-check';

const HEX_ADDRESS = /^0[xX]([0-9a-fA-F]*)$/;
const HEX_DIGITS = 40;

/**
 * The EIP-55 spelling of an address: each hex letter is upper case when the matching nibble of Keccak-256 over
 * the lower-case hex is 8 or more. Takes the hex digits with or without `0x`.
 */
export function toEip55Address(hex: string): string {
  const lower = hex.replace(/^0x/i, '').toLowerCase();
  const hash = keccak_256(utf8ToBytes(lower));
  let cased = '';
  for (let i = 0; i < lower.length; i++) {
    const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 0x0f;
    cased += nibble >= 8 ? lower[i].toUpperCase() : lower[i];
  }
  return `0x${cased}`;
}

/**
 * A 20-byte account address of Ethereum and the chains that copy its format; normal form is lower case.
 * Mixed case is an EIP-55 checksum and must hold; all-lower and all-upper carry none and are accepted.
 */
export const evmAddress: AddressFormat = (address) => {
  const match = HEX_ADDRESS.exec(address);
  if (!match) return refused('bad_format', 'EVM addresses are 0x followed by hex digits');
  const hex = match[1];
  if (hex.length !== HEX_DIGITS)
    return refused('bad_length', `EVM addresses have ${HEX_DIGITS} hex digits, not ${hex.length}`);
  const mixedCase = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
  if (mixedCase && toEip55Address(hex) !== `0x${hex}`) {
    return refused('bad_checksum', 'EIP-55 mixed-case checksum does not match');
  }
  return accepted(`0x${hex.toLowerCase()}`);
};
