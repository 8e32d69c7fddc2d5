import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58xmr, createBase58check } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { validateCryptoAddress } from './validate-crypto-address';

const base58check = createBase58check(sha256);
const HASH = Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff);

/** A base58check address with the given version bytes over a fixed 20-byte hash. */
function encoded(...version: number[]): string {
  return base58check.encode(Uint8Array.from([...version, ...HASH]));
}

function moneroAddress(network: number, bodyLength = 64): string {
  const body = Uint8Array.from([
    network,
    ...Array.from({ length: bodyLength }, (_, i) => (i * 13 + 5) & 0xff),
  ]);
  return base58xmr.encode(Uint8Array.from([...body, ...keccak_256(body).subarray(0, 4)]));
}

describe('validateCryptoAddress', () => {
  it.each([
    ['XBT', [0x00], 'bitcoin', '1'],
    ['BTC', [0x05], 'bitcoin', '3'],
    ['BSV', [0x00], 'bitcoin-sv', '1'],
    ['BCH', [0x05], 'bitcoin-cash', '3'],
    ['LTC', [0x30], 'litecoin', 'L'],
    ['LTC', [0x32], 'litecoin', 'M'],
    ['LTC', [0x05], 'litecoin', '3'],
    ['DASH', [0x4c], 'dash', 'X'],
    ['DASH', [0x10], 'dash', '7'],
    ['ZEC', [0x1c, 0xb8], 'zcash', 't1'],
    ['ZEC', [0x1c, 0xbd], 'zcash', 't3'],
    ['BTG', [0x26], 'bitcoin-gold', 'G'],
    ['BTG', [0x17], 'bitcoin-gold', 'A'],
    ['XVG', [0x1e], 'verge', 'D'],
    ['XVG', [0x21], 'verge', 'E'],
    ['TRX', [0x41], 'tron', 'T'],
    ['USDT', [0x41], 'tron', 'T'],
    ['USDC', [0x41], 'tron', 'T'],
    ['USDT', [0x00], 'omni', '1'],
  ])(
    'accepts a %s address with version %j on %s, kept exactly as given',
    (currency, version, chain, start) => {
      const address = encoded(...version);
      expect(address.startsWith(start)).toBe(true);
      expect(validateCryptoAddress(currency, address)).toEqual({ valid: true, normalized: address, chain });
    },
  );

  it('refuses a base58 address of another network with wrong_network, and with one character changed as bad_checksum', () => {
    const litecoin = encoded(0x30);
    expect(validateCryptoAddress('XBT', litecoin)).toMatchObject({ valid: false, reason: 'wrong_network' });
    const at = 10;
    const tampered = litecoin.slice(0, at) + (litecoin[at] === 'z' ? 'y' : 'z') + litecoin.slice(at + 1);
    expect(validateCryptoAddress('LTC', tampered)).toMatchObject({ valid: false, reason: 'bad_checksum' });
  });

  it('is case-sensitive for base58: a flipped case is a different, invalid address', () => {
    const address = encoded(0x00);
    const at = address.search(/[a-km-z]/);
    const flipped = address.slice(0, at) + address[at].toUpperCase() + address.slice(at + 1);
    expect(validateCryptoAddress('XBT', flipped)).toMatchObject({ valid: false });
  });

  it('accepts XRP Ledger addresses in the Ripple alphabet and refuses them as Bitcoin', () => {
    // The genesis account and ACCOUNT_ZERO of the XRP Ledger.
    for (const address of ['rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh', 'rrrrrrrrrrrrrrrrrrrrrhoLvTp']) {
      expect(validateCryptoAddress('XRP', address)).toEqual({
        valid: true,
        normalized: address,
        chain: 'ripple',
      });
      expect(validateCryptoAddress('XBT', address)).toMatchObject({ valid: false });
    }
    expect(validateCryptoAddress('XRP', 'rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTj')).toMatchObject({
      valid: false,
      reason: 'bad_checksum',
    });
  });

  it('accepts Monero standard, integrated and subaddresses, and refuses other networks and altered checksums', () => {
    for (const address of [moneroAddress(18), moneroAddress(19, 72), moneroAddress(42)]) {
      expect(validateCryptoAddress('XMR', address)).toEqual({
        valid: true,
        normalized: address,
        chain: 'monero',
      });
    }
    expect(validateCryptoAddress('XMR', moneroAddress(53))).toMatchObject({
      valid: false,
      reason: 'wrong_network',
    });
    expect(validateCryptoAddress('XMR', moneroAddress(18, 72))).toMatchObject({
      valid: false,
      reason: 'bad_length',
    });
    const address = moneroAddress(18);
    const tampered = address.slice(0, 30) + (address[30] === '2' ? '3' : '2') + address.slice(31);
    expect(validateCryptoAddress('XMR', tampered)).toMatchObject({ valid: false, reason: 'bad_checksum' });
  });

  it('accepts USDT on Ethereum, Tron and Omni, and reports the most telling refusal when none accepts', () => {
    expect(validateCryptoAddress('USDT', '0x52908400098527886E0F7030069857D2E4169EE7')).toMatchObject({
      chain: 'ethereum',
    });
    // A Dash address passes the base58check checksum but carries a version neither Tron nor Omni uses.
    expect(validateCryptoAddress('USDT', encoded(0x4c))).toMatchObject({
      valid: false,
      reason: 'wrong_network',
    });
    expect(validateCryptoAddress('USDC', encoded(0x00))).toMatchObject({
      valid: false,
      reason: 'wrong_network',
    });
  });

  it('trims surrounding whitespace and accepts lower-case currency codes', () => {
    const address = encoded(0x00);
    expect(validateCryptoAddress(' btc ', `\t${address} \n`)).toEqual({
      valid: true,
      normalized: address,
      chain: 'bitcoin',
    });
  });

  it.each([
    ['DOGE', 'DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L', 'unsupported_currency'],
    ['XBT', '   ', 'empty'],
    ['XBT', '1'.repeat(129), 'too_long'],
    ['XBT', 'hello world', 'bad_format'],
    ['ETH', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'bad_format'],
  ])('refuses currency %s with %j as %s, with a message', (currency, address, reason) => {
    const result = validateCryptoAddress(currency, address);
    expect(result).toMatchObject({ valid: false, reason });
    expect(result.valid === false && result.message.length > 0).toBe(true);
  });

  it('refuses input that is not text instead of throwing', () => {
    expect(validateCryptoAddress('XBT', null as unknown as string)).toMatchObject({
      valid: false,
      reason: 'bad_format',
    });
    expect(validateCryptoAddress(undefined as unknown as string, 'x')).toMatchObject({
      valid: false,
      reason: 'unsupported_currency',
    });
  });
});
