import { describe, expect, it } from 'vitest';
import {
  DECISION_FINDINGS,
  DEFAULT_DECISION_RULES,
  RULE_OUTCOMES,
  decisionRulesOf,
  validateDecisionRules,
  type DecisionRules,
} from './decision-rules';
import type { ValidationProblem } from './validation-problem';

function validate(raw: unknown): { rules: DecisionRules; problems: ValidationProblem[] } {
  const problems: ValidationProblem[] = [];
  const rules = validateDecisionRules(raw, problems);
  return { rules, problems };
}

const SCORE_ISSUE = 'must be a number between 0 and 100';

describe('DEFAULT_DECISION_RULES', () => {
  it('has an outcome for every finding and a consistent ladder', () => {
    expect(Object.keys(DEFAULT_DECISION_RULES.on).sort()).toEqual([...DECISION_FINDINGS].sort());
    const { risk_levels, approve_below, review_from, reject_from, face_match } = DEFAULT_DECISION_RULES;
    expect(risk_levels.medium_from).toBeLessThanOrEqual(risk_levels.high_from);
    expect(approve_below).toBeLessThanOrEqual(review_from);
    expect(review_from).toBeLessThanOrEqual(reject_from);
    expect(face_match.reject_below).toBeLessThanOrEqual(face_match.threshold);
    expect(validate(DEFAULT_DECISION_RULES)).toEqual({ rules: DEFAULT_DECISION_RULES, problems: [] });
  });

  it('cannot be changed by whoever reads it', () => {
    expect(Object.isFrozen(DEFAULT_DECISION_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DECISION_RULES.on)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DECISION_RULES.face_match)).toBe(true);
  });
});

