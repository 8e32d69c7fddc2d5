import type { RiskCategory } from './risk-category';

/** The person to screen. `birthYear` and `country` let a provider tell namesakes apart when it can. */
export interface AdverseMediaSubject {
  name: string;
  birthYear?: number;
  /** ISO 3166-1 alpha-2 code or a country name, as the session holds it. */
  country?: string;
}

export type AdverseMediaDecision = 'CLEAR' | 'REVIEW';

/** One article a provider attributes to the subject. */
export interface AdverseMediaArticle {
  title: string;
  source: string;
  /** Publication date, ISO 8601. */
  date: string;
  url?: string;
  /** The risk categories the article supports about the subject; empty never appears. */
  categories: RiskCategory[];
  /** How well the name in the article matches the subject, 0..1. */
  match_score: number;
  /** The name as the article writes it. */
  matched_text: string;
}

export interface AdverseMediaResult {
  /** 0..100: how strongly the media found implicates the subject. */
  risk_score: number;
  /** REVIEW when `risk_score` reaches the provider's review threshold. */
  decision: AdverseMediaDecision;
  /** The articles behind the score, most incriminating first. */
  articles: AdverseMediaArticle[];
  /** Which provider answered (recorded with the validation, so a reviewer knows where the result came from). */
  provider: string;
}

/**
 * The port every adverse-media source implements. Implementations reject with `AdverseMediaUnavailableError`
 * when they cannot answer (the caller then decides whether to retry or route the session to manual review),
 * with `InvalidAdverseMediaSubjectError` for a subject that cannot be screened, and with the signal's reason
 * when the caller aborts.
 */
export interface AdverseMediaProvider {
  screen(subject: AdverseMediaSubject, signal?: AbortSignal): Promise<AdverseMediaResult>;
}

export type AdverseMediaUnavailableReason =
  'circuit_open' | 'timeout' | 'network' | 'http_status' | 'malformed_response';

/** The provider could not give an answer; no conclusion about the subject may be drawn from it. */
export class AdverseMediaUnavailableError extends Error {
  override readonly name = 'AdverseMediaUnavailableError';

  constructor(
    readonly provider: string,
    readonly reason: AdverseMediaUnavailableReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`adverse media provider ${provider} unavailable (${reason}): ${detail}`, options);
  }
}

/** The subject cannot be screened as given (empty or oversized name, control characters, impossible year). */
export class InvalidAdverseMediaSubjectError extends Error {
  override readonly name = 'InvalidAdverseMediaSubjectError';

  constructor(
    readonly field: keyof AdverseMediaSubject | 'subject',
    detail: string,
  ) {
    super(`invalid adverse media subject: ${field} ${detail}`);
  }
}

/** A provider answered with something that is not an `AdverseMediaResult`; `path` names the offending field. */
export class InvalidAdverseMediaResultError extends Error {
  override readonly name = 'InvalidAdverseMediaResultError';

  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`invalid adverse media result: ${path} ${detail}`);
  }
}
