/**
 * Screening results as the session records them. The session domain keeps its own shape (plain data, no
 * dependency on the screening engine): these are facts about what was screened and what was found.
 */

/** Which check raised a hit. */
export type ScreeningSource = 'lists' | 'crypto' | 'monitoring';

export interface ScreeningHit {
  /** Stable for the same subject and entity, so a dismissal survives re-validation. */
  match_id: string;
  source: ScreeningSource;
  entity_id: string;
  list: string;
  /** The entity's primary name as published. */
  name: string;
  /** The entity's name or alias (or wallet address) that matched. */
  matched_name: string;
  score: number;
  type: string;
  programs: string[];
  /** What was screened: the customer's name or address (personal data). */
  subject: string;
  /** Why it scored as it did, per field (contains the subject's tokens: personal data). */
  explanation: unknown;
}

export interface ListsCheck {
  /** Whether a hit stands (not dismissed). */
  is_match: boolean;
  /** Hits that stand. */
  match_count: number;
  lists_checked: string[];
  /** How many names were screened (0 when the session holds none yet). */
  names_checked: number;
  matches: ScreeningHit[];
}

export interface CryptoCheck {
  /** Whether a hit stands (not dismissed). */
  is_match: boolean;
  match_count: number;
  addresses_checked: number;
  matches: ScreeningHit[];
}

export interface AdverseMediaArticle {
  title: string;
  source: string;
  date: string;
  url?: string;
  categories: string[];
  match_score: number;
  /** The text that named the subject (personal data). */
  matched_text: string;
}

export interface AdverseMediaCheck {
  risk_score: number;
  decision: 'CLEAR' | 'REVIEW';
  provider: string;
  articles: AdverseMediaArticle[];
  /** Set when the provider could not answer: nothing was concluded, so the decision is REVIEW. */
  error?: 'provider_unavailable';
}

/** One run of the workflow's validations; a check the workflow does not enable is null. */
export interface ValidationResults {
  lists_check: ListsCheck | null;
  crypto_check: CryptoCheck | null;
  adverse_media_check: AdverseMediaCheck | null;
  validated_at: string;
}

export type ValidationKind = 'lists' | 'crypto' | 'adverse_media' | 'face_match' | 'web';

export interface SessionScreening {
  /** The latest validation run, null before the first. */
  last_validation: ValidationResults | null;
  /** The publication of each list the latest validation screened against (list id -> ISO date). */
  list_versions: Record<string, string>;
  /** Every validation run recorded, so that a run recorded twice (a redelivered trigger) counts once. */
  validation_ids: string[];
  /** Hits raised by ongoing monitoring after approval, newest last. */
  monitoring_hits: ScreeningHit[];
  /** Dismissed hits by match_id: they no longer count towards a decision. */
  dismissed: Record<string, { reason: string; dismissed_at: string }>;
  /** Every kind of validation the session has run at least once (the list summary's validation_counts). */
  validations_run: ValidationKind[];
}

export const NO_SCREENING: SessionScreening = {
  last_validation: null,
  list_versions: {},
  validation_ids: [],
  monitoring_hits: [],
  dismissed: {},
  validations_run: [],
};

/** Hits currently standing: from the last validation and from monitoring, not dismissed. */
export function openHits(screening: SessionScreening): ScreeningHit[] {
  return allHits(screening).filter((hit) => !(hit.match_id in screening.dismissed));
}

export function allHits(screening: SessionScreening): ScreeningHit[] {
  const validation = screening.last_validation;
  return [
    ...(validation?.lists_check?.matches ?? []),
    ...(validation?.crypto_check?.matches ?? []),
    ...screening.monitoring_hits,
  ];
}

export function validationKindsOf(results: ValidationResults): ValidationKind[] {
  const kinds: ValidationKind[] = [];
  if (results.lists_check) kinds.push('lists');
  if (results.crypto_check) kinds.push('crypto');
  if (results.adverse_media_check) kinds.push('adverse_media');
  return kinds;
}
