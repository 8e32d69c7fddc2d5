import { describe, expect, it } from 'vitest';
import { detectCryptoAddress } from './detect-crypto-address';

describe('detectCryptoAddress', () => {
  it('recognises an EVM address on every EVM chain and the tokens that live there', () => {
    expect(detectCryptoAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toEqual({
      normalized: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
      chains: ['ethereum', 'ethereum-classic', 'arbitrum', 'bnb-smart-chain'],
      currencies: ['ETH', 'USDT', 'USDC', 'ETC', 'ARB', 'BSC'],
    });
  });

  it('recognises a legacy Bitcoin address on the chains that share its format', () => {
    const detected = detectCryptoAddress('1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu');
    expect(detected?.normalized).toBe('1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggu');
    expect(detected?.chains).toEqual(['bitcoin', 'omni', 'bitcoin-cash', 'bitcoin-sv']);
    expect(detected?.currencies).toEqual(['XBT', 'USDT', 'BCH', 'BSV']);
  });

  it('recognises segwit, cashaddr without prefix, Tron, XRP and Monero', () => {
    expect(detectCryptoAddress('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4')).toMatchObject({
      normalized: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      currencies: ['XBT'],
    });
    expect(detectCryptoAddress('qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a')).toMatchObject({
      normalized: 'bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a',
      currencies: ['BCH'],
    });
    expect(detectCryptoAddress('TMStbg5fgb4uTV7fK1gEYF9hKAzP3siPsG')).toMatchObject({
      currencies: ['USDT', 'USDC', 'TRX'],
    });
    expect(detectCryptoAddress('rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh')).toMatchObject({ currencies: ['XRP'] });
    expect(
      detectCryptoAddress(
        '49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL',
      ),
    ).toMatchObject({ currencies: ['XMR'] });
  });

  it.each([
    'Vladimir Putin',
    'Sberbank',
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD',
    '1BpEi6DfDAUFd7GtittLSdBeYJvcoaVggv',
    '',
    'x'.repeat(10_000),
  ])('answers null for %j', (input) => {
    expect(detectCryptoAddress(input)).toBeNull();
  });
});
