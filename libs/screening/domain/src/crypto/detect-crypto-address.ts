import type { AddressCheck, AddressFormat } from './address-check';
import { prepareAddressInput } from './address-input';
import { CHAIN_FORMATS, type CryptoChain } from './chains';
import { currenciesOnChain } from './currencies';

export interface DetectedCryptoAddress {
  /** The normal form (the same whichever of the chains below is meant). */
  normalized: string;
  /** Chains whose format and checksum the address satisfies. */
  chains: CryptoChain[];
  /** Currency codes that can live on those chains, e.g. ETH, USDT, USDC, ETC, ARB, BSC for one 0x address. */
  currencies: string[];
}

/** Every address format is at least this long (a bech32 v1+ address with a 2-byte program). */
const MIN_LENGTH = 14;
/** Characters of base58, hex, bech32 and cashaddr (with its prefix colon): a quick no for names and sentences. */
const ADDRESS_CHARACTERS = /^[0-9A-Za-z:]+$/;

/**
 * Recognises a crypto address given without its currency, e.g. in a screening search box or a form field whose
 * chain is not configured. Null when no supported format accepts it: checksums make a false recognition of a
 * name or a random string practically impossible.
 */
export function detectCryptoAddress(input: string): DetectedCryptoAddress | null {
  const prepared = prepareAddressInput(input);
  if (!prepared.ok || prepared.text.length < MIN_LENGTH || !ADDRESS_CHARACTERS.test(prepared.text))
    return null;

  // Several chains share a format (Bitcoin's legacy addresses, EVM hex): check each format once.
  const checked = new Map<AddressFormat, AddressCheck>();
  const chains: CryptoChain[] = [];
  let normalized: string | undefined;
  for (const [chain, formats] of Object.entries(CHAIN_FORMATS) as [CryptoChain, readonly AddressFormat[]][]) {
    for (const format of formats) {
      const check = checked.get(format) ?? format(prepared.text);
      checked.set(format, check);
      if (check.ok) {
        normalized ??= check.normalized;
        chains.push(chain);
        break;
      }
    }
  }
  if (normalized === undefined) return null;
  const currencies = [...new Set(chains.flatMap(currenciesOnChain))];
  return { normalized, chains, currencies };
}
