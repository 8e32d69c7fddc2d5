export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

/**
 * What one character position may legally hold. The OCR repair maps a character that breaks its class towards
 * the class (a letter in a date is a misread digit), so every position needs one.
 */
export type MrzCharClass =
  | 'numeric'
  /** A check digit that is a filler when its field is unused or overflows (long document numbers). */
  | 'numeric_or_filler'
  | 'alpha'
  | 'alphanumeric'
  | 'sex'
  /** First character of the document code: P for passports, A/C/I for identity cards. */
  | 'passport_code'
  | 'card_code';

export type MrzLayoutField =
  | 'document_code'
  | 'issuing_country'
  | 'name'
  | 'document_number'
  | 'document_number_check_digit'
  | 'nationality'
  | 'date_of_birth'
  | 'date_of_birth_check_digit'
  | 'sex'
  | 'expiry_date'
  | 'expiry_date_check_digit'
  | 'optional_data'
  | 'optional_data_2'
  | 'optional_data_check_digit'
  | 'composite_check_digit';

/** Name under which a failing check digit is reported (`check_digits.failed`). */
export type MrzCheckName =
  'document_number' | 'date_of_birth' | 'expiry_date' | 'optional_data' | 'composite';

export interface MrzFieldLayout {
  readonly field: MrzLayoutField;
  readonly line: number;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly charClass: MrzCharClass;
  /** Classes of the first characters when they differ from `charClass` (the document code's first letter). */
  readonly leadingClasses?: readonly MrzCharClass[];
}

export interface MrzCheckLayout {
  readonly name: MrzCheckName;
  readonly digit: MrzLayoutField;
  /** Fields whose characters, concatenated in this order, the digit protects. */
  readonly sources: readonly MrzLayoutField[];
}

export interface MrzLayout {
  readonly format: MrzFormat;
  readonly lineCount: number;
  readonly lineLength: number;
  readonly fields: readonly MrzFieldLayout[];
  /** Per-field checks first, the composite last: the composite is only worth repairing once the others hold. */
  readonly checks: readonly MrzCheckLayout[];
}

const f = (
  field: MrzLayoutField,
  line: number,
  start: number,
  end: number,
  charClass: MrzCharClass,
  leadingClasses?: readonly MrzCharClass[],
): MrzFieldLayout => ({ field, line, start, end, charClass, leadingClasses });

const DATE_CHECKS: readonly MrzCheckLayout[] = [
  { name: 'date_of_birth', digit: 'date_of_birth_check_digit', sources: ['date_of_birth'] },
  { name: 'expiry_date', digit: 'expiry_date_check_digit', sources: ['expiry_date'] },
];
const DOCUMENT_NUMBER_CHECK: MrzCheckLayout = {
  name: 'document_number',
  digit: 'document_number_check_digit',
  sources: ['document_number'],
};

const TD1: MrzLayout = {
  format: 'TD1',
  lineCount: 3,
  lineLength: 30,
  fields: [
    f('document_code', 0, 0, 2, 'alpha', ['card_code']),
    f('issuing_country', 0, 2, 5, 'alpha'),
    f('document_number', 0, 5, 14, 'alphanumeric'),
    f('document_number_check_digit', 0, 14, 15, 'numeric_or_filler'),
    f('optional_data', 0, 15, 30, 'alphanumeric'),
    f('date_of_birth', 1, 0, 6, 'numeric'),
    f('date_of_birth_check_digit', 1, 6, 7, 'numeric'),
    f('sex', 1, 7, 8, 'sex'),
    f('expiry_date', 1, 8, 14, 'numeric'),
    f('expiry_date_check_digit', 1, 14, 15, 'numeric'),
    f('nationality', 1, 15, 18, 'alpha'),
    f('optional_data_2', 1, 18, 29, 'alphanumeric'),
    f('composite_check_digit', 1, 29, 30, 'numeric'),
    f('name', 2, 0, 30, 'alpha'),
  ],
  checks: [
    DOCUMENT_NUMBER_CHECK,
    ...DATE_CHECKS,
    {
      name: 'composite',
      digit: 'composite_check_digit',
      sources: [
        'document_number',
        'document_number_check_digit',
        'optional_data',
        'date_of_birth',
        'date_of_birth_check_digit',
        'expiry_date',
        'expiry_date_check_digit',
        'optional_data_2',
      ],
    },
  ],
};

