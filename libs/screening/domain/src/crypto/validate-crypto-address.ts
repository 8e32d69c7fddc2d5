import { moreTelling, type AddressRefusal, type CryptoAddressInvalidReason } from './address-check';
import { prepareAddressInput } from './address-input';
import { CHAIN_FORMATS, type CryptoChain } from './chains';
import { canonicalCryptoCurrency, chainsOfCurrency } from './currencies';

export type CryptoAddressValidation =
  | { valid: true; normalized: string; chain: CryptoChain }
  | { valid: false; reason: CryptoAddressInvalidReason; message: string };

function invalid(currency: string, refusal: AddressRefusal): CryptoAddressValidation {
  return { valid: false, reason: refusal.reason, message: `${currency} address: ${refusal.message}` };
}

/**
 * Checks an address's format and checksum for a currency and gives its normal form (hex, bech32 and cashaddr in
 * lower case; base58 exactly as given, since case changes the address). A currency living on several chains is
 * accepted on any of them; when none accepts it the refusal that got furthest is reported.
 */
export function validateCryptoAddress(currency: string, address: string): CryptoAddressValidation {
  const code = typeof currency === 'string' ? canonicalCryptoCurrency(currency) : '';
  const chains = chainsOfCurrency(code);
  if (!chains) {
    return {
      valid: false,
      reason: 'unsupported_currency',
      message: `currency "${String(currency)}" is not supported`,
    };
  }
  const input = prepareAddressInput(address);
  if (!input.ok) return invalid(code, input);

  let refusal: AddressRefusal | undefined;
  for (const chain of chains) {
    for (const format of CHAIN_FORMATS[chain]) {
      const check = format(input.text);
      if (check.ok) return { valid: true, normalized: check.normalized, chain };
      refusal = moreTelling(refusal, check);
    }
  }
  return invalid(code, refusal ?? { ok: false, reason: 'bad_format', message: 'no address format is known' });
}
