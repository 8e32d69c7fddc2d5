import { extractMrz } from '@kyc/documents-domain';
import { describe, expect, it } from 'vitest';
import { documentTypeFromMrzCode } from './mrz-document-type';
import { failedExtraction, toDocumentExtraction } from './to-document-extraction';

const now = new Date('2025-06-01T00:00:00Z');
const read = (...lines: string[]) => extractMrz(lines, { now });

describe('documentTypeFromMrzCode', () => {
  it('reads the document kind from the first letter of the code', () => {
    expect(['P', 'PD', 'PO', 'P<'].map(documentTypeFromMrzCode)).toEqual(Array(4).fill('passport'));
    expect(['I', 'ID', 'IR', 'A', 'AC', 'C', 'CR'].map(documentTypeFromMrzCode)).toEqual(
      Array(7).fill('id_card'),
    );
    expect(['V', 'VB'].map(documentTypeFromMrzCode)).toEqual(['visa', 'visa']);
    expect(['X', 'R', '', '<'].map(documentTypeFromMrzCode)).toEqual(Array(4).fill('other'));
  });
});

describe('toDocumentExtraction', () => {
  it('gives the fields of a German passport with ISO country codes', () => {
    const mrz = read(
      'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
      'C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4',
    );
    expect(toDocumentExtraction(mrz)).toEqual({
      status: 'extracted',
      source: 'mrz',
      document_type: 'passport',
      issuing_country: 'DE',
      full_name: 'ERIKA MUSTERMANN',
      surname: 'MUSTERMANN',
      given_names: 'ERIKA',
      document_number: 'C01X00T47',
      date_of_birth: '1964-08-12',
      nationality: 'DE',
      expiry_date: '2027-02-28',
      sex: 'F',
      check_digits_valid: true,
      failed_checks: [],
      field_confidence: { ...mrz.field_confidence },
    });
  });

  it('gives an identity card of the specimen state Utopia, whose code has no ISO equivalent', () => {
    const extraction = toDocumentExtraction(
      read(
        'I<UTOD231458907<<<<<<<<<<<<<<<',
        '7408122F1204159UTO<<<<<<<<<<<6',
        'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
      ),
    );
    expect(extraction).toMatchObject({
      document_type: 'id_card',
      issuing_country: 'UTO',
      nationality: 'UTO',
      document_number: 'D23145890',
      expiry_date: '2012-04-15',
    });
  });

  it('reports the failing check digits and copies the per-field confidence', () => {
    const mrz = read(
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<14',
    );
    const extraction = toDocumentExtraction(mrz);
    expect(extraction).toMatchObject({ check_digits_valid: false, failed_checks: ['composite'] });
    expect(extraction.field_confidence).toEqual(mrz.field_confidence);
    expect(extraction.field_confidence).not.toBe(mrz.field_confidence);
  });

  it('says null for fields the zone leaves empty, and maps a British category to GB', () => {
    const extraction = toDocumentExtraction(
      read('P<GBNSMITH<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'L898902C36GBN7408122F1204159ZE184226B<<<<<10'),
    );
    expect(extraction).toMatchObject({
      full_name: 'SMITH',
      surname: 'SMITH',
      given_names: null,
      issuing_country: 'GB',
      nationality: 'GB',
    });
  });
});

describe('failedExtraction', () => {
  it('carries the reason and no field', () => {
    expect(failedExtraction('truncated', 'The jpg file stops before its end')).toEqual({
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
      check_digits_valid: false,
      failed_checks: [],
      field_confidence: {},
      error: { code: 'truncated', message: 'The jpg file stops before its end' },
    });
  });
});