describe('validateDecisionRules', () => {
  it('gives the defaults, as a copy of its own, when the body has no decision rules', () => {
    const { rules, problems } = validate(undefined);
    expect(problems).toEqual([]);
    expect(rules).toEqual(DEFAULT_DECISION_RULES);
    rules.on.list_match = 'rejected';
    rules.risk_levels.high_from = 50;
    expect(DEFAULT_DECISION_RULES.on.list_match).toBe('manual_review');
    expect(DEFAULT_DECISION_RULES.risk_levels.high_from).toBe(70);
  });

  it.each([
    ['an empty object', {}, {}],
    [
      'one nested key',
      { risk_levels: { high_from: 80 } },
      { risk_levels: { medium_from: 30, high_from: 80 } },
    ],
    [
      'score thresholds',
      { approve_below: 20, review_from: 60, reject_from: 100 },
      { approve_below: 20, review_from: 60, reject_from: 100 },
    ],
    [
      'a face threshold',
      { face_match: { threshold: 0.9 } },
      { face_match: { threshold: 0.9, reject_below: 0.2 } },
    ],
    [
      'no inconclusive face band',
      { face_match: { threshold: 0.7, reject_below: 0.7 } },
      { face_match: { threshold: 0.7, reject_below: 0.7 } },
    ],
    [
      'never concluding a face mismatch',
      { face_match: { reject_below: 0 } },
      { face_match: { threshold: 0.8, reject_below: 0 } },
    ],
    [
      'some outcomes',
      { on: { list_match: 'rejected', web_invalid: 'approved' } },
      { on: { ...DEFAULT_DECISION_RULES.on, list_match: 'rejected', web_invalid: 'approved' } },
    ],
    ['bounds of the score', { approve_below: 0, reject_from: 100 }, { approve_below: 0, reject_from: 100 }],
    ['decimal thresholds', { approve_below: 25.5 }, { approve_below: 25.5 }],
  ])('keeps %s and fills the rest with the defaults', (_name, raw, overrides) => {
    expect(validate(raw)).toEqual({ rules: { ...DEFAULT_DECISION_RULES, ...overrides }, problems: [] });
  });

  it.each<[string, unknown, ValidationProblem[]]>([
    ['null', null, [{ field: 'decision_rules', issue: 'must be an object' }]],
    ['an array', [], [{ field: 'decision_rules', issue: 'must be an object' }]],
    ['a string', 'strict', [{ field: 'decision_rules', issue: 'must be an object' }]],
    [
      'an unknown rule',
      { approve_under: 20 },
      [
        {
          field: 'decision_rules.approve_under',
          issue:
            'is not a decision rule (risk_levels, approve_below, review_from, reject_from, face_match, on)',
        },
      ],
    ],
    [
      'an unknown setting',
      { risk_levels: { low_below: 10 } },
      [{ field: 'decision_rules.risk_levels.low_below', issue: 'is not a setting (medium_from, high_from)' }],
    ],
    [
      'an unknown finding',
      { on: { pep_match: 'rejected' } },
      [{ field: 'decision_rules.on.pep_match', issue: `is not a finding (${DECISION_FINDINGS.join(', ')})` }],
    ],
    [
      'a section that is not an object',
      { on: 'rejected' },
      [{ field: 'decision_rules.on', issue: 'must be an object' }],
    ],
    [
      'a negative score',
      { approve_below: -1 },
      [{ field: 'decision_rules.approve_below', issue: SCORE_ISSUE }],
    ],
    ['a score over 100', { reject_from: 101 }, [{ field: 'decision_rules.reject_from', issue: SCORE_ISSUE }]],
    ['a score as text', { review_from: '70' }, [{ field: 'decision_rules.review_from', issue: SCORE_ISSUE }]],
    [
      'a score that is not finite',
      { risk_levels: { medium_from: Number.NaN, high_from: Number.POSITIVE_INFINITY } },
      [
        { field: 'decision_rules.risk_levels.medium_from', issue: SCORE_ISSUE },
        { field: 'decision_rules.risk_levels.high_from', issue: SCORE_ISSUE },
      ],
    ],
    [
      'risk levels out of order',
      { risk_levels: { medium_from: 60, high_from: 40 } },
      [{ field: 'decision_rules.risk_levels.high_from', issue: 'must not be below medium_from (60)' }],
    ],
    [
      'a medium level above the default high one',
      { risk_levels: { medium_from: 80 } },
      [{ field: 'decision_rules.risk_levels.medium_from', issue: 'must not exceed high_from (70)' }],
    ],
    [
      'an approval threshold above the review one',
      { approve_below: 80 },
      [{ field: 'decision_rules.approve_below', issue: 'must not exceed review_from (70)' }],
    ],
    [
      'a rejection threshold below the review one',
      { reject_from: 50 },
      [{ field: 'decision_rules.reject_from', issue: 'must not be below review_from (70)' }],
    ],
    [
      'no comparison with a refused value',
      { approve_below: 80, review_from: 'high', reject_from: 85 },
      [{ field: 'decision_rules.review_from', issue: SCORE_ISSUE }],
    ],
    [
      'a face threshold at 1',
      { face_match: { threshold: 1 } },
      [
        {
          field: 'decision_rules.face_match.threshold',
          issue: 'must be a number greater than 0 and less than 1',
        },
      ],
    ],
    [
      'a face threshold at 0',
      { face_match: { threshold: 0 } },
      [
        {
          field: 'decision_rules.face_match.threshold',
          issue: 'must be a number greater than 0 and less than 1',
        },
      ],
    ],
    [
      'a face threshold below the default reject_below',
      { face_match: { threshold: 0.1 } },
      [{ field: 'decision_rules.face_match.threshold', issue: 'must not be below reject_below (0.2)' }],
    ],
    [
      'a face reject_below above the threshold',
      { face_match: { threshold: 0.6, reject_below: 0.7 } },
      [{ field: 'decision_rules.face_match.threshold', issue: 'must not be below reject_below (0.7)' }],
    ],
    [
      'a negative face reject_below',
      { face_match: { reject_below: -0.1 } },
      [{ field: 'decision_rules.face_match.reject_below', issue: 'must be a number from 0 to less than 1' }],
    ],
    [
      'an outcome that does not exist',
      { on: { document_expired: 'ignore', face_mismatch: null } },
      [
        { field: 'decision_rules.on.document_expired', issue: `must be one of: ${RULE_OUTCOMES.join(', ')}` },
        { field: 'decision_rules.on.face_mismatch', issue: `must be one of: ${RULE_OUTCOMES.join(', ')}` },
      ],
    ],
  ])('refuses %s, naming the field', (_name, raw, expected) => {
    expect(validate(raw).problems).toEqual(expected);
  });

  it('reads every refused value as its default, so that the rest is still checked', () => {
    const { rules, problems } = validate({
      approve_below: 'low',
      on: { list_match: 'rejected', crypto_match: 1 },
    });
    expect(problems.map((problem) => problem.field)).toEqual([
      'decision_rules.approve_below',
      'decision_rules.on.crypto_match',
    ]);
    expect(rules.approve_below).toBe(DEFAULT_DECISION_RULES.approve_below);
    expect(rules.on).toEqual({ ...DEFAULT_DECISION_RULES.on, list_match: 'rejected' });
  });
});

describe('decisionRulesOf', () => {
  it('reads a version published before decision rules existed with the defaults', () => {
    expect(decisionRulesOf({})).toEqual(DEFAULT_DECISION_RULES);
  });

  it('reads a version published before a finding existed with that finding’s default', () => {
    const { web_invalid: _added, ...older } = {
      ...DEFAULT_DECISION_RULES.on,
      list_match: 'rejected' as const,
    };
    const stored = { ...DEFAULT_DECISION_RULES, on: older } as unknown as DecisionRules;
    expect(decisionRulesOf({ decision_rules: stored }).on).toEqual({
      ...DEFAULT_DECISION_RULES.on,
      list_match: 'rejected',
    });
  });

  it('reads a version’s own rules as they were published', () => {
    const tuned: DecisionRules = {
      risk_levels: { medium_from: 20, high_from: 60 },
      approve_below: 15,
      review_from: 50,
      reject_from: 95,
      face_match: { threshold: 0.85, reject_below: 0.3 },
      on: { ...DEFAULT_DECISION_RULES.on, adverse_media_review: 'manual_review' },
    };
    expect(decisionRulesOf({ decision_rules: tuned })).toEqual(tuned);
  });
});
