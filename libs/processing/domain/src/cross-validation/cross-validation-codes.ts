/** An error fails the cross-validation; a warning only qualifies it. */
export type CrossValidationSeverity = 'error' | 'warning';

/**
 * Every code the cross-validation reports, with its fixed severity and meaning: the reference for the API
 * documentation and for decision rules. `field` names a form field `<step_id>.<field_id>` or a document field
 * `<doc_id>.<field>`; two pseudo-fields name what has no field: `form` (the form has no field of that meaning)
 * and `documents` (the set of identity documents as a whole). Messages never contain the personal data itself.
 */
export const CROSS_VALIDATION_CODES = {
  // The inputs to compare
  no_identity_document: {
    severity: 'warning',
    meaning: 'No identity document was processed, so the form was compared with none.',
  },
  no_document_readable: {
    severity: 'error',
    meaning: 'None of the identity documents could be read, so nothing in the form could be verified.',
  },
  document_unreadable: {
    severity: 'warning',
    meaning: 'This document could not be read (its extraction failed); its data was not compared.',
  },
  form_name_missing: {
    severity: 'warning',
    meaning: "The form holds no name of the customer, so the documents' name was not compared with it.",
  },
  form_date_of_birth_missing: {
    severity: 'warning',
    meaning: "The form holds no date of birth, so the documents' date of birth was not compared with it.",
  },
  form_value_invalid: {
    severity: 'warning',
    meaning: 'A form value of a compared field is not in the format of its type, so it was not compared.',
  },
  document_field_missing: {
    severity: 'warning',
    meaning: 'A document that was read lacks a readable name, date of birth or nationality to compare.',
  },
  // The document itself
  check_digits_failed: {
    severity: 'error',
    meaning: "A check digit of the document's machine-readable zone is wrong: data misread or altered.",
  },
  document_expired: {
    severity: 'error',
    meaning: "The document's expiry date is before today's date (UTC); one expiring today is still valid.",
  },
  document_expiring_soon: {
    severity: 'warning',
    meaning: 'The document is valid but expires within the warning window (30 days by default).',
  },
  document_expiry_missing: {
    severity: 'warning',
    meaning: 'A document that was read has no readable expiry date.',
  },
  document_expiry_not_checked: {
    severity: 'warning',
    meaning: 'The reference instant given to the check is no valid date, so expiry was not judged.',
  },
  document_type_mismatch: {
    severity: 'warning',
    meaning: 'The document type declared at upload differs from the type its zone declares.',
  },
  // The form against each document
  name_mismatch: {
    severity: 'error',
    meaning:
      "The name on the document is another person's than the form's (or a difference the workflow refuses).",
  },
  name_partial_match: {
    severity: 'warning',
    meaning:
      "The name on the document matches the form's only partly (middle name, spelling, one character...).",
  },
  name_not_comparable: {
    severity: 'warning',
    meaning: "The form's name is in a script with no transliteration to the zone's letters: not compared.",
  },
  date_of_birth_mismatch: {
    severity: 'error',
    meaning: "The document's date of birth differs from the form's.",
  },
  nationality_mismatch: {
    severity: 'error',
    meaning: "The document's nationality is none of those the form's nationality fields give.",
  },
  nationality_differs_from_country: {
    severity: 'warning',
    meaning:
      "The document's nationality differs from the form's country field (residence; people live abroad).",
  },
  nationality_not_comparable: {
    severity: 'warning',
    meaning:
      "The document's nationality is an ICAO code of no country (UNO, XXA...), so it was not compared.",
  },
  // The documents with each other
  documents_name_mismatch: {
    severity: 'error',
    meaning: 'Two documents carry names of different people (or a difference the workflow refuses).',
  },
  documents_name_partial_match: {
    severity: 'warning',
    meaning: 'The names on two documents match only partly.',
  },
  documents_date_of_birth_mismatch: {
    severity: 'error',
    meaning: 'Two documents give different dates of birth.',
  },
  documents_nationality_differ: {
    severity: 'warning',
    meaning:
      'Two documents give different nationalities that the form does not both declare (dual nationals).',
  },
} as const satisfies Record<string, { severity: CrossValidationSeverity; meaning: string }>;

export type CrossValidationCode = keyof typeof CROSS_VALIDATION_CODES;

/** The pseudo-field of issues about the set of identity documents as a whole. */
export const DOCUMENTS_FIELD = 'documents';
/** The pseudo-field of issues about a field the form does not have. */
export const FORM_FIELD = 'form';
