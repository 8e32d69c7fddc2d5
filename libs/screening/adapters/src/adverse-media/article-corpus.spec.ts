import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleCorpusError, loadArticleCorpus, parseArticleCorpus } from './article-corpus';
import { CONTRACT_CORPUS_PATH } from './testing/adverse-media-provider.contract';

const line = (article: Record<string, unknown>) => JSON.stringify(article);
const article = {
  title: 'Title',
  body: 'Body text.',
  date: '2025-01-02',
  source: 'Gazette',
  url: 'https://gazette.example/a',
};

describe('article corpus', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'adverse-media-corpus-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('loads the shipped corpus', async () => {
    const corpus = await loadArticleCorpus(CONTRACT_CORPUS_PATH);
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(corpus.length).toBeLessThanOrEqual(60);
    for (const entry of corpus) {
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.body.length).toBeGreaterThan(0);
    }
  });

  it('reads plain and gzip files alike, recognising gzip by its first bytes', async () => {
    const text = `\uFEFF${line(article)}\n\n${line({ ...article, title: 'Second', url: undefined })}\r\n`;
    const plain = join(folder, 'plain.jsonl');
    const gzipped = join(folder, 'named-without-gz-suffix.jsonl');
    await writeFile(plain, text);
    await writeFile(gzipped, gzipSync(text));
    const expected = [
      article,
      { title: 'Second', body: 'Body text.', date: '2025-01-02', source: 'Gazette' },
    ];
    expect(await loadArticleCorpus(plain)).toEqual(expected);
    expect(await loadArticleCorpus(gzipped)).toEqual(expected);
  });

  it('names the file and the line that fails', () => {
    const bad = (second: string) => () =>
      parseArticleCorpus(`${line(article)}\n${second}\n${line(article)}`, 'news.jsonl');
    const cases: [string, RegExp][] = [
      ['{"title": "cut', /not valid JSON/],
      ['[1, 2]', /not a JSON object/],
      [line({ ...article, date: undefined }), /has no "date"/],
      [line({ ...article, date: '02/01/2025' }), /not an ISO 8601 date/],
      [line({ ...article, date: '2025-02-30T99:00' }), /not an ISO 8601 date/],
      [line({ ...article, title: '  ' }), /"title" is empty/],
      [line({ ...article, source: 3 }), /"source" must be a string/],
      [line({ ...article, url: false }), /"url" must be a string/],
    ];
    for (const [second, message] of cases) {
      expect(bad(second), second).toThrow(ArticleCorpusError);
      expect(bad(second), second).toThrow(message);
      try {
        bad(second)();
      } catch (error) {
        expect((error as ArticleCorpusError).file).toBe('news.jsonl');
        expect((error as ArticleCorpusError).line).toBe(2);
        expect((error as Error).message).toMatch(/^news\.jsonl line 2: /);
      }
    }
  });

  it('reports a missing file and a corrupt gzip file', async () => {
    await expect(loadArticleCorpus(join(folder, 'missing.jsonl'))).rejects.toThrow(
      /missing\.jsonl: cannot be read/,
    );
    const corrupt = join(folder, 'corrupt.jsonl.gz');
    await writeFile(corrupt, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
    await expect(loadArticleCorpus(corrupt)).rejects.toThrow(/corrupt\.jsonl\.gz: is not valid gzip/);
  });
});
