import { describe, expect, it } from 'vitest';
import type { ListSnapshot, SanctionedEntity } from '../model';
import { listDelta } from './list-delta';

const entity = (id: string, overrides: Partial<SanctionedEntity> = {}): SanctionedEntity => ({
  id,
  list: 'ofac',
  type: 'person',
  name: `NAME ${id}`,
  aliases: [],
  birthDates: [],
  nationalities: [],
  addresses: [],
  programs: ['SDGT'],
  cryptoAddresses: [],
  ...overrides,
});
const snapshot = (entities: SanctionedEntity[], publishedAt: string): ListSnapshot => ({
  list: 'ofac',
  publishedAt,
  entities,
});

describe('listDelta', () => {
  it('finds added, changed and removed entities', () => {
    const before = snapshot([entity('a'), entity('b'), entity('c')], '2023-12-28');
    const after = snapshot(
      [entity('a'), entity('b', { programs: ['SDGT', 'IRGC'] }), entity('d')],
      '2024-05-03',
    );
    const delta = listDelta(before, after);
    expect(delta.added.map((e) => e.id)).toEqual(['d']);
    expect(delta.changed.map((e) => e.id)).toEqual(['b']);
    expect(delta.changed[0].programs).toEqual(['SDGT', 'IRGC']);
    expect(delta.removed).toEqual(['c']);
  });

  const weakX = entity('a', { aliases: [{ name: 'X', strength: 'weak', kind: 'aka' }] });
  it.each<[string, Partial<SanctionedEntity>]>([
    ['name', { name: 'OTHER' }],
    ['type', { type: 'organization' }],
    ['alias', { aliases: [...weakX.aliases, { name: 'Y', strength: 'weak', kind: 'aka' }] }],
    ['alias strength', { aliases: [{ name: 'X', strength: 'strong', kind: 'aka' }] }],
    ['program', { programs: ['IRGC'] }],
    ['birth date', { birthDates: [{ year: 1960 }] }],
    ['nationality', { nationalities: ['IR'] }],
    ['crypto address', { cryptoAddresses: [{ currency: 'XBT', address: '1abc' }] }],
  ])('a changed %s counts as a change', (_, change) => {
    const delta = listDelta(snapshot([weakX], 'p'), snapshot([{ ...weakX, ...change }], 'n'));
    expect(delta.changed.map((e) => e.id)).toEqual(['a']);
  });

  it('ignores the order of values and facts that matching does not use', () => {
    const base = entity('a', { programs: ['A', 'B'], nationalities: ['RU', 'BY'], remarks: 'old' });
    const next = entity('a', {
      programs: ['B', 'A'],
      nationalities: ['BY', 'RU'],
      remarks: 'new',
      addresses: [{ city: 'Minsk' }],
    });
    expect(listDelta(snapshot([base], 'p'), snapshot([next], 'n'))).toEqual({
      added: [],
      changed: [],
      removed: [],
    });
  });
});
