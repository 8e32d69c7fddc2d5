/**
 * Arabic and Persian script to Latin consonants (ذ is written z, as Persian and most Latin lists say it, and so
 * it cannot be read back as د followed by ه). The script writes no short vowels, so the output ("mhmd" for
 * محمد) is not meant to equal a Latin spelling ("Mohammed"): names from this script are compared through their
 * consonant skeletons (see phonetic-key.ts). Long vowels and the weak letters are kept as a/i/u, which the
 * skeleton drops, so "Essa" and عیسی meet on "s" and "Akhund" and آخوند on "khnd".
 */
// prettier-ignore
const LETTERS: Record<string, string> = {
  'ا': 'a', 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ٱ': 'a', 'ء': '', 'ؤ': 'u', 'ئ': 'i', 'ى': 'a', 'ة': 'a',
  'ب': 'b', 'ت': 't', 'ث': 'th', 'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'z', 'ر': 'r', 'ز': 'z',
  'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'd', 'ط': 't', 'ظ': 'z', 'غ': 'gh', 'ف': 'f', 'ق': 'q', 'ك': 'k',
  'ل': 'l', 'م': 'm', 'ن': 'n', 'ه': 'h', 'ۀ': 'h',
  // Persian and Urdu letters
  'پ': 'p', 'چ': 'ch', 'ژ': 'zh', 'گ': 'g', 'ک': 'k', 'ڭ': 'ng', 'ٹ': 't', 'ڈ': 'd', 'ڑ': 'r', 'ں': 'n', 'ھ': 'h', 'ے': 'i',
};

const AYN = 'ع';
const WAW = 'و';
const YEH = new Set(['ي', 'ی', 'ې', 'ۍ']);
const TATWEEL = 'ـ';
/** The definite article is written joined to its noun; lists write it apart ("AL-LOUBIRI"). */
const ARTICLE = 'ال';
const ABD = 'عبد';
/** Kinship particles, written without the vowels that every Latin spelling of them has. */
const PARTICLES: Record<string, string> = { بن: 'bin', ابن: 'ibn', بنت: 'bint' };

export function isArabicScript(char: string): boolean {
  return (
    (char >= '\u0600' && char <= '\u06ff') ||
    (char >= '\u0750' && char <= '\u077f') ||
    (char >= '\ufb50' && char <= '\ufeff')
  );
}

function arabicDigit(char: string): string | undefined {
  const code = char.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return undefined;
}

/**
 * Transliterates one word, splitting off a joined article: "اللوبيري" gives ["al", "lubiri"].
 * Ayn opens a syllable at the start of a word ("Abd", "Isa") and is silent elsewhere; waw and yeh are
 * consonants (w, y) at the start of a word and long vowels after it.
 */
export function transliterateArabic(word: string): string[] {
  const letters = [...word.normalize('NFKC')].filter((char) => char !== TATWEEL && !/\p{M}/u.test(char));
  const text = letters.join('');
  const particle = PARTICLES[text];
  if (particle !== undefined) return [particle];
  if (text.startsWith(ARTICLE) && letters.length > 3)
    return ['al', ...transliterateArabic(text.slice(ARTICLE.length))];
  // Theophoric names are often written as one word (عبدالحليم); lists write them "ABD AL-HALIM" or "ABDELHALIM".
  if (text.startsWith(ABD + ARTICLE) && letters.length > ABD.length + ARTICLE.length + 1) {
    return ['abd', ...transliterateArabic(text.slice(ABD.length))];
  }
  let out = '';
  letters.forEach((char, position) => {
    const first = position === 0;
    if (char === AYN) out += first ? 'a' : '';
    else if (char === WAW) out += first ? 'w' : 'u';
    else if (YEH.has(char)) out += first ? 'y' : 'i';
    else out += LETTERS[char] ?? arabicDigit(char) ?? char;
  });
  return out === '' ? [] : [out];
}
