import type {
  AutomaticDecision,
  CrossValidationIssue,
  DocumentExtraction,
  FaceMatchResult,
  ScreeningHit,
  WebValidationResult,
} from '@kyc/session-domain';
import { decisionRulesOf, type DecisionRules } from '@kyc/workflow-domain';
import { describe, expect, it } from 'vitest';
import {
  decideProcessingOutcome,
  type Decision,
  type DecisionInput,
} from './decide-processing-outcome';
import { DECISION_SEVERITY, mostSevereDecision } from './decision-severity';

// Personal data the fixtures carry; no reason message may repeat any of it.
const PERSONAL = ['MUSTERMANN', 'ERIKA', 'T22000129', '1964-08-12', 'erika.example', 'Erika Mustermann'];

const extraction = (overrides: Partial<DocumentExtraction> = {}): DocumentExtraction => ({
  status: 'extracted',
  source: 'mrz',
  document_type: 'id_card',
  issuing_country: 'DE',
  full_name: 'ERIKA MUSTERMANN',
  surname: 'MUSTERMANN',
  given_names: 'ERIKA',
  document_number: 'T22000129',
  date_of_birth: '1964-08-12',
  nationality: 'DE',
  expiry_date: '2031-10-31',
  sex: 'F',
  check_digits_valid: true,
  failed_checks: [],
  field_confidence: { document_number: 0.99, date_of_birth: 0.98 },
  ...overrides,
});

const unreadable = (code = 'mrz_not_found'): DocumentExtraction => ({
  ...extraction(),
  status: 'failed',
  full_name: null,
  document_number: null,
  check_digits_valid: false,
  error: { code, message: 'no machine-readable zone in the image' },
});

const issue = (code: string, field: string): CrossValidationIssue => ({
  code,
  field,
  message: `Erika Mustermann born 1964-08-12 (${code})`,
});

const face = (status: FaceMatchResult['status'], confidence: number, code?: string): FaceMatchResult => ({
  status,
  confidence,
  threshold: 0.8,
  document_id: 'doc_id',
  selfie_id: 'doc_selfie',
  ...(code ? { code } : {}),
});

const hit: ScreeningHit = {
  match_id: 'm1',
  source: 'lists',
  entity_id: 'e1',
  list: 'ofac',
  name: 'Erika Mustermann',
  matched_name: 'Erika Mustermann',
  score: 0.97,
  type: 'person',
  programs: ['SDGT'],
  subject: 'Erika Mustermann',
  explanation: {},
};

const website = (status: WebValidationResult['status'], field_id = 'website'): WebValidationResult => ({
  step_id: 'company',
  field_id,
  url: 'https://erika.example',
  status,
  ...(status === 'valid' ? {} : { code: status === 'refused' ? 'private_address' : 'dns_not_resolved' }),
  checks: { syntax: true, dns: null, tls: null, http: null },
  checked_at: '2024-11-22T10:45:00.000Z',
});

type Tune = (rules: DecisionRules) => void;

/** Everything enabled and passed, no hit, adverse media CLEAR at 0: no finding at all. */
function cleanInput(tune: Tune = () => undefined): DecisionInput {
  const rules = decisionRulesOf({});
  tune(rules);
  return {
    extractions: { doc_id: extraction() },
    cross_validation: { status: 'passed', warnings: [], errors: [] },
    face_match: face('matched', 0.93),
    external: {
      lists_check: {
        is_match: false,
        match_count: 0,
        lists_checked: ['ofac', 'un'],
        names_checked: 1,
        matches: [],
      },
      crypto_check: { is_match: false, match_count: 0, addresses_checked: 1, matches: [] },
      adverse_media_check: { risk_score: 0, decision: 'CLEAR', provider: 'local', articles: [] },
    },
    web: [website('valid')],
    rules,
  };
}

type Change = (input: DecisionInput) => void;

