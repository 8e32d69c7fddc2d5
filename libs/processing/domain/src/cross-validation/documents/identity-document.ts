import { isRecord } from '../is-record';

/**
 * An identity document as the checks use it: what was read, with every field checked for its type, since the
 * input may come from anywhere and must never make the cross-validation throw.
 */
export interface IdentityDocument {
  id: string;
  declaredType: string | null;
  readable: boolean;
  /** Why nothing was read, as the extraction coded it. */
  errorCode: string | null;
  documentType: string | null;
  surname: string | null;
  givenNames: string | null;
  fullName: string | null;
  dateOfBirth: string | null;
  nationality: string | null;
  expiryDate: string | null;
  /** False when a check digit failed; null when the extraction does not say. */
  checkDigitsValid: boolean | null;
  failedChecks: string[];
}

/** Uploads that are no identity document: nothing of them is compared with the form. */
const NOT_IDENTITY = new Set(['selfie', 'proof_of_address', 'company_registry']);
const CHECK_NAME = /^[a-z_]{1,40}$/;
const CODE = /^[a-z0-9_]{1,64}$/;

export function readIdentityDocuments(documents: unknown): IdentityDocument[] {
  const result: IdentityDocument[] = [];
  (Array.isArray(documents) ? documents : []).forEach((entry, index) => {
    const document = isRecord(entry) ? entry : {};
    const declaredType = text(document.declared_type);
    if (declaredType && NOT_IDENTITY.has(declaredType)) return;
    const extraction = isRecord(document.extraction) ? document.extraction : {};
    const error = isRecord(extraction.error) ? extraction.error : {};
    const errorCode = text(error.code);
    result.push({
      id: text(document.doc_id) ?? `document_${index + 1}`,
      declaredType,
      readable: extraction.status === 'extracted',
      // Codes are machine words; anything else is not repeated in messages.
      errorCode: errorCode && CODE.test(errorCode) ? errorCode : null,
      documentType: text(extraction.document_type),
      surname: text(extraction.surname),
      givenNames: text(extraction.given_names),
      fullName: text(extraction.full_name),
      dateOfBirth: text(extraction.date_of_birth),
      nationality: text(extraction.nationality),
      expiryDate: text(extraction.expiry_date),
      checkDigitsValid:
        typeof extraction.check_digits_valid === 'boolean' ? extraction.check_digits_valid : null,
      failedChecks: Array.isArray(extraction.failed_checks)
        ? extraction.failed_checks.filter(
            (name): name is string => typeof name === 'string' && CHECK_NAME.test(name),
          )
        : [],
    });
  });
  return result;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
