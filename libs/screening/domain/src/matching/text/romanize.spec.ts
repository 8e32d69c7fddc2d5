import { describe, expect, it } from 'vitest';
import { foldLatin } from './fold-latin';
import { romanizeWord } from './romanize';
import { transliterateArabic } from './transliterate-arabic';
import { transliterateCyrillic } from './transliterate-cyrillic';
import { transliterateGreek } from './transliterate-greek';

describe('foldLatin', () => {
  it('lower-cases and strips diacritics that NFKD decomposes', () => {
    expect(foldLatin('Nicolás MADURO Moros')).toBe('nicolas maduro moros');
    expect(foldLatin('Děripaska Lagoďuk Ramírez Castañeda')).toBe('deripaska lagoduk ramirez castaneda');
  });

  it('maps the letters NFKD leaves whole to their ASCII spelling', () => {
    expect(foldLatin('Øresund Łukasz Đorđević Straße Æsir Œuvre Işık')).toBe(
      'oresund lukasz dordevic strasse aesir oeuvre isik',
    );
  });

  it('writes caron letters as the English digraphs of Slavic names', () => {
    expect(foldLatin('Ališer TARASEVIČ Žukov')).toBe('alisher tarasevich zhukov');
  });

  it('leaves ASCII other than case alone', () => {
    expect(foldLatin("O'BRIEN-SMITH, J.")).toBe("o'brien-smith, j.");
  });
});

describe('transliteration', () => {
  it('romanises Russian Cyrillic close to the lists’ spelling', () => {
    expect(transliterateCyrillic('владимир путин')).toBe('vladimir putin');
    expect(transliterateCyrillic('сергей лавров')).toBe('sergey lavrov');
    expect(transliterateCyrillic('щёголев')).toBe('shchyogolev');
    expect(transliterateCyrillic('мария')).toBe('mariya');
  });

  it('reads Г as h in Ukrainian and Belarusian words and knows their extra letters', () => {
    expect(transliterateCyrillic('григорій')).toBe('hryhoriy');
    expect(transliterateCyrillic('григорий')).toBe('grigoriy');
    expect(transliterateCyrillic('лукашэнка аляксандр ў')).toBe('lukashenka alyaksandr u');
    expect(transliterateCyrillic('євген')).toBe('yevhen');
  });

  it('romanises Greek, with the digraphs Greek uses for foreign b, d and g', () => {
    expect(transliterateGreek('βλαντίμιρ πούτιν')).toBe('vladimir poutin');
    expect(transliterateGreek('αμπράμοβιτς')).toBe('abramovits');
  });

  it('romanises Arabic script, splitting the joined article and keeping long vowels', () => {
    expect(transliterateArabic('اللوبيري')).toEqual(['al', 'lubiri']);
    expect(transliterateArabic('محمد')).toEqual(['mhmd']);
    expect(transliterateArabic('آخوند')).toEqual(['akhund']);
    expect(transliterateArabic('عیسی')).toEqual(['aisi']);
  });

  it('spells Arabic kinship particles and splits one-word theophoric names', () => {
    expect(transliterateArabic('بن')).toEqual(['bin']);
    expect(transliterateArabic('عبدالحليم')).toEqual(['abd', 'al', 'hlim']);
  });

  it('drops Arabic vowel signs and reads Persian letters', () => {
    expect(transliterateArabic('مُحَمَّد')).toEqual(['mhmd']);
    expect(transliterateArabic('پرستو')).toEqual(['prstu']);
  });
});

describe('romanizeWord', () => {
  it('reports the script a word was written in', () => {
    expect(romanizeWord('Путин')).toEqual({ text: 'putin', script: 'cyrillic' });
    expect(romanizeWord('ذاکر')).toEqual({ text: ' zakr ', script: 'arabic' });
    expect(romanizeWord('Putin')).toEqual({ text: 'putin', script: 'latin' });
  });

  it('drops the stress marks of EU Cyrillic names', () => {
    expect(romanizeWord('Влади́мир').text).toBe('vladimir');
  });

  it('reads Latin look-alike letters inside a Cyrillic word as Cyrillic', () => {
    expect(romanizeWord('Cергей').text).toBe('sergey');
    expect(romanizeWord('ГOBOP').text).toBe('govor');
  });

  it('normalises a word mixing scripts run by run', () => {
    expect(romanizeWord('Alexeyев').text).toBe('alexeyev');
  });
});