const adverse =
  (risk_score: number, decision: 'CLEAR' | 'REVIEW'): Change =>
  (input) => {
    input.external.adverse_media_check = { risk_score, decision, provider: 'local', articles: [] };
  };
const listMatch: Change = (input) => {
  input.external.lists_check = {
    is_match: true,
    match_count: 2,
    lists_checked: ['ofac', 'un'],
    names_checked: 1,
    matches: [hit, { ...hit, match_id: 'm2' }],
  };
};
const cryptoMatch: Change = (input) => {
  input.external.crypto_check = {
    is_match: true,
    match_count: 1,
    addresses_checked: 1,
    matches: [{ ...hit, source: 'crypto' }],
  };
};
const crossErrors =
  (...errors: CrossValidationIssue[]): Change =>
  (input) => {
    input.cross_validation = { status: 'failed', warnings: input.cross_validation.warnings, errors };
  };
const crossWarnings =
  (count: number): Change =>
  (input) => {
    const warnings = Array.from({ length: count }, (_, index) =>
      issue('name_partial_match', `form.f${index}`),
    );
    input.cross_validation = { ...input.cross_validation, status: 'warning', warnings };
  };

const decide = (...changes: Change[]): Decision => decideWith(() => undefined, ...changes);
function decideWith(tune: Tune, ...changes: Change[]): Decision {
  const input = cleanInput(tune);
  for (const change of changes) change(input);
  return decideProcessingOutcome(input);
}
/** The reasons as code:outcome, in the order given. */
const reasonsOf = (decision: Decision) => decision.decision_reasons.map((r) => `${r.code}:${r.outcome}`);

