import { describe, expect, it } from 'vitest';
import type { SanctionedEntity } from '../model';
import { InvalidScreeningQueryError } from './invalid-screening-query.error';
import { NameScreeningIndex } from './name-screening-index';
import { DEFAULT_MATCH_THRESHOLD } from './scoring-constants';

function entity(fields: Partial<SanctionedEntity> & Pick<SanctionedEntity, 'id' | 'name'>): SanctionedEntity {
  return {
    list: fields.id.startsWith('eu:') ? 'eu' : fields.id.startsWith('un:') ? 'un' : 'ofac',
    type: 'person',
    aliases: [],
    birthDates: [],
    nationalities: [],
    addresses: [],
    programs: [],
    cryptoAddresses: [],
    ...fields,
  };
}

const PUTIN = entity({
  id: 'ofac:35096',
  name: 'PUTIN, Vladimir Vladimirovich',
  birthDates: [{ year: 1952, month: 10, day: 7 }],
  nationalities: ['RU'],
});
const PUTIN_EU = entity({
  id: 'eu:135909',
  name: 'Влади́мир Влади́мирович ПУ́ТИН',
  aliases: [{ name: 'Vladimir Vladimirovich PUTIN', strength: 'strong', kind: 'alias' }],
});
const NAUMOV = entity({ id: 'ofac:1', name: 'NAUMOV, Vladimir Vladimirovich' });
const ASSAD = entity({
  id: 'ofac:2',
  name: 'AL-ASSAD, Bashar Hafez',
  aliases: [{ name: 'BASHAR', strength: 'weak', kind: 'aka' }],
  addresses: [{ country: 'Syria', countryCode: 'SY' }],
});
const SHIPPING = entity({ id: 'ofac:3', type: 'organization', name: 'FUTURE AGE SHIPPING LIMITED' });
const VESSEL = entity({ id: 'ofac:4', type: 'vessel', name: 'FUTURE AGE' });
const AKHUND = entity({
  id: 'un:111074',
  name: 'MOHAMMAD ESSA AKHUND',
  birthDates: [{ year: 1958, toYear: 1960 }],
});
const KHAN = entity({ id: 'ofac:5', name: 'KHAN, Ali Akbar' });

const index = NameScreeningIndex.build([PUTIN, PUTIN_EU, NAUMOV, ASSAD, SHIPPING, VESSEL, AKHUND, KHAN]);
const ids = (name: string, options: object = {}) =>
  index.search({ name, ...options }).map((m) => m.entity.id);

