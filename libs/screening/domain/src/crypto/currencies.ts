import type { CryptoChain } from './chains';

/**
 * The chains each currency code (as OFAC writes it) can live on. Tokens list every chain whose addresses the
 * lists publish for them: USDT on Ethereum, Tron and the Omni layer over Bitcoin; USDC on Ethereum and Tron.
 */
const CURRENCY_CHAINS: Readonly<Record<string, readonly CryptoChain[]>> = {
  XBT: ['bitcoin'],
  ETH: ['ethereum'],
  USDT: ['ethereum', 'tron', 'omni'],
  USDC: ['ethereum', 'tron'],
  ETC: ['ethereum-classic'],
  ARB: ['arbitrum'],
  BSC: ['bnb-smart-chain'],
  TRX: ['tron'],
  LTC: ['litecoin'],
  BCH: ['bitcoin-cash'],
  BSV: ['bitcoin-sv'],
  BTG: ['bitcoin-gold'],
  DASH: ['dash'],
  ZEC: ['zcash'],
  XVG: ['verge'],
  XRP: ['ripple'],
  XMR: ['monero'],
};

/** OFAC files bitcoin under XBT, the ISO 4217-style code; most people write BTC. */
const ALIASES: Readonly<Record<string, string>> = { BTC: 'XBT' };

/** The code a currency is filed under: trimmed, upper case, aliases resolved. */
export function canonicalCryptoCurrency(currency: string): string {
  const code = currency.trim().toUpperCase();
  return ALIASES[code] ?? code;
}

/** The chains of a currency, or undefined when the code is not supported. */
export function chainsOfCurrency(currency: string): readonly CryptoChain[] | undefined {
  return CURRENCY_CHAINS[canonicalCryptoCurrency(currency)];
}

/** Every supported currency code, canonical ones first, in a stable order. */
export const SUPPORTED_CRYPTO_CURRENCIES: readonly string[] = [
  ...Object.keys(CURRENCY_CHAINS),
  ...Object.keys(ALIASES),
];

/** Canonical currency codes that can live on a chain, in registry order. */
export function currenciesOnChain(chain: CryptoChain): string[] {
  return Object.keys(CURRENCY_CHAINS).filter((code) => CURRENCY_CHAINS[code].includes(chain));
}
