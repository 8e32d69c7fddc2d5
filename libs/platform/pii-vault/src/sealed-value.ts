/** Format tag of the sealed payload: `v1.` + base64(iv | tag | ciphertext), AES-256-GCM. */
export const SEALED_PREFIX = 'v1.';

/** A personal value encrypted under its subject's data key, as it sits in events and other stored JSON. */
export type SealedValue = { $pii: string };

/**
 * What a sealed value reads as once its subject's key was destroyed. Readers render it as "erased" instead
 * of failing, so an audit trail stays readable after the personal data in it is gone.
 */
export type ErasedValue = { $erased: true };

export function erasedValue(): ErasedValue {
  return { $erased: true };
}

export function isSealedValue(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === '$pii' && typeof (value as SealedValue).$pii === 'string';
}

export function isErasedValue(value: unknown): value is ErasedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as ErasedValue).$erased === true
  );
}
