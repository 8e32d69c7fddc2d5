import { describe, expect, it } from 'vitest';
import { foldLatin } from './fold-latin';
import { consonantSkeleton, phoneticKey } from './phonetic-key';
import { transliterateArabic } from './transliterate-arabic';

const key = (name: string) => phoneticKey(foldLatin(name));

describe('phoneticKey', () => {
  it.each([
    ['Vladimirovich', 'Vladimirovitch', 'Wladimirowitsch'],
    ['Dmitriy', 'Dmitry', 'Dmitrij'],
    ['Yevgeniy', 'Evgeny', 'Evgeniy'],
    ['Nikolayevich', 'Nikolaevich', 'Nikolajevich'],
    ['Kozhevnikov', 'Kozhevnikoff', 'Kozhevnikow'],
    ['Makhlouf', 'Makhluf', 'Makhlouff'],
    ['Rosoboronexport', 'Rosoboroneksport', 'Rosoboroneksport'],
    ['Fyodor', 'Fedor', 'Fjodor'],
    ['Tarasevich', 'Tarasevič', 'Tarasevic'],
    ['Hassan', 'Hasan', 'Hassan'],
  ])('gives one key to %s, %s and %s', (a, b, c) => {
    expect(key(b)).toBe(key(a));
    expect(key(c)).toBe(key(a));
  });

  it('keeps names apart that differ in more than romanisation', () => {
    expect(key('Jun')).not.toBe(key('Yun'));
    expect(key('Nabokov')).not.toBe(key('Naumov'));
    expect(key('Medvedev')).not.toBe(key('Mendeleev'));
  });
});

describe('consonantSkeleton', () => {
  const arabic = (word: string) => consonantSkeleton(transliterateArabic(word).join(''));

  it('lets Arabic script and its Latin spellings meet on their consonants', () => {
    expect(arabic('محمد')).toBe(consonantSkeleton('mohammed'));
    expect(arabic('محمد')).toBe(consonantSkeleton('muhammad'));
    expect(arabic('آخوند')).toBe(consonantSkeleton('akhund'));
    expect(arabic('كاظم')).toBe(consonantSkeleton('kathim'));
    expect(arabic('ولد')).toBe(consonantSkeleton('ould'));
  });

  it('marks an opening vowel, so Ammari and Maria differ', () => {
    expect(consonantSkeleton('ammari')).not.toBe(consonantSkeleton('maria'));
  });

  it('collapses doubled letters before vowels go, not consonants a vowel kept apart', () => {
    expect(consonantSkeleton('ferrari')).toBe('frr');
  });
});
