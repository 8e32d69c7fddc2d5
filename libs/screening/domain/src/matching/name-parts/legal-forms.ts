import { weightedEditDistance } from '../text/edit-distance';

/**
 * Legal forms of organisations. A form says what kind of company it is, not which one, so it is canonicalised
 * ("LIMITED" and "LTD" are one token) and weighs little. Forms of one family (the Russian OOO is an LLC; AO, OAO,
 * ZAO, PAO are joint-stock companies) count as a match of each other.
 */
export type LegalFamily =
  'limited-liability' | 'joint-stock' | 'limited' | 'company' | 'corporation' | 'partnership' | 'branch';

export interface LegalForm {
  canonical: string;
  family: LegalFamily;
}

/** Multi-word forms, longest first, each rewritten to one canonical token. */
// prettier-ignore
const PHRASES: [string[], string][] = [
  [['obshchestvo', 's', 'ogranichennoi', 'otvetstvennostyu'], 'ooo'],
  [['obshchestvo', 's', 'ogranichennoy', 'otvetstvennostyu'], 'ooo'],
  [['tovarystvo', 'z', 'obmezhenoyu', 'vidpovidalnistyu'], 'tov'],
  [['otkrytoe', 'aktsionernoe', 'obshchestvo'], 'oao'],
  [['zakrytoe', 'aktsionernoe', 'obshchestvo'], 'zao'],
  [['publichnoe', 'aktsionernoe', 'obshchestvo'], 'pao'],
  [['aktsionernoe', 'obshchestvo'], 'ao'],
  [['public', 'joint', 'stock', 'company'], 'pjsc'],
  [['open', 'joint', 'stock', 'company'], 'ojsc'],
  [['closed', 'joint', 'stock', 'company'], 'cjsc'],
  [['joint', 'stock', 'company'], 'jsc'],
  [['limited', 'liability', 'company'], 'llc'],
  [['limited', 'liability', 'partnership'], 'llp'],
  [['public', 'limited', 'company'], 'plc'],
  [['private', 'limited'], 'pvt'],
  [['sociedad', 'anonima'], 'sa'],
  [['societe', 'anonyme'], 'sa'],
  [['societa', 'per', 'azioni'], 'spa'],
  [['sdn', 'bhd'], 'sdnbhd'],
  [['free', 'zone', 'establishment'], 'fze'],
  [['free', 'zone', 'company'], 'fzco'],
];

/** Canonical single-token forms and their spellings. */
// prettier-ignore
const FORM_SPELLINGS: Record<string, LegalForm> = {
  llc: { canonical: 'llc', family: 'limited-liability' },
  ooo: { canonical: 'ooo', family: 'limited-liability' },
  tov: { canonical: 'tov', family: 'limited-liability' },
  gmbh: { canonical: 'gmbh', family: 'limited-liability' },
  sarl: { canonical: 'sarl', family: 'limited-liability' },
  srl: { canonical: 'srl', family: 'limited-liability' },
  fzllc: { canonical: 'fzllc', family: 'limited-liability' },
  fze: { canonical: 'fze', family: 'limited-liability' },
  fzco: { canonical: 'fzco', family: 'limited-liability' },
  fzc: { canonical: 'fzco', family: 'limited-liability' },
  jsc: { canonical: 'jsc', family: 'joint-stock' },
  ojsc: { canonical: 'ojsc', family: 'joint-stock' },
  cjsc: { canonical: 'cjsc', family: 'joint-stock' },
  pjsc: { canonical: 'pjsc', family: 'joint-stock' },
  oao: { canonical: 'oao', family: 'joint-stock' },
  zao: { canonical: 'zao', family: 'joint-stock' },
  pao: { canonical: 'pao', family: 'joint-stock' },
  ao: { canonical: 'ao', family: 'joint-stock' },
  ag: { canonical: 'ag', family: 'joint-stock' },
  sa: { canonical: 'sa', family: 'joint-stock' },
  spa: { canonical: 'spa', family: 'joint-stock' },
  nv: { canonical: 'nv', family: 'joint-stock' },
  plc: { canonical: 'plc', family: 'joint-stock' },
  ltd: { canonical: 'ltd', family: 'limited' },
  limited: { canonical: 'ltd', family: 'limited' },
  ltda: { canonical: 'ltd', family: 'limited' },
  pte: { canonical: 'pte', family: 'limited' },
  pvt: { canonical: 'pvt', family: 'limited' },
  bv: { canonical: 'bv', family: 'limited' },
  sdnbhd: { canonical: 'sdnbhd', family: 'limited' },
  bhd: { canonical: 'sdnbhd', family: 'limited' },
  co: { canonical: 'co', family: 'company' },
  company: { canonical: 'co', family: 'company' },
  cia: { canonical: 'co', family: 'company' },
  compania: { canonical: 'co', family: 'company' },
  inc: { canonical: 'inc', family: 'corporation' },
  incorporated: { canonical: 'inc', family: 'corporation' },
  corp: { canonical: 'corp', family: 'corporation' },
  corporation: { canonical: 'corp', family: 'corporation' },
  llp: { canonical: 'llp', family: 'partnership' },
  lp: { canonical: 'lp', family: 'partnership' },
  kg: { canonical: 'kg', family: 'partnership' },
  branch: { canonical: 'branch', family: 'branch' },
};

