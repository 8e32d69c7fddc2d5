import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from './csv-records';
import { ListParseError } from './list-parse.error';

function parseError(text: string): ListParseError {
  try {
    parseCsvRecords(text, 'sample.csv');
  } catch (error) {
    if (error instanceof ListParseError) return error;
    throw error;
  }
  throw new Error('expected a ListParseError');
}

describe('parseCsvRecords', () => {
  it('splits CRLF rows and keeps commas inside quoted fields', () => {
    const records = parseCsvRecords('1,"ANGLO-CARIBBEAN CO., LTD.",-0- \r\n2,"B",x\r\n', 'f');
    expect(records).toEqual([
      { line: 1, fields: ['1', 'ANGLO-CARIBBEAN CO., LTD.', '-0- '] },
      { line: 2, fields: ['2', 'B', 'x'] },
    ]);
  });

  it('drops the trailing 0x1A end-of-file byte and a byte order mark', () => {
    expect(parseCsvRecords('\ufeff1,a\r\n2,b\r\n\u001a', 'f').map((r) => r.fields)).toEqual([
      ['1', 'a'],
      ['2', 'b'],
    ]);
    expect(parseCsvRecords('1,a\u001a', 'f').map((r) => r.fields)).toEqual([['1', 'a']]);
  });

  it('reads doubled quotes as one quote and keeps empty fields', () => {
    expect(parseCsvRecords('1,"say ""hi""",,""\n', 'f')[0].fields).toEqual(['1', 'say "hi"', '', '']);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsvRecords('1,O\'NEIL "X"\n', 'f')[0].fields).toEqual(['1', 'O\'NEIL "X"']);
  });

  it('skips blank lines but counts them, and counts line breaks inside quoted fields', () => {
    const records = parseCsvRecords('1,"two\r\nlines"\r\n\r\n2,b\n3,"x\ny\nz"\n4,d', 'f');
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([
      [1, '1'],
      [4, '2'],
      [5, '3'],
      [8, '4'],
    ]);
    expect(records[0].fields[1]).toBe('two\r\nlines');
  });

  it('names the file and the line where an unterminated quoted field opens', () => {
    const error = parseError('1,a\r\n2,"never closed\r\n3,c\r\n');
    expect(error).toMatchObject({ file: 'sample.csv', line: 2 });
    expect(error.message).toBe('sample.csv, line 2: quoted field is never closed');
  });

  it('rejects text after a closing quote', () => {
    expect(parseError('1,a\n2,"b"c,d\n')).toMatchObject({ file: 'sample.csv', line: 2 });
  });

  it('returns nothing for an empty file', () => {
    expect(parseCsvRecords('', 'f')).toEqual([]);
    expect(parseCsvRecords('\r\n\u001a', 'f')).toEqual([]);
  });
});
