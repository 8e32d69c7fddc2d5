import { base58xrp } from '@scure/base';
import type { AddressFormat } from './address-check';
import { base58CheckAddress } from './base58check-address';
import { cashaddrAddress } from './cashaddr-address';
import { evmAddress } from './evm-address';
import { moneroAddress } from './monero-address';
import { segwitAddress } from './segwit-address';

export type CryptoChain =
  | 'bitcoin'
  | 'omni'
  | 'bitcoin-cash'
  | 'bitcoin-sv'
  | 'bitcoin-gold'
  | 'litecoin'
  | 'dash'
  | 'zcash'
  | 'verge'
  | 'ripple'
  | 'monero'
  | 'tron'
  | 'ethereum'
  | 'ethereum-classic'
  | 'arbitrum'
  | 'bnb-smart-chain';

/** Bitcoin's P2PKH (0x00) and P2SH (0x05) versions, kept by its forks and by the Omni layer on top of it. */
const bitcoinLegacy = base58CheckAddress({ network: 'Bitcoin', versions: [[0x00], [0x05]] });

/** The address formats each chain accepts, tried in order. */
export const CHAIN_FORMATS: Readonly<Record<CryptoChain, readonly AddressFormat[]>> = {
  bitcoin: [bitcoinLegacy, segwitAddress('bc', 'Bitcoin')],
  // Omni (USDT's first home) only ever used Bitcoin's legacy address kinds.
  omni: [bitcoinLegacy],
  'bitcoin-cash': [cashaddrAddress, bitcoinLegacy],
  'bitcoin-sv': [bitcoinLegacy],
  'bitcoin-gold': [
    base58CheckAddress({ network: 'Bitcoin Gold', versions: [[0x26], [0x17]] }),
    segwitAddress('btg', 'Bitcoin Gold'),
  ],
  // 0x05 is Litecoin's former P2SH version, still valid and still in the lists next to M... addresses.
  litecoin: [
    base58CheckAddress({ network: 'Litecoin', versions: [[0x30], [0x32], [0x05]] }),
    segwitAddress('ltc', 'Litecoin'),
  ],
  dash: [base58CheckAddress({ network: 'Dash', versions: [[0x4c], [0x10]] })],
  // Transparent addresses only: shielded ones cannot be attributed and are not published by sanctions lists.
  zcash: [
    base58CheckAddress({
      network: 'Zcash',
      versions: [
        [0x1c, 0xb8],
        [0x1c, 0xbd],
      ],
    }),
  ],
  verge: [base58CheckAddress({ network: 'Verge', versions: [[0x1e], [0x21]] })],
  ripple: [base58CheckAddress({ network: 'XRP Ledger', versions: [[0x00]], alphabet: base58xrp })],
  monero: [moneroAddress],
  tron: [base58CheckAddress({ network: 'Tron', versions: [[0x41]] })],
  ethereum: [evmAddress],
  'ethereum-classic': [evmAddress],
  arbitrum: [evmAddress],
  'bnb-smart-chain': [evmAddress],
};
