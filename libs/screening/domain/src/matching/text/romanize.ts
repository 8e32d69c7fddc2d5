import { foldLatin } from './fold-latin';
import { isArabicScript, transliterateArabic } from './transliterate-arabic';
import { cyrillicLookalikes, isCyrillic, transliterateCyrillic } from './transliterate-cyrillic';
import { isGreek, transliterateGreek } from './transliterate-greek';

const ASCII = /^[\x00-\x7f]*$/;

export type Script = 'latin' | 'cyrillic' | 'greek' | 'arabic';

function scriptOf(char: string): Script {
  if (isCyrillic(char)) return 'cyrillic';
  if (isGreek(char)) return 'greek';
  if (isArabicScript(char)) return 'arabic';
  return 'latin';
}

export interface RomanizedWord {
  /** Lower-case, folded to ASCII where a conventional spelling exists; may hold spaces (a split-off article). */
  text: string;
  /** The non-Latin script the word was written in, if any (the first one when scripts are mixed). */
  script: Script;
}

/**
 * Romanises one whitespace-free word, script run by script run, so a mixed-script word (a Cyrillic look-alike
 * letter inside a Latin name) is normalised instead of refused.
 */
export function romanizeWord(word: string): RomanizedWord {
  if (ASCII.test(word)) return { text: word.toLowerCase(), script: 'latin' };
  const lower = cyrillicLookalikes(word.normalize('NFC').toLowerCase());
  let text = '';
  let script: Script = 'latin';
  let run = '';
  let runScript: Script = 'latin';
  const flush = () => {
    if (run === '') return;
    if (runScript === 'cyrillic') text += transliterateCyrillic(run);
    else if (runScript === 'greek') text += transliterateGreek(run);
    else if (runScript === 'arabic') text += ` ${transliterateArabic(run).join(' ')} `;
    else text += run;
    if (runScript !== 'latin' && script === 'latin') script = runScript;
    run = '';
  };
  for (const char of lower) {
    // Combining marks belong to the run they follow (Cyrillic stress accents, Arabic vowel signs).
    const charScript: Script = /\p{M}/u.test(char) ? runScript : scriptOf(char);
    if (charScript !== runScript) flush();
    runScript = charScript;
    run += char;
  }
  flush();
  return { text: foldLatin(text), script };
}
