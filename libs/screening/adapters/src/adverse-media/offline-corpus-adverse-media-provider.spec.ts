import {
  RISK_CATEGORIES,
  classifyRiskCategories,
  compareNames,
  type AdverseMediaResult,
  type RiskCategory,
} from '@kyc/screening-domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArticleCorpus, type CorpusArticle } from './article-corpus';
import {
  OfflineCorpusAdverseMediaProvider,
  type OfflineCorpusProviderOptions,
} from './offline-corpus-adverse-media-provider';
import {
  CONTRACT_CORPUS_PATH,
  CONTRACT_NOW,
  adverseMediaProviderContract,
} from './testing/adverse-media-provider.contract';

adverseMediaProviderContract('OfflineCorpusAdverseMediaProvider', async () => ({
  provider: new OfflineCorpusAdverseMediaProvider(
    await loadArticleCorpus(CONTRACT_CORPUS_PATH),
    compareNames,
    {
      clock: () => CONTRACT_NOW,
    },
  ),
}));

describe('OfflineCorpusAdverseMediaProvider', () => {
  let corpus: CorpusArticle[];
  const provider = (options: OfflineCorpusProviderOptions = {}) =>
    new OfflineCorpusAdverseMediaProvider(corpus, compareNames, { clock: () => CONTRACT_NOW, ...options });
  const screen = (name: string, birthYear?: number): Promise<AdverseMediaResult> =>
    provider().screen({ name, ...(birthYear === undefined ? {} : { birthYear }) });

  beforeAll(async () => {
    corpus = await loadArticleCorpus(CONTRACT_CORPUS_PATH);
  });

  it('ships a corpus whose articles cover every risk category', () => {
    const covered = new Set<RiskCategory>(
      corpus.flatMap((article) =>
        classifyRiskCategories([article.title, article.body]).map((finding) => finding.category),
      ),
    );
    expect([...covered].sort()).toEqual([...RISK_CATEGORIES].sort());
  });

  it('tells namesakes apart by the age an article gives', async () => {
    // "Rasmus Tolvanen, 58," in a 2024 assault story and "Rasmus Tolvanen, 19," in a 2025 football report.
    expect((await screen('Rasmus Tolvanen')).decision).toBe('REVIEW');
    expect((await screen('Rasmus Tolvanen', 1966)).articles.map((article) => article.categories)).toEqual([
      ['violent_crime'],
    ]);
    expect(await screen('Rasmus Tolvanen', 2006)).toMatchObject({ decision: 'CLEAR', articles: [] });
  });

  it('does not blame the judge, the lawyer or a victim named in a fraud story', async () => {
    for (const name of ['Maria Castellane', 'Ines Farrow', 'Agnes Whitlow']) {
      expect(await screen(name), name).toMatchObject({ risk_score: 0, decision: 'CLEAR', articles: [] });
    }
  });

  it('attributes a verdict to the person it convicts, not to the partner it acquits', async () => {
    const convicted = await screen('Piet Haverkamp');
    const acquitted = await screen('Saskia Meulendijk');
    expect(convicted.decision).toBe('REVIEW');
    expect(convicted.articles[0].categories).toEqual(['corruption']);
    expect(acquitted.decision).toBe('CLEAR');
    expect(acquitted.risk_score).toBeLessThan(convicted.risk_score / 2);
  });

  it('clears people whose stories end without guilt: charges dropped, no charges, conviction quashed', async () => {
    for (const name of ['Femi Adeyemo-Clarke', 'Olaf Strand', 'Jonas Erdmann']) {
      const result = await screen(name);
      expect(result.decision, name).toBe('CLEAR');
      expect(result.articles.length, name).toBeGreaterThan(0);
    }
  });

  it('scores an old article below a recent one of the same kind', async () => {
    // Two articles written alike: tax evasion charges in 2013 and in 2025.
    const old = await screen('Conrad Ashdale');
    const recent = await screen('Miriam Oduya');
    expect(old.articles[0].categories).toEqual(recent.articles[0].categories);
    expect(old.risk_score).toBeLessThan(recent.risk_score);
  });

  it('scores the exact name above a near namesake, and leaves a dissimilar one out', async () => {
    const exact = await screen('Svetlana Orlikova');
    const near = await screen('Svetlana Orlova');
    expect(exact.articles[0].match_score).toBe(1);
    expect(near.risk_score).toBeLessThan(exact.risk_score);
    for (const article of near.articles) expect(article.match_score).toBeLessThan(1);
    expect(await screen('Henrik Solheim')).toMatchObject({ decision: 'CLEAR', articles: [] });
    expect((await screen('Henrik Solberg')).articles[0].categories).toContain('arms_trafficking');
  });

  it('finds a name with its particle joined or split', async () => {
    const joined = await screen('Yusuf Almarzani');
    expect(joined.articles[0].matched_text).toBe('Yusuf al-Marzani');
    expect(joined.articles[0].categories).toEqual(expect.arrayContaining(['cybercrime', 'money_laundering']));
    const particles = await screen('Ines de la Torre Brizuela');
    expect(particles.articles[0].categories).toContain('fraud');
  });

  it('does not accuse an anti-fraud expert or a compliance officer quoted about fraud', async () => {
    expect((await screen('Lena Voss')).decision).toBe('CLEAR');
    expect(await screen('Paulo Venancio')).toMatchObject({ decision: 'CLEAR', articles: [] });
  });

  it('compares the subject only with the mentions the name index brings, not with every name in the corpus', async () => {
    const compared: string[] = [];
    const counting = new OfflineCorpusAdverseMediaProvider(
      corpus,
      (a, b) => {
        compared.push(b);
        return compareNames(a, b);
      },
      { clock: () => CONTRACT_NOW },
    );
    await counting.screen({ name: 'Tobias Wrenfield' });
    expect(compared.length).toBeGreaterThan(0);
    expect(compared.every((name) => /Wrenfield/.test(name))).toBe(true);
  });

  it('applies its options: name threshold, article limit, review threshold and provider name', async () => {
    expect((await provider({ maxArticles: 1 }).screen({ name: 'Tobias Wrenfield' })).articles).toHaveLength(
      1,
    );
    expect((await provider({ minNameScore: 0.99 }).screen({ name: 'Alexander Vostrikov' })).articles).toEqual(
      [],
    );
    const strict = await provider({ scoring: { reviewThreshold: 99 }, providerName: 'corpus-eu' }).screen({
      name: 'Priya Ramadhani',
    });
    expect(strict).toMatchObject({ decision: 'CLEAR', provider: 'corpus-eu' });
    const lenient = await provider({ scoring: { reviewThreshold: 10 } }).screen({ name: 'Priya Ramadhani' });
    expect(lenient.decision).toBe('REVIEW');
  });

  it('refuses options out of range when it is built', () => {
    expect(() => provider({ minNameScore: 1.5 })).toThrow(RangeError);
    expect(() => provider({ minCategoryConfidence: -0.1 })).toThrow(RangeError);
    expect(() => provider({ maxArticles: 0 })).toThrow(RangeError);
    expect(() => provider({ scoring: { reviewThreshold: 150 } })).toThrow(RangeError);
  });

  it('orders articles most incriminating first', async () => {
    const result = await screen('Jonas Erdmann');
    // The 2025 article reports the quashed conviction; the 2019 one the conviction it quashed: both cleared,
    // the newer weighs more.
    expect(result.articles.map((article) => article.date)).toEqual(['2025-06-30', '2019-04-05']);
  });
});
