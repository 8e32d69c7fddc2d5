import type { ValidationProblem } from './validation-problem';

/**
 * What a finding calls for on its own, from the mildest to the most severe. `approved` lets the finding count
 * only through its share of the risk score; `flagged` means the checks passed but a person should look before
 * the session is treated as approved: the platform never approves a flagged session silently.
 */
export const RULE_OUTCOMES = ['approved', 'flagged', 'manual_review', 'rejected'] as const;
export type RuleOutcome = (typeof RULE_OUTCOMES)[number];

/** The findings of processing whose outcome a workflow tunes. */
export const DECISION_FINDINGS = [
  'document_expired',
  'document_unreadable',
  'check_digits_failed',
  'cross_validation_error',
  'cross_validation_warning',
  'face_mismatch',
  'face_inconclusive',
  // No face, or several competing faces, on the document photo or the selfie.
  'face_not_found',
  'list_match',
  'crypto_match',
  'adverse_media_review',
  'web_invalid',
] as const;
export type DecisionFinding = (typeof DECISION_FINDINGS)[number];

/**
 * How a workflow turns the results of processing into a risk level and an automatic decision. The score
 * thresholds form a ladder: below `approve_below` the score alone approves, from `approve_below` it flags,
 * from `review_from` it asks for a reviewer, from `reject_from` it rejects. The final decision is the most
 * severe of what the score and each finding (`on`) call for.
 */
export interface DecisionRules {
  /** risk_score boundaries of risk_level: low below medium_from, high from high_from, medium between. */
  risk_levels: { medium_from: number; high_from: number };
  approve_below: number;
  /**
   * Many small findings that each only flag can add up to a high score; from here the score alone sends the
   * session to a reviewer.
   */
  review_from: number;
  /** The score alone rejects from here, whatever the findings call for. */
  reject_from: number;
  /**
   * The face comparison's thresholds on its 0..1 confidence: matched from `threshold`, not matched below
   * `reject_below`, inconclusive between (equal values leave no inconclusive band; `reject_below` 0 never
   * concludes a mismatch). The face engine applies them, so its recorded result already reflects them.
   */
  face_match: { threshold: number; reject_below: number };
  on: Record<DecisionFinding, RuleOutcome>;
}

/**
 * The defaults: medium risk from 30 and high from 70 (the seed's 25.5 reads low); a clean session scores
 * well under 30 and is approved; the face thresholds are the face engine's calibrated ones. Only the findings
 * that contradict the identity outright (an expired document, a different face) reject; the rest go to a
 * reviewer or are flagged.
 */
export const DEFAULT_DECISION_RULES: Readonly<DecisionRules> = deepFreeze({
  risk_levels: { medium_from: 30, high_from: 70 },
  approve_below: 30,
  review_from: 70,
  reject_from: 90,
  face_match: { threshold: 0.8, reject_below: 0.2 },
  on: {
    document_expired: 'rejected',
    document_unreadable: 'manual_review',
    check_digits_failed: 'manual_review',
    cross_validation_error: 'manual_review',
    cross_validation_warning: 'flagged',
    face_mismatch: 'rejected',
    face_inconclusive: 'manual_review',
    face_not_found: 'manual_review',
    list_match: 'manual_review',
    crypto_match: 'manual_review',
    adverse_media_review: 'flagged',
    web_invalid: 'flagged',
  },
});

/**
 * A workflow's decision rules. Versions published before decision rules existed have none, and a version
 * published before a finding was added lacks that key: both read with the defaults.
 */
export function decisionRulesOf(definition: { decision_rules?: Partial<DecisionRules> }): DecisionRules {
  // Stored rules passed validation when they were published: the only gaps are keys added since.
  return validateDecisionRules(definition.decision_rules, []);
}

const FIELD = 'decision_rules';
const TOP_LEVEL_KEYS = [
  'risk_levels',
  'approve_below',
  'review_from',
  'reject_from',
  'face_match',
  'on',
] as const satisfies readonly (keyof DecisionRules)[];

type Json = Record<string, unknown>;

/**
 * Checks a workflow body's `decision_rules` (absent, or any subset of its keys) and fills what it leaves out
 * with the defaults. Problems are pushed to `problems`, named by their JSON path; a bad value reads as its
 * default so that the other checks still run.
 */
