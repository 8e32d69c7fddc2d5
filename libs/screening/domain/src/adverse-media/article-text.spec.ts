import { describe, expect, it } from 'vitest';
import { foldText, splitSentences, stemWord, tokenizeForClassification } from './article-text';

describe('stemWord', () => {
  it('gives the inflections of an offence word one stem', () => {
    const families = [
      ['launder', 'laundered', 'laundering', 'launders'],
      ['bribe', 'bribed', 'bribes', 'bribery', 'bribing'],
      ['acquit', 'acquitted', 'acquits'],
      ['embezzle', 'embezzled', 'embezzlement', 'embezzling'],
      ['kidnap', 'kidnapped', 'kidnapping'],
      ['organised', 'organized'],
      ['charge', 'charged', 'charges'],
      ['alleged', 'allegedly'],
      ['company', 'companies'],
    ];
    for (const family of families) {
      expect(new Set(family.map(stemWord)).size, family.join(',')).toBe(1);
    }
  });

  it('keeps words apart that only look alike', () => {
    expect(stemWord('fine')).not.toBe(stemWord('finance'));
    expect(stemWord('fraud')).not.toBe(stemWord('fraudster'));
    expect(stemWord('family')).toBe('family');
    expect(stemWord('business')).toBe('business');
    expect(stemWord('was')).toBe('was');
  });
});

describe('splitSentences', () => {
  it('cuts at sentence ends but not after titles and initials, and keeps offsets into the text', () => {
    const text = 'Mr. Okafor met John F. Kennedy on Monday. He left! Did she? Yes.\n\nNew paragraph';
    const sentences = splitSentences(text);
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      'Mr. Okafor met John F. Kennedy on Monday.',
      'He left!',
      'Did she?',
      'Yes.',
      'New paragraph',
    ]);
    for (const sentence of sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });

  it('answers no sentence for blank text', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });
});

describe('foldText and tokenizeForClassification', () => {
  it('folds case and diacritics', () => {
    expect(foldText('Acquitté ÉMILE Straße')).toBe('acquitte emile strasse');
  });

  it('stems words, reads "n\'t" as a negation and marks clause breaks as null', () => {
    const tokens = tokenizeForClassification("He wasn't charged; but she was.");
    expect(tokens.map((token) => token?.stem ?? null)).toEqual([
      'he',
      'not',
      'charg',
      null,
      null,
      'she',
      'was',
    ]);
  });
});
