import { describe, expect, it } from 'vitest';
import { analyzeName, normalizeName } from './normalize-name';

const texts = (name: string, options?: Parameters<typeof analyzeName>[1]) =>
  analyzeName(name, options).map((t) => t.text);

describe('normalizeName', () => {
  it('folds case, diacritics and punctuation into space-separated tokens', () => {
    expect(normalizeName('  Nicolás   MADURO-Moros ')).toBe('nicolas maduro moros');
    expect(normalizeName("O'Brien, Christopher")).toBe('obrien christopher');
  });

  it('romanises other scripts and mixed-script names', () => {
    expect(normalizeName('Влади́мир Влади́мирович ПУ́ТИН')).toBe('vladimir vladimirovich putin');
    expect(normalizeName('حبيب بن احمد اللوبيري')).toBe('hbib bin ahmd al lubiri');
    expect(normalizeName('Vladimir Путин')).toBe('vladimir putin');
  });

  it('joins the letters of acronyms and abbreviated legal forms', () => {
    expect(normalizeName('CECEP EDITORES S.A.')).toBe('cecep editores sa');
    expect(normalizeName('P.E.I ENERGY PTE. LTD.')).toBe('pei energy pte ltd');
  });

  it('gives an empty string for a name without letters or digits', () => {
    expect(normalizeName(' -- ,. ')).toBe('');
  });
});

describe('analyzeName', () => {
  it('canonicalises legal forms in organisation names and marks them', () => {
    expect(texts('JOINT STOCK COMPANY SBERBANK OF RUSSIA')).toEqual(['jsc', 'sberbank', 'of', 'russia']);
    expect(texts('OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU FAM GRUPP')).toEqual(['ooo', 'fam', 'grupp']);
    expect(texts('PEAKVIEW INDUSTRY CO., LIMITED')).toEqual(['peakview', 'industry', 'co', 'ltd']);
    const tokens = analyzeName('FUTURE AGE SHIPPING LIMITED');
    expect(tokens[3]).toMatchObject({ text: 'ltd', kind: 'legal', legalFamily: 'limited' });
  });

  it('reads ambiguous short forms as legal only at the edge of a name', () => {
    expect(analyzeName('SA TRADING').map((t) => t.kind)).toEqual(['legal', 'name']);
    expect(analyzeName('BANCO SA DE CV INTERNATIONAL').map((t) => t.kind)).toEqual([
      'name',
      'name',
      'particle',
      'name',
      'name',
    ]);
  });

  it('never reads a legal form in a person’s name', () => {
    expect(analyzeName('CO, Sa', { type: 'person', published: true }).every((t) => t.kind !== 'legal')).toBe(
      true,
    );
  });

  it('corrects a typo in a typed legal form, but not in a published name or a look-alike name part', () => {
    expect(texts('LIMITD LIABILITY COMPNY IKSORA')).toEqual(['llc', 'iksora']);
    expect(texts('JPINT STOCK COMPANY SHVABE')).toEqual(['jsc', 'shvabe']);
    expect(texts('POINT TRADING')).toEqual(['point', 'trading']);
    expect(texts('LIMITD LIABILITY COMPNY IKSORA', { published: true })).toEqual([
      'limitd',
      'liability',
      'compny',
      'iksora',
    ]);
  });

  it('classifies particles, titles, patronymics, initials and numbers', () => {
    expect(analyzeName('Dr AL ZAWAHIRI').map((t) => t.kind)).toEqual(['title', 'particle', 'name']);
    expect(analyzeName('Vladimir Vladimirovich P 2').map((t) => t.kind)).toEqual([
      'name',
      'patronymic',
      'initial',
      'number',
    ]);
  });

  it('puts OFAC "LAST, First" person names in natural order and marks the surname', () => {
    const tokens = analyzeName('AL-ASSAD, Bashar Hafez', { type: 'person', published: true });
    expect(tokens.map((t) => [t.text, t.surname])).toEqual([
      ['bashar', false],
      ['hafez', false],
      ['al', true],
      ['assad', true],
    ]);
  });

  it('marks the upper-case surname of a mixed-case published name', () => {
    const tokens = analyzeName('Dmitry Nikolayevich KOZAK', { type: 'person', published: true });
    expect(tokens.map((t) => t.surname)).toEqual([false, false, true]);
    expect(analyzeName('DMITRY KOZAK', { type: 'person', published: true }).some((t) => t.surname)).toBe(
      false,
    );
  });

  it('keeps a typed query in the order given', () => {
    expect(texts('PUTIN, Vladimir')).toEqual(['putin', 'vladimir']);
  });

  it('records the script each token came from', () => {
    expect(analyzeName('Сергей Lavrov').map((t) => t.script)).toEqual(['cyrillic', 'latin']);
  });
});
