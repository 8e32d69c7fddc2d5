import { describe, expect, it } from 'vitest';
import { CIRCA_YEARS, parseDatePoint, parseOfacBirthDate } from './published-birth-date';

describe('parseOfacBirthDate', () => {
  it.each([
    ['15 Sep 1961', { year: 1961, month: 9, day: 15 }],
    ['Sep 1961', { year: 1961, month: 9 }],
    ['1961', { year: 1961 }],
    ['1961.', { year: 1961 }],
    ['circa 1961', { year: 1961 - CIRCA_YEARS, toYear: 1961 + CIRCA_YEARS }],
    ['circa 12 Jul 1961', { year: 1961 - CIRCA_YEARS, toYear: 1961 + CIRCA_YEARS }],
    ['circa 1959-1961', { year: 1959, toYear: 1961 }],
    ['1960 to 1962', { year: 1960, toYear: 1962 }],
    ['01 Jan 1960 to 31 Dec 1962', { year: 1960, toYear: 1962 }],
    ['Mar 1963 to Feb 1964', { year: 1963, toYear: 1964 }],
    ['01 Mar 1970 to 31 Mar 1970', { year: 1970, month: 3 }],
    ['01 Jan 1970 to 31 Dec 1970', { year: 1970 }],
    ['05 May 1970 to 05 May 1970', { year: 1970, month: 5, day: 5 }],
  ])('%s', (text, expected) => {
    expect(parseOfacBirthDate(text)).toEqual(expected);
  });

  it.each(['unknown', '32 Jan 1960', '15 Foo 1960', '1962 to 1960', '12', 'circa'])('ignores %s', (text) => {
    expect(parseOfacBirthDate(text)).toBeUndefined();
  });
});

describe('parseDatePoint', () => {
  it('reads ISO dates of any precision', () => {
    expect(parseDatePoint('1958-02-22')).toEqual({ year: 1958, month: 2, day: 22 });
    expect(parseDatePoint('1958-02')).toEqual({ year: 1958, month: 2 });
    expect(parseDatePoint('1958')).toEqual({ year: 1958 });
    expect(parseDatePoint('1958-13-01')).toBeUndefined();
  });
});
