import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SanctionedEntity } from '../model';
import { CryptoAddressIndex } from './crypto-address-index';
import { cryptoEvalReport, type CryptoEvalRow } from './crypto-eval-report';
import { SUPPORTED_CRYPTO_CURRENCIES } from './currencies';
import { toEip55Address } from './evm-address';
import { validateCryptoAddress } from './validate-crypto-address';

const DATA = resolve(__dirname, '../../../../../data/sanctions');

interface ListedAddress {
  entNum: string;
  sdnName: string;
  currency: string;
  address: string;
}

/** The derived CSV: a header, then ent_num, sdn_name, sdn_type, currency, address; names with commas are quoted. */
function readListedAddresses(): ListedAddress[] {
  const text = readFileSync(
    resolve(DATA, 'crypto/ofac-sdn-digital-currency-addresses-2023-12-28.csv'),
    'utf8',
  );
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  expect(header).toBe('ent_num,sdn_name,sdn_type,currency,address');
  return lines.map((line) => {
    const fields = [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
      .slice(0, 5)
      .map(([, field]) => (field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field));
    const [entNum, sdnName, , currency, address] = fields;
    return { entNum, sdnName, currency, address };
  });
}

function entitiesOf(listed: readonly ListedAddress[]): SanctionedEntity[] {
  const byId = new Map<string, SanctionedEntity>();
  for (const { entNum, sdnName, currency, address } of listed) {
    const id = `ofac:${entNum}`;
    const entity = byId.get(id) ?? {
      id,
      list: 'ofac',
      type: 'organization',
      name: sdnName,
      aliases: [],
      birthDates: [],
      nationalities: [],
      addresses: [],
      programs: [],
      cryptoAddresses: [],
    };
    entity.cryptoAddresses.push({ currency, address });
    byId.set(id, entity);
  }
  return [...byId.values()];
}

/** The published address with one character replaced by the next one of its own alphabet. */
function tamper(address: string): string {
  const alphabet = address.startsWith('r')
    ? 'rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz'
    : /^(bc1|ltc1|[qp][02-9ac-hj-np-z]{41}$)/.test(address)
      ? 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
      : '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const at = Math.floor(address.length / 2);
  const next = alphabet[(alphabet.indexOf(address[at]) + 1) % alphabet.length];
  return address.slice(0, at) + next + address.slice(at + 1);
}

const listed = readListedAddresses();
const supported = new Set(SUPPORTED_CRYPTO_CURRENCIES);
// Published so by OFAC, in file order (the later 2024 list still carries both):
const KNOWN_MALFORMED = [
  // 64 hex digits: 32 bytes, no network byte, no checksum; a key or transaction hash rather than an address.
  {
    currency: 'XMR',
    address: '5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320',
    reason: 'bad_format',
  },
  // A Tron address (base58check version 0x41, valid checksum) filed under XBT.
  { currency: 'XBT', address: 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq', reason: 'wrong_network' },
];

describe('OFAC digital currency addresses (SDN list of 2023-12-28)', () => {
  it('reads all 579 published rows, every currency of which is supported', () => {
    expect(listed).toHaveLength(579);
    expect(listed.filter(({ currency }) => !supported.has(currency))).toEqual([]);
  });

  it('validates every published address except the ones published malformed', () => {
    const failures = listed
      .map(({ currency, address }) => ({
        currency,
        address,
        result: validateCryptoAddress(currency, address),
      }))
      .filter(({ result }) => !result.valid)
      .map(({ currency, address, result }) => ({
        currency,
        address,
        reason: result.valid ? '' : result.reason,
      }));
    expect(failures).toEqual(KNOWN_MALFORMED);
  });

  it('still recognises the malformed Tron address as a Tron address', () => {
    expect(validateCryptoAddress('TRX', KNOWN_MALFORMED[1].address)).toMatchObject({
      valid: true,
      chain: 'tron',
    });
  });

  it('refuses every valid published address with one character changed as a bad checksum', () => {
    const malformed = new Set(KNOWN_MALFORMED.map(({ address }) => address));
    const survivors = listed
      .filter(({ address }) => !malformed.has(address))
      .map(({ currency, address }) => {
        // EVM hex carries a checksum only in its EIP-55 spelling.
        const spelled = address.startsWith('0x') ? toEip55Address(address) : address;
        const tampered = address.startsWith('0x')
          ? spelled.replace(/[a-fA-F]/, (letter) =>
              letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase(),
            )
          : tamper(address);
        return { currency, address, tampered, result: validateCryptoAddress(currency, tampered) };
      })
      .filter(({ result }) => result.valid || result.reason !== 'bad_checksum');
    expect(survivors).toEqual([]);
  });

  describe('index and evaluation set', () => {
    const index = CryptoAddressIndex.build(entitiesOf(listed));

    it('indexes the 576 distinct (currency, address) pairs under one key per address', () => {
      const pairs = new Set(listed.map(({ currency, address }) => `${currency} ${address}`));
      expect(pairs.size).toBe(576);
      expect(index.size).toBe(new Set(listed.map(({ address }) => address.toLowerCase())).size);
      expect(index.malformed.map(({ address }) => address)).toEqual(
        KNOWN_MALFORMED.map(({ address }) => address),
      );
    });

    it('finds every published address under its own currency and without one', () => {
      const missing = listed.filter(({ entNum, currency, address }) => {
        const id = `ofac:${entNum}`;
        return (
          !index.lookup(address).some((hit) => hit.entity_id === id) ||
          !index.lookup(address, currency).some((hit) => hit.entity_id === id)
        );
      });
      expect(missing).toEqual([]);
    });

    it('scores 100% on eval-crypto.dev.jsonl', () => {
      const rows: CryptoEvalRow[] = readFileSync(resolve(DATA, 'eval/eval-crypto.dev.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.trim().length > 0)
        .map((line) => JSON.parse(line) as CryptoEvalRow);
      const figures = cryptoEvalReport(rows, index);
      expect(figures.failures).toEqual([]);
      expect(figures).toMatchObject({
        total: 27,
        passed: 27,
        recall: 1,
        falsePositiveRate: 0,
        positives: 24,
        negatives: 3,
      });
    });
  });
});
