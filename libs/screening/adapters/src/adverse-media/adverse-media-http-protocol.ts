import {
  InvalidAdverseMediaSubjectError,
  normaliseAdverseMediaSubject,
  type AdverseMediaSubject,
} from '@kyc/screening-domain';

/**
 * The HTTP protocol between the platform and an adverse-media provider (`HttpAdverseMediaProvider` speaks it,
 * `startAdverseMediaReferenceServer` serves it):
 *
 *   POST {base}/v1/screen
 *   Content-Type: application/json
 *   X-Api-Key: <key>                      (header name configurable; omitted when no key is configured)
 *
 *   {"name": "Jane Roe", "birth_year": 1971, "country": "GB"}      birth_year and country optional
 *
 * 200 answers the result, JSON:
 *
 *   {"risk_score": 0-100, "decision": "CLEAR" | "REVIEW", "provider": "<name>",
 *    "articles": [{"title", "source", "date": ISO 8601, "url"?, "categories": [risk category, ...],
 *                  "match_score": 0-1, "matched_text"}]}
 *
 * Errors answer `{"error": {"code", "message"}}` with 400 (invalid subject or body), 401 (missing or wrong key),
 * 404/405 (other paths and methods), 413 (body too large), 503 (the provider behind the server is unavailable)
 * or 500. The client treats every answer but 200 with a valid result as the provider being unavailable.
 */
export const SCREEN_PATH = '/v1/screen';
export const DEFAULT_API_KEY_HEADER = 'x-api-key';

/** A subject as the request body carries it. */
export interface WireSubject {
  name: string;
  birth_year?: number;
  country?: string;
}

export interface WireError {
  error: { code: string; message: string };
}

export function toWireSubject(subject: AdverseMediaSubject): WireSubject {
  return {
    name: subject.name,
    ...(subject.birthYear === undefined ? {} : { birth_year: subject.birthYear }),
    ...(subject.country === undefined ? {} : { country: subject.country }),
  };
}

/** Reads a request body into a subject, or throws `InvalidAdverseMediaSubjectError`. */
export function fromWireSubject(value: unknown): AdverseMediaSubject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidAdverseMediaSubjectError('subject', 'must be a JSON object');
  }
  const wire = value as Record<string, unknown>;
  const birthYear = wire.birth_year;
  if (birthYear !== undefined && birthYear !== null && typeof birthYear !== 'number') {
    throw new InvalidAdverseMediaSubjectError('birthYear', 'must be a number');
  }
  return normaliseAdverseMediaSubject({
    name: wire.name as string,
    ...(typeof birthYear === 'number' ? { birthYear } : {}),
    ...(wire.country === undefined || wire.country === null ? {} : { country: wire.country as string }),
  });
}
