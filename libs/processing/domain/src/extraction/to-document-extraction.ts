import type { MrzExtraction } from '@kyc/documents-domain';
import type { DocumentExtraction } from '@kyc/session-domain';
import { countryFromIcaoCode } from './icao-country-code';
import { documentTypeFromMrzCode } from './mrz-document-type';

/** What was read from a document's machine-readable zone, in the shape the session records. */
export function toDocumentExtraction(mrz: MrzExtraction): DocumentExtraction {
  return {
    status: 'extracted',
    source: 'mrz',
    document_type: documentTypeFromMrzCode(mrz.document_type),
    issuing_country: countryFromIcaoCode(mrz.issuing_country),
    full_name: orNull(mrz.full_name),
    surname: orNull(mrz.surname),
    given_names: orNull(mrz.given_names),
    document_number: orNull(mrz.document_number),
    date_of_birth: mrz.date_of_birth,
    nationality: countryFromIcaoCode(mrz.nationality),
    expiry_date: mrz.expiry_date,
    sex: mrz.sex,
    check_digits_valid: mrz.check_digits.all_valid,
    failed_checks: [...mrz.check_digits.failed],
    field_confidence: { ...mrz.field_confidence },
  };
}

/** A document from which nothing usable was read, and why. */
export function failedExtraction(code: string, message: string): DocumentExtraction {
  return {
    status: 'failed',
    source: 'mrz',
    document_type: null,
    issuing_country: null,
    full_name: null,
    surname: null,
    given_names: null,
    document_number: null,
    date_of_birth: null,
    nationality: null,
    expiry_date: null,
    sex: null,
    // Nothing was read, so no check digit vouches for anything.
    check_digits_valid: false,
    failed_checks: [],
    field_confidence: {},
    error: { code, message },
  };
}

/** The zone leaves unused fields empty (a mononym has no given names); the API says so with null. */
function orNull(value: string): string | null {
  return value === '' ? null : value;
}
