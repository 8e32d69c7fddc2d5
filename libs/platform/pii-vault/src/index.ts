export { PiiVault, type PiiVaultOptions, type WithSealedKeys } from './pii-vault';
export {
  erasedValue,
  isErasedValue,
  isSealedValue,
  SEALED_PREFIX,
  type ErasedValue,
  type SealedValue,
} from './sealed-value';
export {
  DataKeyMissingError,
  DataKeyUnwrapError,
  PiiIntegrityError,
  PiiVaultError,
  SubjectErasedError,
  type PiiVaultErrorCode,
} from './pii-vault.errors';
export { parseMasterKey } from './master-key';
export type { JsonObject, JsonPrimitive, JsonValue } from './json-value';
export { PII_VAULT_MIGRATIONS_DIR, PII_VAULT_MIGRATIONS_OWNER } from './migrations-dir';
export { gcmOpen, gcmSeal } from './aes-gcm';
