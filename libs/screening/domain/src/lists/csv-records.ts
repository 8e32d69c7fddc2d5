import { ListParseError } from './list-parse.error';

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
/** DOS end-of-file marker that OFAC still appends to its legacy CSV files. */
const SUBSTITUTE = '\u001a';
const BYTE_ORDER_MARK = '\ufeff';

/**
 * Splits RFC 4180 CSV text into records: quoted fields may hold commas, doubled quotes and line breaks; rows end in
 * CRLF or LF; blank lines are skipped. A quote inside an unquoted field is kept as text, as spreadsheet tools do.
 * An unterminated quoted field, or text after a closing quote, is a ListParseError naming `file` and the line.
 * Written by hand (rather than a CSV library) because the OFAC files need exact line numbers in errors and the
 * end-of-file marker removed, and a tight loop keeps the whole list load well inside its time budget.
 */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  const body = stripFileMarkers(text);
  const records: CsvRecord[] = [];
  const end = body.length;
  let pos = 0;
  let line = 1;

  while (pos < end) {
    const first = body.charCodeAt(pos);
    if (first === CR || first === LF) {
      pos += first === CR && body.charCodeAt(pos + 1) === LF ? 2 : 1;
      line += 1;
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      if (body.charCodeAt(pos) === QUOTE) {
        const openedOn = line;
        let value = '';
        let from = pos + 1;
        for (;;) {
          const close = body.indexOf('"', from);
          if (close < 0) throw new ListParseError(file, openedOn, 'quoted field is never closed');
          value += body.slice(from, close);
          if (body.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            from = close + 2;
            continue;
          }
          line += countLineBreaks(body, pos, close);
          pos = close + 1;
          break;
        }
        fields.push(value);
        const next = body.charCodeAt(pos);
        if (pos < end && next !== COMMA && next !== CR && next !== LF) {
          throw new ListParseError(
            file,
            line,
            `unexpected text after a closing quote in field ${fields.length}`,
          );
        }
      } else {
        let stop = pos;
        while (stop < end) {
          const c = body.charCodeAt(stop);
          if (c === COMMA || c === CR || c === LF) break;
          stop += 1;
        }
        fields.push(body.slice(pos, stop));
        pos = stop;
      }
      if (body.charCodeAt(pos) === COMMA) {
        pos += 1;
        continue;
      }
      break;
    }
    records.push({ line: recordLine, fields });
  }
  return records;
}

function stripFileMarkers(text: string): string {
  let body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const marker = body.lastIndexOf(SUBSTITUTE);
  if (marker >= 0 && body.slice(marker + 1).trim() === '') body = body.slice(0, marker);
  return body;
}

/** Line breaks (CRLF, LF or a lone CR) between two offsets: quoted fields may span lines. */
function countLineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i += 1) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) breaks += 1;
  }
  return breaks;
}
