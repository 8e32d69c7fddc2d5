export type { CryptoAddressInvalidReason } from './address-check';
export { MAX_CRYPTO_ADDRESS_LENGTH } from './address-input';
export type { CryptoChain } from './chains';
export { SUPPORTED_CRYPTO_CURRENCIES, canonicalCryptoCurrency } from './currencies';
export { toEip55Address } from './evm-address';
export { validateCryptoAddress, type CryptoAddressValidation } from './validate-crypto-address';
export { detectCryptoAddress, type DetectedCryptoAddress } from './detect-crypto-address';
export { cryptoAddressLookupKey } from './crypto-address-lookup-key';
export {
  CryptoAddressIndex,
  type CryptoAddressHit,
  type MalformedListedAddress,
} from './crypto-address-index';
export {
  cryptoEvalReport,
  type CryptoEvalRow,
  type CryptoEvalFigures,
  type CryptoEvalFailure,
} from './crypto-eval-report';
