import type { AdverseMediaDecision } from './adverse-media-provider';
import { CATEGORY_SEVERITY, type RiskCategory } from './risk-category';

/** What one article says about the subject, as the scorer needs it. */
export interface ArticleRiskEvidence {
  /** How well the article's name matches the subject, 0..1. */
  nameScore: number;
  /** Publication date, ISO 8601; an unreadable date counts as old. */
  publishedAt: string;
  source: string;
  categories: readonly { category: RiskCategory; confidence: number; exculpated: boolean }[];
}

export interface RiskScoringOptions {
  /** The moment the screening happens, for the age of articles. */
  now: Date;
  /** risk_score at and above which the decision is REVIEW (0..100). */
  reviewThreshold?: number;
  /** After this many years an article's weight has lost half of what it can lose. */
  recencyHalfLifeYears?: number;
  /** The share of an article's weight that age never takes away: a conviction stays relevant. */
  recencyFloor?: number;
  /** What remains of an accusation once the subject was cleared of it. */
  exculpationFactor?: number;
  /** What another article of an already counted source adds: outlets repeat their own stories. */
  sameSourceFactor?: number;
}

export interface RiskAssessment {
  /** 0..100. */
  risk_score: number;
  decision: AdverseMediaDecision;
  /** Each input article's share of risk (0..1), in input order: orders articles for a reviewer. */
  articleRisks: number[];
}

export const DEFAULT_REVIEW_THRESHOLD = 50;
const DEFAULTS = {
  recencyHalfLifeYears: 5,
  recencyFloor: 0.5,
  exculpationFactor: 0.25,
  sameSourceFactor: 0.5,
};
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

function checkFraction(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new RangeError(`${name} must be a number 0..1, got ${value}`);
}

/**
 * Combines the articles found about a subject into a risk score.
 *
 * One article's risk = name strength (match score squared: a borderline name match counts well below an exact
 * one) x the strongest of its categories (severity x confidence, reduced by `exculpationFactor` when the
 * subject was cleared of it) x recency (floor + (1 - floor) x 0.5^(age / half-life)). A later article that
 * clears the subject of a category also clears the earlier articles accusing them of it; an accusation after
 * the acquittal stands.
 *
 * Articles combine as independent evidence (noisy-OR, 1 - prod(1 - risk)), except that further articles of a
 * source already counted weigh `sameSourceFactor` of their risk: ten reprints are not ten witnesses.
 */
export function scoreAdverseMedia(
  articles: readonly ArticleRiskEvidence[],
  options: RiskScoringOptions,
): RiskAssessment {
  const reviewThreshold = options.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
  if (!Number.isFinite(reviewThreshold) || reviewThreshold < 0 || reviewThreshold > 100) {
    throw new RangeError(`reviewThreshold must be a number 0..100, got ${reviewThreshold}`);
  }
  const halfLife = options.recencyHalfLifeYears ?? DEFAULTS.recencyHalfLifeYears;
  if (!Number.isFinite(halfLife) || halfLife <= 0)
    throw new RangeError(`recencyHalfLifeYears must be positive, got ${halfLife}`);
  const floor = options.recencyFloor ?? DEFAULTS.recencyFloor;
  const exculpationFactor = options.exculpationFactor ?? DEFAULTS.exculpationFactor;
  const sameSourceFactor = options.sameSourceFactor ?? DEFAULTS.sameSourceFactor;
  checkFraction('recencyFloor', floor);
  checkFraction('exculpationFactor', exculpationFactor);
  checkFraction('sameSourceFactor', sameSourceFactor);
  const now = options.now.getTime();
  if (Number.isNaN(now)) throw new RangeError('now must be a valid date');

  const publishedAt = articles.map((article) => Date.parse(article.publishedAt));
  const latestClearing = latestExculpationPerCategory(articles, publishedAt);

  const articleRisks = articles.map((article, index) => {
    const nameStrength = clamp01(article.nameScore) ** 2;
    const ageYears = Number.isNaN(publishedAt[index])
      ? Infinity
      : Math.max(0, (now - publishedAt[index]) / YEAR_MS);
    const recency = floor + (1 - floor) * 0.5 ** (ageYears / halfLife);
    let strongest = 0;
    for (const { category, confidence, exculpated } of article.categories) {
      const cleared = exculpated || publishedAt[index] <= (latestClearing.get(category) ?? -Infinity);
      const risk = CATEGORY_SEVERITY[category] * clamp01(confidence) * (cleared ? exculpationFactor : 1);
      strongest = Math.max(strongest, risk);
    }
    return nameStrength * strongest * recency;
  });

  const bySource = new Map<string, number[]>();
  articleRisks.forEach((risk, index) => {
    const source = articles[index].source.trim().toLowerCase();
    bySource.set(source, [...(bySource.get(source) ?? []), risk]);
  });
  let clearProbability = 1;
  for (const risks of bySource.values()) {
    const [first, ...rest] = [...risks].sort((a, b) => b - a);
    clearProbability *= 1 - first;
    for (const risk of rest) clearProbability *= 1 - sameSourceFactor * risk;
  }
  const risk_score = Math.round(100 * (1 - clearProbability));
  return { risk_score, decision: risk_score >= reviewThreshold ? 'REVIEW' : 'CLEAR', articleRisks };
}

function latestExculpationPerCategory(
  articles: readonly ArticleRiskEvidence[],
  publishedAt: number[],
): Map<RiskCategory, number> {
  const latest = new Map<RiskCategory, number>();
  articles.forEach((article, index) => {
    if (Number.isNaN(publishedAt[index])) return;
    for (const { category, exculpated } of article.categories) {
      if (exculpated) latest.set(category, Math.max(latest.get(category) ?? -Infinity, publishedAt[index]));
    }
  });
  return latest;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
