import { describe, expect, it } from 'vitest';
import { compareNames } from './compare-names';

const score = (a: string, b: string) => compareNames(a, b).score;

describe('compareNames', () => {
  it('scores identical names 1, however they are written', () => {
    expect(score('Vladimir Putin', 'VLADIMIR PUTIN')).toBe(1);
    expect(score('Vladimir Putin', 'Putin Vladimir')).toBe(1);
    expect(score('Bashar al-Assad', 'Bashar Al Assad')).toBe(1);
    expect(score('Bashar Alassad', 'Bashar al-Assad')).toBe(1);
  });

  it('is monotonic in the number of differences', () => {
    const exact = score('Sergei Lavrov', 'Sergei Lavrov');
    const variant = score('Sergey Lavrov', 'Sergei Lavrov');
    const typo = score('Sergei Lavorv', 'Sergei Lavrov');
    const twoTypos = score('Sergie Lavorv', 'Sergei Lavrov');
    expect(exact).toBeGreaterThan(variant);
    expect(variant).toBeGreaterThan(typo);
    expect(typo).toBeGreaterThan(twoTypos);
  });

  it('penalises a query token with no counterpart more than a listed middle name the query omits', () => {
    const missingMiddle = score('Vladimir Putin', 'Vladimir Vladimirovich Putin');
    const extraQueryToken = score('Vladimir Vladimirovich Putin', 'Vladimir Putin');
    expect(missingMiddle).toBeGreaterThan(0.9);
    expect(extraQueryToken).toBeLessThan(missingMiddle);
  });

  it('does not match different people who share a given name', () => {
    expect(score('Vladimir Nabokov', 'Vladimir Vladimirovich Naumov')).toBeLessThan(0.5);
    expect(score('Maria Sharapova', 'Maria Petrova')).toBeLessThan(0.6);
  });

  it('weighs legal forms and particles little', () => {
    expect(score('Future Age Shipping', 'FUTURE AGE SHIPPING LIMITED')).toBeGreaterThan(0.95);
    expect(score('Dr Ayman Zawahiri', 'Ayman al-Zawahiri')).toBeGreaterThan(0.9);
  });

  it('explains the score token by token', () => {
    const { explanation } = compareNames('Vladimr Putin', 'PUTIN, Vladimir Vladimirovich');
    expect(explanation.query_tokens).toEqual(['vladimr', 'putin']);
    expect(explanation.matched_tokens).toEqual([
      { query: 'putin', candidate: 'putin', similarity: 1, kind: 'exact' },
      expect.objectContaining({ query: 'vladimr', candidate: 'vladimir', kind: 'fuzzy' }),
    ]);
    expect(explanation.unmatched_query).toEqual([]);
    expect(explanation.unmatched_candidate).toEqual(['vladimirovich']);
  });

  it('explains a joined spelling as one match of several tokens', () => {
    const { explanation } = compareNames('Maria Lvovabelova', 'Maria LVOVA-BELOVA');
    expect(explanation.matched_tokens).toContainEqual({
      query: 'lvovabelova',
      candidate: 'lvova belova',
      similarity: 1,
      kind: 'exact',
    });
  });

  it('scores an empty name 0', () => {
    expect(score('', 'Putin')).toBe(0);
  });
});
