import {
  classifyRiskCategories,
  normaliseAdverseMediaSubject,
  scoreAdverseMedia,
  type AdverseMediaArticle,
  type AdverseMediaProvider,
  type AdverseMediaResult,
  type AdverseMediaSubject,
  type CategoryFinding,
  type RiskScoringOptions,
} from '@kyc/screening-domain';
import type { CorpusArticle } from './article-corpus';
import { ArticleMentionIndex, type IndexedArticle, type IndexedMention } from './article-mention-index';
import { nameTokens, tokenKeys } from './name-index-keys';

/** Scores how well two names denote the same person, 0..1 (the screening name engine in production). */
export type NameComparator = (a: string, b: string) => { score: number };

export interface OfflineCorpusProviderOptions {
  /** Name reported in results. */
  providerName?: string;
  /** A mention scoring below this against the subject is another person. */
  minNameScore?: number;
  /** A category the text supports less surely than this is not reported. */
  minCategoryConfidence?: number;
  /** Most articles returned (the score counts them all). */
  maxArticles?: number;
  /** The current time; fixed in tests so recency is reproducible. */
  clock?: () => Date;
  /** Scoring parameters (review threshold, recency, ...). */
  scoring?: Omit<RiskScoringOptions, 'now'>;
}

const DEFAULTS = {
  providerName: 'offline-corpus',
  minNameScore: 0.85,
  minCategoryConfidence: 0.2,
  maxArticles: 25,
};
/** Ages in articles are rounded and dates approximate: a birth year this far off is still the same person. */
const BIRTH_YEAR_TOLERANCE = 2;
/** Sentences after a mention that can still be about the person ("He was charged ..."). */
const FOLLOW_UP_SENTENCES = 2;
/** A sentence opening like this, or speaking of "he" or "she", goes on about the person just named. */
const CONTINUING_OPENING = /^(?:they|their|the|this|it)\b/i;
const PERSONAL_PRONOUN = /\b(?:he|she|him|his|her|hers)\b/i;

interface ArticleMatch {
  indexed: IndexedArticle;
  best: { mention: IndexedMention; score: number };
  matched: IndexedMention[];
}

/**
 * Adverse media from a local article corpus. Finds the articles naming the subject (mentions brought by the
 * name index, judged by the injected name comparator), classifies what the sentences about the subject say,
 * and scores the findings. Works offline, so tests and air-gapped deployments screen without a vendor.
 */
export class OfflineCorpusAdverseMediaProvider implements AdverseMediaProvider {
  private readonly index: ArticleMentionIndex;
  private readonly settings: typeof DEFAULTS;
  private readonly clock: () => Date;

  constructor(
    corpus: readonly CorpusArticle[],
    private readonly compareNames: NameComparator,
    private readonly options: OfflineCorpusProviderOptions = {},
  ) {
    this.index = new ArticleMentionIndex(corpus);
    this.settings = {
      providerName: options.providerName ?? DEFAULTS.providerName,
      minNameScore: options.minNameScore ?? DEFAULTS.minNameScore,
      minCategoryConfidence: options.minCategoryConfidence ?? DEFAULTS.minCategoryConfidence,
      maxArticles: options.maxArticles ?? DEFAULTS.maxArticles,
    };
    this.clock = options.clock ?? (() => new Date());
    for (const key of ['minNameScore', 'minCategoryConfidence'] as const) {
      const value = this.settings[key];
      if (!(value >= 0 && value <= 1)) throw new RangeError(`${key} must be a number 0..1, got ${value}`);
    }
    if (!Number.isInteger(this.settings.maxArticles) || this.settings.maxArticles < 1) {
      throw new RangeError(`maxArticles must be a positive integer, got ${this.settings.maxArticles}`);
    }
    // Scoring options are checked by the scorer: a dry run makes a bad one fail here, not at the first screening.
    scoreAdverseMedia([], { ...options.scoring, now: new Date(0) });
  }

  async screen(subjectInput: AdverseMediaSubject, signal?: AbortSignal): Promise<AdverseMediaResult> {
    signal?.throwIfAborted();
    const subject = normaliseAdverseMediaSubject(subjectInput);
    const subjectKeys = new Set(nameTokens(subject.name).flatMap(tokenKeys));

    const found: { match: ArticleMatch; categories: CategoryFinding[] }[] = [];
    for (const match of this.matchArticles(subject)) {
      signal?.throwIfAborted();
      const categories = classifyRiskCategories(this.passagesAbout(match, subjectKeys)).filter(
        (finding) => finding.confidence >= this.settings.minCategoryConfidence,
      );
      if (categories.length > 0) found.push({ match, categories });
    }

    const assessment = scoreAdverseMedia(
      found.map(({ match, categories }) => ({
        nameScore: match.best.score,
        publishedAt: match.indexed.article.date,
        source: match.indexed.article.source,
        categories,
      })),
      { ...this.options.scoring, now: this.clock() },
    );
    const articles = found
      .map(({ match, categories }, index) => ({
        risk: assessment.articleRisks[index],
        article: toResultArticle(match, categories),
      }))
      .sort((a, b) => b.risk - a.risk || b.article.date.localeCompare(a.article.date))
      .slice(0, this.settings.maxArticles)
      .map(({ article }) => article);
    return {
      risk_score: assessment.risk_score,
      decision: assessment.decision,
      articles,
      provider: this.settings.providerName,
    };
  }

