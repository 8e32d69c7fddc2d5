import { describe, expect, it } from 'vitest';
import type { CryptoAddress, SanctionedEntity } from '../model';
import { CryptoAddressIndex } from './crypto-address-index';

function entity(id: string, name: string, cryptoAddresses: CryptoAddress[]): SanctionedEntity {
  return {
    id,
    list: 'ofac',
    type: 'organization',
    name,
    aliases: [],
    birthDates: [],
    nationalities: [],
    addresses: [],
    programs: [],
    cryptoAddresses,
  };
}

const EIP55 = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const LEGACY = '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu';
const SEGWIT = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';
const CASHADDR = 'qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a';

const index = CryptoAddressIndex.build([
  entity('ofac:1', 'TOKEN DESK', [
    { currency: 'USDT', address: EIP55 },
    { currency: 'XBT', address: LEGACY },
  ]),
  entity('ofac:2', 'MIXER', [
    { currency: 'ETH', address: EIP55.toLowerCase() },
    { currency: 'XBT', address: SEGWIT.toUpperCase() },
    { currency: 'BCH', address: CASHADDR },
    // Malformed as published: a 64-hex string filed as Monero.
    { currency: 'XMR', address: '5BE5543FF73456AB9F2D207887E2AF87322C651EA1A873C5B25B7FFAE456C320' },
    { currency: 'XMR', address: '5BE5543FF73456AB9F2D207887E2AF87322C651EA1A873C5B25B7FFAE456C320' },
  ]),
]);

function ids(address: string, currency?: string): string[] {
  return index.lookup(address, currency).map((hit) => `${hit.entity_id}/${hit.currency}`);
}

describe('CryptoAddressIndex', () => {
  it('matches hex case-insensitively across entities and returns the listing as published', () => {
    expect(index.lookup(EIP55.toUpperCase().replace('0X', '0x'))).toEqual([
      { entity_id: 'ofac:1', currency: 'USDT', address: EIP55, entity_name: 'TOKEN DESK' },
      { entity_id: 'ofac:2', currency: 'ETH', address: EIP55.toLowerCase(), entity_name: 'MIXER' },
    ]);
  });

  it('matches bech32 and cashaddr case-insensitively, with or without the cashaddr prefix', () => {
    expect(ids(SEGWIT)).toEqual(['ofac:2/XBT']);
    expect(ids(` ${SEGWIT.toUpperCase()} `)).toEqual(['ofac:2/XBT']);
    expect(ids(`bitcoincash:${CASHADDR}`)).toEqual(['ofac:2/BCH']);
    expect(ids(`BITCOINCASH:${CASHADDR.toUpperCase()}`)).toEqual(['ofac:2/BCH']);
  });

  it('matches base58 case-sensitively only', () => {
    expect(ids(LEGACY)).toEqual(['ofac:1/XBT']);
    expect(ids(LEGACY.replace('Ei6', 'ei6'))).toEqual([]);
    expect(ids(LEGACY.toLowerCase())).toEqual([]);
  });

  it('with a currency, matches every listing of an address that currency can hold', () => {
    // An Ethereum account listed for USDT is the same key holder when screened as ETH or ARB.
    expect(ids(EIP55, 'ETH')).toEqual(['ofac:1/USDT', 'ofac:2/ETH']);
    expect(ids(EIP55, 'arb')).toEqual(['ofac:1/USDT', 'ofac:2/ETH']);
    expect(ids(LEGACY, 'BTC')).toEqual(['ofac:1/XBT']);
    expect(ids(LEGACY, 'BSV')).toEqual(['ofac:1/XBT']);
    expect(ids(LEGACY, 'LTC')).toEqual([]);
  });

  it('keeps and reports malformed published addresses, found by their exact copy', () => {
    const malformed = '5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320';
    expect(ids(malformed)).toEqual(['ofac:2/XMR']);
    expect(ids(malformed, 'XMR')).toEqual(['ofac:2/XMR']);
    expect(ids(malformed, 'ETH')).toEqual([]);
    expect(index.malformed).toEqual([
      expect.objectContaining({ entity_id: 'ofac:2', currency: 'XMR', reason: 'bad_format' }),
    ]);
  });

  it('indexes each distinct address once and answers nothing for unknown or unusable input', () => {
    expect(index.size).toBe(5);
    expect(ids('0x0000000000000000000000000000000000000000')).toEqual([]);
    expect(ids('')).toEqual([]);
    expect(ids('Vladimir Putin')).toEqual([]);
    expect(ids(null as unknown as string)).toEqual([]);
    expect(ids('x'.repeat(100_000))).toEqual([]);
  });
});