describe('decideProcessingOutcome: one rule at a time, default rules', () => {
  it.each<[string, Change[], number, string, AutomaticDecision, string[]]>([
    ['nothing found', [], 0, 'low', 'approved', []],
    [
      'a check digit failure read by the extraction',
      [
        (input) => {
          input.extractions['doc_id'] = extraction({
            check_digits_valid: false,
            failed_checks: ['document_number'],
          });
        },
      ],
      30,
      'medium',
      'manual_review',
      ['check_digits_failed:manual_review', 'risk_score:flagged'],
    ],
    [
      'a check digit failure reported by the cross-validation',
      [crossErrors(issue('check_digits_failed', 'doc_id.document_number'))],
      30,
      'medium',
      'manual_review',
      ['check_digits_failed:manual_review', 'risk_score:flagged'],
    ],
    [
      'a check digit failure reported by both, counted once',
      [
        (input) => {
          input.extractions['doc_id'] = extraction({
            check_digits_valid: false,
            failed_checks: ['composite'],
          });
        },
        crossErrors(issue('check_digits_failed', 'doc_id.composite')),
      ],
      30,
      'medium',
      'manual_review',
      ['check_digits_failed:manual_review', 'risk_score:flagged'],
    ],
    [
      'an unreadable document',
      [
        (input) => {
          input.extractions['doc_id'] = unreadable();
        },
      ],
      25,
      'low',
      'manual_review',
      ['document_unreadable:manual_review'],
    ],
    [
      'two unreadable documents',
      [
        (input) => {
          input.extractions = { a: unreadable(), b: unreadable('file_corrupt') };
        },
      ],
      43.8,
      'medium',
      'manual_review',
      ['document_unreadable:manual_review', 'risk_score:flagged'],
    ],
    [
      'an expired document',
      [crossErrors(issue('document_expired', 'doc_id.expiry_date'))],
      40,
      'medium',
      'rejected',
      ['document_expired:rejected', 'risk_score:flagged'],
    ],
    [
      'a cross-validation error',
      [crossErrors(issue('name_mismatch', 'personal_info.full_name'))],
      35,
      'medium',
      'manual_review',
      ['cross_validation_error:manual_review', 'risk_score:flagged'],
    ],
    [
      'a failed cross-validation listing no error',
      [crossErrors()],
      35,
      'medium',
      'manual_review',
      ['cross_validation_error:manual_review', 'risk_score:flagged'],
    ],
    [
      'two cross-validation errors',
      [
        crossErrors(
          issue('name_mismatch', 'personal_info.full_name'),
          issue('date_of_birth_mismatch', 'personal_info.date_of_birth'),
        ),
      ],
      57.8,
      'medium',
      'manual_review',
      ['cross_validation_error:manual_review', 'risk_score:flagged'],
    ],
    [
      'a cross-validation warning',
      [crossWarnings(1)],
      5,
      'low',
      'flagged',
      ['cross_validation_warning:flagged'],
    ],
    [
      'three cross-validation warnings',
      [crossWarnings(3)],
      14.3,
      'low',
      'flagged',
      ['cross_validation_warning:flagged'],
    ],
    [
      'a face mismatch',
      [
        (input) => {
          input.face_match = face('not_matched', 0.05, 'face_mismatch');
        },
      ],
      60,
      'medium',
      'rejected',
      ['face_mismatch:rejected', 'risk_score:flagged'],
    ],
    [
      'an inconclusive face match',
      [
        (input) => {
          input.face_match = face('inconclusive', 0.55, 'face_match_inconclusive');
        },
      ],
      25,
      'low',
      'manual_review',
      ['face_inconclusive:manual_review'],
    ],
    [
      'no face',
      [
        (input) => {
          input.face_match = face('no_face', 0, 'no_face_in_selfie');
        },
      ],
      20,
      'low',
      'manual_review',
      ['face_not_found:manual_review'],
    ],
    [
      'several faces',
      [
        (input) => {
          input.face_match = face('multiple_faces', 0, 'multiple_faces_in_selfie');
        },
      ],
      20,
      'low',
      'manual_review',
      ['face_not_found:manual_review'],
    ],
    [
      'a face engine failure',
      [
        (input) => {
          input.face_match = face('failed', 0, 'face_engine_failed');
        },
      ],
      0,
      'low',
      'manual_review',
      ['face_match_failed:manual_review'],
    ],
    [
      'a standing list match',
      [listMatch],
      70,
      'high',
      'manual_review',
      ['list_match:manual_review', 'risk_score:manual_review'],
    ],
    [
      'a standing crypto match',
      [cryptoMatch],
      70,
      'high',
      'manual_review',
      ['crypto_match:manual_review', 'risk_score:manual_review'],
    ],
    [
      'a list check with no name to screen',
      [
        (input) => {
          input.external.lists_check = {
            is_match: false,
            match_count: 0,
            lists_checked: ['ofac'],
            names_checked: 0,
            matches: [],
          };
        },
      ],
      0,
      'low',
      'flagged',
      ['lists_no_subject:flagged'],
    ],
    [
      'adverse media CLEAR with some risk',
      [adverse(49, 'CLEAR')],
      29.4,
      'low',
      'approved',
      ['adverse_media_clear:approved'],
    ],
    [
      'adverse media REVIEW',
      [adverse(60, 'REVIEW')],
      36,
      'medium',
      'flagged',
      ['adverse_media_review:flagged', 'risk_score:flagged'],
    ],
    [
      'adverse media at its highest',
      [adverse(100, 'REVIEW')],
      60,
      'medium',
      'flagged',
      ['adverse_media_review:flagged', 'risk_score:flagged'],
    ],
    [
      'an adverse media provider down',
      [
        (input) => {
          input.external.adverse_media_check = {
            risk_score: 0,
            decision: 'REVIEW',
            provider: 'p',
            articles: [],
            error: 'provider_unavailable',
          };
        },
      ],
      0,
      'low',
      'manual_review',
      ['adverse_media_unavailable:manual_review'],
    ],
    [
      'a website that does not validate',
      [
        (input) => {
          input.web = [website('valid'), website('unreachable', 'blog')];
        },
      ],
      10,
      'low',
      'flagged',
      ['web_invalid:flagged'],
    ],
    [
      'a website refused as private',
      [
        (input) => {
          input.web = [website('refused')];
        },
      ],
      10,
      'low',
      'flagged',
      ['web_invalid:flagged'],
    ],
  ])('%s', (_name, changes, score, level, final, reasons) => {
    const decision = decide(...changes);
    expect(decision).toMatchObject({ risk_score: score, risk_level: level, final_decision: final });
    expect(reasonsOf(decision)).toEqual(reasons);
  });

  it('approves a clean session with low adverse media risk, and says why it scores above 0', () => {
    const decision = decide(adverse(10, 'CLEAR'));
    expect(decision).toMatchObject({ risk_score: 6, risk_level: 'low', final_decision: 'approved' });
    expect(decision.decision_reasons).toEqual([
      {
        code: 'adverse_media_clear',
        source: 'adverse_media',
        outcome: 'approved',
        message: 'Adverse media CLEAR with risk score 10 (0 articles). Risk 6 on its own.',
      },
    ]);
  });

  it('neither raises nor lowers the score for a check that did not run', () => {
    const none = (input: DecisionInput) => {
      input.face_match = null;
      input.external = { lists_check: null, crypto_check: null, adverse_media_check: null };
      input.web = [];
      input.extractions = {};
    };
    expect(decide(none)).toEqual({
      risk_score: 0,
      risk_level: 'low',
      final_decision: 'approved',
      decision_reasons: [],
    });
    expect(decide(none, listMatch).risk_score).toBe(decide(listMatch).risk_score);
    expect(decide(none, crossWarnings(1))).toEqual(decide(crossWarnings(1)));
  });

  it('names every reason by its source', () => {
    const decision = decide(
      (input) => {
        input.extractions = {
          a: unreadable(),
          b: extraction({ check_digits_valid: false, failed_checks: ['composite'] }),
        };
      },
      crossErrors(
        issue('document_expired', 'b.expiry_date'),
        issue('name_mismatch', 'personal_info.full_name'),
      ),
      crossWarnings(1),
      (input) => {
        input.face_match = face('inconclusive', 0.6);
      },
      listMatch,
      cryptoMatch,
      adverse(70, 'REVIEW'),
      (input) => {
        input.web = [website('invalid')];
      },
    );
    expect(Object.fromEntries(decision.decision_reasons.map((r) => [r.code, r.source]))).toEqual({
      document_unreadable: 'extraction',
      check_digits_failed: 'extraction',
      document_expired: 'cross_validation',
      cross_validation_error: 'cross_validation',
      cross_validation_warning: 'cross_validation',
      face_inconclusive: 'face_match',
      list_match: 'lists',
      crypto_match: 'crypto',
      adverse_media_review: 'adverse_media',
      web_invalid: 'web',
      risk_score: 'processing',
    });
    expect(decision).toMatchObject({ risk_score: 99.3, risk_level: 'high', final_decision: 'rejected' });
  });

  it('writes messages without personal data, even when the results hold some', () => {
    const decision = decide(
      (input) => {
        input.extractions = {
          a: unreadable(),
          b: extraction({ check_digits_valid: false, failed_checks: ['document_number'] }),
        };
      },
      crossErrors(
        issue('document_expired', 'b.expiry_date'),
        issue('name_mismatch', 'personal_info.full_name'),
      ),
      crossWarnings(2),
      (input) => {
        input.face_match = face('not_matched', 0.1, 'face_mismatch');
      },
      listMatch,
      cryptoMatch,
      (input) => {
        input.external.adverse_media_check = {
          risk_score: 80,
          decision: 'REVIEW',
          provider: 'local',
          articles: [
            {
              title: 'Erika Mustermann charged',
              source: 'news',
              date: '2024-01-01',
              categories: ['fraud'],
              match_score: 1,
              matched_text: 'Erika Mustermann',
            },
          ],
        };
      },
      (input) => {
        input.web = [website('invalid')];
      },
    );
    for (const reason of decision.decision_reasons) {
      for (const data of PERSONAL) expect(reason.message).not.toContain(data);
    }
    expect(decision.decision_reasons.find((r) => r.code === 'cross_validation_error')?.message).toBe(
      'Cross-validation found 1 error (name_mismatch on personal_info.full_name). Risk 35 on its own.',
    );
    expect(decision.decision_reasons.find((r) => r.code === 'face_mismatch')?.message).toBe(
      'The selfie does not match the document photo (face_mismatch, confidence 0.10, threshold 0.80). Risk 60 on its own.',
    );
  });
});

