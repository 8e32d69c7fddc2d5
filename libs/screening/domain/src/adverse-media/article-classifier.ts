import {
  splitSentences,
  stemWord,
  tokenizeForClassification,
  type ClassificationToken,
} from './article-text';
import { PhraseIndex, type PhraseMatch } from './phrase-matcher';
import {
  ALLEGATION_CUES,
  EXCULPATORY_CUES,
  NEGATION_WORDS,
  NEUTRALISING_FOLLOWERS,
  NEUTRALISING_PREFIXES,
  PLEA_WORDS,
  RISK_LEXICON,
} from './risk-lexicon';
import { RISK_CATEGORIES, type RiskCategory } from './risk-category';

/** What a text supports about one risk category. */
export interface CategoryFinding {
  category: RiskCategory;
  /** 0..1: how surely the text accuses someone of this offence. */
  confidence: number;
  /** The text also reports an outcome clearing the person (acquittal, charges dropped, ...) of it. */
  exculpated: boolean;
  /** The phrases that raised the category, as written (for a reviewer's explanation). */
  evidence: string[];
}

/** A term stays this much of its weight when a negation stands just before it ("no evidence of fraud"). */
const NEGATED_TERM_FACTOR = 0.1;
/** How far back a negation reaches. */
const NEGATION_REACH = 4;
/** How far an outcome cue reaches before and after itself within its clause. */
const EXCULPATION_REACH_BEFORE = 6;
const EXCULPATION_REACH_AFTER = 8;
const TERM_MAX_GAP = 2;
const CUE_MAX_GAP = 1;
/** The gap a `*` in a cue allows. */
const CUE_WILDCARD_GAP = 5;
/** Confidence kept by offence words that no word of legal process or accusation accompanies. */
const UNACCUSED_FACTOR = 0.6;
const MAX_EVIDENCE = 5;

const lexicon = new PhraseIndex(
  RISK_CATEGORIES.flatMap((category) =>
    RISK_LEXICON[category].map(({ phrase, weight }) => ({
      phrase,
      value: { category, weight },
      maxGap: TERM_MAX_GAP,
    })),
  ),
);
const allegationCues = new PhraseIndex(
  ALLEGATION_CUES.map((phrase) => ({ phrase, value: phrase, maxGap: CUE_MAX_GAP })),
);
const exculpatoryCues = new PhraseIndex(
  EXCULPATORY_CUES.map((cue) => ({
    phrase: cue.replace(/\s*\*\s*/g, ' '),
    value: cue,
    maxGap: cue.includes('*') ? CUE_WILDCARD_GAP : CUE_MAX_GAP,
  })),
);
const negations = new Set(NEGATION_WORDS.map(stemWord));
const pleaWords = new Set(PLEA_WORDS.map(stemWord));
const neutralisingPrefixes = new Set(NEUTRALISING_PREFIXES.map(stemWord));
const neutralisingFollowers = new Set(NEUTRALISING_FOLLOWERS.map(stemWord));
const NOT_GUILTY = ['not', 'guilty'].join(' ');

type TermMatch = PhraseMatch<{ category: RiskCategory; weight: number }>;

interface CategoryTally {
  /** Per phrase (its stems), the weight of its strongest occurrence. */
  weights: Map<string, number>;
  /** Position (sentence, word) of the category's first term in the passages. */
  firstAt: number;
  evidence: Set<string>;
}

/**
 * Which risk categories a text supports. `passages` are classified in order as one text (e.g. the headline,
 * then the sentences about the person); each passage is cut into sentences.
 *
 * Per category, the weights of its distinct lexicon phrases add up (a phrase repeated by the headline and the
 * body counts once; a longer phrase hides the shorter ones it contains, so "money laundering" is not counted
 * again as "laundering"), and confidence = 1 - e^-sum. A phrase counts
 * for nothing when it names the fight against an offence ("anti-fraud", "fraud prevention") and for a tenth
 * after a negation. A category is `exculpated` when an outcome cue ("acquitted of", "charges were dropped")
 * stands near one of its phrases, or when such a cue stands alone ("she was acquitted on all counts") after
 * the category was first raised.
 */
