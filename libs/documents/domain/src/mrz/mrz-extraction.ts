import type { MrzCheckName, MrzFormat, MrzLayoutField } from './mrz-layout';

/** ICAO sex codes; the filler ('<', unspecified) is reported as X. */
export type MrzSex = 'M' | 'F' | 'X';

/** Output fields that carry a confidence. */
export type MrzConfidenceField =
  | 'document_type'
  | 'issuing_country'
  | 'document_number'
  | 'full_name'
  | 'surname'
  | 'given_names'
  | 'date_of_birth'
  | 'expiry_date'
  | 'nationality'
  | 'sex'
  | 'optional_data';

/** One field whose characters the repair changed from what the OCR read. */
export interface MrzRepair {
  readonly field: MrzLayoutField;
  readonly from: string;
  readonly to: string;
}

export interface MrzExtraction {
  readonly format: MrzFormat;
  /** Document code without fillers: P, ID, I, AC, ... */
  readonly document_type: string;
  /** ICAO 9303 code without fillers (D for Germany). */
  readonly issuing_country: string;
  readonly document_number: string;
  /** Given names then surname, separated by spaces. */
  readonly full_name: string;
  readonly surname: string;
  readonly given_names: string;
  /** YYYY-MM-DD, or null when the digits are no calendar date. */
  readonly date_of_birth: string | null;
  readonly expiry_date: string | null;
  readonly nationality: string;
  readonly sex: MrzSex | null;
  readonly optional_data: string;
  readonly check_digits: { readonly all_valid: boolean; readonly failed: readonly MrzCheckName[] };
  /** 0..1 per field. */
  readonly field_confidence: Readonly<Record<MrzConfidenceField, number>>;
  readonly repaired: readonly MrzRepair[];
  /** The zone's lines as the OCR read them (MRZ alphabet only). */
  readonly raw_lines: readonly string[];
  /** The lines after length normalisation and repair, as parsed. */
  readonly lines: readonly string[];
}

export interface MrzExtractionOptions {
  /** Reference instant for two-digit years; passed in so that extraction stays deterministic. */
  readonly now: Date;
}