// A Map, not the object: a token such as "constructor" must not find Object.prototype members.
const FORMS = new Map(Object.entries(FORM_SPELLINGS));

/** Short forms that are also name parts or words ("AS", "SA", "AG"): legal only at the edge of a name. */
const EDGE_ONLY = new Set(['sa', 'ag', 'ao', 'nv', 'bv', 'kg', 'lp', 'co', 'cia', 'bhd']);

const PHRASES_BY_FIRST_WORD = new Map<string, [string[], string][]>();
for (const phrase of PHRASES)
  PHRASES_BY_FIRST_WORD.set(phrase[0][0], [...(PHRASES_BY_FIRST_WORD.get(phrase[0][0]) ?? []), phrase]);

/** Rewrites multi-word legal forms into their canonical token; `source` is the index of the token's first word. */
export function canonicalizeLegalPhrases(tokens: readonly string[]): { text: string; source: number }[] {
  const out: { text: string; source: number }[] = [];
  for (let i = 0; i < tokens.length;) {
    const phrase = PHRASES_BY_FIRST_WORD.get(tokens[i])?.find(([words]) =>
      words.every((word, k) => tokens[i + k] === word),
    );
    out.push({ text: phrase ? phrase[1] : tokens[i], source: i });
    i += phrase ? phrase[0].length : 1;
  }
  return out;
}

/**
 * Which tokens of an organisation name are legal forms: unambiguous forms anywhere, the ambiguous short ones
 * only in the run of forms at either end ("X CO., LTD", "AO X"). A one-token name is never all legal form.
 */
export function legalForms(tokens: readonly string[]): (LegalForm | undefined)[] {
  if (!tokens.some((token) => FORMS.has(token))) return tokens.map(() => undefined);
  const forms = tokens.map((token) => FORMS.get(token));
  const result: (LegalForm | undefined)[] = forms.map((form, i) =>
    form && !EDGE_ONLY.has(tokens[i]) ? form : undefined,
  );
  for (let i = 0; i < tokens.length && forms[i]; i++) result[i] = forms[i];
  for (let i = tokens.length - 1; i >= 0 && forms[i]; i--) result[i] = forms[i];
  if (result.every((form) => form !== undefined)) return tokens.map(() => undefined);
  return result;
}

/** Every word of a legal form long enough for a typo in it to be recognised. */
const TYPO_TOLERANT_WORDS = [...new Set([...PHRASES.flatMap(([words]) => words), ...FORMS.keys()])].filter(
  (word) => word.length >= 5,
);
/** A standalone form must be this long to be recognised with a typo ("LIMITD", not "CORP" for "CROP"). */
const MIN_STANDALONE_TYPO_FORM = 6;

function nearestLegalWord(token: string): string | undefined {
  if (token.length < 5 || FORMS.has(token)) return undefined;
  return TYPO_TOLERANT_WORDS.find(
    (word) => Math.abs(word.length - token.length) <= 1 && weightedEditDistance(token, word, 1) <= 1,
  );
}

/**
 * Corrects one-letter typos in legal-form words of a typed name ("LIMITD LIABILITY COMPNY" reads as the LLC it
 * is), but only where the corrected word completes a multi-word form or is a long standalone form, so a name
 * part one letter away from a form word ("POINT", "JOINT") stays itself.
 */
export function correctLegalFormTypos(tokens: readonly string[]): string[] {
  const corrected = tokens.map((token) => nearestLegalWord(token) ?? token);
  if (corrected.every((token, i) => token === tokens[i])) return [...tokens];
  const result = [...tokens];
  const phrases = canonicalizeLegalPhrases(corrected);
  phrases.forEach(({ text, source }, k) => {
    const end = k + 1 < phrases.length ? phrases[k + 1].source : corrected.length;
    const isPhrase = end - source > 1;
    const isForm = FORMS.has(text) && text.length >= MIN_STANDALONE_TYPO_FORM;
    if (isPhrase || isForm) for (let i = source; i < end; i++) result[i] = corrected[i];
  });
  return result;
}
