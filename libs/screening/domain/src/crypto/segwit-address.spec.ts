import { bech32 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { validateCryptoAddress } from './validate-crypto-address';

// Mainnet segwit addresses of BIP-350's test vectors (the testnet "tb1" ones are covered as wrong_network below).
const BIP350_VALID_MAINNET = [
  'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
  'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
  'BC1SW50QGDZ25J',
  'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs',
  'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
];

describe('segwit addresses (BIP-173 / BIP-350)', () => {
  it.each(BIP350_VALID_MAINNET)('accepts %s and normalises it to lower case', (address) => {
    expect(validateCryptoAddress('XBT', address)).toEqual({
      valid: true,
      normalized: address.toLowerCase(),
      chain: 'bitcoin',
    });
  });

  it('accepts the BIP-173 v0 script-hash vector shape on mainnet (32-byte program)', () => {
    const program = new Uint8Array(32).fill(7);
    const address = bech32.encode('bc', [0, ...bech32.toWords(program)]);
    expect(validateCryptoAddress('BTC', address)).toMatchObject({ valid: true, normalized: address });
  });

  it.each([
    ['tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', 'wrong_network'], // invalid hrp
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'wrong_network'], // testnet
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'bad_checksum'], // bech32 for v1
    ['BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', 'bad_checksum'], // bech32 for v16
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', 'bad_checksum'], // bech32m for v0
    ['bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du', 'bad_checksum'], // BIP-173's v2 vector, bech32: invalid since BIP-350
    ['bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', 'bad_format'], // "o" in checksum
    ['BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', 'bad_format'], // witness version 17
    ['bc1pw5dgrnzv', 'bad_length'], // 1-byte program
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', 'bad_length'], // 41 bytes
    ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'bad_length'], // v0 with 16 bytes
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', 'bad_format'], // padding over 4 bits
    ['bc1gmk9yu', 'bad_format'], // empty data section
    ['bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'bad_format'], // mixed case
  ])('refuses %s (%s)', (address, reason) => {
    expect(validateCryptoAddress('XBT', address)).toMatchObject({ valid: false, reason });
  });

  it('reports a changed character as a bad checksum', () => {
    expect(validateCryptoAddress('XBT', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toMatchObject({
      valid: false,
      reason: 'bad_checksum',
    });
  });

  it('takes Litecoin segwit under ltc1 and not under bc1', () => {
    const words = [0, ...bech32.toWords(new Uint8Array(20).fill(0x42))];
    const litecoin = bech32.encode('ltc', words);
    expect(validateCryptoAddress('LTC', litecoin)).toMatchObject({ valid: true, chain: 'litecoin' });
    expect(validateCryptoAddress('XBT', litecoin)).toMatchObject({ valid: false, reason: 'wrong_network' });
    expect(validateCryptoAddress('LTC', bech32.encode('bc', words))).toMatchObject({
      valid: false,
      reason: 'wrong_network',
    });
  });
});
