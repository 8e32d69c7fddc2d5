import type { SanctionedEntity } from '../model';
import type { CryptoAddressInvalidReason } from './address-check';
import { cryptoAddressLookupKey } from './crypto-address-lookup-key';
import { canonicalCryptoCurrency } from './currencies';
import { validateCryptoAddress } from './validate-crypto-address';

/** One listed wallet that an address matched. */
export interface CryptoAddressHit {
  entity_id: string;
  /** The currency the list files the wallet under (canonical code, e.g. XBT). */
  currency: string;
  /** The address as published. */
  address: string;
  entity_name: string;
}

/**
 * A published address that fails its currency's format or checksum. It is indexed all the same (an exact copy
 * still matches) unless it is empty or longer than any address.
 */
export interface MalformedListedAddress {
  entity_id: string;
  currency: string;
  address: string;
  reason: CryptoAddressInvalidReason;
  message: string;
}

/**
 * Exact-match index of the wallets on the sanctions lists. Addresses meet under their lookup key (hex and bech32
 * case-insensitive, base58 case-sensitive), so a lookup is one map access whatever the size of the lists.
 */
export class CryptoAddressIndex {
  private constructor(
    private readonly byKey: ReadonlyMap<string, readonly CryptoAddressHit[]>,
    /** Published addresses that do not validate, for the operators to see. */
    readonly malformed: readonly MalformedListedAddress[],
  ) {}

  static build(entities: readonly SanctionedEntity[]): CryptoAddressIndex {
    const byKey = new Map<string, CryptoAddressHit[]>();
    const malformed: MalformedListedAddress[] = [];
    for (const entity of entities) {
      for (const { currency: listedCurrency, address } of entity.cryptoAddresses) {
        const currency = canonicalCryptoCurrency(listedCurrency);
        const key = cryptoAddressLookupKey(address);
        const hits = key === null ? [] : (byKey.get(key) ?? []);
        if (hits.some((hit) => hit.entity_id === entity.id && hit.currency === currency)) continue;
        const validation = validateCryptoAddress(currency, address);
        if (!validation.valid) {
          malformed.push({
            entity_id: entity.id,
            currency,
            address,
            reason: validation.reason,
            message: validation.message,
          });
        }
        if (key === null) continue;
        hits.push({ entity_id: entity.id, currency, address, entity_name: entity.name });
        byKey.set(key, hits);
      }
    }
    return new CryptoAddressIndex(byKey, malformed);
  }

  /** Number of distinct addresses indexed. */
  get size(): number {
    return this.byKey.size;
  }

  /**
   * Listed wallets with exactly this address. With a currency, an address that currency can hold matches whatever
   * code the list filed it under: it is the same key holder (an Ethereum account listed for USDT holds ETH too).
   * An address the currency cannot hold only matches listings filed under that very currency, which is how a
   * malformed published address is still found by its exact copy.
   */
  lookup(address: string, currency?: string): CryptoAddressHit[] {
    const key = cryptoAddressLookupKey(address);
    const hits = key === null ? undefined : this.byKey.get(key);
    if (!hits) return [];
    if (currency === undefined || validateCryptoAddress(currency, address).valid) return [...hits];
    const code = canonicalCryptoCurrency(currency);
    return hits.filter((hit) => hit.currency === code);
  }
}
