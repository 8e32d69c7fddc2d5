import { type Details, type FieldName, parse, type ParseResult, states } from 'mrz';
import { checkPasses } from './mrz-checks';
import { repairWithCheckDigits } from './mrz-check-digit-repair';
import { MrzNotFoundError, MrzUnreadableError } from './mrz-errors';
import type {
  MrzConfidenceField,
  MrzExtraction,
  MrzExtractionOptions,
  MrzRepair,
  MrzSex,
} from './mrz-extraction';
import { fieldConfidence } from './mrz-field-confidence';
import { type MrzCheckName, type MrzLayout, positionClasses } from './mrz-layout';
import { fitLineLength } from './mrz-line-length';
import { alternativesInClass, fitsClass } from './mrz-ocr-confusions';
import { findMrzCandidate, type MrzCell, type MrzOcrInput } from './mrz-ocr-text';
import { resolveBirthDate, resolveExpiryDate } from './mrz-two-digit-year';
import { repairCountryCodes, repairToClasses, repairTrailingFillers } from './mrz-type-repair';

/** Share of positions that may still break their class after repair before the zone counts as unreadable. */
const MAX_ILLEGIBLE_SHARE = 0.15;

const CHECK_DIGIT_FIELDS: Partial<Record<FieldName, MrzCheckName>> = {
  documentNumberCheckDigit: 'document_number',
  birthDateCheckDigit: 'date_of_birth',
  expirationDateCheckDigit: 'expiry_date',
  personalNumberCheckDigit: 'optional_data',
  compositeCheckDigit: 'composite',
};

/** How well a reshaped line fits its layout: characters in their class, and line-local check digits passing. */
function lineFitScore(layout: MrzLayout, lineIndex: number, cells: readonly MrzCell[]): number {
  const classes = positionClasses(layout)[lineIndex];
  let score = 0;
  const mapped = cells.map((cell, i) => {
    if (fitsClass(cell.read, classes[i])) {
      score++;
      return cell.read;
    }
    return alternativesInClass(cell.read, classes[i])[0] ?? cell.read;
  });
  const lines = Array.from({ length: layout.lineCount }, (_, i) => (i === lineIndex ? mapped.join('') : ''));
  const local = layout.checks.filter((check) =>
    [check.digit, ...check.sources].every(
      (name) => layout.fields.find((field) => field.field === name)?.line === lineIndex,
    ),
  );
  return score + 3 * local.filter((check) => checkPasses(lines, layout, check)).length;
}

function textOf(lines: readonly MrzCell[][], pick: (cell: MrzCell) => string): string[] {
  return lines.map((cells) => cells.map(pick).join(''));
}

function repairsOf(layout: MrzLayout, lines: readonly MrzCell[][]): MrzRepair[] {
  return layout.fields.flatMap((field) => {
    const cells = lines[field.line].slice(field.start, field.end);
    const from = cells.map((cell) => cell.read).join('');
    const to = cells.map((cell) => cell.char).join('');
    return from === to ? [] : [{ field: field.field, from, to }];
  });
}

function illegibleShare(layout: MrzLayout, lines: readonly string[]): number {
  const classes = positionClasses(layout);
  let bad = 0;
  lines.forEach((line, l) => [...line].forEach((char, i) => (bad += fitsClass(char, classes[l][i]) ? 0 : 1)));
  return bad / (layout.lineCount * layout.lineLength);
}

function detail(result: ParseResult, field: FieldName): Details | undefined {
  return result.details.find((d) => d.field === field);
}

/** The characters of a field's whole range, as given to the parser. */
function rawOf(result: ParseResult, text: readonly string[], field: FieldName): string {
  const range = detail(result, field)?.ranges[0];
  return range ? text[range.line].slice(range.start, range.end) : '';
}

/** A field's value as parsed, or its raw text without fillers when the parser rejected it. */
function valueOf(result: ParseResult, text: readonly string[], field: FieldName): string {
  const found = detail(result, field);
  if (!found) return '';
  const value = found.value ?? rawOf(result, text, field);
  return value.replace(/<+$/, '').replace(/</g, ' ').replace(/\s+/g, ' ').trim();
}

function sexOf(code: string): MrzSex | null {
  if (code === 'M' || code === 'F') return code;
  return code === '<' || code === 'X' ? 'X' : null;
}

/** TD1/TD2 optional data without the tail of an overflowing document number. */
function optionalData(result: ParseResult, text: readonly string[]): string {
  if (result.format === 'TD3') return valueOf(result, text, 'personalNumber');
  if (result.format === 'TD2') return valueOf(result, text, 'optional');
  const overflow = text[0][14] === '<' && text[0][15] !== '<';
  const first = overflow ? text[0].slice(15, 30).replace(/^[^<]*/, '') : text[0].slice(15, 30);
  return [first, text[1].slice(18, 29)]
    .map((part) => part.replace(/<+$/, '').replace(/^<+/, '').replace(/</g, ' '))
    .filter(Boolean)
    .join(' ');
}