const TD2: MrzLayout = {
  format: 'TD2',
  lineCount: 2,
  lineLength: 36,
  fields: [
    f('document_code', 0, 0, 2, 'alpha', ['card_code']),
    f('issuing_country', 0, 2, 5, 'alpha'),
    f('name', 0, 5, 36, 'alpha'),
    f('document_number', 1, 0, 9, 'alphanumeric'),
    f('document_number_check_digit', 1, 9, 10, 'numeric_or_filler'),
    f('nationality', 1, 10, 13, 'alpha'),
    f('date_of_birth', 1, 13, 19, 'numeric'),
    f('date_of_birth_check_digit', 1, 19, 20, 'numeric'),
    f('sex', 1, 20, 21, 'sex'),
    f('expiry_date', 1, 21, 27, 'numeric'),
    f('expiry_date_check_digit', 1, 27, 28, 'numeric'),
    f('optional_data', 1, 28, 35, 'alphanumeric'),
    f('composite_check_digit', 1, 35, 36, 'numeric'),
  ],
  checks: [
    DOCUMENT_NUMBER_CHECK,
    ...DATE_CHECKS,
    {
      name: 'composite',
      digit: 'composite_check_digit',
      sources: [
        'document_number',
        'document_number_check_digit',
        'date_of_birth',
        'date_of_birth_check_digit',
        'expiry_date',
        'expiry_date_check_digit',
        'optional_data',
      ],
    },
  ],
};

const TD3: MrzLayout = {
  format: 'TD3',
  lineCount: 2,
  lineLength: 44,
  fields: [
    f('document_code', 0, 0, 2, 'alpha', ['passport_code']),
    f('issuing_country', 0, 2, 5, 'alpha'),
    f('name', 0, 5, 44, 'alpha'),
    f('document_number', 1, 0, 9, 'alphanumeric'),
    f('document_number_check_digit', 1, 9, 10, 'numeric'),
    f('nationality', 1, 10, 13, 'alpha'),
    f('date_of_birth', 1, 13, 19, 'numeric'),
    f('date_of_birth_check_digit', 1, 19, 20, 'numeric'),
    f('sex', 1, 20, 21, 'sex'),
    f('expiry_date', 1, 21, 27, 'numeric'),
    f('expiry_date_check_digit', 1, 27, 28, 'numeric'),
    f('optional_data', 1, 28, 42, 'alphanumeric'),
    f('optional_data_check_digit', 1, 42, 43, 'numeric_or_filler'),
    f('composite_check_digit', 1, 43, 44, 'numeric'),
  ],
  checks: [
    DOCUMENT_NUMBER_CHECK,
    ...DATE_CHECKS,
    { name: 'optional_data', digit: 'optional_data_check_digit', sources: ['optional_data'] },
    {
      name: 'composite',
      digit: 'composite_check_digit',
      sources: [
        'document_number',
        'document_number_check_digit',
        'date_of_birth',
        'date_of_birth_check_digit',
        'expiry_date',
        'expiry_date_check_digit',
        'optional_data',
        'optional_data_check_digit',
      ],
    },
  ],
};

export const MRZ_LAYOUTS: Readonly<Record<MrzFormat, MrzLayout>> = { TD1, TD2, TD3 };

export function layoutField(layout: MrzLayout, field: MrzLayoutField): MrzFieldLayout {
  const found = layout.fields.find((candidate) => candidate.field === field);
  if (!found) throw new Error(`${layout.format} has no ${field} field`);
  return found;
}

export function fieldText(lines: readonly string[], field: MrzFieldLayout): string {
  return lines[field.line].slice(field.start, field.end);
}

/** Character class of every position, line by line. */
export function positionClasses(layout: MrzLayout): MrzCharClass[][] {
  const classes: MrzCharClass[][] = Array.from({ length: layout.lineCount }, () =>
    new Array<MrzCharClass>(layout.lineLength).fill('alphanumeric'),
  );
  for (const field of layout.fields) {
    for (let i = field.start; i < field.end; i++) {
      classes[field.line][i] = field.leadingClasses?.[i - field.start] ?? field.charClass;
    }
  }
  return classes;
}