describe('decideProcessingOutcome: severity', () => {
  it('orders the decisions rejected > manual_review > flagged > approved', () => {
    expect(DECISION_SEVERITY).toEqual(['approved', 'flagged', 'manual_review', 'rejected']);
    expect(mostSevereDecision([])).toBe('approved');
    expect(mostSevereDecision(['flagged', 'approved'])).toBe('flagged');
    expect(mostSevereDecision(['flagged', 'manual_review', 'approved'])).toBe('manual_review');
    expect(mostSevereDecision(['manual_review', 'rejected', 'flagged'])).toBe('rejected');
  });

  it.each<[string, Change[], AutomaticDecision]>([
    ['flagged beats approved', [adverse(20, 'CLEAR'), crossWarnings(1)], 'flagged'],
    [
      'manual_review beats flagged',
      [
        crossWarnings(1),
        (input) => {
          input.face_match = face('inconclusive', 0.5);
        },
      ],
      'manual_review',
    ],
    [
      'rejected beats manual_review',
      [listMatch, crossErrors(issue('document_expired', 'doc_id.expiry_date'))],
      'rejected',
    ],
    ['the score rejects whatever the findings call for', [listMatch, cryptoMatch], 'rejected'],
    [
      'a name hit and adverse media about the same name do not reject on their own',
      [listMatch, adverse(80, 'REVIEW')],
      'manual_review',
    ],
  ])('%s', (_name, changes, final) => {
    const decision = decide(...changes);
    expect(decision.final_decision).toBe(final);
    expect(decision.decision_reasons[0].outcome).toBe(final);
  });

  it('lists the most severe reasons first, keeping the order of the checks among equals', () => {
    const decision = decide(
      (input) => {
        input.extractions['doc_id'] = unreadable();
      },
      crossWarnings(1),
      (input) => {
        input.face_match = face('not_matched', 0.1);
      },
      listMatch,
      (input) => {
        input.web = [website('invalid')];
      },
    );
    expect(reasonsOf(decision)).toEqual([
      'face_mismatch:rejected',
      'risk_score:rejected',
      'document_unreadable:manual_review',
      'list_match:manual_review',
      'cross_validation_warning:flagged',
      'web_invalid:flagged',
    ]);
    expect(decision.risk_score).toBe(92.3);
  });
});

