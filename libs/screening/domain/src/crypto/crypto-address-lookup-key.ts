import { MAX_CRYPTO_ADDRESS_LENGTH } from './address-input';
import { detectCryptoAddress } from './detect-crypto-address';

const HEX = /^(0x)?[0-9a-f]+$/i;
/** A human-readable part, a separator ("1" for bech32, ":" for cashaddr), then bech32 characters. */
const BECH32_LIKE = /^[a-z0-9]+[1:][qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/;

/**
 * The key an address is filed and looked up under. It depends on the text alone, never on the currency, so that a
 * wallet listed under one code and searched under another meets itself. A recognised address uses its normal
 * form. A string no format accepts (lists do publish malformed addresses) is still keyed by the same case rules:
 * hex and single-case bech32-like strings fold to lower case, anything else is kept as given, because in base58
 * case is part of the address.
 */
export function cryptoAddressLookupKey(address: string): string | null {
  if (typeof address !== 'string') return null;
  const text = address.trim();
  // No address is that long: such input can be neither filed nor found, and is not worth scanning.
  if (text.length === 0 || text.length > MAX_CRYPTO_ADDRESS_LENGTH) return null;
  const detected = detectCryptoAddress(text);
  if (detected) return detected.normalized;
  const lower = text.toLowerCase();
  if (HEX.test(text)) return lower;
  const singleCase = text === lower || text === text.toUpperCase();
  return singleCase && BECH32_LIKE.test(lower) ? lower : text;
}
