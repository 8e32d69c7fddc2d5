import { mrzCheckDigit } from '@kyc/documents-domain';
import type { MrzDocumentData } from './mrz-document';

const LENGTH = { TD1: 30, TD2: 36, TD3: 44 } as const;

function field(value: string, length: number): string {
  const text = value.toUpperCase().replace(/ /g, '<');
  if (text.length > length || !/^[A-Z0-9<]*$/.test(text))
    throw new RangeError(`"${value}" does not fit ${length} MRZ characters`);
  return text.padEnd(length, '<');
}

function yymmdd(isoDate: string): string {
  return `${isoDate.slice(2, 4)}${isoDate.slice(5, 7)}${isoDate.slice(8, 10)}`;
}

function withDigit(value: string): string {
  return `${value}${mrzCheckDigit(value)}`;
}

function name(data: MrzDocumentData, length: number): string {
  return field(`${data.surname}<<${data.givenNames}`, length);
}

/** Writes the MRZ lines of a document, check digits computed per ICAO 9303. Names must fit (no truncation). */
export function composeMrzLines(data: MrzDocumentData): string[] {
  const code = field(data.documentType, 2);
  const issuer = field(data.issuingCountry, 3);
  const nationality = field(data.nationality, 3);
  const sex = data.sex === 'X' ? '<' : data.sex;
  const birth = withDigit(yymmdd(data.dateOfBirth));
  const expiry = withDigit(yymmdd(data.expiryDate));
  const number = withDigit(field(data.documentNumber, 9));
  if (data.format === 'TD1') {
    const upper = `${code}${issuer}${number}${field(data.optionalData, 15)}`;
    const optional2 = field('', 11);
    const middle = `${birth}${sex}${expiry}${nationality}${optional2}`;
    const composite = mrzCheckDigit(`${upper.slice(5)}${birth}${expiry}${optional2}`);
    return [upper, `${middle}${composite}`, name(data, LENGTH.TD1)];
  }
  if (data.format === 'TD2') {
    const optional = field(data.optionalData, 7);
    const composite = mrzCheckDigit(`${number}${birth}${expiry}${optional}`);
    return [
      `${code}${issuer}${name(data, LENGTH.TD2 - 5)}`,
      `${number}${nationality}${birth}${sex}${expiry}${optional}${composite}`,
    ];
  }
  const personal = field(data.optionalData, 14);
  const personalDigit = data.optionalData === '' ? '<' : String(mrzCheckDigit(personal));
  const composite = mrzCheckDigit(`${number}${birth}${expiry}${personal}${personalDigit}`);
  return [
    `${code}${issuer}${name(data, LENGTH.TD3 - 5)}`,
    `${number}${nationality}${birth}${sex}${expiry}${personal}${personalDigit}${composite}`,
  ];
}
