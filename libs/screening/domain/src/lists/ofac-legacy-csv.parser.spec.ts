import { describe, expect, it } from 'vitest';
import { ListParseError } from './list-parse.error';
import { parseOfacLegacyCsv, type OfacLegacyCsvFiles } from './ofac-legacy-csv.parser';

const NULLS = '-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ';
const sdn = (rows: string[]) => `${rows.join('\r\n')}\r\n\u001a`;

const SDN = sdn([
  `306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",${NULLS},"a.k.a. 'BNC'."`,
  `35096,"PUTIN, Vladimir Vladimirovich","individual","RUSSIA-EO14024",${NULLS},"DOB 07 Oct 1952; POB Leningrad, Russia; nationality Russia; citizen Russia; Gender Male."`,
  `4243,"EBANO","vessel","CUBA] [SDGT",-0- ,-0- ,"General Cargo","2595","1865","Panama",-0- ,"f.k.a. 'ANA I'."`,
  `15431,"EP-GOM","aircraft","SDGT",${NULLS},-0- `,
  `39796,"TORNADO CASH",-0- ,"DPRK3] [CYBER2",${NULLS},"Website tornado.cash; Digital Currency Address - ETH 0xD21be7248e0197Ee08E0c20D4a96DEBdaC3D20Af; alt. Digital Currency A"`,
  `45430,"KIMSUKY",-0- ,"DPRK3",${NULLS},"a.k.a. 'VELVET CHOL'; a.k.a. 'THAL"`,
]);
const COMMENTS = [
  '39796,"ddress - ETH 0x4736dCf1b7A3d580672CcE6E7c65cd5cc9cFBa9D; alt. Digital Currency Address - ETH 0x242654336ca2205714071898f67E254EB49ACdCe."',
  `45430,"LIUM'; DOB 1961."`,
].join('\n');
const ALT = sdn([
  '306,220,"aka","NATIONAL BANK OF CUBA",-0- ',
  '35096,1,"fka","PUTIN, Vladimir",-0- ',
  '4243,2,"nka","NEW EBANO",-0- ',
]);
const ADD = sdn([
  '306,199,"Zweierstrasse 35","Zurich CH-8022","Switzerland",-0- ',
  '35096,200,"Kremlin","Moscow","Russia",-0- ',
  '4243,201,-0- ,-0- ,-0- ,-0- ',
  '15431,202,-0- ,-0- ,"Korea, North",-0- ',
]);

function parse(files: Partial<OfacLegacyCsvFiles> = {}) {
  const snapshot = parseOfacLegacyCsv({
    sdn: SDN,
    alt: ALT,
    add: ADD,
    comments: COMMENTS,
    publishedAt: '2023-12-28',
    ...files,
  });
  return { snapshot, byId: (id: string) => snapshot.entities.find((e) => e.id === id)! };
}

function parseError(files: Partial<OfacLegacyCsvFiles>): ListParseError {
  try {
    parse(files);
  } catch (error) {
    if (error instanceof ListParseError) return error;
    throw error;
  }
  throw new Error('expected a ListParseError');
}