  /** Articles with at least one mention that names the subject, with their best mention. */
  private matchArticles(subject: AdverseMediaSubject): ArticleMatch[] {
    const byArticle = new Map<number, ArticleMatch>();
    for (const candidate of this.index.candidates(subject.name)) {
      // A judge, prosecutor or victim who shares the name is not the person the story accuses.
      if (candidate.mention.bystander) continue;
      const indexed = this.index.articles[candidate.article];
      if (contradictsBirthYear(subject, candidate, indexed.article)) continue;
      const score = this.compareNames(subject.name, candidate.mention.text).score;
      if (!(score >= this.settings.minNameScore)) continue;
      const match = byArticle.get(candidate.article) ?? {
        indexed,
        best: { mention: candidate, score },
        matched: [],
      };
      match.matched.push(candidate);
      if (score > match.best.score) match.best = { mention: candidate, score };
      byArticle.set(candidate.article, match);
    }
    return [...byArticle.values()];
  }

  /**
   * What the article says about the subject: the sentences naming them, each with up to two following
   * sentences that continue about them (speaking of "he" or "she", opening with "the" or "they", or naming
   * them by a single name token, and naming nobody else in full), and
   * the headline when the subject is the article's protagonist (named in it, or the first person named).
   * Classifying the whole article would blame the subject for what it says about others.
   */
  private passagesAbout(match: ArticleMatch, subjectKeys: ReadonlySet<string>): string[] {
    const { indexed, matched } = match;
    const refersToSubject = (mention: IndexedMention) =>
      matched.includes(mention) ||
      (!mention.mention.bystander &&
        mention.keys.length === 1 &&
        mention.keys[0].some((key) => subjectKeys.has(key)));

    const chosen = new Set<number>();
    indexed.mentions.forEach((mention) => {
      if (mention.sentence === undefined || !refersToSubject(mention)) return;
      chosen.add(mention.sentence);
      for (let next = mention.sentence + 1; next <= mention.sentence + FOLLOW_UP_SENTENCES; next++) {
        const sentence = indexed.sentences[next];
        if (!sentence) break;
        const inSentence = indexed.mentions.filter((other) => other.sentence === next);
        const continues =
          (CONTINUING_OPENING.test(sentence.text) ||
            PERSONAL_PRONOUN.test(sentence.text) ||
            inSentence.some(refersToSubject)) &&
          !inSentence.some((other) => other.keys.length >= 2 && !refersToSubject(other));
        if (!continues) break;
        chosen.add(next);
      }
    });

    const titleNamesSubject = indexed.mentions.some(
      (mention) => mention.sentence === undefined && refersToSubject(mention),
    );
    const firstPerson = indexed.mentions.find(
      (mention) => mention.sentence !== undefined && !mention.mention.bystander && mention.keys.length >= 2,
    );
    const protagonist = titleNamesSubject || (firstPerson !== undefined && matched.includes(firstPerson));
    return [
      ...(protagonist ? [indexed.article.title] : []),
      ...[...chosen].sort((a, b) => a - b).map((sentence) => indexed.sentences[sentence].text),
    ];
  }
}

function contradictsBirthYear(
  subject: AdverseMediaSubject,
  candidate: IndexedMention,
  article: CorpusArticle,
): boolean {
  if (subject.birthYear === undefined || candidate.mention.age === undefined) return false;
  const impliedBirthYear = new Date(article.date).getUTCFullYear() - candidate.mention.age;
  return Math.abs(impliedBirthYear - subject.birthYear) > BIRTH_YEAR_TOLERANCE;
}

function toResultArticle(match: ArticleMatch, categories: CategoryFinding[]): AdverseMediaArticle {
  const { article } = match.indexed;
  return {
    title: article.title,
    source: article.source,
    date: article.date,
    ...(article.url === undefined ? {} : { url: article.url }),
    categories: categories.map((finding) => finding.category),
    match_score: Math.round(match.best.score * 1000) / 1000,
    matched_text: match.best.mention.mention.text,
  };
}
