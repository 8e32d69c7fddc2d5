import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_THRESHOLD, scoreAdverseMedia, type ArticleRiskEvidence } from './risk-scorer';

const now = new Date('2026-03-01T00:00:00Z');
const article = (overrides: Partial<ArticleRiskEvidence> = {}): ArticleRiskEvidence => ({
  nameScore: 1,
  publishedAt: '2026-02-01',
  source: 'Northfield Courier',
  categories: [{ category: 'fraud', confidence: 0.95, exculpated: false }],
  ...overrides,
});
const score = (articles: ArticleRiskEvidence[], options = {}) =>
  scoreAdverseMedia(articles, { now, ...options });

describe('scoreAdverseMedia', () => {
  it('answers 0 and CLEAR for no article', () => {
    expect(score([])).toEqual({ risk_score: 0, decision: 'CLEAR', articleRisks: [] });
  });

  it('sends a recent fraud article with an exact name to review', () => {
    const result = score([article()]);
    expect(result.decision).toBe('REVIEW');
    expect(result.risk_score).toBeGreaterThanOrEqual(DEFAULT_REVIEW_THRESHOLD);
    expect(result.risk_score).toBeLessThanOrEqual(100);
  });

  it('decides REVIEW at and above the configured threshold', () => {
    const { risk_score } = score([article()]);
    expect(score([article()], { reviewThreshold: risk_score }).decision).toBe('REVIEW');
    expect(score([article()], { reviewThreshold: risk_score + 1 }).decision).toBe('CLEAR');
  });

  it('weighs a weaker name match, a less severe category, a less sure classification and an older article less', () => {
    const base = score([article()]).risk_score;
    expect(score([article({ nameScore: 0.85 })]).risk_score).toBeLessThan(base);
    expect(
      score([article({ categories: [{ category: 'tax_evasion', confidence: 0.95, exculpated: false }] })])
        .risk_score,
    ).toBeLessThan(base);
    expect(
      score([article({ categories: [{ category: 'fraud', confidence: 0.5, exculpated: false }] })])
        .risk_score,
    ).toBeLessThan(base);
    const ages = ['2026-02-01', '2022-01-01', '2016-01-01', '2001-01-01'].map(
      (publishedAt) => score([article({ publishedAt })]).risk_score,
    );
    expect([...ages].sort((a, b) => b - a)).toEqual(ages);
    expect(new Set(ages).size).toBe(ages.length);
    // Age never erases a conviction: the floor keeps half of it.
    expect(ages[3]).toBeGreaterThanOrEqual(Math.floor(ages[0] / 2));
  });

  it('ranks terrorism above fraud above tax evasion at equal confidence', () => {
    const of = (category: 'terrorism' | 'fraud' | 'tax_evasion') =>
      score([article({ categories: [{ category, confidence: 0.9, exculpated: false }] })]).risk_score;
    expect(of('terrorism')).toBeGreaterThan(of('fraud'));
    expect(of('fraud')).toBeGreaterThan(of('tax_evasion'));
  });

  it('takes the strongest category of an article', () => {
    const both = score([
      article({
        categories: [
          { category: 'fraud', confidence: 0.4, exculpated: false },
          { category: 'terrorism', confidence: 0.9, exculpated: false },
        ],
      }),
    ]);
    expect(both.risk_score).toBe(
      score([article({ categories: [{ category: 'terrorism', confidence: 0.9, exculpated: false }] })])
        .risk_score,
    );
  });

  it('adds evidence from independent sources more than repeats from one source', () => {
    const weak = { categories: [{ category: 'fraud' as const, confidence: 0.5, exculpated: false }] };
    const one = score([article(weak)]).risk_score;
    const sameSource = score([article(weak), article(weak)]).risk_score;
    const twoSources = score([article(weak), article({ ...weak, source: 'Eastport Gazette' })]).risk_score;
    expect(sameSource).toBeGreaterThan(one);
    expect(twoSources).toBeGreaterThan(sameSource);
  });

  it('lets a later acquittal clear earlier accusations of the same offence, but not later ones', () => {
    const charged = article({ publishedAt: '2024-05-08' });
    const acquitted = article({
      publishedAt: '2025-09-30',
      categories: [{ category: 'fraud', confidence: 0.9, exculpated: true }],
    });
    const rearrested = article({ publishedAt: '2026-01-15', source: 'Eastport Gazette' });
    const cleared = score([charged, acquitted]);
    expect(cleared.decision).toBe('CLEAR');
    expect(cleared.risk_score).toBeLessThan(score([charged]).risk_score / 2);
    expect(score([charged, acquitted, rearrested]).decision).toBe('REVIEW');
    // Clearing one offence says nothing about another.
    const laundering = article({
      publishedAt: '2024-01-01',
      categories: [{ category: 'money_laundering', confidence: 0.9, exculpated: false }],
    });
    expect(score([laundering, acquitted]).articleRisks[0]).toBe(score([laundering]).articleRisks[0]);
  });

  it('reports each article share of risk in input order', () => {
    const result = score([article({ nameScore: 0.9 }), article({ nameScore: 1, source: 'Other' })]);
    expect(result.articleRisks).toHaveLength(2);
    expect(result.articleRisks[0]).toBeLessThan(result.articleRisks[1]);
  });

  it('treats an unreadable date as old rather than failing', () => {
    expect(score([article({ publishedAt: 'yesterday' })]).risk_score).toBeLessThan(
      score([article()]).risk_score,
    );
  });

  it('refuses options out of range', () => {
    expect(() => score([], { reviewThreshold: 101 })).toThrow(RangeError);
    expect(() => score([], { recencyHalfLifeYears: 0 })).toThrow(RangeError);
    expect(() => score([], { recencyFloor: 1.5 })).toThrow(RangeError);
    expect(() => scoreAdverseMedia([], { now: new Date('nope') })).toThrow(RangeError);
  });
});
