import { describe, expect, it } from 'vitest';
import {
  InvalidAdverseMediaResultError,
  InvalidAdverseMediaSubjectError,
  type AdverseMediaResult,
} from './adverse-media-provider';
import { normaliseAdverseMediaSubject, parseAdverseMediaResult } from './adverse-media-validation';

describe('normaliseAdverseMediaSubject', () => {
  it('collapses whitespace and drops blank optional fields', () => {
    expect(
      normaliseAdverseMediaSubject({ name: '  Jane \n  Roe ', birthYear: 1971, country: ' GB ' }),
    ).toEqual({
      name: 'Jane Roe',
      birthYear: 1971,
      country: 'GB',
    });
    expect(normaliseAdverseMediaSubject({ name: 'Jane Roe', country: '  ' })).toEqual({ name: 'Jane Roe' });
  });

  it('refuses what cannot be screened, naming the field', () => {
    const cases: [unknown, string][] = [
      [null, 'subject'],
      [{ name: 42 }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(513) }, 'name'],
      [{ name: 'Jane\u0000Roe' }, 'name'],
      [{ name: '12345' }, 'name'],
      [{ name: 'Jane Roe', birthYear: 1971.5 }, 'birthYear'],
      [{ name: 'Jane Roe', birthYear: 1200 }, 'birthYear'],
      [{ name: 'Jane Roe', country: 7 }, 'country'],
      [{ name: 'Jane Roe', country: 'x'.repeat(65) }, 'country'],
    ];
    for (const [subject, field] of cases) {
      const attempt = () => normaliseAdverseMediaSubject(subject as never);
      expect(attempt, JSON.stringify(subject)).toThrow(InvalidAdverseMediaSubjectError);
      try {
        attempt();
      } catch (error) {
        expect((error as InvalidAdverseMediaSubjectError).field).toBe(field);
      }
    }
  });

  it('accepts a name of the maximum length', () => {
    expect(normaliseAdverseMediaSubject({ name: 'a'.repeat(512) }).name).toHaveLength(512);
  });
});

describe('parseAdverseMediaResult', () => {
  const valid: AdverseMediaResult = {
    risk_score: 64,
    decision: 'REVIEW',
    provider: 'vendor',
    articles: [
      {
        title: 'T',
        source: 'S',
        date: '2025-01-01',
        url: 'https://news.example/a',
        categories: ['fraud', 'money_laundering'],
        match_score: 0.9,
        matched_text: 'Jane Roe',
      },
    ],
  };

  it('returns a valid result with only the known fields', () => {
    expect(
      parseAdverseMediaResult({ ...valid, extra: true, articles: [{ ...valid.articles[0], extra: 1 }] }),
    ).toEqual(valid);
    const { url: _url, ...withoutUrl } = valid.articles[0];
    expect(parseAdverseMediaResult({ ...valid, articles: [withoutUrl] }).articles[0]).toEqual(withoutUrl);
  });

  it('names the path of the first field at fault', () => {
    const cases: [unknown, string][] = [
      ['text', 'result'],
      [{ ...valid, risk_score: '64' }, 'result.risk_score'],
      [{ ...valid, risk_score: 101 }, 'result.risk_score'],
      [{ ...valid, decision: 'MAYBE' }, 'result.decision'],
      [{ ...valid, articles: {} }, 'result.articles'],
      [{ ...valid, provider: '' }, 'result.provider'],
      [{ ...valid, articles: [null] }, 'result.articles[0]'],
      [
        { ...valid, articles: [{ ...valid.articles[0], categories: ['fraud', 'gossip'] }] },
        'result.articles[0].categories[1]',
      ],
      [
        { ...valid, articles: [{ ...valid.articles[0], match_score: 1.2 }] },
        'result.articles[0].match_score',
      ],
      [{ ...valid, articles: [{ ...valid.articles[0], date: 'last week' }] }, 'result.articles[0].date'],
      [{ ...valid, articles: [{ ...valid.articles[0], url: 5 }] }, 'result.articles[0].url'],
      [{ ...valid, articles: new Array(1001).fill(valid.articles[0]) }, 'result.articles'],
    ];
    for (const [value, path] of cases) {
      try {
        parseAdverseMediaResult(value);
        expect.fail(`accepted ${path}`);
      } catch (error) {
        expect(error, path).toBeInstanceOf(InvalidAdverseMediaResultError);
        expect((error as InvalidAdverseMediaResultError).path).toBe(path);
      }
    }
  });
});
