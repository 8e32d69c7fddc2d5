/**
 * Letters that Unicode NFKD does not decompose into a base letter plus marks, mapped to the ASCII spelling
 * that sanctions lists use for them (OFAC publishes ASCII only, so "Ø" must meet "O", "ß" must meet "ss").
 */
const UNDECOMPOSED_LETTERS: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
  ĸ: 'k',
  ſ: 's',
  ƒ: 'f',
  ə: 'a',
  ɨ: 'i',
  ʒ: 'z',
  ɛ: 'e',
  ɔ: 'o',
  ĳ: 'ij',
};

/**
 * Caron letters become the English digraphs that Russian, Belarusian and Ukrainian names take in English-language
 * lists ("Ališer" is OFAC's "Alisher", "TARASEVIČ" is "TARASEVICH"); stripping the caron alone would lose the h.
 */
const CARON_DIGRAPHS: Record<string, string> = { č: 'ch', š: 'sh', ž: 'zh' };

const MARKS = /\p{M}+/gu;
const CARONS = /[čšž]/gu;
const UNDECOMPOSED = new RegExp(`[${Object.keys(UNDECOMPOSED_LETTERS).join('')}]`, 'gu');
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Lower-cases a Latin-script string and reduces it to ASCII letters where a letter has a conventional ASCII
 * spelling: NFKD with its combining marks removed, plus the letters NFKD leaves whole. Characters that are not
 * letters are kept for the tokenizer to judge.
 */
export function foldLatin(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(CARONS, (char) => CARON_DIGRAPHS[char])
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(UNDECOMPOSED, (char) => UNDECOMPOSED_LETTERS[char]);
}
