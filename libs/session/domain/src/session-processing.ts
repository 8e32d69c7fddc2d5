/**
 * Results of processing a completed session (document extraction, cross-validation, face match, external and
 * web validations, risk and decision), as the session records them. Plain data: the engines that produce them
 * live elsewhere and are not a dependency of the session domain.
 */
import type { ValidationResults } from './session-screening';

/** What was read from one identity document. Names, numbers and dates are personal data. */
export interface DocumentExtraction {
  status: 'extracted' | 'failed';
  /** Where the fields come from: the machine-readable zone. */
  source: 'mrz';
  /** passport | id_card | visa | other, as the document itself declares it; null when nothing was read. */
  document_type: string | null;
  /** ISO 3166-1 alpha-2 where one exists, else the ICAO 9303 code as printed (e.g. UNO, XXA). */
  issuing_country: string | null;
  full_name: string | null;
  surname: string | null;
  given_names: string | null;
  document_number: string | null;
  /** YYYY-MM-DD. */
  date_of_birth: string | null;
  /** ISO 3166-1 alpha-2 where one exists, else the ICAO 9303 code as printed. */
  nationality: string | null;
  expiry_date: string | null;
  sex: 'M' | 'F' | 'X' | null;
  /** Whether every check digit of the zone is right. */
  check_digits_valid: boolean;
  /** The check digits that failed (document_number, date_of_birth, expiry_date, optional_data, composite). */
  failed_checks: string[];
  /** 0..1 per field. */
  field_confidence: Record<string, number>;
  /** Set when status is failed: why nothing (or nothing usable) was read. */
  error?: { code: string; message: string };
}

export interface CrossValidationIssue {
  /** Machine-readable, stable: e.g. name_mismatch, date_of_birth_mismatch, document_expired. */
  code: string;
  /** The form field or document field concerned (`personal_info.full_name`, `doc_abc.expiry_date`). */
  field: string;
  message: string;
}

export interface CrossValidationResult {
  status: 'passed' | 'warning' | 'failed';
  warnings: CrossValidationIssue[];
  errors: CrossValidationIssue[];
}

export type FaceMatchStatus = 'matched' | 'not_matched' | 'inconclusive' | 'no_face' | 'multiple_faces' | 'failed';

export interface FaceMatchResult {
  status: FaceMatchStatus;
  /** 0..1; 0 when no comparison was possible. */
  confidence: number;
  threshold: number;
  /** Set for every status but matched. */
  code?: string;
  /** The identity document photo and the selfie compared. */
  document_id: string | null;
  selfie_id: string | null;
}

export type WebValidationStatus = 'valid' | 'invalid' | 'unreachable' | 'refused';

export interface WebValidationResult {
  step_id: string;
  field_id: string;
  /** As the end user entered it (personal data). */
  url: string;
  status: WebValidationStatus;
  /** Set for every status but valid. */
  code?: string;
  checks: {
    syntax: boolean;
    dns: { resolved: boolean; addresses: string[] } | null;
    tls: { valid: boolean; issuer: string | null; expires_at: string | null; error: string | null } | null;
    http: { status_code: number; redirects: number; final_url: string } | null;
  };
  checked_at: string;
}

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** `flagged`: every check passed but something deserves a look; the platform does not approve it silently. */
export const AUTOMATIC_DECISIONS = ['approved', 'flagged', 'manual_review', 'rejected'] as const;
export type AutomaticDecision = (typeof AUTOMATIC_DECISIONS)[number];

/** Which part of processing a reason comes from. */
export type DecisionSource =
  | 'extraction'
  | 'cross_validation'
  | 'face_match'
  | 'lists'
  | 'crypto'
  | 'adverse_media'
  | 'web'
  | 'processing';

export interface DecisionReason {
  /** Machine-readable, stable (document_expired, list_match, face_mismatch, ...). */
  code: string;
  source: DecisionSource;
  /** The decision this reason alone calls for. */
  outcome: AutomaticDecision;
  message: string;
}

/** The seed's `processing_results`, plus the risk and the reasons behind the decision. */
export interface ProcessingResults {
  extraction_results: Record<string, DocumentExtraction>;
  cross_validation: CrossValidationResult;
  face_match_result: FaceMatchResult | null;
  external_validations: Omit<ValidationResults, 'validated_at'>;
  web_validation_results: WebValidationResult[];
  risk_score: number;
  risk_level: RiskLevel;
  final_decision: AutomaticDecision;
  decision_reasons: DecisionReason[];
  processed_at: string;
  processing_time_ms: number;
}

/** What the session knows of its processing runs. */
export interface SessionProcessing {
  /** Runs started so far; the next run is `runs + 1`. */
  runs: number;
  /** The run being processed, null when none is. */
  in_flight: number | null;
  /** The outcome of the last run that finished, null before the first. */
  last: ProcessingOutcome | null;
}

export type ProcessingOutcome =
  | { run: number; status: 'completed'; results: ProcessingResults; finished_at: string }
  | { run: number; status: 'failed'; failure: { code: string; message: string }; finished_at: string };

export const NO_PROCESSING: SessionProcessing = { runs: 0, in_flight: null, last: null };

/** The last completed run's results, which the read model's risk figures come from. */
export function lastProcessingResults(processing: SessionProcessing): ProcessingResults | null {
  return processing.last?.status === 'completed' ? processing.last.results : null;
}
