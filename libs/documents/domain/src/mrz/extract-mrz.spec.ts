import { describe, expect, it } from 'vitest';
import { extractMrz } from './extract-mrz';
import { mrzCheckDigit } from './mrz-check-digit';
import { MrzNotFoundError, MrzUnreadableError } from './mrz-errors';

const now = new Date('2025-06-01T00:00:00Z');

/** ICAO Doc 9303 specimens (Utopia, Anna Maria Eriksson). */
const ICAO_TD1 = [
  'I<UTOD231458907<<<<<<<<<<<<<<<',
  '7408122F1204159UTO<<<<<<<<<<<6',
  'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];
const ICAO_TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const ICAO_TD3 = [
  'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];
/** German specimens (Erika Mustermann): identity card and passport. */
const GERMAN_ID = [
  'IDD<<T220001293<<<<<<<<<<<<<<<',
  '6408125<2010315D<<<<<<<<<<<<<4',
  'MUSTERMANN<<ERIKA<<<<<<<<<<<<<',
];
const GERMAN_PASSPORT = [
  'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
  'C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4',
];

const ERIKSSON = {
  issuing_country: 'UTO',
  full_name: 'ANNA MARIA ERIKSSON',
  surname: 'ERIKSSON',
  given_names: 'ANNA MARIA',
  date_of_birth: '1974-08-12',
  expiry_date: '2012-04-15',
  nationality: 'UTO',
  sex: 'F',
  check_digits: { all_valid: true, failed: [] },
  repaired: [],
};

/** Replaces characters of line `line` from `at` on. */
function corrupt(lines: readonly string[], line: number, at: number, text: string): string[] {
  return lines.map((l, i) => (i === line ? l.slice(0, at) + text + l.slice(at + text.length) : l));
}

describe('extractMrz on the specimens', () => {
  it('reads the ICAO TD1 identity card', () => {
    expect(extractMrz(ICAO_TD1, { now })).toMatchObject({
      ...ERIKSSON,
      format: 'TD1',
      document_type: 'I',
      document_number: 'D23145890',
    });
  });

  it('reads the ICAO TD2 card', () => {
    expect(extractMrz(ICAO_TD2, { now })).toMatchObject({
      ...ERIKSSON,
      format: 'TD2',
      document_type: 'I',
      document_number: 'D23145890',
    });
  });

  it('reads the ICAO TD3 passport, with its personal number', () => {
    const result = extractMrz(ICAO_TD3.join('\n'), { now });
    expect(result).toMatchObject({
      ...ERIKSSON,
      format: 'TD3',
      document_type: 'P',
      document_number: 'L898902C3',
      optional_data: 'ZE184226B',
      raw_lines: ICAO_TD3,
      lines: ICAO_TD3,
    });
    expect(result.field_confidence.document_number).toBe(1);
    expect(result.field_confidence.date_of_birth).toBe(1);
    // Utopia is not in ICAO's list of codes: read as printed, trusted less.
    expect(result.field_confidence.nationality).toBeLessThan(0.9);
  });

  it('reads the German identity card, whose sex field is a filler', () => {
    expect(extractMrz(GERMAN_ID, { now })).toMatchObject({
      format: 'TD1',
      document_type: 'ID',
      issuing_country: 'D',
      nationality: 'D',
      document_number: 'T22000129',
      full_name: 'ERIKA MUSTERMANN',
      date_of_birth: '1964-08-12',
      expiry_date: '2020-10-31',
      sex: 'X',
      check_digits: { all_valid: true, failed: [] },
    });
  });

  it('reads the German passport', () => {
    expect(extractMrz(GERMAN_PASSPORT, { now })).toMatchObject({
      format: 'TD3',
      document_type: 'P',
      issuing_country: 'D',
      document_number: 'C01X00T47',
      surname: 'MUSTERMANN',
      given_names: 'ERIKA',
      date_of_birth: '1964-08-12',
      expiry_date: '2027-02-28',
      sex: 'F',
      optional_data: '',
      check_digits: { all_valid: true, failed: [] },
    });
  });

  it('finds the zone among other OCR lines, spaces and lower case included', () => {
    const text = [
      'PASSPORT  PASS  UTOPIA',
      'Surname ERIKSSON',
      ICAO_TD3[0].toLowerCase(),
      ICAO_TD3[1].replace(/(.{10})/g, '$1 '),
      '',
    ];
    expect(extractMrz(text.join('\n'), { now })).toMatchObject({ ...ERIKSSON, format: 'TD3' });
  });

  it('reads a TD1 document number that overflows into the optional data', () => {
    const number = 'D23145890734';
    const line1 =
      `I<UTO${number.slice(0, 9)}<${number.slice(9)}${mrzCheckDigit(number.slice(0, 9) + '<' + number.slice(9))}`.padEnd(
        30,
        '<',
      );
    const composite = mrzCheckDigit(`${line1.slice(5, 30)}7408122` + '1204159' + '<'.repeat(11));
    const line2 = `7408122F1204159UTO<<<<<<<<<<<${composite}`;
    const result = extractMrz([line1, line2, ICAO_TD1[2]], { now });
    expect(result.document_number).toBe(number);
    expect(result.optional_data).toBe('');
    expect(result.check_digits).toEqual({ all_valid: true, failed: [] });
  });
});

describe('extractMrz repairs OCR confusions by field type', () => {
  it('maps letters in dates and check digits to digits (O/0, I/1, G/6, B/8, S/5, Z/2)', () => {
    const read = [GERMAN_ID[0], 'G4OBI2S<ZO1O3I5D<<<<<<<<<<<<<4', GERMAN_ID[2]];
    const result = extractMrz(read, { now });
    expect(result).toMatchObject({
      date_of_birth: '1964-08-12',
      expiry_date: '2020-10-31',
      check_digits: { all_valid: true },
    });
    expect(result.repaired).toEqual([
      { field: 'date_of_birth', from: 'G4OBI2', to: '640812' },
      { field: 'date_of_birth_check_digit', from: 'S', to: '5' },
      { field: 'expiry_date', from: 'ZO1O3I', to: '201031' },
    ]);
    expect(result.field_confidence.date_of_birth).toBeLessThan(1);
    expect(result.field_confidence.date_of_birth).toBeGreaterThan(0.8);
  });

  it('maps Q, D, L and U in numbers to digits', () => {
    const result = extractMrz([GERMAN_ID[0], '64D8L25<2Q1U315D<<<<<<<<<<<<<4', GERMAN_ID[2]], { now });
    expect(result).toMatchObject({
      date_of_birth: '1964-08-12',
      expiry_date: '2020-10-31',
      nationality: 'D',
    });
    expect(result.check_digits.all_valid).toBe(true);
  });

  it('maps digits in names and country codes to letters', () => {
    const read = corrupt(corrupt(ICAO_TD3, 0, 5, 'ER1KSS0N<<ANNA<MAR1A'), 1, 10, 'UT0');
    const result = extractMrz(read, { now });
    expect(result).toMatchObject({ ...ERIKSSON, repaired: expect.any(Array) });
    expect(result.repaired.map((r) => r.field)).toEqual(['name', 'nationality']);
    expect(result.field_confidence.surname).toBeLessThan(0.9);
  });

  it('repairs a country code only towards a listed one (0<< is Germany, UTO stays)', () => {
    const result = extractMrz(corrupt(GERMAN_PASSPORT, 0, 2, '0<<'), { now });
    expect(result.issuing_country).toBe('D');
    expect(result.repaired).toEqual([{ field: 'issuing_country', from: '0<<', to: 'D<<' }]);
  });

  it('turns chevrons misread as letters back into fillers, but keeps a real last letter', () => {
    const read = corrupt(corrupt(ICAO_TD1, 2, 22, 'K<<C'), 1, 20, 'L');
    const result = extractMrz(read, { now });
    expect(result).toMatchObject({ ...ERIKSSON, repaired: expect.any(Array) });
    expect(result.lines).toEqual(ICAO_TD1);
    const clarke = extractMrz(corrupt(ICAO_TD1, 2, 0, 'CLARKE<<ANNA<<<<<<<<<<<<<<<<<'), { now });
    expect(clarke.surname).toBe('CLARKE');
    expect(clarke.given_names).toBe('ANNA');
  });

  it('restores line lengths where the OCR dropped or doubled fillers', () => {
    const read = [ICAO_TD3[0].replace('<<<<<<<', '<<<<'), ICAO_TD3[1].replace('B<<<<<1', 'B<<<<<<<1')];
    const result = extractMrz(read, { now });
    expect(result.lines).toEqual(ICAO_TD3);
    expect(result.check_digits.all_valid).toBe(true);
  });

  it('lets the check digit choose between the readings of an ambiguous glyph (Z is 2 or 7)', () => {
    const result = extractMrz(corrupt(ICAO_TD3, 1, 13, 'Z'), { now });
    expect(result.date_of_birth).toBe('1974-08-12');
    expect(result.repaired).toEqual([{ field: 'date_of_birth', from: 'Z40812', to: '740812' }]);
  });

  it('questions digits the engine was unsure of, and only those', () => {
    const misread = corrupt(ICAO_TD3, 1, 1, '3');
    const unsure = misread.map((text, line) => ({
      text,
      confidences: [...text].map((_, i) => (line === 1 && i === 1 ? 0.3 : 0.95)),
    }));
    const repaired = extractMrz(unsure, { now });
    expect(repaired.document_number).toBe('L898902C3');
    expect(repaired.check_digits.all_valid).toBe(true);
    const trusted = extractMrz(misread, { now });
    expect(trusted.document_number).toBe('L398902C3');
    expect(trusted.check_digits.failed).toContain('document_number');
  });
});

describe('extractMrz weighs the engine evidence', () => {
  const misread = corrupt(ICAO_TD3, 1, 5, 'O');

  it("takes the engine's second choice when it satisfies the check digit", () => {
    const lines = misread.map((text, line) => ({
      text,
      confidences: [...text].map((_, i) => (line === 1 && i === 5 ? 0.5 : 0.97)),
      alternatives: [...text].map((_, i) => (line === 1 && i === 5 ? '0' : '')),
    }));
    const result = extractMrz(lines, { now });
    expect(result.document_number).toBe('L898902C3');
    expect(result.repaired).toEqual([{ field: 'document_number', from: 'L8989O2C3', to: 'L898902C3' }]);
    expect(result.field_confidence.document_number).toBeLessThan(1);
  });

  it('leaves a look-alike in a document number alone without such evidence', () => {
    const result = extractMrz(misread, { now });
    expect(result.document_number).toBe('L8989O2C3');
    expect(result.check_digits.failed).toEqual(['document_number', 'composite']);
  });
});

describe('extractMrz reports what it cannot settle', () => {
  it('reports a wrong check digit instead of changing the data', () => {
    const result = extractMrz(corrupt(ICAO_TD3, 1, 19, '3'), { now });
    expect(result.check_digits).toEqual({ all_valid: false, failed: ['date_of_birth', 'composite'] });
    expect(result.date_of_birth).toBe('1974-08-12');
    expect(result.repaired).toEqual([]);
    expect(result.field_confidence.date_of_birth).toBeLessThan(0.5);
  });

  it('leaves a misread failing when several repairs satisfy every check digit', () => {
    // Z may be 2 or 7 and B may be 8 or 3: 740812 and 240312 both give the check digit 2, and the two
    // positions weigh the same in the composite too.
    const result = extractMrz(corrupt(ICAO_TD3, 1, 13, 'Z40B12'), { now });
    expect(result.check_digits.all_valid).toBe(false);
    expect(result.check_digits.failed).toContain('date_of_birth');
    expect(result.field_confidence.date_of_birth).toBeLessThan(0.5);
  });

  it('throws a coded MrzNotFoundError when no zone is in the text', () => {
    for (const input of ['', 'REPUBLIC OF UTOPIA\nPASSPORT', ['ABC', 'DEF'], 42 as unknown as string]) {
      expect(() => extractMrz(input, { now })).toThrow(MrzNotFoundError);
    }
    try {
      extractMrz('nothing here', { now });
    } catch (error) {
      expect((error as MrzNotFoundError).code).toBe('mrz_not_found');
    }
  });

  it('refuses the pre-2021 French identity card, whose two 36-character lines are not ICAO TD2', () => {
    const french = ['IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<', '8806923102858CORINNE<<<<<<<6512068F4'];
    expect(() => extractMrz(french, { now })).toThrow(MrzUnreadableError);
  });

  it('throws a coded MrzUnreadableError when the zone is mostly illegible', () => {
    const read = [ICAO_TD3[0], 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'];
    expect(() => extractMrz(read, { now })).toThrow(MrzUnreadableError);
    try {
      extractMrz(read, { now });
    } catch (error) {
      expect((error as MrzUnreadableError).code).toBe('mrz_unreadable');
    }
  });
});
