import { describe, expect, it } from 'vitest';
import { analyzeName } from './normalize-name';
import { compareTokens, editBudget } from './token-similarity';

const token = (name: string) => analyzeName(name)[0];
const compare = (a: string, b: string) => compareTokens(token(a), token(b));

describe('compareTokens', () => {
  it('calls identical spellings exact and romanisation variants phonetic', () => {
    expect(compare('Putin', 'PUTIN')).toEqual({ similarity: 1, kind: 'exact' });
    expect(compare('Dmitriy', 'Dmitry')).toEqual({ similarity: 0.95, kind: 'phonetic' });
  });

  it('calls a match across scripts a transliteration', () => {
    expect(compare('Путин', 'Putin')).toEqual({ similarity: 1, kind: 'transliteration' });
    expect(compare('محمد', 'Mohammed')).toMatchObject({ kind: 'transliteration' });
  });

  it('scores a one-letter typo in a long name as a fuzzy match', () => {
    const result = compare('Strrlkov', 'Strelkov');
    expect(result?.kind).toBe('fuzzy');
    expect(result?.similarity).toBeGreaterThan(0.85);
    expect(result?.similarity).toBeLessThan(0.95);
  });

  it('scores closer spellings higher', () => {
    const one = compare('Lavrinenko', 'Lavrinenka')?.similarity ?? 0;
    const two = compare('Lavrinenko', 'Lavrynenka')?.similarity ?? 0;
    const typo = compare('Lavrinenko', 'Lavribenko')?.similarity ?? 0;
    expect(one).toBeGreaterThan(typo);
    expect(two).toBeLessThanOrEqual(one);
  });

  it('keeps different names apart', () => {
    expect(compare('Nabokov', 'Naumov')).toBeUndefined();
    expect(compare('Mendeleev', 'Medvedev')).toBeUndefined();
    expect(compare('Rouhani', 'Rahmani')).toBeUndefined();
    expect(compare('Samir', 'Amir')).toBeUndefined();
  });

  it('matches short names only by their spelling keys', () => {
    expect(editBudget(4)).toBe(0);
    expect(compare('Jun', 'Jin')).toBeUndefined();
    expect(compare('Zhou', 'Zhao')).toBeUndefined();
    expect(compare('Ali', 'Aly')).toMatchObject({ kind: 'phonetic' });
  });

  it('matches an initial to a name it could abbreviate, weakly', () => {
    expect(compare('J', 'John')).toEqual({ similarity: 0.5, kind: 'initial' });
    expect(compare('K', 'John')).toBeUndefined();
  });

  it('matches legal forms of one family, and nothing else with them', () => {
    expect(compareTokens(analyzeName('X OOO')[1], analyzeName('X LLC')[1])).toMatchObject({
      similarity: 0.85,
    });
    expect(compareTokens(analyzeName('X OOO')[1], analyzeName('X JSC')[1])).toBeUndefined();
    expect(compareTokens(analyzeName('X LTD')[1], token('Ltdx'))).toBeUndefined();
  });

  it('matches spellings of one particle', () => {
    expect(compare('al', 'el')).toEqual({ similarity: 0.9, kind: 'phonetic' });
    expect(compare('bin', 'ibn')).toEqual({ similarity: 0.9, kind: 'phonetic' });
  });
});
