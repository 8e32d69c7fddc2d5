import { resolve } from 'node:path';
import {
  InvalidAdverseMediaSubjectError,
  RISK_CATEGORIES,
  type AdverseMediaProvider,
  type AdverseMediaResult,
} from '@kyc/screening-domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The corpus every provider under contract must serve (the project's fictional test corpus). */
export const CONTRACT_CORPUS_PATH = resolve(__dirname, '../../../../../../data/adverse-media/corpus.jsonl');
/** The moment the contract screens at: providers must score recency against it. */
export const CONTRACT_NOW = new Date('2026-03-01T00:00:00Z');

export interface AdverseMediaProviderFixture {
  /** A provider over CONTRACT_CORPUS_PATH at CONTRACT_NOW, with the default review threshold (50). */
  provider: AdverseMediaProvider;
  close?: () => Promise<void>;
}

function expectWellFormed(result: AdverseMediaResult): void {
  expect(Number.isInteger(result.risk_score)).toBe(true);
  expect(result.risk_score).toBeGreaterThanOrEqual(0);
  expect(result.risk_score).toBeLessThanOrEqual(100);
  expect(result.decision).toBe(result.risk_score >= 50 ? 'REVIEW' : 'CLEAR');
  expect(result.provider.length).toBeGreaterThan(0);
  for (const article of result.articles) {
    expect(article.title.length).toBeGreaterThan(0);
    expect(article.source.length).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(article.date))).toBe(false);
    expect(article.categories.length).toBeGreaterThan(0);
    for (const category of article.categories) expect(RISK_CATEGORIES).toContain(category);
    expect(article.match_score).toBeGreaterThan(0);
    expect(article.match_score).toBeLessThanOrEqual(1);
    expect(article.matched_text.length).toBeGreaterThan(0);
  }
}

/**
 * The behaviour every `AdverseMediaProvider` must have, checked on the project's fictional corpus: the
 * offline adapter runs it directly, the HTTP adapter through a server speaking the protocol.
 */
export function adverseMediaProviderContract(
  adapterName: string,
  open: () => Promise<AdverseMediaProviderFixture>,
): void {
  describe(`AdverseMediaProvider contract: ${adapterName}`, () => {
    let fixture: AdverseMediaProviderFixture;
    const screen = async (name: string, extra: { birthYear?: number; country?: string } = {}) => {
      const result = await fixture.provider.screen({ name, ...extra });
      expectWellFormed(result);
      return result;
    };

    beforeAll(async () => {
      fixture = await open();
    });

    afterAll(async () => {
      await fixture?.close?.();
    });

    it('sends the person named in fraud articles to review, with the fraud category', async () => {
      const result = await screen('Tobias Wrenfield');
      expect(result.decision).toBe('REVIEW');
      expect(result.articles.length).toBeGreaterThanOrEqual(2);
      for (const article of result.articles) {
        expect(article.categories).toContain('fraud');
        expect(article.matched_text).toBe('Tobias Wrenfield');
        expect(article.url).toMatch(/^https:\/\//);
      }
    });

    it('scores a person acquitted of fraud lower, and clears them', async () => {
      const accused = await screen('Tobias Wrenfield');
      const acquitted = await screen('Priya Ramadhani');
      expect(acquitted.articles.length).toBeGreaterThan(0);
      expect(acquitted.risk_score).toBeLessThan(accused.risk_score);
      expect(acquitted.decision).toBe('CLEAR');
    });

    it('clears a different person who shares only a first name with an accused one', async () => {
      for (const name of ['Tobias Marchetti', 'Tobias Hallgren', 'Tobias Lindqvist']) {
        const result = await screen(name);
        expect(result.decision, name).toBe('CLEAR');
        expect(result.articles, name).toEqual([]);
      }
    });

    it('finds a name the article writes surname first', async () => {
      for (const name of ['Weiran Zhou', 'ZHOU, Weiran']) {
        const result = await screen(name);
        expect(result.decision, name).toBe('REVIEW');
        expect(
          result.articles.map((article) => article.matched_text),
          name,
        ).toEqual(['Zhou Weiran']);
        expect(result.articles[0].categories, name).toContain('sanctions_evasion');
      }
    });

    it('finds transliterated and accented spellings of a name', async () => {
      const cyrillic = await screen('Alexander Vostrikov');
      expect(cyrillic.decision).toBe('REVIEW');
      expect(cyrillic.articles[0].matched_text).toBe('Aleksandr Vostrikov');
      expect(cyrillic.articles[0].categories).toContain('money_laundering');
      const accented = await screen('Goran Vukasinovic');
      expect(accented.articles[0].matched_text).toBe('Goran Vukašinović');
      expect(accented.articles[0].categories).toContain('human_trafficking');
    });

    it('clears a person named only in neutral coverage', async () => {
      for (const name of ['Anneliese Drummond', 'Emeka Duruaku', 'Gretchen Alvarsson']) {
        const result = await screen(name);
        expect(result, name).toMatchObject({ risk_score: 0, decision: 'CLEAR', articles: [] });
      }
    });

    it('answers risk 0 for a name no article mentions', async () => {
      const result = await screen('Quentin Abernathy-Oyelaran');
      expect(result).toMatchObject({ risk_score: 0, decision: 'CLEAR', articles: [] });
    });

    it('answers the same result for the same subject, also when screenings run concurrently', async () => {
      const names = [
        'Tobias Wrenfield',
        'Priya Ramadhani',
        'Weiran Zhou',
        'Lukas Brandhorst',
        'Tobias Marchetti',
      ];
      const sequential = [];
      for (const name of names) sequential.push(await screen(name));
      const concurrent = await Promise.all(names.map((name) => screen(name)));
      expect(concurrent).toEqual(sequential);
    });

    it('refuses a subject that cannot be screened', async () => {
      for (const name of ['', '   ', 'Tobias\u0000Wrenfield', 'x'.repeat(600), '1234']) {
        await expect(fixture.provider.screen({ name }), JSON.stringify(name)).rejects.toBeInstanceOf(
          InvalidAdverseMediaSubjectError,
        );
      }
      await expect(
        fixture.provider.screen({ name: 'Tobias Wrenfield', birthYear: 1.5 }),
      ).rejects.toBeInstanceOf(InvalidAdverseMediaSubjectError);
    });

    it('rejects with the abort reason when the caller has aborted', async () => {
      const controller = new AbortController();
      const reason = new Error('caller gave up');
      controller.abort(reason);
      await expect(fixture.provider.screen({ name: 'Tobias Wrenfield' }, controller.signal)).rejects.toBe(
        reason,
      );
    });
  });
}
