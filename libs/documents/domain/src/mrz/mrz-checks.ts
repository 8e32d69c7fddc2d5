import { mrzCheckDigit } from './mrz-check-digit';
import { fieldText, layoutField, type MrzCheckLayout, type MrzLayout } from './mrz-layout';

export interface MrzPosition {
  readonly line: number;
  readonly index: number;
}

function digitMatches(source: string, digit: string): boolean {
  return /^[0-9]$/.test(digit) && mrzCheckDigit(source) === Number(digit);
}

/**
 * A document number longer than 9 characters (TD1, TD2) leaves a filler in the check digit slot and continues in
 * the optional data, whose last character before the first filler is then the check digit. Issuers differ on
 * whether the filler slot counts, so both readings are accepted (as the `mrz` package does).
 */
function overflowingDocumentNumberPasses(lines: readonly string[], layout: MrzLayout): boolean {
  const number = fieldText(lines, layoutField(layout, 'document_number'));
  const optional = fieldText(lines, layoutField(layout, 'optional_data'));
  const end = optional.includes('<') ? optional.indexOf('<') : optional.length;
  if (end < 2) return false;
  const tail = optional.slice(0, end - 1);
  const digit = optional[end - 1];
  return digitMatches(`${number}<${tail}`, digit) || digitMatches(`${number}${tail}`, digit);
}

export function checkPasses(lines: readonly string[], layout: MrzLayout, check: MrzCheckLayout): boolean {
  const digitField = layoutField(layout, check.digit);
  const digit = fieldText(lines, digitField);
  const source = check.sources.map((name) => fieldText(lines, layoutField(layout, name))).join('');
  if (digit === '<' && digitField.charClass === 'numeric_or_filler') {
    if (
      check.name === 'document_number' &&
      !fieldText(lines, layoutField(layout, 'optional_data')).startsWith('<')
    ) {
      return overflowingDocumentNumberPasses(lines, layout);
    }
    return /^<*$/.test(source);
  }
  return digitMatches(source, digit);
}

/** Every position whose character the check depends on (the digit included). */
export function checkPositions(
  lines: readonly string[],
  layout: MrzLayout,
  check: MrzCheckLayout,
): MrzPosition[] {
  const fields = [...check.sources, check.digit];
  const overflows =
    layoutField(layout, check.digit).charClass === 'numeric_or_filler' &&
    fieldText(lines, layoutField(layout, check.digit)) === '<';
  if (check.name === 'document_number' && overflows) fields.push('optional_data');
  return fields.flatMap((name) => {
    const field = layoutField(layout, name);
    return Array.from({ length: field.end - field.start }, (_, i) => ({
      line: field.line,
      index: field.start + i,
    }));
  });
}