export function validateDecisionRules(raw: unknown, problems: ValidationProblem[]): DecisionRules {
  const defaults = DEFAULT_DECISION_RULES;
  if (raw === undefined) return copyOf(defaults);
  if (!isObject(raw)) {
    problems.push({ field: FIELD, issue: 'must be an object' });
    return copyOf(defaults);
  }
  unknownKeys(raw, TOP_LEVEL_KEYS, FIELD, 'is not a decision rule', problems);

  const levels = section(raw, 'risk_levels', ['medium_from', 'high_from'], problems);
  const medium = score(
    levels,
    'medium_from',
    `${FIELD}.risk_levels`,
    defaults.risk_levels.medium_from,
    problems,
  );
  const high = score(levels, 'high_from', `${FIELD}.risk_levels`, defaults.risk_levels.high_from, problems);
  ordered(medium, high, problems);

  const approve = score(raw, 'approve_below', FIELD, defaults.approve_below, problems);
  const review = score(raw, 'review_from', FIELD, defaults.review_from, problems);
  const reject = score(raw, 'reject_from', FIELD, defaults.reject_from, problems);
  ordered(approve, review, problems);
  ordered(review, reject, problems);

  const face = section(raw, 'face_match', ['threshold', 'reject_below'], problems);
  const facePath = `${FIELD}.face_match`;
  const threshold = setting(face, 'threshold', facePath, defaults.face_match.threshold, problems, {
    accepts: (value) => value > 0 && value < 1,
    issue: 'must be a number greater than 0 and less than 1',
  });
  const rejectBelow = setting(face, 'reject_below', facePath, defaults.face_match.reject_below, problems, {
    accepts: (value) => value >= 0 && value < 1,
    issue: 'must be a number from 0 to less than 1',
  });
  ordered(rejectBelow, threshold, problems);

  return {
    risk_levels: { medium_from: medium.value, high_from: high.value },
    approve_below: approve.value,
    review_from: review.value,
    reject_from: reject.value,
    face_match: { threshold: threshold.value, reject_below: rejectBelow.value },
    on: validateOutcomes(section(raw, 'on', DECISION_FINDINGS, problems), problems),
  };
}

/** A number read from the body, with where it came from (so an ordering problem names the key the body gave). */
interface Setting {
  value: number;
  field: string;
  key: string;
  from: 'default' | 'body' | 'refused';
}

function score(
  raw: Json,
  key: string,
  path: string,
  fallback: number,
  problems: ValidationProblem[],
): Setting {
  return setting(raw, key, path, fallback, problems, {
    accepts: (value) => value >= 0 && value <= 100,
    issue: 'must be a number between 0 and 100',
  });
}

function setting(
  raw: Json,
  key: string,
  path: string,
  fallback: number,
  problems: ValidationProblem[],
  range: { accepts: (value: number) => boolean; issue: string },
): Setting {
  const field = `${path}.${key}`;
  const value = raw[key];
  if (value === undefined) return { value: fallback, field, key, from: 'default' };
  if (typeof value !== 'number' || !Number.isFinite(value) || !range.accepts(value)) {
    problems.push({ field, issue: range.issue });
    return { value: fallback, field, key, from: 'refused' };
  }
  return { value, field, key, from: 'body' };
}

/** Reports `lower` > `upper` on the key the body gave (the upper one when it gave both). */
function ordered(lower: Setting, upper: Setting, problems: ValidationProblem[]): void {
  // A refused value is already reported; comparing the default standing in for it would only add noise.
  if (lower.value <= upper.value || lower.from === 'refused' || upper.from === 'refused') return;
  if (upper.from === 'body') {
    problems.push({ field: upper.field, issue: `must not be below ${lower.key} (${lower.value})` });
  } else if (lower.from === 'body') {
    problems.push({ field: lower.field, issue: `must not exceed ${upper.key} (${upper.value})` });
  }
}

function validateOutcomes(raw: Json, problems: ValidationProblem[]): DecisionRules['on'] {
  const outcomes = { ...DEFAULT_DECISION_RULES.on };
  for (const finding of DECISION_FINDINGS) {
    const value = raw[finding];
    if (value === undefined) continue;
    if (isOneOf(RULE_OUTCOMES, value)) outcomes[finding] = value;
    else
      problems.push({
        field: `${FIELD}.on.${finding}`,
        issue: `must be one of: ${RULE_OUTCOMES.join(', ')}`,
      });
  }
  return outcomes;
}

/** A nested object of the rules; absent reads as empty (every default), anything else but an object is reported. */
function section(raw: Json, key: string, keys: readonly string[], problems: ValidationProblem[]): Json {
  const value = raw[key];
  if (value === undefined) return {};
  const field = `${FIELD}.${key}`;
  if (!isObject(value)) {
    problems.push({ field, issue: 'must be an object' });
    return {};
  }
  unknownKeys(value, keys, field, key === 'on' ? 'is not a finding' : 'is not a setting', problems);
  return value;
}

function unknownKeys(
  raw: Json,
  keys: readonly string[],
  path: string,
  issue: string,
  problems: ValidationProblem[],
) {
  for (const key of Object.keys(raw)) {
    if (!keys.includes(key))
      problems.push({ field: `${path}.${key}`, issue: `${issue} (${keys.join(', ')})` });
  }
}

function copyOf(rules: Readonly<DecisionRules>): DecisionRules {
  return {
    risk_levels: { ...rules.risk_levels },
    approve_below: rules.approve_below,
    review_from: rules.review_from,
    reject_from: rules.reject_from,
    face_match: { ...rules.face_match },
    on: { ...rules.on },
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const nested of Object.values(value)) {
    if (typeof nested === 'object' && nested !== null) deepFreeze(nested);
  }
  return Object.freeze(value);
}
