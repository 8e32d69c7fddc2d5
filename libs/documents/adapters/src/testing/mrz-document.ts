import type { MrzFormat, MrzSex } from '@kyc/documents-domain';

/** What a synthetic or specimen document holds, in the form an extraction must return it. */
export interface MrzDocumentData {
  readonly format: MrzFormat;
  /** Document code without fillers: P, ID, I, ... */
  readonly documentType: string;
  readonly issuingCountry: string;
  readonly surname: string;
  /** Space-separated; may be empty. */
  readonly givenNames: string;
  readonly documentNumber: string;
  readonly nationality: string;
  /** YYYY-MM-DD. */
  readonly dateOfBirth: string;
  readonly sex: MrzSex;
  readonly expiryDate: string;
  /** TD3 personal number, TD1/TD2 optional data; empty when unused. */
  readonly optionalData: string;
}

export interface MrzDocument {
  /** Short identifier for reports: "icao-td3", "synthetic-7-td1", ... */
  readonly id: string;
  readonly data: MrzDocumentData;
  readonly lines: readonly string[];
}