describe('parseOfacLegacyCsv', () => {
  it('reads one entity per sdn.csv row with ofac:<ent_num> ids, the published name and the publication date', () => {
    const { snapshot, byId } = parse();
    expect(snapshot.list).toBe('ofac');
    expect(snapshot.publishedAt).toBe('2023-12-28');
    expect(snapshot.entities.map((e) => e.id)).toEqual([
      'ofac:306',
      'ofac:35096',
      'ofac:4243',
      'ofac:15431',
      'ofac:39796',
      'ofac:45430',
    ]);
    expect(byId('ofac:35096').name).toBe('PUTIN, Vladimir Vladimirovich');
  });

  it('maps SDN_Type, reading the -0- null as an organisation', () => {
    const { byId } = parse();
    expect(['ofac:306', 'ofac:35096', 'ofac:4243', 'ofac:15431'].map((id) => byId(id).type)).toEqual([
      'organization',
      'person',
      'vessel',
      'aircraft',
    ]);
  });

  it('splits programs joined with "] ["', () => {
    const { byId } = parse();
    expect(byId('ofac:4243').programs).toEqual(['CUBA', 'SDGT']);
    expect(byId('ofac:39796').programs).toEqual(['DPRK3', 'CYBER2']);
  });

  it('takes strong aliases from alt.csv and weak ones from the remarks', () => {
    const { byId } = parse();
    expect(byId('ofac:306').aliases).toEqual([
      { name: 'BNC', strength: 'weak', kind: 'aka' },
      { name: 'NATIONAL BANK OF CUBA', strength: 'strong', kind: 'aka' },
    ]);
    expect(byId('ofac:35096').aliases).toEqual([
      { name: 'PUTIN, Vladimir', strength: 'strong', kind: 'fka' },
    ]);
    expect(byId('ofac:4243').aliases.map((a) => [a.name, a.strength, a.kind])).toEqual([
      ['ANA I', 'weak', 'fka'],
      ['NEW EBANO', 'strong', 'nka'],
    ]);
  });

  it('reads birth dates and nationalities from the remarks', () => {
    const { byId } = parse();
    expect(byId('ofac:35096').birthDates).toEqual([{ year: 1952, month: 10, day: 7 }]);
    expect(byId('ofac:35096').nationalities).toEqual(['RU']);
  });

  it('joins the sdn_comments overflow to the remarks with no separator, also inside a word', () => {
    const { byId } = parse();
    const tornado = byId('ofac:39796');
    expect(tornado.cryptoAddresses).toEqual([
      { currency: 'ETH', address: '0xD21be7248e0197Ee08E0c20D4a96DEBdaC3D20Af' },
      { currency: 'ETH', address: '0x4736dCf1b7A3d580672CcE6E7c65cd5cc9cFBa9D' },
      { currency: 'ETH', address: '0x242654336ca2205714071898f67E254EB49ACdCe' },
    ]);
    expect(tornado.remarks).toContain('alt. Digital Currency Address - ETH 0x4736');
    const kimsuky = byId('ofac:45430');
    expect(kimsuky.aliases.map((a) => a.name)).toEqual(['VELVET CHOL', 'THALLIUM']);
    expect(kimsuky.birthDates).toEqual([{ year: 1961 }]);
  });

  it('reads addresses, resolving the country and skipping rows that are all nulls', () => {
    const { byId } = parse();
    expect(byId('ofac:306').addresses).toEqual([
      { street: 'Zweierstrasse 35', city: 'Zurich CH-8022', country: 'Switzerland', countryCode: 'CH' },
    ]);
    expect(byId('ofac:4243').addresses).toEqual([]);
    expect(byId('ofac:15431').addresses).toEqual([{ country: 'Korea, North', countryCode: 'KP' }]);
  });

  it('accepts sdn.csv alone, as OFAC publishes its primary file', () => {
    const snapshot = parseOfacLegacyCsv({ sdn: SDN, publishedAt: '2024-05-03' });
    const tornado = snapshot.entities.find((e) => e.id === 'ofac:39796')!;
    expect(tornado.cryptoAddresses).toHaveLength(1);
    expect(snapshot.entities.every((e) => e.addresses.length === 0)).toBe(true);
    expect(snapshot.entities.find((e) => e.id === 'ofac:306')!.aliases).toEqual([
      { name: 'BNC', strength: 'weak', kind: 'aka' },
    ]);
  });

  it('leaves remarks out when the field is -0-', () => {
    const { byId } = parse();
    expect(byId('ofac:15431').remarks).toBeUndefined();
  });

  describe('errors name the file and line', () => {
    it('a row with the wrong number of fields', () => {
      const error = parseError({ sdn: sdn([`1,"A",-0- ,"X",${NULLS},-0- `, '2,"B",-0- ,"X"']) });
      expect(error).toMatchObject({ file: 'sdn.csv', line: 2 });
      expect(error.reason).toBe('expected 12 fields, found 4');
    });

    it('an ent_num that is not a number', () => {
      expect(parseError({ sdn: sdn([`x1,"A",-0- ,"X",${NULLS},-0- `]) })).toMatchObject({
        file: 'sdn.csv',
        line: 1,
      });
    });

    it('an ent_num that appears twice', () => {
      const row = `1,"A",-0- ,"X",${NULLS},-0- `;
      expect(parseError({ sdn: sdn([row, row]), alt: '', add: '', comments: '' })).toMatchObject({
        file: 'sdn.csv',
        line: 2,
      });
    });

    it('an sdn.csv without entries', () => {
      expect(parseError({ sdn: '\r\n\u001a' })).toMatchObject({
        file: 'sdn.csv',
        line: 1,
        reason: 'the file has no entries',
      });
    });

    it('an unknown SDN_Type', () => {
      const error = parseError({ sdn: sdn([`1,"A","submarine","X",${NULLS},-0- `]) });
      expect(error.reason).toBe('unknown SDN_Type "submarine"');
    });

    it('an unterminated quote in alt.csv', () => {
      expect(parseError({ alt: '306,220,"aka","NATIONAL BANK OF CUBA,-0- \r\n' })).toMatchObject({
        file: 'alt.csv',
        line: 1,
      });
    });

    it('an alias, address or overflow for an entry that sdn.csv does not have (files of another publication)', () => {
      expect(parseError({ alt: sdn(['306,220,"aka","X",-0- ', '999,221,"aka","Y",-0- ']) })).toMatchObject({
        file: 'alt.csv',
        line: 2,
        reason: 'ent_num 999 is not in sdn.csv',
      });
      expect(parseError({ add: '999,1,-0- ,-0- ,"Cuba",-0- ' })).toMatchObject({ file: 'add.csv', line: 1 });
      expect(parseError({ comments: '1\n\n999,"x"' })).toMatchObject({ file: 'sdn_comments.csv', line: 1 });
    });
  });
});
