import { describe, expect, it } from 'vitest';
import { countryCode } from './country-codes';

describe('countryCode', () => {
  it.each([
    ['Korea, North', 'KP'],
    ["Democratic People's Republic of Korea", 'KP'],
    ['Korea, South', 'KR'],
    ['Iran', 'IR'],
    ['Iran (Islamic Republic of)', 'IR'],
    ['Russia', 'RU'],
    ['Russian Federation', 'RU'],
    ['Burma', 'MM'],
    ['Myanmar', 'MM'],
    ['Congo, Democratic Republic of the', 'CD'],
    ['Democratic Republic of the Congo', 'CD'],
    ['Congo, Republic of the', 'CG'],
    ['Syrian Arab Republic', 'SY'],
    ['Viet Nam', 'VN'],
    ['Türkiye', 'TR'],
    ['Cote d Ivoire', 'CI'],
    ["Côte d'Ivoire", 'CI'],
    ['Bahamas, The', 'BS'],
    ['The Gambia', 'GM'],
    ['Man, Isle of', 'IM'],
    ['Virgin Islands, British', 'VG'],
    ['China, Hong Kong Special Administrative Region', 'HK'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GB'],
    ['North Macedonia, The Republic of', 'MK'],
    ['Palestinian', 'PS'],
    ['Region: Gaza', 'PS'],
    ['Region: Crimea', 'UA'],
    ['  united states  ', 'US'],
    ['Kosovo', 'XK'],
  ])('%s -> %s', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });

  it.each(['undetermined', 'former Soviet Union', 'Region: Kafia Kingi', 'na', '', undefined])(
    'does not resolve %s',
    (name) => {
      expect(countryCode(name)).toBeUndefined();
    },
  );
});
