import { describe, expect, it } from 'vitest';
import { icaoRenderings } from './icao-transliteration';
import { nameWords } from './name-words';

describe('icaoRenderings', () => {
  it.each([
    ['Müller', 'mueller', 'muller'],
    ['Bäcker', 'baecker', 'backer'],
    ['Ørsted', 'oersted', 'orsted'],
    ['Ångström', 'aangstroem', 'angstrom'],
    ['Groß', 'gross', 'gross'],
    ['Æbelø', 'aebeloe', 'aebelo'],
    ['Núñez', 'nunez', 'nunez'],
    ['Çelik', 'celik', 'celik'],
    ['Łukasz', 'lukasz', 'lukasz'],
    ['Šťastný', 'stastny', 'stastny'],
    ['Þórður', 'thordur', 'thordur'],
    ['Щербакова', 'shcherbakova', 'shcherbakova'],
    ['Юлия', 'iuliia', 'iulyia'],
    ['Микола', 'mikola', 'mykola'],
    ['Ганна', 'ganna', 'hanna'],
    ['Фёдор', 'fedor', 'fedor'],
    ['Зырянов', 'zyrianov', 'zyrianov'],
    ['Подъячев', 'podieiachev', 'podieiachev'],
    ['Григорій', 'grigorii', 'hryhorii'],
    ['Ђорђевић', 'dordevic', 'dordevic'],
  ])('%s is %s, or (Ukrainian, Belarusian, single letters) %s', (word, recommended, alternative) => {
    expect(icaoRenderings(word)).toEqual({ recommended, alternative, complete: true });
  });

  it('marks words with letters outside its tables as incomplete', () => {
    expect(icaoRenderings('Παπαδόπουλος').complete).toBe(false);
  });
});

describe('nameWords', () => {
  it('splits at spaces, hyphens, fillers and dots, and drops apostrophes', () => {
    expect(nameWords("Jean-Luc O'Brien<J.R.").map((word) => word.spellings[0])).toEqual([
      'jean',
      'luc',
      'obrien',
      'j',
      'r',
    ]);
  });

  it('adds the screening romanisation for other scripts', () => {
    expect(nameWords('Юлия')[0].spellings).toEqual(['iuliia', 'iulyia', 'yuliya']);
    expect(nameWords('Παπαδόπουλος')[0].spellings).toEqual(['papadopoulos']);
  });

  it('keeps no word without a Latin spelling, and at most sixteen words', () => {
    expect(nameWords('王伟 --- ')).toEqual([]);
    expect(nameWords('a '.repeat(100))).toHaveLength(16);
  });
});
