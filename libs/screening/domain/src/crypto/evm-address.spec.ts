import { describe, expect, it } from 'vitest';
import { toEip55Address } from './evm-address';
import { validateCryptoAddress } from './validate-crypto-address';

// The examples of EIP-55 itself: all-caps, all-lower and mixed-case checksummed.
const EIP55_EXAMPLES = [
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77',
  '0x27b1fdb04752bbc536007a920d24acb045561c26',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];
const MIXED_CASE_EXAMPLES = EIP55_EXAMPLES.slice(4);

describe('EVM addresses (EIP-55)', () => {
  it.each(EIP55_EXAMPLES)('accepts %s and normalises it to lower case', (address) => {
    expect(validateCryptoAddress('ETH', address)).toEqual({
      valid: true,
      normalized: address.toLowerCase(),
      chain: 'ethereum',
    });
  });

  it.each(MIXED_CASE_EXAMPLES)('computes the EIP-55 spelling of %s', (address) => {
    expect(toEip55Address(address.toLowerCase())).toBe(address);
  });

  it.each(MIXED_CASE_EXAMPLES)('refuses %s with one letter case flipped (bad_checksum)', (address) => {
    const at = address.search(/[a-f]/);
    const tampered = address.slice(0, at) + address[at].toUpperCase() + address.slice(at + 1);
    expect(validateCryptoAddress('ETH', tampered)).toMatchObject({ valid: false, reason: 'bad_checksum' });
  });

  it('accepts an upper-case 0X prefix and trims whitespace', () => {
    expect(validateCryptoAddress('ETH', ' 0X52908400098527886E0F7030069857D2E4169EE7\n')).toMatchObject({
      valid: true,
      normalized: '0x52908400098527886e0f7030069857d2e4169ee7',
    });
  });

  it.each([
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe', 'bad_length'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00', 'bad_length'],
    ['5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'bad_format'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg', 'bad_format'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(validateCryptoAddress('ETH', address)).toMatchObject({ valid: false, reason });
  });

  it.each([
    ['ETC', 'ethereum-classic'],
    ['ARB', 'arbitrum'],
    ['BSC', 'bnb-smart-chain'],
    ['USDT', 'ethereum'],
    ['USDC', 'ethereum'],
  ])('takes the same format for %s (chain %s)', (currency, chain) => {
    expect(validateCryptoAddress(currency, EIP55_EXAMPLES[4])).toMatchObject({ valid: true, chain });
  });
});
