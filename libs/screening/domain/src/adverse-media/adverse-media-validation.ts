import {
  InvalidAdverseMediaResultError,
  InvalidAdverseMediaSubjectError,
  type AdverseMediaArticle,
  type AdverseMediaResult,
  type AdverseMediaSubject,
} from './adverse-media-provider';
import { isRiskCategory, type RiskCategory } from './risk-category';

/** Longer names are not names; refusing them keeps every provider's work per query bounded. */
export const MAX_SUBJECT_NAME_LENGTH = 512;
const MAX_COUNTRY_LENGTH = 64;
const MIN_BIRTH_YEAR = 1850;
const MAX_BIRTH_YEAR = 2100;
/** An answer listing more articles than this is not a screening result a reviewer could read. */
const MAX_RESULT_ARTICLES = 1000;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Collapses runs of whitespace (including line breaks a form may carry) before looking for control characters. */
function cleanText(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

/**
 * The subject as a provider should screen it (whitespace collapsed, optional fields dropped when blank), or
 * `InvalidAdverseMediaSubjectError` naming the field at fault.
 */
export function normaliseAdverseMediaSubject(subject: AdverseMediaSubject): AdverseMediaSubject {
  if (typeof subject !== 'object' || subject === null) {
    throw new InvalidAdverseMediaSubjectError('subject', 'must be an object');
  }
  if (typeof subject.name !== 'string') throw new InvalidAdverseMediaSubjectError('name', 'must be a string');
  const name = cleanText(subject.name);
  if (name.length === 0) throw new InvalidAdverseMediaSubjectError('name', 'is empty');
  if (name.length > MAX_SUBJECT_NAME_LENGTH) {
    throw new InvalidAdverseMediaSubjectError('name', `is longer than ${MAX_SUBJECT_NAME_LENGTH} characters`);
  }
  if (CONTROL_CHARACTERS.test(name))
    throw new InvalidAdverseMediaSubjectError('name', 'contains control characters');
  if (!/\p{L}/u.test(name)) throw new InvalidAdverseMediaSubjectError('name', 'contains no letter');
  const normalised: AdverseMediaSubject = { name };

  if (subject.birthYear !== undefined && subject.birthYear !== null) {
    const year = subject.birthYear;
    if (!Number.isInteger(year) || year < MIN_BIRTH_YEAR || year > MAX_BIRTH_YEAR) {
      throw new InvalidAdverseMediaSubjectError(
        'birthYear',
        `must be an integer year ${MIN_BIRTH_YEAR}..${MAX_BIRTH_YEAR}`,
      );
    }
    normalised.birthYear = year;
  }
  if (subject.country !== undefined && subject.country !== null) {
    if (typeof subject.country !== 'string')
      throw new InvalidAdverseMediaSubjectError('country', 'must be a string');
    const country = cleanText(subject.country);
    if (country.length > MAX_COUNTRY_LENGTH || CONTROL_CHARACTERS.test(country)) {
      throw new InvalidAdverseMediaSubjectError(
        'country',
        `must be a country code or name of at most ${MAX_COUNTRY_LENGTH} characters`,
      );
    }
    if (country.length > 0) normalised.country = country;
  }
  return normalised;
}

function fail(path: string, detail: string): never {
  throw new InvalidAdverseMediaResultError(path, detail);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(
  record: Record<string, unknown>,
  key: string,
  path: string,
  allowEmpty = false,
): string {
  const value = record[key];
  if (typeof value !== 'string') fail(`${path}.${key}`, 'must be a string');
  if (!allowEmpty && value.trim().length === 0) fail(`${path}.${key}`, 'must not be empty');
  return value;
}

function requireNumberIn(
  record: Record<string, unknown>,
  key: string,
  path: string,
  min: number,
  max: number,
): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(`${path}.${key}`, `must be a number ${min}..${max}`);
  }
  return value;
}

function parseArticle(value: unknown, path: string): AdverseMediaArticle {
  if (!isRecord(value)) fail(path, 'must be an object');
  const categoriesValue = value.categories;
  if (!Array.isArray(categoriesValue)) fail(`${path}.categories`, 'must be an array');
  const categories: RiskCategory[] = categoriesValue.map((category, index) => {
    if (!isRiskCategory(category))
      fail(`${path}.categories[${index}]`, `is not a known risk category (${JSON.stringify(category)})`);
    return category;
  });
  const date = requireString(value, 'date', path);
  if (Number.isNaN(Date.parse(date))) fail(`${path}.date`, 'must be an ISO 8601 date');
  const article: AdverseMediaArticle = {
    title: requireString(value, 'title', path),
    source: requireString(value, 'source', path),
    date,
    categories,
    match_score: requireNumberIn(value, 'match_score', path, 0, 1),
    matched_text: requireString(value, 'matched_text', path),
  };
  if (value.url !== undefined && value.url !== null) article.url = requireString(value, 'url', path);
  return article;
}

/**
 * Checks an untrusted answer (an external provider's JSON) against the port's result shape and returns a
 * copy holding only the known fields, or throws `InvalidAdverseMediaResultError` with the path of the first
 * field at fault.
 */
export function parseAdverseMediaResult(value: unknown): AdverseMediaResult {
  const path = 'result';
  if (!isRecord(value)) fail(path, 'must be an object');
  const decision = value.decision;
  if (decision !== 'CLEAR' && decision !== 'REVIEW') fail(`${path}.decision`, 'must be CLEAR or REVIEW');
  const articles = value.articles;
  if (!Array.isArray(articles)) fail(`${path}.articles`, 'must be an array');
  if (articles.length > MAX_RESULT_ARTICLES)
    fail(`${path}.articles`, `must hold at most ${MAX_RESULT_ARTICLES} articles`);
  return {
    risk_score: requireNumberIn(value, 'risk_score', path, 0, 100),
    decision,
    articles: articles.map((article, index) => parseArticle(article, `${path}.articles[${index}]`)),
    provider: requireString(value, 'provider', path),
  };
}
