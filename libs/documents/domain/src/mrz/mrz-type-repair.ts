import { states } from 'mrz';
import { type MrzCharClass, type MrzFieldLayout, type MrzLayout, positionClasses } from './mrz-layout';
import { alternativesInClass, fitsClass, looksLikeFiller } from './mrz-ocr-confusions';
import type { MrzCell } from './mrz-ocr-text';

const KNOWN_STATES = new Set(Object.keys(states));

function fieldCells(lines: readonly MrzCell[][], field: MrzFieldLayout): MrzCell[] {
  return lines[field.line].slice(field.start, field.end);
}

/**
 * In the filler run that closes a field, a lone angular letter is a broken chevron. It must follow two fillers
 * so that a real last letter ("CLARKE<<<") survives; in the name the first "<<" separates surname from given
 * names, so a letter right after it is a one-letter given name and is kept too.
 */
function repairFieldTrailingFillers(cells: readonly MrzCell[], isName: boolean): void {
  let zoneStart = cells.length;
  while (zoneStart > 0 && (cells[zoneStart - 1].char === '<' || looksLikeFiller(cells[zoneStart - 1].char)))
    zoneStart--;
  const separator = isName
    ? cells
        .map((cell) => cell.char)
        .join('')
        .indexOf('<<')
    : -1;
  let fillersBefore = 0;
  for (let i = zoneStart; i < cells.length; i++) {
    const cell = cells[i];
    if (cell.char === '<') {
      fillersBefore++;
    } else if (fillersBefore >= 2 && !(isName && i === separator + 2)) {
      cell.char = '<';
      fillersBefore++;
    } else {
      fillersBefore = 0;
    }
  }
}

export function repairTrailingFillers(lines: readonly MrzCell[][], layout: MrzLayout): void {
  for (const field of layout.fields) {
    if (field.charClass === 'alpha' || field.charClass === 'alphanumeric') {
      repairFieldTrailingFillers(fieldCells(lines, field), field.field === 'name');
    }
  }
}

/**
 * Maps every character that its position cannot hold to the most likely reading that it can: the engine's own
 * second choices first, then the usual look-alikes.
 */
export function repairToClasses(lines: readonly MrzCell[][], layout: MrzLayout): void {
  const classes = positionClasses(layout);
  lines.forEach((cells, line) =>
    cells.forEach((cell, index) => {
      const charClass: MrzCharClass = classes[line][index];
      if (fitsClass(cell.char, charClass)) return;
      const engine = [...cell.alternatives].find((char) => fitsClass(char, charClass));
      cell.char = engine ?? alternativesInClass(cell.char, charClass)[0] ?? cell.char;
    }),
  );
}

function codeOf(cells: readonly MrzCell[]): string {
  return cells
    .map((cell) => cell.char)
    .join('')
    .replace(/<+$/, '');
}

/**
 * A country code outside ICAO's list is a misread when exactly one look-alike substitution (or pair of them)
 * turns it into a listed code. Codes that no substitution reaches stay as read: specimens use invented states
 * such as Utopia (UTO).
 */
function repairCountryCode(cells: readonly MrzCell[]): void {
  if (KNOWN_STATES.has(codeOf(cells))) return;
  const options = cells.map((cell) => [cell.char, ...alternativesInClass(cell.char, 'alpha')]);
  // found[n]: listed codes reached with n substitutions; the fewest substitutions win, if they agree.
  const found: Set<string>[] = [new Set(), new Set(), new Set()];
  const walk = (i: number, prefix: string, changes: number): void => {
    if (changes > 2) return;
    if (i === cells.length) {
      if (/^[A-Z]+<*$/.test(prefix) && KNOWN_STATES.has(prefix.replace(/<+$/, '')))
        found[changes].add(prefix);
      return;
    }
    options[i].forEach((char, k) => walk(i + 1, prefix + char, changes + (k === 0 ? 0 : 1)));
  };
  walk(0, '', 0);
  const fewest = found.find((codes) => codes.size > 0);
  if (fewest?.size !== 1) return;
  const [repaired] = fewest;
  cells.forEach((cell, i) => (cell.char = repaired[i]));
}

export function repairCountryCodes(lines: readonly MrzCell[][], layout: MrzLayout): void {
  for (const field of layout.fields) {
    if (field.field === 'issuing_country' || field.field === 'nationality')
      repairCountryCode(fieldCells(lines, field));
  }
}
