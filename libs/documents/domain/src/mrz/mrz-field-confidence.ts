import type { MrzConfidenceField } from './mrz-extraction';
import {
  layoutField,
  type MrzCharClass,
  type MrzCheckName,
  type MrzLayout,
  type MrzLayoutField,
  positionClasses,
} from './mrz-layout';
import { fitsClass } from './mrz-ocr-confusions';
import type { MrzCell } from './mrz-ocr-text';

/** A field no check digit protects is never fully trusted: nothing but the OCR vouches for it. */
const UNCHECKED = 0.9;
const FAILED_CHECK = 0.25;
/**
 * Per repaired character, by whether a passing check digit confirms the field afterwards. Mapping a character
 * its position cannot hold (a letter in a date) is near certain; replacing one it could hold is a guess.
 */
const FORCED_REPAIR = { confirmed: 0.97, unconfirmed: 0.85 };
const CHOSEN_REPAIR = { confirmed: 0.9, unconfirmed: 0.7 };

interface PlacedCell {
  readonly cell: MrzCell;
  readonly charClass: MrzCharClass;
}

export interface FieldFacts {
  readonly layout: MrzLayout;
  readonly lines: readonly MrzCell[][];
  readonly failed: ReadonlySet<MrzCheckName>;
  /** Fields whose value could not be read at all (impossible date, unknown sex code...). */
  readonly invalid: ReadonlySet<MrzConfidenceField>;
  /** Fields whose value is readable but doubtful for another reason (country code not in ICAO's list). */
  readonly dubious: ReadonlySet<MrzConfidenceField>;
}

const SOURCES: Readonly<
  Record<Exclude<MrzConfidenceField, 'full_name' | 'surname' | 'given_names'>, MrzLayoutField[]>
> = {
  document_type: ['document_code'],
  issuing_country: ['issuing_country'],
  document_number: ['document_number', 'document_number_check_digit'],
  date_of_birth: ['date_of_birth', 'date_of_birth_check_digit'],
  expiry_date: ['expiry_date', 'expiry_date_check_digit'],
  nationality: ['nationality'],
  sex: ['sex'],
  optional_data: ['optional_data', 'optional_data_2', 'optional_data_check_digit'],
};

function cellsOf(facts: FieldFacts, fields: readonly MrzLayoutField[]): PlacedCell[] {
  const classes = positionClasses(facts.layout);
  return fields
    .filter((name) => facts.layout.fields.some((field) => field.field === name))
    .flatMap((name) => {
      const field = layoutField(facts.layout, name);
      return facts.lines[field.line]
        .slice(field.start, field.end)
        .map((cell, i) => ({ cell, charClass: classes[field.line][field.start + i] }));
    });
}

/** The check digit that vouches for a field, if any: its own, else the composite for TD1/TD2 optional data. */
function guardingCheck(facts: FieldFacts, field: MrzConfidenceField): MrzCheckName | undefined {
  if (field === 'document_number' || field === 'date_of_birth' || field === 'expiry_date') return field;
  if (field !== 'optional_data') return undefined;
  return facts.layout.checks.some((check) => check.name === 'optional_data') ? 'optional_data' : 'composite';
}

function confidence(facts: FieldFacts, field: MrzConfidenceField, placed: readonly PlacedCell[]): number {
  if (facts.invalid.has(field)) return 0;
  const check = guardingCheck(facts, field);
  const confirmed = check !== undefined && !facts.failed.has(check);
  let value = check === undefined ? UNCHECKED : confirmed ? 1 : FAILED_CHECK;
  for (const { cell, charClass } of placed) {
    if (cell.read === cell.char) continue;
    const factors = fitsClass(cell.read, charClass) ? CHOSEN_REPAIR : FORCED_REPAIR;
    value *= confirmed ? factors.confirmed : factors.unconfirmed;
  }
  if (facts.dubious.has(field)) value *= 0.6;
  const engine = placed.map(({ cell }) => cell.confidence).filter((c): c is number => c !== undefined);
  if (engine.length > 0 && !confirmed)
    value *= 0.5 + (0.5 * engine.reduce((a, b) => a + b, 0)) / engine.length;
  return Math.round(value * 1000) / 1000;
}

/** Per-field confidence from check digits, repairs and, for unchecked fields, the engine's own confidence. */
export function fieldConfidence(
  facts: FieldFacts,
  surnameLength: number,
): Record<MrzConfidenceField, number> {
  const nameCells = cellsOf(facts, ['name']);
  const separator = Math.min(surnameLength + 2, nameCells.length);
  const surname = confidence(facts, 'surname', nameCells.slice(0, surnameLength));
  const givenNames = confidence(facts, 'given_names', nameCells.slice(separator));
  const result = { surname, given_names: givenNames, full_name: Math.min(surname, givenNames) } as Record<
    MrzConfidenceField,
    number
  >;
  for (const [field, sources] of Object.entries(SOURCES) as [keyof typeof SOURCES, MrzLayoutField[]][]) {
    result[field] = confidence(facts, field, cellsOf(facts, sources));
  }
  return result;
}
