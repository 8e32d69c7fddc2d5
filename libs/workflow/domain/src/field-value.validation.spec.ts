import { describe, expect, it } from 'vitest';
import { ISO_COUNTRY_CODES, isIsoCountryCode } from './country-codes';
import { validateFieldValue } from './field-value.validation';
import { FIELD_TYPES, type FieldType, type FormField } from './workflow-definition';

const field = (type: FieldType, options?: string[]): FormField => ({
  field_id: 'f',
  name: 'F',
  type,
  required: false,
  ...(options ? { options } : {}),
});

const accepts = (type: FieldType, value: unknown, normalised: unknown = value, options?: string[]) =>
  expect(validateFieldValue(field(type, options), value)).toEqual({ ok: true, value: normalised });
const rejects = (type: FieldType, value: unknown, options?: string[]) => {
  const result = validateFieldValue(field(type, options), value);
  expect(result.ok, `${type} should reject ${JSON.stringify(value)}`).toBe(false);
  return result.ok ? '' : result.issue;
};

describe('validateFieldValue', () => {
  it('covers every field type with at least one accepted and one rejected value', () => {
    const samples: Record<FieldType, [unknown, unknown]> = {
      text: ['hello', 42],
      name: ['John Doe', 'J0hn'],
      date: ['1990-01-15', '1990-13-01'],
      email: ['john@example.com', 'john@'],
      phone: ['+14155550123', '4155550123'],
      country: ['US', 'XX'],
      number: [1.5, '1.5'],
      select: ['a', 'c'],
      boolean: [true, 'true'],
      url: ['https://example.com', 'ftp://example.com'],
      crypto_address: ['1BoatSLRHtKNngkdXEeobR76b53LETtpyT', 'short'],
    };
    for (const type of FIELD_TYPES) {
      const [good, bad] = samples[type];
      expect(validateFieldValue(field(type, ['a', 'b']), good).ok, `${type} accepts`).toBe(true);
      expect(validateFieldValue(field(type, ['a', 'b']), bad).ok, `${type} rejects`).toBe(false);
    }
  });

  describe('text', () => {
    it('accepts strings up to 1000 characters, empty included', () => {
      accepts('text', '');
      accepts('text', 'x'.repeat(1000));
      expect(rejects('text', 'x'.repeat(1001))).toBe('must be at most 1000 characters');
      rejects('text', null);
      rejects('text', 5);
    });
  });

  describe('name', () => {
    it.each([
      ['John Doe', 'John Doe'],
      ["  Seán   O'Brien ", "Seán O'Brien"],
      ['Jean-Luc Picard', 'Jean-Luc Picard'],
      ['Martin Luther King Jr.', 'Martin Luther King Jr.'],
      ['José María Núñez', 'José María Núñez'],
      ['Zoë D’Arcy', 'Zoë D’Arcy'],
      ['山田 太郎', '山田 太郎'],
      ['Мария Иванова', 'Мария Иванова'],
    ])('accepts %j', (value, normalised) => accepts('name', value, normalised));

    it.each(['', '   ', 'R2-D2', 'john@doe', "'-.", 'Robert; DROP TABLE', 42])('rejects %j', (value) => {
      rejects('name', value);
    });

    it('limits names to 200 characters', () => {
      accepts('name', 'a'.repeat(200));
      expect(rejects('name', 'a'.repeat(201))).toBe('must be at most 200 characters');
    });

    it('answers quickly on long hostile input', () => {
      const started = performance.now();
      rejects('name', `${'a.'.repeat(99)}!`);
      expect(performance.now() - started).toBeLessThan(50);
    });
  });

  describe('date', () => {
    it.each(['1990-01-15', '2024-02-29', '2000-02-29', '0024-02-29', '1999-12-31'])('accepts %s', (value) => {
      accepts('date', value);
    });
    it.each([
      '2023-02-29',
      '1900-02-29',
      '1990-02-30',
      '1990-04-31',
      '1990-13-01',
      '1990-00-10',
      '1990-01-00',
      '1990-1-5',
      '15/01/1990',
      '1990-01-15T00:00:00Z',
      19900115,
      '',
    ])('rejects %j', (value) => {
      rejects('date', value);
    });
  });

  describe('email', () => {
    it('accepts addresses and lower-cases the domain only', () => {
      accepts('email', 'john@example.com');
      accepts('email', ' John.Doe+kyc@Sub.Example.CO ', 'John.Doe+kyc@sub.example.co');
      accepts('email', "o'brien@example.ie");
    });
    it.each([
      'john',
      'john@',
      '@example.com',
      'john@example',
      'jo hn@example.com',
      'john..doe@example.com',
      '.john@example.com',
      'john@-example.com',
      'john@example.c',
      `${'a'.repeat(250)}@example.com`,
      7,
    ])('rejects %j', (value) => {
      rejects('email', value);
    });
  });

  describe('phone', () => {
    it('normalises spaces and dashes away', () => {
      accepts('phone', '+1 415-555-0123', '+14155550123');
      accepts('phone', '+54 9 11 1234-5678', '+5491112345678');
      accepts('phone', '+1234567', '+1234567');
      accepts('phone', '+123456789012345', '+123456789012345');
    });
    it.each([
      '4155550123',
      '+123456',
      '+1234567890123456',
      '+0 415 555 0123',
      '+1 (415) 555-0123',
      '+1.415.555.0123',
      '++14155550123',
      '+',
      14155550123,
    ])('rejects %j', (value) => {
      rejects('phone', value);
    });
  });

  describe('country', () => {
    it('ships all 249 ISO 3166-1 alpha-2 codes, each once', () => {
      expect(ISO_COUNTRY_CODES).toHaveLength(249);
      expect(new Set(ISO_COUNTRY_CODES).size).toBe(249);
      for (const code of ISO_COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
      expect([...ISO_COUNTRY_CODES]).toEqual([...ISO_COUNTRY_CODES].sort());
    });
    it('knows recent and special codes and not reserved ones', () => {
      for (const code of ['SS', 'CW', 'SX', 'BQ', 'AX', 'PS', 'TW', 'UM']) {
        expect(isIsoCountryCode(code), code).toBe(true);
      }
      for (const code of ['XK', 'UK', 'EU', 'AN', 'YU', 'ZZ'])
        expect(isIsoCountryCode(code), code).toBe(false);
    });
    it('upper-cases the code', () => {
      accepts('country', 'ar', 'AR');
      accepts('country', ' us ', 'US');
      rejects('country', 'USA');
      rejects('country', 1);
    });
  });

  describe('number', () => {
    it('accepts finite numbers only', () => {
      accepts('number', 0);
      accepts('number', -12.5);
      for (const value of [Number.NaN, Number.POSITIVE_INFINITY, '3', null, true]) rejects('number', value);
    });
  });

  describe('select', () => {
    it('accepts one of the options, exactly', () => {
      accepts('select', 'b', 'b', ['a', 'b']);
      expect(rejects('select', 'B', ['a', 'b'])).toBe('must be one of: a, b');
      rejects('select', ['a'], ['a', 'b']);
    });
  });

  describe('boolean', () => {
    it('accepts true and false only', () => {
      accepts('boolean', true);
      accepts('boolean', false);
      for (const value of ['true', 1, 0, null]) rejects('boolean', value);
    });
  });

  describe('url', () => {
    it('accepts absolute http and https URLs', () => {
      accepts('url', 'https://example.com/path?q=1');
      accepts('url', ' http://localhost:8080 ', 'http://localhost:8080');
    });
    it.each([
      'example.com',
      '/relative',
      'ftp://example.com',
      'javascript:alert(1)',
      'mailto:a@b.co',
      'https://',
      `https://example.com/${'a'.repeat(2048)}`,
      3,
    ])('rejects %j', (value) => {
      rejects('url', value);
    });
  });

  describe('crypto_address', () => {
    it('accepts addresses whose format and checksum hold, trimmed and as typed', () => {
      accepts(
        'crypto_address',
        ' 0x742d35Cc6634C0532925a3b844Bc454e4438f44e ',
        '0x742d35Cc6634C0532925a3b844Bc454e4438f44e',
      );
      accepts('crypto_address', '1BoatSLRHtKNngkdXEeobR76b53LETtpyT');
      accepts('crypto_address', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4');
      accepts('crypto_address', 'TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq');
    });
    it.each([
      'a'.repeat(20),
      // One character changed: the checksum no longer holds.
      '1BoatSLRHtKNngkdXEeobR76b53LETtpyU',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5',
      // Mixed case that is not the EIP-55 checksum.
      '0x742d35cc6634C0532925a3b844Bc454e4438f44e',
      'bc1q-xy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh',
      '',
      42,
    ])('rejects %j', (value) => {
      rejects('crypto_address', value);
    });
  });
});
