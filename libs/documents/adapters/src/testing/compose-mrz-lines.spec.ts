import { extractMrz } from '@kyc/documents-domain';
import { parse } from 'mrz';
import { describe, expect, it } from 'vitest';
import { composeMrzLines } from './compose-mrz-lines';
import { MRZ_SPECIMENS } from './mrz-specimens';
import { syntheticMrzDocuments } from './synthetic-mrz-documents';
import { withWrongCheckDigit } from './wrong-check-digit';

const now = new Date('2025-06-01T00:00:00Z');

describe('composeMrzLines', () => {
  it('writes the published specimens exactly, check digits included', () => {
    for (const specimen of MRZ_SPECIMENS) expect(composeMrzLines(specimen.data)).toEqual(specimen.lines);
  });

  it('refuses a value that does not fit its field', () => {
    const data = { ...MRZ_SPECIMENS[2].data, documentNumber: 'L898902C3XX' };
    expect(() => composeMrzLines(data)).toThrow(RangeError);
  });
});

describe('syntheticMrzDocuments', () => {
  const documents = syntheticMrzDocuments({ count: 30, seed: 11, now, formats: ['TD1', 'TD2', 'TD3'] });

  it('is deterministic for a seed and varies with it', () => {
    expect(syntheticMrzDocuments({ count: 30, seed: 11, now, formats: ['TD1', 'TD2', 'TD3'] })).toEqual(
      documents,
    );
    expect(syntheticMrzDocuments({ count: 30, seed: 12, now })).not.toEqual(documents);
  });

  it('makes documents the mrz package accepts, with every check digit valid', () => {
    for (const document of documents) {
      const result = parse([...document.lines]);
      const failing = result.details.filter((d) => !d.valid).map((d) => d.label);
      expect(failing, document.id).toEqual([]);
    }
  });

  it('makes documents whose extraction gives back the generated data', () => {
    for (const { id, data, lines } of documents) {
      const extraction = extractMrz(lines, { now });
      expect(extraction, id).toMatchObject({
        format: data.format,
        document_type: data.documentType,
        issuing_country: data.issuingCountry,
        document_number: data.documentNumber,
        surname: data.surname,
        given_names: data.givenNames,
        date_of_birth: data.dateOfBirth,
        expiry_date: data.expiryDate,
        nationality: data.nationality,
        sex: data.sex,
        optional_data: data.optionalData,
        check_digits: { all_valid: true },
      });
    }
  });
});

describe('withWrongCheckDigit', () => {
  it('changes exactly one check digit, which the mrz package then reports', () => {
    for (const [i, document] of syntheticMrzDocuments({
      count: 12,
      seed: 3,
      now,
      formats: ['TD1', 'TD2', 'TD3'],
    }).entries()) {
      const tampered = withWrongCheckDigit(document, i);
      const { line, index, printed, correct } = tampered.wrongCheckDigit;
      expect(printed).not.toBe(correct);
      expect(tampered.lines[line][index]).toBe(printed);
      const before = document.lines.join('');
      expect([...tampered.lines.join('')].filter((char, k) => char !== before[k])).toHaveLength(1);
      expect(parse([...tampered.lines]).valid).toBe(false);
    }
  });
});
