import { describe, expect, it } from 'vitest';
import { parseEuFsfJson } from './eu-fsf-json.parser';
import { ListParseError } from './list-parse.error';

const record = (overrides: Record<string, unknown>) => ({
  id: 'EU-13',
  name: 'Saddam Hussein Al-Tikriti',
  type: 'INDIVIDUAL',
  country: '',
  programs: [],
  source: 'EU',
  matchScore: 100,
  details: {
    aliases: [],
    birthDate: '',
    sanctions: [],
    addresses: [],
    nationalities: [],
    identifications: [],
  },
  ...overrides,
});

const json = (data: unknown[]) =>
  JSON.stringify(
    { meta: { source: 'eu', count: data.length, timestamp: '2025-04-15T10:47:55.991021' }, data },
    null,
    2,
  );

function parseError(text: string): ListParseError {
  try {
    parseEuFsfJson(text);
  } catch (error) {
    if (error instanceof ListParseError) return error;
    throw error;
  }
  throw new Error('expected a ListParseError');
}

describe('parseEuFsfJson', () => {
  const snapshot = parseEuFsfJson(
    json([
      record({
        details: {
          aliases: ['Abu Ali', 'Abou Ali', 'Abu Ali', 'Saddam Hussein Al-Tikriti'],
          birthDate: '1937-04-28',
          nationalities: ['Iraq'],
        },
      }),
      record({
        id: 'EU-135909',
        name: 'Влади́мир Влади́мирович ПУ́ТИН',
        details: { aliases: ['Vladimir Vladimirovich PUTIN'], birthDate: '1952' },
      }),
      record({
        id: 'EU-163326',
        name: 'JSC DNPP',
        type: 'ENTITY',
        programs: ['UKR'],
        details: { birthDate: '1990-05' },
      }),
    ]),
  );

  it('reads eu:<logicalId> ids, types and the timestamp', () => {
    expect(snapshot.list).toBe('eu');
    expect(snapshot.publishedAt).toBe('2025-04-15T10:47:55.991021');
    expect(snapshot.entities.map((e) => [e.id, e.type])).toEqual([
      ['eu:13', 'person'],
      ['eu:135909', 'person'],
      ['eu:163326', 'organization'],
    ]);
  });

  it('keeps the first name alias as the name, whatever its script, and the others as strong aliases', () => {
    const putin = snapshot.entities[1];
    expect(putin.name).toBe('Влади́мир Влади́мирович ПУ́ТИН');
    expect(putin.aliases).toEqual([
      { name: 'Vladimir Vladimirovich PUTIN', strength: 'strong', kind: 'alias' },
    ]);
    expect(snapshot.entities[0].aliases.map((a) => a.name)).toEqual(['Abu Ali', 'Abou Ali']);
  });

  it('reads birth dates of any precision, nationalities and programs when present', () => {
    expect(snapshot.entities.map((e) => e.birthDates)).toEqual([
      [{ year: 1937, month: 4, day: 28 }],
      [{ year: 1952 }],
      [{ year: 1990, month: 5 }],
    ]);
    expect(snapshot.entities[0].nationalities).toEqual(['IQ']);
    expect(snapshot.entities[2].programs).toEqual(['UKR']);
  });

  it('reports invalid JSON with its line', () => {
    const text = json([record({})]).replace('"type": "INDIVIDUAL",', '"type": "INDIVIDUAL",,');
    const error = parseError(text);
    expect(error.file).toBe('eu-fsf.json');
    expect(error.line).toBe(text.split('\n').findIndex((l) => l.includes('INDIVIDUAL')) + 1);
    expect(parseError('{"meta": {').reason).toMatch(/invalid JSON/);
  });

  it('reports a record without a usable id, name or type at the record', () => {
    const text = json([record({}), record({ id: 'EU-77', type: 'VESSEL' })]);
    const error = parseError(text);
    expect(error.reason).toBe('data[1]: unknown type "VESSEL"');
    expect(error.line).toBe(text.split('\n').findIndex((l) => l.includes('"EU-77"')) + 1);
    expect(parseError(json([record({ id: '13' })])).reason).toMatch(/expected "EU-<logicalId>"/);
    expect(parseError(json([record({ name: ' ' })])).reason).toMatch(/name is missing/);
  });

  it('reports a file without meta.timestamp or data', () => {
    expect(parseError('{"data": []}').reason).toMatch(/meta.timestamp/);
    expect(parseError('{"meta": {"timestamp": "2025-04-15"}}').reason).toMatch(/data is not an array/);
    expect(parseError('[]').reason).toMatch(/meta.timestamp/);
    expect(parseError(json([])).reason).toBe('data has no records');
  });
});