describe('NameScreeningIndex', () => {
  it('counts its entities', () => {
    expect(index.size).toBe(8);
  });

  it('finds an entity by any name, across lists and scripts, best first', () => {
    for (const name of ['Vladimir Putin', 'Владимир Путин', 'PUTIN VLADIMIROVICH']) {
      expect(ids(name).sort()).toEqual(['eu:135909', 'ofac:35096']);
    }
    const scores = index.search({ name: 'Vladimir Putin Vladimirovich', minScore: 0 }).map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('catches typos, reordered tokens, joined particles and Arabic script', () => {
    expect(ids('Vladimr Putin')).toContain('ofac:35096');
    expect(ids('Assad Bashar')).toEqual(['ofac:2']);
    expect(ids('Bashar Alassad')).toEqual(['ofac:2']);
    expect(ids('محمد عیسی آخوند')).toEqual(['un:111074']);
  });

  it('does not hit a different person who shares a given name', () => {
    expect(ids('Vladimir Nabokov')).toEqual([]);
    const all = index.search({ name: 'Vladimir Nabokov', minScore: 0 });
    expect(all.find((m) => m.entity.id === 'ofac:1')?.score ?? 0).toBeLessThan(0.5);
  });

  it('returns the best-scoring name of each entity with a JSON-ready explanation', () => {
    // The EU record's Latin alias normalises to its Cyrillic primary name, which stands for both.
    const match = index.search({ name: 'Vladimir Putin' }).find((m) => m.entity.id === 'eu:135909')!;
    expect(match.matchedName).toBe('Влади́мир Влади́мирович ПУ́ТИН');
    expect(match.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    expect(match.explanation.name).toMatchObject({
      query_tokens: ['vladimir', 'putin'],
      unmatched_query: [],
      unmatched_candidate: ['vladimirovich'],
      alias_strength: 'strong',
      name_kind: 'primary',
    });
    expect(match.explanation.name.matched_tokens.map((m) => m.kind)).toEqual([
      'transliteration',
      'transliteration',
    ]);
    expect(JSON.parse(JSON.stringify(match.explanation))).toEqual(match.explanation);
    const keys = JSON.stringify(match.explanation).match(/"([^"]+)":/g) ?? [];
    expect(keys.every((key) => /^"[a-z_]+":$/.test(key))).toBe(true);
  });

  it('discounts a match on a weak alias', () => {
    const [weak] = index.search({ name: 'Bashar', minScore: 0 });
    expect(weak.explanation.name.alias_strength).toBe('weak');
    expect(weak.score).toBeLessThan(1);
  });

  it('weighs legal forms little and filters by entity type', () => {
    expect(ids('Future Age Shipping Ltd')).toContain('ofac:3');
    expect(ids('Future Age Shipping', { type: 'organization' })).toEqual(['ofac:3']);
    const [vessel] = index.search({ name: 'Future Age', type: 'vessel' });
    expect(vessel.entity.id).toBe('ofac:4');
    expect(vessel.explanation.type).toEqual({ query: 'vessel', candidate: 'vessel', effect: 'match' });
  });

  it('raises a match whose published birth year agrees and lowers one that conflicts', () => {
    const plain = index.search({ name: 'Mohammad Essa Akhund', minScore: 0 })[0];
    const inRange = index.search({ name: 'Mohammad Essa Akhund', birthYear: 1959, minScore: 0 })[0];
    const conflict = index.search({ name: 'Mohammad Essa Akhund', birthYear: 1990, minScore: 0 })[0];
    expect(inRange.score).toBeGreaterThanOrEqual(plain.score);
    expect(inRange.explanation.birth_year).toMatchObject({
      effect: 'match',
      candidate_years: ['1958-1960'],
      difference: 0,
    });
    expect(conflict.score).toBeLessThan(plain.score);
    expect(conflict.explanation.birth_year).toMatchObject({ effect: 'conflict', difference: 30 });
  });

  it('raises a match in the published country and leaves entities without one alone', () => {
    const match = (country: string) =>
      index.search({ name: 'Bashar al-Assad Hafiz', country, minScore: 0 })[0];
    expect(match('SY').score).toBeGreaterThan(match('FR').score);
    expect(match('sy').explanation.country).toMatchObject({
      query: 'SY',
      candidate_countries: ['SY'],
      effect: 'match',
    });
    const unknown = index.search({ name: 'Mohammad Essa Akhund', country: 'AF' })[0];
    expect(unknown.explanation.country).toMatchObject({ effect: 'unknown', adjustment: 0 });
  });

  it('applies limit and minScore', () => {
    expect(index.search({ name: 'Vladimir Putin', limit: 1 })).toHaveLength(1);
    expect(index.search({ name: 'Vladimir', minScore: 0 }).length).toBeGreaterThan(
      index.search({ name: 'Vladimir', minScore: 0.9 }).length,
    );
  });

  it('scores at most the configured number of candidate entities per query', () => {
    const crowd = Array.from({ length: 200 }, (_, i) =>
      entity({ id: `ofac:${1000 + i}`, name: `ALI, Mohammed ${i}` }),
    );
    const bounded = NameScreeningIndex.build([...crowd, KHAN], { candidateEntities: 5 });
    const results = bounded.search({ name: 'Ali Khan', minScore: 0, limit: 100 });
    expect(results.length).toBeLessThanOrEqual(5);
    expect(results[0].entity.id).toBe('ofac:5');
  });

  it.each([
    ['an empty name', { name: '   ' }, 'name'],
    ['a name over 512 characters', { name: 'a'.repeat(513) }, 'name'],
    ['control characters', { name: 'Vladimir\u0000Putin' }, 'name'],
    ['a newline', { name: 'Vladimir\nPutin' }, 'name'],
    ['no letters', { name: '-- !!' }, 'name'],
    ['a limit above 100', { name: 'Putin', limit: 101 }, 'limit'],
    ['a fractional limit', { name: 'Putin', limit: 1.5 }, 'limit'],
    ['a minScore above 1', { name: 'Putin', minScore: 2 }, 'minScore'],
    ['an unknown type', { name: 'Putin', type: 'ship' }, 'type'],
    ['a country that is not ISO alpha-2', { name: 'Putin', country: 'RUS' }, 'country'],
    ['a birth year out of range', { name: 'Putin', birthYear: 52 }, 'birthYear'],
  ])('refuses %s with an InvalidScreeningQueryError naming the field', (_, query, field) => {
    const run = () => index.search(query as never);
    expect(run).toThrow(InvalidScreeningQueryError);
    try {
      run();
    } catch (error) {
      expect((error as InvalidScreeningQueryError).field).toBe(field);
    }
  });

  it('normalises a mixed-script name instead of refusing it', () => {
    expect(ids('Vladimir Путин')).toContain('ofac:35096');
    expect(ids('Cергей')).toEqual([]);
  });
});
