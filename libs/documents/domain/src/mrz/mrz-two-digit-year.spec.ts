import { describe, expect, it } from 'vitest';
import { resolveBirthDate, resolveExpiryDate } from './mrz-two-digit-year';

const now = new Date('2025-06-01T12:00:00Z');

describe('two-digit years', () => {
  it('puts a birth date at the latest year that is not in the future', () => {
    expect(resolveBirthDate('740812', now)).toBe('1974-08-12');
    expect(resolveBirthDate('100101', now)).toBe('2010-01-01');
    expect(resolveBirthDate('250601', now)).toBe('2025-06-01');
    expect(resolveBirthDate('250602', now)).toBe('1925-06-02');
  });

  it('puts an expiry date at most twenty years ahead, so old documents stay expired', () => {
    expect(resolveExpiryDate('301231', now)).toBe('2030-12-31');
    expect(resolveExpiryDate('450601', now)).toBe('2045-06-01');
    expect(resolveExpiryDate('450602', now)).toBe('1945-06-02');
    expect(resolveExpiryDate('120415', now)).toBe('2012-04-15');
  });

  it('checks the calendar, across century leap-year rules', () => {
    expect(resolveBirthDate('000229', now)).toBe('2000-02-29');
    expect(resolveBirthDate('010229', now)).toBeNull();
    expect(resolveBirthDate('741332', now)).toBeNull();
    expect(resolveBirthDate('74O812', now)).toBeNull();
    // 2100 is no leap year, so with "now" in 2099 the 29 February of "00" is 2000's.
    expect(resolveBirthDate('000229', new Date('2100-03-01T00:00:00Z'))).toBe('2000-02-29');
  });
});