export function classifyRiskCategories(passages: readonly string[]): CategoryFinding[] {
  const tallies = new Map<RiskCategory, CategoryTally>();
  const exculpated = new Set<RiskCategory>();
  const blanketExculpations: number[] = [];
  let accused = false;
  let sentenceNumber = 0;

  for (const passage of passages) {
    for (const sentence of splitSentences(passage)) {
      const tokens = tokenizeForClassification(sentence.text);
      const position = (index: number) => sentenceNumber * 10_000 + index;
      const terms = nonOverlappingTerms(lexicon.matches(tokens)).filter(
        (term) => !isNeutralised(tokens, term),
      );
      const cues = exculpatoryCues.matches(tokens);
      if (allegationCues.matches(tokens).length > 0) accused = true;
      // "not" in "not guilty" or "not charged" is the cue's, not a negation of the offence after it.
      const cueWords = new Set(cues.flatMap((cue) => range(cue.start, cue.end)));

      for (const term of terms) {
        const { category, weight } = term.phrase.value;
        const tally = tallies.get(category) ?? {
          weights: new Map(),
          firstAt: position(term.start),
          evidence: new Set<string>(),
        };
        const phrase = term.phrase.stems.join(' ');
        const effective = isNegated(tokens, term.start, cueWords) ? weight * NEGATED_TERM_FACTOR : weight;
        tally.weights.set(phrase, Math.max(tally.weights.get(phrase) ?? 0, effective));
        tally.evidence.add(surface(tokens, term.start, term.end));
        tallies.set(category, tally);
      }

      for (const cue of cues) {
        if (cue.phrase.stems.join(' ') === NOT_GUILTY && isPlea(tokens, cue.start)) continue;
        const [from, to] = clauseWindow(
          tokens,
          cue.start - EXCULPATION_REACH_BEFORE,
          cue.end + EXCULPATION_REACH_AFTER,
          cue.start,
        );
        const near = terms.filter((term) => term.end >= from && term.start <= to);
        if (near.length === 0) blanketExculpations.push(position(cue.start));
        for (const term of near) exculpated.add(term.phrase.value.category);
      }
      sentenceNumber++;
    }
  }

  const findings: CategoryFinding[] = [];
  for (const [category, tally] of tallies) {
    const weight = [...tally.weights.values()].reduce((sum, value) => sum + value, 0);
    const confidence = (1 - Math.exp(-weight)) * (accused ? 1 : UNACCUSED_FACTOR);
    findings.push({
      category,
      confidence: Math.round(confidence * 1000) / 1000,
      exculpated: exculpated.has(category) || blanketExculpations.some((at) => at > tally.firstAt),
      evidence: [...tally.evidence].slice(0, MAX_EVIDENCE),
    });
  }
  return findings.sort((a, b) => b.confidence - a.confidence || a.category.localeCompare(b.category));
}

/** Per category, longer phrases first; a word already counted for a category is not counted for it again. */
function nonOverlappingTerms(matches: TermMatch[]): TermMatch[] {
  const ordered = [...matches].sort(
    (a, b) =>
      b.phrase.stems.length - a.phrase.stems.length ||
      b.phrase.value.weight - a.phrase.value.weight ||
      a.start - b.start,
  );
  const used = new Map<RiskCategory, Set<number>>();
  const kept: TermMatch[] = [];
  for (const match of ordered) {
    const taken = used.get(match.phrase.value.category) ?? new Set<number>();
    let overlaps = false;
    for (let index = match.start; index <= match.end; index++) if (taken.has(index)) overlaps = true;
    if (overlaps) continue;
    for (let index = match.start; index <= match.end; index++) taken.add(index);
    used.set(match.phrase.value.category, taken);
    kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function isNeutralised(tokens: readonly ClassificationToken[], term: TermMatch): boolean {
  const before = tokens[term.start - 1];
  const after = tokens[term.end + 1];
  return Boolean(
    (before && neutralisingPrefixes.has(before.stem)) || (after && neutralisingFollowers.has(after.stem)),
  );
}

function isNegated(
  tokens: readonly ClassificationToken[],
  start: number,
  cueWords: ReadonlySet<number>,
): boolean {
  for (let index = start - 1; index >= Math.max(0, start - NEGATION_REACH); index--) {
    const token = tokens[index];
    if (!token) return false;
    if (negations.has(token.stem) && !cueWords.has(index)) return true;
  }
  return false;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
}

function isPlea(tokens: readonly ClassificationToken[], cueStart: number): boolean {
  return tokens
    .slice(Math.max(0, cueStart - 3), cueStart)
    .some((token) => token !== null && pleaWords.has(token.stem));
}

/** [from, to] clamped to the clause around `anchor`: an outcome cue does not reach past "but" or ";". */
function clauseWindow(
  tokens: readonly ClassificationToken[],
  from: number,
  to: number,
  anchor: number,
): [number, number] {
  let start = anchor;
  while (start - 1 >= Math.max(0, from) && tokens[start - 1] !== null) start--;
  let end = anchor;
  while (end + 1 <= Math.min(tokens.length - 1, to) && tokens[end + 1] !== null) end++;
  return [start, end];
}

function surface(tokens: readonly ClassificationToken[], start: number, end: number): string {
  return tokens
    .slice(start, end + 1)
    .flatMap((token) => (token ? [token.surface] : []))
    .join(' ');
}
