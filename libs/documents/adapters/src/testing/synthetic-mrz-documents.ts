import type { MrzFormat } from '@kyc/documents-domain';
import { composeMrzLines } from './compose-mrz-lines';
import type { MrzDocument, MrzDocumentData } from './mrz-document';
import { SeededRandom } from './seeded-random';

// Transliterated as an MRZ writes them; chosen to contain the letters OCR confuses with digits (O, I, S, B, Z, G).
const SURNAMES = [
  'OKONKWO',
  'BIANCHI',
  'SZABO',
  'GONZALEZ',
  'IBRAHIM',
  'SOBIESKI',
  'DUBOIS',
  'OLIVEIRA',
  'KOWALSKI',
  'BOGDANOVIC',
  'SILVA',
  'LEBLANC',
  'ZIEGLER',
  'GUSTAVSSON',
  'OSEI',
  'BRZEZINSKI',
  'DIOP',
  'GIORDANO',
  'HOLLOWAY',
  'JOHANSSON',
  'SCHULZ',
  'IOANNIDIS',
  'MUELLER',
  'OBRIEN',
  'LINDQVIST',
  'BOOTH',
  'SOLBERG',
  'NGUYEN',
  'DOS<SANTOS',
  'VAN<DIJK',
  'ZOLTAN',
  'GREGORIO',
  'BASSO',
  'OSULLIVAN',
  'IGLESIAS',
  'DUBOIS<LEGRAND',
  'BOSZORMENYI',
  'QUIGLEY',
  'ROSSI',
  'XU',
];
const GIVEN_NAMES = [
  'ISABEL',
  'OSCAR',
  'ZOE',
  'BORIS',
  'GIOVANNI',
  'SOFIA',
  'DIEGO',
  'OLGA',
  'IGOR',
  'BEATRIZ',
  'LOUIS',
  'SIOBHAN',
  'GUSTAV',
  'IDRIS',
  'OLIVIA',
  'ZBIGNIEW',
  'BODIL',
  'SEBASTIAN',
  'DOLORES',
  'OTTO',
  'INGRID',
  'BJORN',
  'GISELE',
  'OLUWASEUN',
  'SOLVEIG',
  'DMITRI',
  'ELIZABETH',
  'MARCO',
  'KAI',
  'LI',
  'JOSE',
  'ANNA',
  'ZOLTAN',
  'GIDEON',
  'IBRAHIM',
];
const COUNTRIES = [
  'D',
  'FRA',
  'ITA',
  'ESP',
  'NLD',
  'BEL',
  'AUT',
  'CHE',
  'POL',
  'SWE',
  'NOR',
  'DNK',
  'FIN',
  'IRL',
  'PRT',
  'GRC',
  'GBR',
  'USA',
  'CAN',
  'MEX',
  'BRA',
  'ARG',
  'CHL',
  'COL',
  'JPN',
  'KOR',
  'IND',
  'AUS',
  'NZL',
  'ZAF',
  'MAR',
  'TUR',
  'UKR',
];
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const DAY_MS = 86_400_000;

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function alphanumeric(random: SeededRandom, length: number): string {
  return Array.from({ length }, () => random.pick([...ALPHANUMERIC])).join('');
}

function documentNumber(random: SeededRandom): string {
  const letters = ALPHANUMERIC.slice(0, 26);
  return `${random.pick([...letters])}${alphanumeric(random, random.chance(0.2) ? 7 : 8)}`;
}

/** Names that fit the zone whole: the test set keeps truncation out of the accuracy figures. */
function names(random: SeededRandom, nameLength: number): { surname: string; givenNames: string } {
  for (;;) {
    const surname = random.pick(SURNAMES).replace(/</g, ' ');
    const given = [random.pick(GIVEN_NAMES), ...(random.chance(0.4) ? [random.pick(GIVEN_NAMES)] : [])];
    const givenNames = [...new Set(given)].join(' ');
    if (surname.length + 2 + givenNames.length <= nameLength) return { surname, givenNames };
  }
}

function syntheticData(random: SeededRandom, format: MrzFormat, now: Date): MrzDocumentData {
  const nameLength = format === 'TD1' ? 30 : format === 'TD2' ? 31 : 39;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const country = random.pick(COUNTRIES);
  const optionalLength = format === 'TD1' ? 15 : format === 'TD2' ? 7 : 14;
  return {
    format,
    documentType:
      format === 'TD3' ? random.pick(['P', 'P', 'P', 'PD']) : random.pick(['ID', 'I', 'IR', 'AC']),
    issuingCountry: country,
    nationality: random.chance(0.85) ? country : random.pick(COUNTRIES),
    ...names(random, nameLength),
    documentNumber: documentNumber(random),
    dateOfBirth: isoDay(today - random.int(16 * 365, 85 * 365) * DAY_MS),
    sex: random.pick(['M', 'F', 'F', 'M', 'X'] as const),
    expiryDate: isoDay(today + random.int(-3 * 365, 10 * 365) * DAY_MS),
    optionalData: random.chance(0.35)
      ? alphanumeric(random, random.int(Math.min(6, optionalLength), optionalLength))
      : '',
  };
}

export interface SyntheticMrzOptions {
  readonly count: number;
  readonly seed: number;
  /** Formats in rotation; TD1 and TD3 by default. */
  readonly formats?: readonly MrzFormat[];
  /** Reference date: births lie 16-85 years before it, expiries from 3 years before to 10 years after. */
  readonly now: Date;
}

/** Deterministic random documents with valid check digits: names, numbers, dates, countries. */
export function syntheticMrzDocuments(options: SyntheticMrzOptions): MrzDocument[] {
  const random = new SeededRandom(options.seed);
  const formats = options.formats ?? ['TD1', 'TD3'];
  return Array.from({ length: options.count }, (_, i) => {
    const format = formats[i % formats.length];
    const data = syntheticData(random, format, options.now);
    return {
      id: `synthetic-${options.seed}-${i}-${format.toLowerCase()}`,
      data,
      lines: composeMrzLines(data),
    };
  });
}
