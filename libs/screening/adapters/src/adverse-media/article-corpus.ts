import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

/** One article of a local corpus, as a line of the corpus file holds it. */
export interface CorpusArticle {
  title: string;
  body: string;
  /** Publication date, ISO 8601 (a date or a date-time). */
  date: string;
  source: string;
  url?: string;
}

/** A corpus file that cannot be read as JSONL articles; `line` is 1-based, absent when the file itself fails. */
export class ArticleCorpusError extends Error {
  override readonly name = 'ArticleCorpusError';

  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}${line === undefined ? '' : ` line ${line}`}: ${detail}`, options);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Reads a JSONL corpus, plain or gzip-compressed (recognised by its first bytes, whatever the file is called).
 * Blank lines are skipped; the first bad line rejects the whole file with its number, so a corrupt corpus is
 * never half-loaded.
 */
export async function loadArticleCorpus(path: string): Promise<CorpusArticle[]> {
  const file = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ArticleCorpusError(file, undefined, `cannot be read (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      bytes = await promisify(gunzip)(bytes);
    } catch (error) {
      throw new ArticleCorpusError(file, undefined, `is not valid gzip (${(error as Error).message})`, {
        cause: error,
      });
    }
  }
  return parseArticleCorpus(bytes.toString('utf8'), file);
}

/** Parses corpus text (JSONL, one article per line); `file` names the source in errors. */
export function parseArticleCorpus(text: string, file: string): CorpusArticle[] {
  const articles: CorpusArticle[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim().length === 0) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new ArticleCorpusError(file, index + 1, `is not valid JSON (${(error as Error).message})`, {
          cause: error,
        });
      }
      articles.push(toArticle(value, (detail) => new ArticleCorpusError(file, index + 1, detail)));
    });
  return articles;
}

function toArticle(value: unknown, error: (detail: string) => ArticleCorpusError): CorpusArticle {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw error('is not a JSON object');
  const record = value as Record<string, unknown>;
  const text = (key: string, required: boolean): string | undefined => {
    const field = record[key];
    if (field === undefined || field === null) {
      if (required) throw error(`has no "${key}"`);
      return undefined;
    }
    if (typeof field !== 'string') throw error(`"${key}" must be a string`);
    if (required && key !== 'body' && field.trim().length === 0) throw error(`"${key}" is empty`);
    return field;
  };
  const date = text('date', true) as string;
  if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date)))
    throw error(`"date" is not an ISO 8601 date (${JSON.stringify(date)})`);
  const article: CorpusArticle = {
    title: text('title', true) as string,
    body: text('body', true) as string,
    date,
    source: text('source', true) as string,
  };
  const url = text('url', false);
  if (url !== undefined) article.url = url;
  return article;
}
