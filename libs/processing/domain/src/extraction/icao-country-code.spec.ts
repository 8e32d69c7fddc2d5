import { states } from 'mrz';
import { describe, expect, it } from 'vitest';
import { countryFromIcaoCode } from './icao-country-code';
import { ISO_ALPHA3_TO_ALPHA2 } from './iso-country-codes';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

describe('ISO_ALPHA3_TO_ALPHA2', () => {
  it('holds every officially assigned ISO 3166-1 country, each alpha-2 code once', () => {
    expect(ISO_ALPHA3_TO_ALPHA2.size).toBe(249);
    expect(new Set(ISO_ALPHA3_TO_ALPHA2.values()).size).toBe(249);
    for (const [alpha3, alpha2] of ISO_ALPHA3_TO_ALPHA2) {
      expect(alpha3).toMatch(/^[A-Z]{3}$/);
      expect(alpha2).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('agrees with two independent lists: ICAO codes (mrz package) and the regions ICU knows', () => {
    const icaoCodes = new Set(Object.keys(states));
    for (const [alpha3, alpha2] of ISO_ALPHA3_TO_ALPHA2) {
      expect(icaoCodes.has(alpha3), alpha3).toBe(true);
      expect(regionNames.of(alpha2), alpha2).toBeDefined();
    }
  });
});

describe('countryFromIcaoCode', () => {
  it('turns ISO alpha-3 codes into alpha-2', () => {
    const sample: Record<string, string> = {
      FRA: 'FR',
      DEU: 'DE',
      GBR: 'GB',
      USA: 'US',
      AUT: 'AT',
      AUS: 'AU',
      CHE: 'CH',
      CHN: 'CN',
      CHL: 'CL',
      ESP: 'ES',
      SWE: 'SE',
      SVN: 'SI',
      SVK: 'SK',
      KOR: 'KR',
      PRK: 'KP',
      UKR: 'UA',
      ZAF: 'ZA',
      COM: 'KM',
      CYM: 'KY',
      MAC: 'MO',
      MYT: 'YT',
      SGS: 'GS',
      SRB: 'RS',
      TLS: 'TL',
      ALA: 'AX',
      BES: 'BQ',
      PSE: 'PS',
      VAT: 'VA',
      IOT: 'IO',
      ATA: 'AQ',
    };
    for (const [alpha3, alpha2] of Object.entries(sample)) expect(countryFromIcaoCode(alpha3)).toBe(alpha2);
  });

  it('maps the ICAO codes that stand for a country ISO codes differently', () => {
    expect(countryFromIcaoCode('D')).toBe('DE');
    for (const british of ['GBD', 'GBN', 'GBO', 'GBP', 'GBS'])
      expect(countryFromIcaoCode(british)).toBe('GB');
    expect(countryFromIcaoCode('RKS')).toBe('XK');
    expect(countryFromIcaoCode('XXK')).toBe('XK');
  });

  it('keeps, as printed, the codes that name no country', () => {
    const organisations = [
      'UNO',
      'UNA',
      'UNK',
      'EUE',
      'XBA',
      'XIM',
      'XCC',
      'XCE',
      'XCO',
      'XEC',
      'XPO',
      'XES',
    ];
    const persons = ['XXA', 'XXB', 'XXC', 'XXX'];
    for (const code of [...organisations, 'XOM', 'XDC', ...persons, 'ANT', 'NTZ', 'UTO']) {
      expect(countryFromIcaoCode(code)).toBe(code);
    }
  });

  it('resolves every code of the ICAO list to an alpha-2 code or to itself', () => {
    for (const code of Object.keys(states)) {
      const country = countryFromIcaoCode(code);
      expect(country === code || /^[A-Z]{2}$/.test(country ?? ''), code).toBe(true);
    }
  });

  it('reads the code as a zone prints it: fillers, lower case, nothing at all', () => {
    expect(countryFromIcaoCode('D<<')).toBe('DE');
    expect(countryFromIcaoCode('fra')).toBe('FR');
    expect(countryFromIcaoCode('<<<')).toBeNull();
    expect(countryFromIcaoCode('')).toBeNull();
  });
});