describe('decideProcessingOutcome: rules the workflow tunes', () => {
  it.each<[string, Tune, Change[], AutomaticDecision, string[]]>([
    [
      'a list match that rejects',
      (r) => {
        r.on.list_match = 'rejected';
      },
      [listMatch],
      'rejected',
      ['list_match:rejected', 'risk_score:manual_review'],
    ],
    [
      'an expired document sent to review',
      (r) => {
        r.on.document_expired = 'manual_review';
      },
      [crossErrors(issue('document_expired', 'doc_id.expiry_date'))],
      'manual_review',
      ['document_expired:manual_review', 'risk_score:flagged'],
    ],
    [
      'a face mismatch sent to review',
      (r) => {
        r.on.face_mismatch = 'manual_review';
      },
      [
        (input) => {
          input.face_match = face('not_matched', 0.1);
        },
      ],
      'manual_review',
      ['face_mismatch:manual_review', 'risk_score:flagged'],
    ],
    [
      'warnings that only count through the score',
      (r) => {
        r.on.cross_validation_warning = 'approved';
      },
      [crossWarnings(2)],
      'approved',
      ['cross_validation_warning:approved'],
    ],
    [
      'adverse media review escalated',
      (r) => {
        r.on.adverse_media_review = 'manual_review';
      },
      [adverse(55, 'REVIEW')],
      'manual_review',
      ['adverse_media_review:manual_review', 'risk_score:flagged'],
    ],
    [
      'every other finding escalated',
      (r) => {
        r.on.web_invalid = 'rejected';
        r.on.face_inconclusive = 'flagged';
        r.on.face_not_found = 'rejected';
        r.on.crypto_match = 'rejected';
        r.on.check_digits_failed = 'rejected';
        r.on.document_unreadable = 'flagged';
        r.on.cross_validation_error = 'rejected';
      },
      [
        (input) => {
          input.web = [website('invalid')];
        },
      ],
      'rejected',
      ['web_invalid:rejected'],
    ],
    [
      'a lower review threshold',
      (r) => {
        r.review_from = 30;
      },
      [adverse(60, 'REVIEW')],
      'manual_review',
      ['risk_score:manual_review', 'adverse_media_review:flagged'],
    ],
    [
      'a lower rejection threshold',
      (r) => {
        r.reject_from = 70;
      },
      [listMatch],
      'rejected',
      ['risk_score:rejected', 'list_match:manual_review'],
    ],
    [
      'no automatic approval at all',
      (r) => {
        r.approve_below = 0;
      },
      [],
      'flagged',
      ['risk_score:flagged'],
    ],
  ])('%s', (_name, tune, changes, final, reasons) => {
    const decision = decideWith(tune, ...changes);
    expect(decision.final_decision).toBe(final);
    expect(reasonsOf(decision)).toEqual(reasons);
  });

  it('approves a session flagged by its score once approve_below is raised, still listing its reasons', () => {
    const quietWarnings: Tune = (r) => {
      r.on.cross_validation_warning = 'approved';
    };
    const changes = [adverse(45, 'CLEAR'), crossWarnings(2)];
    const flagged = decideWith(quietWarnings, ...changes);
    expect(flagged).toMatchObject({ risk_score: 34.1, risk_level: 'medium', final_decision: 'flagged' });
    expect(reasonsOf(flagged)).toEqual([
      'risk_score:flagged',
      'cross_validation_warning:approved',
      'adverse_media_clear:approved',
    ]);

    const raised = decideWith(
      (r) => {
        quietWarnings(r);
        r.approve_below = 40;
      },
      ...changes,
    );
    expect(raised).toMatchObject({ risk_score: 34.1, risk_level: 'medium', final_decision: 'approved' });
    expect(reasonsOf(raised)).toEqual(['cross_validation_warning:approved', 'adverse_media_clear:approved']);
  });

  it('draws the risk levels where the workflow says', () => {
    const unread = (input: DecisionInput) => {
      input.extractions['doc_id'] = unreadable();
    };
    expect(decide(unread).risk_level).toBe('low');
    const tuned = (r: DecisionRules) => {
      r.risk_levels = { medium_from: 20, high_from: 25 };
    };
    expect(decideWith(tuned, unread).risk_level).toBe('high');
    expect(
      decideWith(tuned, (input) => {
        input.face_match = face('no_face', 0);
      }).risk_level,
    ).toBe('medium');
    expect(decideWith(tuned).risk_level).toBe('low');
  });
});