function parseLines(text: readonly string[], layout: MrzLayout): ParseResult {
  let result: ParseResult;
  try {
    result = parse([...text]);
  } catch (error) {
    throw new MrzUnreadableError(`MRZ lines could not be parsed: ${(error as Error).message}`);
  }
  // Two 36-character lines starting with IDFRA are the pre-2021 French card, whose fields are not ICAO's.
  if (result.format !== layout.format) {
    throw new MrzUnreadableError(`A ${result.format} zone is not a TD1, TD2 or TD3 one`);
  }
  return result;
}

/**
 * Extracts the fields of a TD1, TD2 or TD3 machine-readable zone from OCR output: finds the zone's lines,
 * reshapes them to the format's length, repairs OCR confusions from the field types and check digits, parses
 * with the `mrz` package and resolves two-digit years against `options.now`.
 *
 * @throws MrzNotFoundError when nothing in the input has the shape of an MRZ.
 * @throws MrzUnreadableError when the zone is there but too illegible to parse.
 */
export function extractMrz(input: MrzOcrInput, options: MrzExtractionOptions): MrzExtraction {
  if (!(options?.now instanceof Date) || Number.isNaN(options.now.getTime())) {
    throw new TypeError('extractMrz needs a valid `now` date');
  }
  const candidate = typeof input === 'string' || Array.isArray(input) ? findMrzCandidate(input) : undefined;
  if (!candidate) throw new MrzNotFoundError('No TD1, TD2 or TD3 machine-readable zone found in the text');
  const { layout } = candidate;
  const rawLines = textOf(candidate.lines, (cell) => cell.read);
  const lines = candidate.lines.map((cells, i) =>
    fitLineLength(cells, layout.lineLength, (fitted) => lineFitScore(layout, i, fitted)).map((cell) => ({
      ...cell,
    })),
  );
  repairTrailingFillers(lines, layout);
  repairToClasses(lines, layout);
  repairCountryCodes(lines, layout);
  repairWithCheckDigits(lines, layout);

  const text = textOf(lines, (cell) => cell.char);
  if (illegibleShare(layout, text) > MAX_ILLEGIBLE_SHARE) {
    throw new MrzUnreadableError(`Too many illegible characters in the ${layout.format} zone`);
  }
  const result = parseLines(text, layout);
  const failed = result.details
    .filter((d) => d.field !== null && CHECK_DIGIT_FIELDS[d.field] && !d.valid)
    .map((d) => CHECK_DIGIT_FIELDS[d.field as FieldName] as MrzCheckName);

  const birthDigits = rawOf(result, text, 'birthDate');
  const expiryDigits = rawOf(result, text, 'expirationDate');
  const dateOfBirth = resolveBirthDate(birthDigits, options.now);
  const expiryDate = resolveExpiryDate(expiryDigits, options.now);
  const sex = sexOf(rawOf(result, text, 'sex'));
  const surname = valueOf(result, text, 'lastName');
  const givenNames = valueOf(result, text, 'firstName');
  const issuingCountry = valueOf(result, text, 'issuingState');
  const nationality = valueOf(result, text, 'nationality');

  const invalid = new Set<MrzConfidenceField>();
  if (!dateOfBirth) invalid.add('date_of_birth');
  if (!expiryDate) invalid.add('expiry_date');
  if (!sex) invalid.add('sex');
  if (!detail(result, 'documentCode')?.valid) invalid.add('document_type');
  const dubious = new Set<MrzConfidenceField>();
  if (!(issuingCountry in states)) dubious.add('issuing_country');
  if (!(nationality in states)) dubious.add('nationality');

  return {
    format: layout.format,
    document_type: valueOf(result, text, 'documentCode'),
    issuing_country: issuingCountry,
    document_number: result.documentNumber ?? valueOf(result, text, 'documentNumber'),
    full_name: [givenNames, surname].filter(Boolean).join(' '),
    surname,
    given_names: givenNames,
    date_of_birth: dateOfBirth,
    expiry_date: expiryDate,
    nationality,
    sex,
    optional_data: optionalData(result, text),
    check_digits: { all_valid: failed.length === 0, failed },
    field_confidence: fieldConfidence(
      { layout, lines, failed: new Set(failed), invalid, dubious },
      surnameLength(text, layout),
    ),
    repaired: repairsOf(layout, lines),
    raw_lines: rawLines,
    lines: text,
  };
}

/** Characters of the surname in the name field (up to the first "<<"). */
function surnameLength(text: readonly string[], layout: MrzLayout): number {
  const name = layout.fields.find((field) => field.field === 'name');
  if (!name) return 0;
  const value = text[name.line].slice(name.start, name.end);
  const end = value.indexOf('<<');
  return end === -1 ? value.replace(/<+$/, '').length : end;
}
