import { ISO_ALPHA3_TO_ALPHA2 } from './iso-country-codes';

/**
 * ICAO 9303 (part 3) codes that are not ISO 3166-1 alpha-3 but name a country ISO has a code for. Germany
 * writes a single D. The five British categories (overseas territories citizen, national overseas, overseas
 * citizen, protected person, subject) are all British nationality issued by the United Kingdom, which is what
 * a country field is compared with. Kosovo uses XK, the user-assigned code every registry and sanctions list
 * uses in the absence of an ISO one.
 */
const ICAO_COUNTRY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['D', 'DE'],
  ['GBD', 'GB'],
  ['GBN', 'GB'],
  ['GBO', 'GB'],
  ['GBP', 'GB'],
  ['GBS', 'GB'],
  ['RKS', 'XK'],
  ['XXK', 'XK'],
]);

/**
 * The ISO 3166-1 alpha-2 code of a country code read from a machine-readable zone, or the code as printed when
 * it names no country: organisations (UNO, UNA, UNK, EUE, XPO, XOM...), stateless persons and refugees (XXA,
 * XXB, XXC, XXX), withdrawn codes (ANT, NTZ) and specimen states (UTO). Null for an empty code.
 */
export function countryFromIcaoCode(code: string): string | null {
  const printed = code.replace(/</g, '').trim().toUpperCase();
  if (printed === '') return null;
  return ICAO_COUNTRY_ALIASES.get(printed) ?? ISO_ALPHA3_TO_ALPHA2.get(printed) ?? printed;
}