describe('decideProcessingOutcome: invariants', () => {
  /** A small deterministic generator, so that a failure reproduces. */
  function* randomInputs(count: number): Generator<DecisionInput> {
    let seed = 20241122;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
    const outcomes = ['approved', 'flagged', 'manual_review', 'rejected'] as const;
    for (let index = 0; index < count; index += 1) {
      const input = cleanInput((rules) => {
        for (const key of Object.keys(rules.on) as (keyof DecisionRules['on'])[])
          rules.on[key] = pick(outcomes);
        const [a, b, c] = [next(), next(), next()].map((v) => Math.round(v * 100)).sort((x, y) => x - y);
        Object.assign(rules, { approve_below: a, review_from: b, reject_from: c });
      });
      input.extractions = Object.fromEntries(
        Array.from({ length: Math.floor(next() * 4) }, (_, i) => [
          `doc_${i}`,
          pick([
            extraction(),
            unreadable(),
            extraction({ check_digits_valid: false, failed_checks: ['composite'] }),
          ]),
        ]),
      );
      const errors = Array.from({ length: Math.floor(next() * 4) }, (_, i) =>
        issue(
          pick(['document_expired', 'check_digits_failed', 'name_mismatch', 'nationality_mismatch']),
          `f${i}`,
        ),
      );
      const warnings = Array.from({ length: Math.floor(next() * 6) }, (_, i) =>
        issue('name_partial_match', `w${i}`),
      );
      input.cross_validation = { status: pick(['passed', 'warning', 'failed'] as const), errors, warnings };
      input.face_match = pick([
        null,
        face('matched', 0.9),
        face('not_matched', 0.1),
        face('inconclusive', 0.5),
        face('no_face', 0),
        face('failed', 0),
      ]);
      if (next() < 0.3) listMatch(input);
      if (next() < 0.3) cryptoMatch(input);
      if (next() < 0.2) input.external.lists_check = null;
      adverse(Math.round(next() * 100), pick(['CLEAR', 'REVIEW'] as const))(input);
      input.web = Array.from({ length: Math.floor(next() * 4) }, (_, i) =>
        website(pick(['valid', 'invalid', 'unreachable', 'refused'] as const), `u${i}`),
      );
      yield input;
    }
  }

  it('keeps the score within 0..100 with one decimal, and explains the decision by its reasons', () => {
    for (const input of randomInputs(400)) {
      const decision = decideProcessingOutcome(input);
      expect(decision.risk_score).toBeGreaterThanOrEqual(0);
      expect(decision.risk_score).toBeLessThanOrEqual(100);
      expect(Math.round(decision.risk_score * 10) / 10).toBe(decision.risk_score);
      const outcomes = decision.decision_reasons.map((reason) => reason.outcome);
      expect(decision.final_decision).toBe(mostSevereDecision(outcomes));
      if (decision.final_decision !== 'approved') expect(outcomes).toContain(decision.final_decision);
      const severities = outcomes.map((outcome) => DECISION_SEVERITY.indexOf(outcome));
      expect(severities).toEqual([...severities].sort((a, b) => b - a));
      if (decision.risk_score > 0) expect(decision.decision_reasons.length).toBeGreaterThan(0);
    }
  });

  it('gives the same decision for the same results, whatever the order of the documents', () => {
    for (const input of randomInputs(100)) {
      const first = decideProcessingOutcome(input);
      const again = decideProcessingOutcome(structuredClone(input));
      const reversed = decideProcessingOutcome({
        ...input,
        extractions: Object.fromEntries(Object.entries(input.extractions).reverse()),
      });
      expect(again).toEqual(first);
      expect(reversed).toEqual(first);
    }
  });

  it('reaches 100 and no further when everything is found many times over', () => {
    const decision = decide(
      (input) => {
        input.extractions = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`d${i}`, unreadable()]));
      },
      crossErrors(...Array.from({ length: 50 }, (_, i) => issue('name_mismatch', `f${i}`))),
      listMatch,
      cryptoMatch,
      adverse(100, 'REVIEW'),
    );
    expect(decision).toMatchObject({ risk_score: 100, risk_level: 'high', final_decision: 'rejected' });
  });

  it('never lowers the score when a finding is added', () => {
    const changes: Change[] = [
      crossWarnings(1),
      (input) => {
        input.face_match = face('inconclusive', 0.5);
      },
      adverse(30, 'CLEAR'),
      listMatch,
    ];
    let previous = 0;
    for (let count = 1; count <= changes.length; count += 1) {
      const score = decide(...changes.slice(0, count)).risk_score;
      expect(score).toBeGreaterThan(previous);
      previous = score;
    }
  });
});
